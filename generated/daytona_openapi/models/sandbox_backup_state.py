from typing import Literal

SandboxBackupState = Literal["Completed", "Error", "InProgress", "None", "Pending"]

SANDBOX_BACKUP_STATE_VALUES: set[SandboxBackupState] = {
    "Completed",
    "Error",
    "InProgress",
    "None",
    "Pending",
}


def check_sandbox_backup_state(value: str) -> SandboxBackupState:
    if value in SANDBOX_BACKUP_STATE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SANDBOX_BACKUP_STATE_VALUES!r}"
    )
