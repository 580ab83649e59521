from typing import Literal

SandboxClass = Literal["android", "container", "linux-vm", "windows"]

SANDBOX_CLASS_VALUES: set[SandboxClass] = {
    "android",
    "container",
    "linux-vm",
    "windows",
}


def check_sandbox_class(value: str) -> SandboxClass:
    if value in SANDBOX_CLASS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SANDBOX_CLASS_VALUES!r}"
    )
