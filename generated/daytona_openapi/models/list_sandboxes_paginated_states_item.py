from enum import StrEnum
from typing import Literal, cast

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
    """Accept ``value`` as ListSandboxesPaginatedStatesItem when parsing a response.

    A value outside LIST_SANDBOXES_PAGINATED_STATES_ITEM_VALUES is kept as it is rather than rejected: the
    service adds values (e.g. new states) over time, and one new value must not make a whole
    response unreadable. Callers compare against LIST_SANDBOXES_PAGINATED_STATES_ITEM_VALUES when they care.
    """
    return cast(ListSandboxesPaginatedStatesItem, value)


class ListSandboxesPaginatedStatesItemEnum(StrEnum):
    """The values of ListSandboxesPaginatedStatesItem as a string enum (members equal their values)."""

    ARCHIVED = "archived"
    ARCHIVING = "archiving"
    BUILD_FAILED = "build_failed"
    BUILDING_SNAPSHOT = "building_snapshot"
    CREATING = "creating"
    DESTROYING = "destroying"
    ERROR = "error"
    FORKING = "forking"
    PAUSED = "paused"
    PAUSING = "pausing"
    PENDING_BUILD = "pending_build"
    PULLING_SNAPSHOT = "pulling_snapshot"
    RESIZING = "resizing"
    RESTORING = "restoring"
    RESUMING = "resuming"
    SNAPSHOTTING = "snapshotting"
    STARTED = "started"
    STARTING = "starting"
    STOPPED = "stopped"
    STOPPING = "stopping"
    UNKNOWN = "unknown"
