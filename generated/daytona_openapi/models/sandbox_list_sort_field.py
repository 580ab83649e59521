from enum import StrEnum
from typing import Literal, cast

SandboxListSortField = Literal[
    "cpu", "createdAt", "diskGib", "lastActivityAt", "memoryGib", "name"
]

SANDBOX_LIST_SORT_FIELD_VALUES: set[SandboxListSortField] = {
    "cpu",
    "createdAt",
    "diskGib",
    "lastActivityAt",
    "memoryGib",
    "name",
}


def check_sandbox_list_sort_field(value: str) -> SandboxListSortField:
    """Accept ``value`` as SandboxListSortField when parsing a response.

    A value outside SANDBOX_LIST_SORT_FIELD_VALUES is kept as it is rather than rejected: the
    service adds values (e.g. new states) over time, and one new value must not make a whole
    response unreadable. Callers compare against SANDBOX_LIST_SORT_FIELD_VALUES when they care.
    """
    return cast(SandboxListSortField, value)


class SandboxListSortFieldEnum(StrEnum):
    """The values of SandboxListSortField as a string enum (members equal their values)."""

    CPU = "cpu"
    CREATED_AT = "createdAt"
    DISK_GIB = "diskGib"
    LAST_ACTIVITY_AT = "lastActivityAt"
    MEMORY_GIB = "memoryGib"
    NAME = "name"
    CREATEDAT = CREATED_AT
    DISKGIB = DISK_GIB
    LASTACTIVITYAT = LAST_ACTIVITY_AT
    MEMORYGIB = MEMORY_GIB
