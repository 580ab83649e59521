from enum import StrEnum
from typing import Literal, cast

ListSnapshotsOrder = Literal["asc", "desc"]

LIST_SNAPSHOTS_ORDER_VALUES: set[ListSnapshotsOrder] = {
    "asc",
    "desc",
}


def check_list_snapshots_order(value: str) -> ListSnapshotsOrder:
    """Accept ``value`` as ListSnapshotsOrder when parsing a response.

    A value outside LIST_SNAPSHOTS_ORDER_VALUES is kept as it is rather than rejected: the
    service adds values (e.g. new states) over time, and one new value must not make a whole
    response unreadable. Callers compare against LIST_SNAPSHOTS_ORDER_VALUES when they care.
    """
    return cast(ListSnapshotsOrder, value)


class ListSnapshotsOrderEnum(StrEnum):
    """The values of ListSnapshotsOrder as a string enum (members equal their values)."""

    ASC = "asc"
    DESC = "desc"
