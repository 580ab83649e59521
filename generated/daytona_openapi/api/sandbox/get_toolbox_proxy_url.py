from typing import Any
from urllib.parse import quote

from ...models.toolbox_proxy_url import ToolboxProxyUrl
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> ToolboxProxyUrl:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = ToolboxProxyUrl.from_dict(response.json())

    return response_200


def request(
    sandbox_id: str,
    *,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[ToolboxProxyUrl]:
    """Get the base URL of a sandbox's toolbox proxy (``GET /sandbox/{sandbox_id}/toolbox-proxy-url``).

    Toolbox operations for the sandbox are served at this URL followed by `/{sandboxId}`.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``ToolboxProxyUrl``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/sandbox/{sandbox_id}/toolbox-proxy-url".format(
            sandbox_id=quote(str(sandbox_id), safe=""),
        ),
        _parse,
        headers=headers,
        **_kwargs,
    )
