from typing import Literal

ListSnapshotsOrder = Literal["asc", "desc"]

LIST_SNAPSHOTS_ORDER_VALUES: set[ListSnapshotsOrder] = {
    "asc",
    "desc",
}


def check_list_snapshots_order(value: str) -> ListSnapshotsOrder:
    if value in LIST_SNAPSHOTS_ORDER_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_SNAPSHOTS_ORDER_VALUES!r}"
    )
