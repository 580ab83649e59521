from typing import Any
from urllib.parse import quote

from ...models.signed_port_preview_url import SignedPortPreviewUrl
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> SignedPortPreviewUrl:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = SignedPortPreviewUrl.from_dict(response.json())

    return response_200


def request(
    sandbox_id_or_name: str,
    port: int,
    *,
    expires_in_seconds: int | Unset = UNSET,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[SignedPortPreviewUrl]:
    """Get a self-authenticating preview URL for a sandbox port (``GET /sandbox/{sandbox_id_or_name}/ports/{port}/signed-preview-url``).

    The URL carries its own token, so it works without headers until it expires.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``SignedPortPreviewUrl``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    params: dict[str, Any] = {}

    params["expiresInSeconds"] = expires_in_seconds

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/sandbox/{sandbox_id_or_name}/ports/{port}/signed-preview-url".format(
            sandbox_id_or_name=quote(str(sandbox_id_or_name), safe=""),
            port=quote(str(port), safe=""),
        ),
        _parse,
        params=params,
        headers=headers,
        **_kwargs,
    )
