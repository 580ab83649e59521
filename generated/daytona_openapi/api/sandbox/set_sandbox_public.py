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
    is_public: bool,
    *,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[Sandbox]:
    """Make a sandbox's previews public or private (``POST /sandbox/{sandbox_id_or_name}/public/{is_public}``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``Sandbox``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    _kwargs: dict[str, Any] = {}
    return Request(
        "POST",
        "/sandbox/{sandbox_id_or_name}/public/{is_public}".format(
            sandbox_id_or_name=quote(str(sandbox_id_or_name), safe=""),
            is_public=quote(str(is_public), safe=""),
        ),
        _parse,
        headers=headers,
        **_kwargs,
    )
