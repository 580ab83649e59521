from enum import StrEnum
from typing import Literal, cast

SandboxListSortOrder = Literal["asc", "desc"]

SANDBOX_LIST_SORT_ORDER_VALUES: set[SandboxListSortOrder] = {
    "asc",
    "desc",
}


def check_sandbox_list_sort_order(value: str) -> SandboxListSortOrder:
    """Accept ``value`` as SandboxListSortOrder when parsing a response.

    A value outside SANDBOX_LIST_SORT_ORDER_VALUES is kept as it is rather than rejected: the
    service adds values (e.g. new states) over time, and one new value must not make a whole
    response unreadable. Callers compare against SANDBOX_LIST_SORT_ORDER_VALUES when they care.
    """
    return cast(SandboxListSortOrder, value)


class SandboxListSortOrderEnum(StrEnum):
    """The values of SandboxListSortOrder as a string enum (members equal their values)."""

    ASC = "asc"
    DESC = "desc"
