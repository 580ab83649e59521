import datetime
from typing import Any

from ...models.list_sandboxes_paginated_sort import (
    ListSandboxesPaginatedSort,
)
from ...models.list_sandboxes_paginated_states_item import (
    ListSandboxesPaginatedStatesItem,
)
from ...models.paginated_sandboxes import PaginatedSandboxes
from ...models.sandbox_list_sort_order import SandboxListSortOrder
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> PaginatedSandboxes:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = PaginatedSandboxes.from_dict(response.json())

    return response_200


def request(
    *,
    page: float | Unset = UNSET,
    limit: float | Unset = UNSET,
    id: str | Unset = UNSET,
    name: str | Unset = UNSET,
    labels: str | Unset = UNSET,
    include_errored_deleted: bool | Unset = UNSET,
    states: list[ListSandboxesPaginatedStatesItem] | Unset = UNSET,
    snapshots: list[str] | Unset = UNSET,
    regions: list[str] | Unset = UNSET,
    min_cpu: float | Unset = UNSET,
    max_cpu: float | Unset = UNSET,
    min_memory_gi_b: float | Unset = UNSET,
    max_memory_gi_b: float | Unset = UNSET,
    min_disk_gi_b: float | Unset = UNSET,
    max_disk_gi_b: float | Unset = UNSET,
    last_event_after: datetime.datetime | Unset = UNSET,
    last_event_before: datetime.datetime | Unset = UNSET,
    sort: ListSandboxesPaginatedSort | Unset = UNSET,
    order: SandboxListSortOrder | Unset = UNSET,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[PaginatedSandboxes]:
    """List sandboxes by page number (deprecated) (``GET /sandbox/paginated``).

    Older page-number listing of sandboxes; prefer `listSandboxes`, which pages with a cursor.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``PaginatedSandboxes``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    params: dict[str, Any] = {}

    params["page"] = page

    params["limit"] = limit

    params["id"] = id

    params["name"] = name

    params["labels"] = labels

    params["includeErroredDeleted"] = include_errored_deleted

    json_states: list[str] | Unset = UNSET
    if not isinstance(states, Unset):
        json_states = []
        for states_item_data in states:
            states_item: str = states_item_data
            json_states.append(states_item)

    params["states"] = json_states

    json_snapshots: list[str] | Unset = UNSET
    if not isinstance(snapshots, Unset):
        json_snapshots = snapshots

    params["snapshots"] = json_snapshots

    json_regions: list[str] | Unset = UNSET
    if not isinstance(regions, Unset):
        json_regions = regions

    params["regions"] = json_regions

    params["minCpu"] = min_cpu

    params["maxCpu"] = max_cpu

    params["minMemoryGiB"] = min_memory_gi_b

    params["maxMemoryGiB"] = max_memory_gi_b

    params["minDiskGiB"] = min_disk_gi_b

    params["maxDiskGiB"] = max_disk_gi_b

    json_last_event_after: str | Unset = UNSET
    if not isinstance(last_event_after, Unset):
        json_last_event_after = last_event_after.isoformat()
    params["lastEventAfter"] = json_last_event_after

    json_last_event_before: str | Unset = UNSET
    if not isinstance(last_event_before, Unset):
        json_last_event_before = last_event_before.isoformat()
    params["lastEventBefore"] = json_last_event_before

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
        "/sandbox/paginated",
        _parse,
        params=params,
        headers=headers,
        **_kwargs,
    )
