from typing import Literal

GitFileChange = Literal[
    "Added",
    "Copied",
    "Deleted",
    "Modified",
    "Renamed",
    "Unmodified",
    "Untracked",
    "Updated but unmerged",
]

GIT_FILE_CHANGE_VALUES: set[GitFileChange] = {
    "Added",
    "Copied",
    "Deleted",
    "Modified",
    "Renamed",
    "Unmodified",
    "Untracked",
    "Updated but unmerged",
}


def check_git_file_change(value: str) -> GitFileChange:
    if value in GIT_FILE_CHANGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GIT_FILE_CHANGE_VALUES!r}"
    )
