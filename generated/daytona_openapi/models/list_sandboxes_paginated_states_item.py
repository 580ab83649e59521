from typing import Literal

ListSandboxesPaginatedStatesItem = Literal[
    "archived",
    "archiving",
    "build_failed",
    "building_snapshot",
    "creating",
    "destroying",
    "error",
    "forking",
    "paused",
    "pausing",
    "pending_build",
    "pulling_snapshot",
    "resizing",
    "restoring",
    "resuming",
    "snapshotting",
    "started",
    "starting",
    "stopped",
    "stopping",
    "unknown",
]

LIST_SANDBOXES_PAGINATED_STATES_ITEM_VALUES: set[ListSandboxesPaginatedStatesItem] = {
    "archived",
    "archiving",
    "build_failed",
    "building_snapshot",
    "creating",
    "destroying",
    "error",
    "forking",
    "paused",
    "pausing",
    "pending_build",
    "pulling_snapshot",
    "resizing",
    "restoring",
    "resuming",
    "snapshotting",
    "started",
    "starting",
    "stopped",
    "stopping",
    "unknown",
}


def check_list_sandboxes_paginated_states_item(
    value: str,
) -> ListSandboxesPaginatedStatesItem:
    if value in LIST_SANDBOXES_PAGINATED_STATES_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_SANDBOXES_PAGINATED_STATES_ITEM_VALUES!r}"
    )
