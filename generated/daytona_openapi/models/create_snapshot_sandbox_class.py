from enum import StrEnum
from typing import Literal, cast

CreateSnapshotSandboxClass = Literal["android", "container", "linux-vm", "windows"]

CREATE_SNAPSHOT_SANDBOX_CLASS_VALUES: set[CreateSnapshotSandboxClass] = {
    "android",
    "container",
    "linux-vm",
    "windows",
}


def check_create_snapshot_sandbox_class(value: str) -> CreateSnapshotSandboxClass:
    """Accept ``value`` as CreateSnapshotSandboxClass when parsing a response.

    A value outside CREATE_SNAPSHOT_SANDBOX_CLASS_VALUES is kept as it is rather than rejected: the
    service adds values (e.g. new states) over time, and one new value must not make a whole
    response unreadable. Callers compare against CREATE_SNAPSHOT_SANDBOX_CLASS_VALUES when they care.
    """
    return cast(CreateSnapshotSandboxClass, value)


class CreateSnapshotSandboxClassEnum(StrEnum):
    """The values of CreateSnapshotSandboxClass as a string enum (members equal their values)."""

    ANDROID = "android"
    CONTAINER = "container"
    LINUX_VM = "linux-vm"
    WINDOWS = "windows"
