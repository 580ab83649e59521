import datetime
from typing import Any

from ...models.sandbox_class import SandboxClass
from ...models.sandbox_list_page import SandboxListPage
from ...models.sandbox_list_sort_field import SandboxListSortField
from ...models.sandbox_list_sort_order import SandboxListSortOrder
from ...models.sandbox_state import SandboxState
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> SandboxListPage:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = SandboxListPage.from_dict(response.json())

    return response_200


def request(
    *,
    cursor: str | Unset = UNSET,
    limit: float | Unset = UNSET,
    id: str | Unset = UNSET,
    name: str | Unset = UNSET,
    labels: str | Unset = UNSET,
    include_errored_deleted: bool | Unset = UNSET,
    states: list[SandboxState] | Unset = UNSET,
    snapshots: list[str] | Unset = UNSET,
    region_ids: list[str] | Unset = UNSET,
    sandbox_classes: list[SandboxClass] | Unset = UNSET,
    min_cpu: float | Unset = UNSET,
    max_cpu: float | Unset = UNSET,
    min_memory_gi_b: float | Unset = UNSET,
    max_memory_gi_b: float | Unset = UNSET,
    min_disk_gi_b: float | Unset = UNSET,
    max_disk_gi_b: float | Unset = UNSET,
    is_public: bool | Unset = UNSET,
    is_recoverable: bool | Unset = UNSET,
    created_at_after: datetime.datetime | Unset = UNSET,
    created_at_before: datetime.datetime | Unset = UNSET,
    last_event_after: datetime.datetime | Unset = UNSET,
    last_event_before: datetime.datetime | Unset = UNSET,
    sort: SandboxListSortField | Unset = UNSET,
    order: SandboxListSortOrder | Unset = UNSET,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[SandboxListPage]:
    """List sandboxes, one page at a time (``GET /sandbox``).

    Returns a page of the organization's sandboxes, filtered and sorted as asked. Pass the `nextCursor`
    of a page as `cursor` to get the next one; a null `nextCursor` means there are no more pages.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``SandboxListPage``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    params: dict[str, Any] = {}

    params["cursor"] = cursor

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

    json_region_ids: list[str] | Unset = UNSET
    if not isinstance(region_ids, Unset):
        json_region_ids = region_ids

    params["regionIds"] = json_region_ids

    json_sandbox_classes: list[str] | Unset = UNSET
    if not isinstance(sandbox_classes, Unset):
        json_sandbox_classes = []
        for sandbox_classes_item_data in sandbox_classes:
            sandbox_classes_item: str = sandbox_classes_item_data
            json_sandbox_classes.append(sandbox_classes_item)

    params["sandboxClasses"] = json_sandbox_classes

    params["minCpu"] = min_cpu

    params["maxCpu"] = max_cpu

    params["minMemoryGiB"] = min_memory_gi_b

    params["maxMemoryGiB"] = max_memory_gi_b

    params["minDiskGiB"] = min_disk_gi_b

    params["maxDiskGiB"] = max_disk_gi_b

    params["isPublic"] = is_public

    params["isRecoverable"] = is_recoverable

    json_created_at_after: str | Unset = UNSET
    if not isinstance(created_at_after, Unset):
        json_created_at_after = created_at_after.isoformat()
    params["createdAtAfter"] = json_created_at_after

    json_created_at_before: str | Unset = UNSET
    if not isinstance(created_at_before, Unset):
        json_created_at_before = created_at_before.isoformat()
    params["createdAtBefore"] = json_created_at_before

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
        "/sandbox",
        _parse,
        params=params,
        headers=headers,
        **_kwargs,
    )
