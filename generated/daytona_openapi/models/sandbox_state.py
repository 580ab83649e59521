from typing import Literal

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
    if value in SANDBOX_STATE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SANDBOX_STATE_VALUES!r}"
    )
