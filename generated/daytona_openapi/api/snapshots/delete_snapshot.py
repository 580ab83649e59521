from typing import Any
from urllib.parse import quote

from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> None:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    return


def request(
    id: str,
    *,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[None]:
    """Delete a snapshot (``DELETE /snapshots/{id}``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``None``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    _kwargs: dict[str, Any] = {}
    return Request(
        "DELETE",
        "/snapshots/{id}".format(
            id=quote(str(id), safe=""),
        ),
        _parse,
        headers=headers,
        **_kwargs,
    )
