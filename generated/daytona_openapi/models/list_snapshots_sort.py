from typing import Literal

ListSnapshotsSort = Literal["createdAt", "lastUsedAt", "name", "state"]

LIST_SNAPSHOTS_SORT_VALUES: set[ListSnapshotsSort] = {
    "createdAt",
    "lastUsedAt",
    "name",
    "state",
}


def check_list_snapshots_sort(value: str) -> ListSnapshotsSort:
    if value in LIST_SNAPSHOTS_SORT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_SNAPSHOTS_SORT_VALUES!r}"
    )
