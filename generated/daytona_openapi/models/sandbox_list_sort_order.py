from typing import Literal

SandboxListSortOrder = Literal["asc", "desc"]

SANDBOX_LIST_SORT_ORDER_VALUES: set[SandboxListSortOrder] = {
    "asc",
    "desc",
}


def check_sandbox_list_sort_order(value: str) -> SandboxListSortOrder:
    if value in SANDBOX_LIST_SORT_ORDER_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SANDBOX_LIST_SORT_ORDER_VALUES!r}"
    )
