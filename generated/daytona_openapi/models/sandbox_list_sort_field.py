from typing import Literal

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
    if value in SANDBOX_LIST_SORT_FIELD_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SANDBOX_LIST_SORT_FIELD_VALUES!r}"
    )
