from typing import Any
from urllib.parse import quote

from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> None:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    return


def request(
    sandbox_id: str,
    *,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[None]:
    """Mark a sandbox as active now (``POST /sandbox/{sandbox_id}/last-activity``).

    Records activity on the sandbox, which postpones its auto-stop.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``None``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    _kwargs: dict[str, Any] = {}
    return Request(
        "POST",
        "/sandbox/{sandbox_id}/last-activity".format(
            sandbox_id=quote(str(sandbox_id), safe=""),
        ),
        _parse,
        headers=headers,
        **_kwargs,
    )
