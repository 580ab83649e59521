from enum import StrEnum
from typing import Literal, cast

ListSnapshotsSort = Literal["createdAt", "lastUsedAt", "name", "state"]

LIST_SNAPSHOTS_SORT_VALUES: set[ListSnapshotsSort] = {
    "createdAt",
    "lastUsedAt",
    "name",
    "state",
}


def check_list_snapshots_sort(value: str) -> ListSnapshotsSort:
    """Accept ``value`` as ListSnapshotsSort when parsing a response.

    A value outside LIST_SNAPSHOTS_SORT_VALUES is kept as it is rather than rejected: the
    service adds values (e.g. new states) over time, and one new value must not make a whole
    response unreadable. Callers compare against LIST_SNAPSHOTS_SORT_VALUES when they care.
    """
    return cast(ListSnapshotsSort, value)


class ListSnapshotsSortEnum(StrEnum):
    """The values of ListSnapshotsSort as a string enum (members equal their values)."""

    CREATED_AT = "createdAt"
    LAST_USED_AT = "lastUsedAt"
    NAME = "name"
    STATE = "state"
    CREATEDAT = CREATED_AT
    LASTUSEDAT = LAST_USED_AT
