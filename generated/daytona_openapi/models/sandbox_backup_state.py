from enum import StrEnum
from typing import Literal, cast

SandboxBackupState = Literal["Completed", "Error", "InProgress", "None", "Pending"]

SANDBOX_BACKUP_STATE_VALUES: set[SandboxBackupState] = {
    "Completed",
    "Error",
    "InProgress",
    "None",
    "Pending",
}


def check_sandbox_backup_state(value: str) -> SandboxBackupState:
    """Accept ``value`` as SandboxBackupState when parsing a response.

    A value outside SANDBOX_BACKUP_STATE_VALUES is kept as it is rather than rejected: the
    service adds values (e.g. new states) over time, and one new value must not make a whole
    response unreadable. Callers compare against SANDBOX_BACKUP_STATE_VALUES when they care.
    """
    return cast(SandboxBackupState, value)


class SandboxBackupStateEnum(StrEnum):
    """The values of SandboxBackupState as a string enum (members equal their values)."""

    COMPLETED = "Completed"
    ERROR = "Error"
    IN_PROGRESS = "InProgress"
    NONE = "None"
    PENDING = "Pending"
    INPROGRESS = IN_PROGRESS
