from typing import Literal

SnapshotSandboxClass = Literal["android", "container", "linux-vm", "windows"]

SNAPSHOT_SANDBOX_CLASS_VALUES: set[SnapshotSandboxClass] = {
    "android",
    "container",
    "linux-vm",
    "windows",
}


def check_snapshot_sandbox_class(value: str) -> SnapshotSandboxClass:
    if value in SNAPSHOT_SANDBOX_CLASS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SNAPSHOT_SANDBOX_CLASS_VALUES!r}"
    )
