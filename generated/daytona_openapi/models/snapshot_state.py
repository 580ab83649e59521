from enum import StrEnum
from typing import Literal, cast

SnapshotState = Literal[
    "active",
    "build_failed",
    "building",
    "error",
    "inactive",
    "pending",
    "pulling",
    "removing",
]

SNAPSHOT_STATE_VALUES: set[SnapshotState] = {
    "active",
    "build_failed",
    "building",
    "error",
    "inactive",
    "pending",
    "pulling",
    "removing",
}


def check_snapshot_state(value: str) -> SnapshotState:
    """Accept ``value`` as SnapshotState when parsing a response.

    A value outside SNAPSHOT_STATE_VALUES is kept as it is rather than rejected: the
    service adds values (e.g. new states) over time, and one new value must not make a whole
    response unreadable. Callers compare against SNAPSHOT_STATE_VALUES when they care.
    """
    return cast(SnapshotState, value)


class SnapshotStateEnum(StrEnum):
    """The values of SnapshotState as a string enum (members equal their values)."""

    ACTIVE = "active"
    BUILD_FAILED = "build_failed"
    BUILDING = "building"
    ERROR = "error"
    INACTIVE = "inactive"
    PENDING = "pending"
    PULLING = "pulling"
    REMOVING = "removing"
