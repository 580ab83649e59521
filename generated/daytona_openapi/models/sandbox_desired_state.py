from enum import StrEnum
from typing import Literal, cast

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
    """Accept ``value`` as SandboxDesiredState when parsing a response.

    A value outside SANDBOX_DESIRED_STATE_VALUES is kept as it is rather than rejected: the
    service adds values (e.g. new states) over time, and one new value must not make a whole
    response unreadable. Callers compare against SANDBOX_DESIRED_STATE_VALUES when they care.
    """
    return cast(SandboxDesiredState, value)


class SandboxDesiredStateEnum(StrEnum):
    """The values of SandboxDesiredState as a string enum (members equal their values)."""

    ARCHIVED = "archived"
    DESTROYED = "destroyed"
    PAUSED = "paused"
    RESIZED = "resized"
    STARTED = "started"
    STOPPED = "stopped"
