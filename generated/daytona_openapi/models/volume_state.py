from typing import Literal

VolumeState = Literal[
    "creating",
    "deleted",
    "deleting",
    "error",
    "pending_create",
    "pending_delete",
    "ready",
]

VOLUME_STATE_VALUES: set[VolumeState] = {
    "creating",
    "deleted",
    "deleting",
    "error",
    "pending_create",
    "pending_delete",
    "ready",
}


def check_volume_state(value: str) -> VolumeState:
    if value in VOLUME_STATE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VOLUME_STATE_VALUES!r}"
    )
