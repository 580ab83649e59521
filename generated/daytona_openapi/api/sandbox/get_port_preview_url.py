from typing import Any
from urllib.parse import quote

from ...models.port_preview_url import PortPreviewUrl
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> PortPreviewUrl:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = PortPreviewUrl.from_dict(response.json())

    return response_200


def request(
    sandbox_id_or_name: str,
    port: float,
    *,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[PortPreviewUrl]:
    """Get the preview URL of a sandbox port (``GET /sandbox/{sandbox_id_or_name}/ports/{port}/preview-url``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``PortPreviewUrl``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/sandbox/{sandbox_id_or_name}/ports/{port}/preview-url".format(
            sandbox_id_or_name=quote(str(sandbox_id_or_name), safe=""),
            port=quote(str(port), safe=""),
        ),
        _parse,
        headers=headers,
        **_kwargs,
    )
