from typing import Any

from ...models.list_snapshots_order import (
    ListSnapshotsOrder,
)
from ...models.list_snapshots_sort import ListSnapshotsSort
from ...models.paginated_snapshots import PaginatedSnapshots
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> PaginatedSnapshots:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = PaginatedSnapshots.from_dict(response.json())

    return response_200


def request(
    *,
    page: float | Unset = 1.0,
    limit: float | Unset = 100.0,
    name: str | Unset = UNSET,
    sort: ListSnapshotsSort | Unset = "lastUsedAt",
    order: ListSnapshotsOrder | Unset = "desc",
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[PaginatedSnapshots]:
    """List the organization's snapshots, one page at a time (``GET /snapshots``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``PaginatedSnapshots``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    params: dict[str, Any] = {}

    params["page"] = page

    params["limit"] = limit

    params["name"] = name

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort

    params["sort"] = json_sort

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order

    params["order"] = json_order

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/snapshots",
        _parse,
        params=params,
        headers=headers,
        **_kwargs,
    )
