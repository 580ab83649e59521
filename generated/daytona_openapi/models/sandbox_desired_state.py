from typing import Literal

SandboxDesiredState = Literal[
    "archived", "destroyed", "paused", "resized", "started", "stopped"
]

SANDBOX_DESIRED_STATE_VALUES: set[SandboxDesiredState] = {
    "archived",
    "destroyed",
    "paused",
    "resized",
    "started",
    "stopped",
}


def check_sandbox_desired_state(value: str) -> SandboxDesiredState:
    if value in SANDBOX_DESIRED_STATE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SANDBOX_DESIRED_STATE_VALUES!r}"
    )
