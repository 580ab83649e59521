from enum import StrEnum
from typing import Literal, cast

SandboxState = Literal[
    "archived",
    "archiving",
    "build_failed",
    "building_snapshot",
    "creating",
    "destroyed",
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

SANDBOX_STATE_VALUES: set[SandboxState] = {
    "archived",
    "archiving",
    "build_failed",
    "building_snapshot",
    "creating",
    "destroyed",
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


def check_sandbox_state(value: str) -> SandboxState:
    """Accept ``value`` as SandboxState when parsing a response.

    A value outside SANDBOX_STATE_VALUES is kept as it is rather than rejected: the
    service adds values (e.g. new states) over time, and one new value must not make a whole
    response unreadable. Callers compare against SANDBOX_STATE_VALUES when they care.
    """
    return cast(SandboxState, value)


class SandboxStateEnum(StrEnum):
    """The values of SandboxState as a string enum (members equal their values)."""

    ARCHIVED = "archived"
    ARCHIVING = "archiving"
    BUILD_FAILED = "build_failed"
    BUILDING_SNAPSHOT = "building_snapshot"
    CREATING = "creating"
    DESTROYED = "destroyed"
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
