from enum import StrEnum
from typing import Literal, cast

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
    """Accept ``value`` as VolumeState when parsing a response.

    A value outside VOLUME_STATE_VALUES is kept as it is rather than rejected: the
    service adds values (e.g. new states) over time, and one new value must not make a whole
    response unreadable. Callers compare against VOLUME_STATE_VALUES when they care.
    """
    return cast(VolumeState, value)


class VolumeStateEnum(StrEnum):
    """The values of VolumeState as a string enum (members equal their values)."""

    CREATING = "creating"
    DELETED = "deleted"
    DELETING = "deleting"
    ERROR = "error"
    PENDING_CREATE = "pending_create"
    PENDING_DELETE = "pending_delete"
    READY = "ready"
