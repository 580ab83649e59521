from typing import Any
from urllib.parse import quote

from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> None:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    return


def request(
    sandbox_id_or_name: str,
    port: int,
    token: str,
    *,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[None]:
    """Invalidate a signed preview URL before it expires (``POST /sandbox/{sandbox_id_or_name}/ports/{port}/signed-preview-url/{token}/expire``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``None``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    _kwargs: dict[str, Any] = {}
    return Request(
        "POST",
        "/sandbox/{sandbox_id_or_name}/ports/{port}/signed-preview-url/{token}/expire".format(
            sandbox_id_or_name=quote(str(sandbox_id_or_name), safe=""),
            port=quote(str(port), safe=""),
            token=quote(str(token), safe=""),
        ),
        _parse,
        headers=headers,
        **_kwargs,
    )
