from enum import StrEnum
from typing import Literal, cast

ListSandboxesPaginatedSort = Literal[
    "createdAt",
    "id",
    "lastActivityAt",
    "name",
    "region",
    "snapshot",
    "state",
    "updatedAt",
]

LIST_SANDBOXES_PAGINATED_SORT_VALUES: set[ListSandboxesPaginatedSort] = {
    "createdAt",
    "id",
    "lastActivityAt",
    "name",
    "region",
    "snapshot",
    "state",
    "updatedAt",
}


def check_list_sandboxes_paginated_sort(value: str) -> ListSandboxesPaginatedSort:
    """Accept ``value`` as ListSandboxesPaginatedSort when parsing a response.

    A value outside LIST_SANDBOXES_PAGINATED_SORT_VALUES is kept as it is rather than rejected: the
    service adds values (e.g. new states) over time, and one new value must not make a whole
    response unreadable. Callers compare against LIST_SANDBOXES_PAGINATED_SORT_VALUES when they care.
    """
    return cast(ListSandboxesPaginatedSort, value)


class ListSandboxesPaginatedSortEnum(StrEnum):
    """The values of ListSandboxesPaginatedSort as a string enum (members equal their values)."""

    CREATED_AT = "createdAt"
    ID = "id"
    LAST_ACTIVITY_AT = "lastActivityAt"
    NAME = "name"
    REGION = "region"
    SNAPSHOT = "snapshot"
    STATE = "state"
    UPDATED_AT = "updatedAt"
    CREATEDAT = CREATED_AT
    LASTACTIVITYAT = LAST_ACTIVITY_AT
    UPDATEDAT = UPDATED_AT
