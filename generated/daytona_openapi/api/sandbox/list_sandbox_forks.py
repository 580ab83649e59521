from typing import Any
from urllib.parse import quote

from ...models.sandbox import Sandbox
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> list[Sandbox]:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = []
    _response_200 = response.json()
    for response_200_item_data in _response_200:
        response_200_item = Sandbox.from_dict(response_200_item_data)

        response_200.append(response_200_item)

    return response_200


def request(
    sandbox_id_or_name: str,
    *,
    include_destroyed: bool | Unset = UNSET,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[list[Sandbox]]:
    """List the sandboxes forked from a sandbox (``GET /sandbox/{sandbox_id_or_name}/forks``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``list[Sandbox]``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    params: dict[str, Any] = {}

    params["includeDestroyed"] = include_destroyed

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/sandbox/{sandbox_id_or_name}/forks".format(
            sandbox_id_or_name=quote(str(sandbox_id_or_name), safe=""),
        ),
        _parse,
        params=params,
        headers=headers,
        **_kwargs,
    )
