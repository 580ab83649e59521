from typing import Literal

CreateSnapshotSandboxClass = Literal["android", "container", "linux-vm", "windows"]

CREATE_SNAPSHOT_SANDBOX_CLASS_VALUES: set[CreateSnapshotSandboxClass] = {
    "android",
    "container",
    "linux-vm",
    "windows",
}


def check_create_snapshot_sandbox_class(value: str) -> CreateSnapshotSandboxClass:
    if value in CREATE_SNAPSHOT_SANDBOX_CLASS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CREATE_SNAPSHOT_SANDBOX_CLASS_VALUES!r}"
    )
