from enum import StrEnum
from typing import Literal, cast

SandboxClass = Literal["android", "container", "linux-vm", "windows"]

SANDBOX_CLASS_VALUES: set[SandboxClass] = {
    "android",
    "container",
    "linux-vm",
    "windows",
}


def check_sandbox_class(value: str) -> SandboxClass:
    """Accept ``value`` as SandboxClass when parsing a response.

    A value outside SANDBOX_CLASS_VALUES is kept as it is rather than rejected: the
    service adds values (e.g. new states) over time, and one new value must not make a whole
    response unreadable. Callers compare against SANDBOX_CLASS_VALUES when they care.
    """
    return cast(SandboxClass, value)


class SandboxClassEnum(StrEnum):
    """The values of SandboxClass as a string enum (members equal their values)."""

    ANDROID = "android"
    CONTAINER = "container"
    LINUX_VM = "linux-vm"
    WINDOWS = "windows"
