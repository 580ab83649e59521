from typing import Any
from urllib.parse import quote

from ...models.sandbox import Sandbox
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> Sandbox:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_201 = Sandbox.from_dict(response.json())

    return response_201


def request(
    sandbox_id_or_name: str,
    *,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[Sandbox]:
    """Start a backup of a sandbox (``POST /sandbox/{sandbox_id_or_name}/backup``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``Sandbox``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    _kwargs: dict[str, Any] = {}
    return Request(
        "POST",
        "/sandbox/{sandbox_id_or_name}/backup".format(
            sandbox_id_or_name=quote(str(sandbox_id_or_name), safe=""),
        ),
        _parse,
        headers=headers,
        **_kwargs,
    )
