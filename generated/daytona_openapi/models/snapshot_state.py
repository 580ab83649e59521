from typing import Literal

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
    if value in SNAPSHOT_STATE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SNAPSHOT_STATE_VALUES!r}"
    )
