from enum import StrEnum
from typing import Literal, cast

SnapshotSandboxClass = Literal["android", "container", "linux-vm", "windows"]

SNAPSHOT_SANDBOX_CLASS_VALUES: set[SnapshotSandboxClass] = {
    "android",
    "container",
    "linux-vm",
    "windows",
}


def check_snapshot_sandbox_class(value: str) -> SnapshotSandboxClass:
    """Accept ``value`` as SnapshotSandboxClass when parsing a response.

    A value outside SNAPSHOT_SANDBOX_CLASS_VALUES is kept as it is rather than rejected: the
    service adds values (e.g. new states) over time, and one new value must not make a whole
    response unreadable. Callers compare against SNAPSHOT_SANDBOX_CLASS_VALUES when they care.
    """
    return cast(SnapshotSandboxClass, value)


class SnapshotSandboxClassEnum(StrEnum):
    """The values of SnapshotSandboxClass as a string enum (members equal their values)."""

    ANDROID = "android"
    CONTAINER = "container"
    LINUX_VM = "linux-vm"
    WINDOWS = "windows"
