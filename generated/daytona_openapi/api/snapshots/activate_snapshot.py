from typing import Any
from urllib.parse import quote

from ...models.snapshot import Snapshot
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> Snapshot:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = Snapshot.from_dict(response.json())

    return response_200


def request(
    id: str,
    *,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[Snapshot]:
    """Make an inactive snapshot usable again (``POST /snapshots/{id}/activate``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``Snapshot``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    _kwargs: dict[str, Any] = {}
    return Request(
        "POST",
        "/snapshots/{id}/activate".format(
            id=quote(str(id), safe=""),
        ),
        _parse,
        headers=headers,
        **_kwargs,
    )
