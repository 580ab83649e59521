from typing import Literal

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
    if value in LIST_SANDBOXES_PAGINATED_SORT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_SANDBOXES_PAGINATED_SORT_VALUES!r}"
    )
