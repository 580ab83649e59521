from enum import StrEnum
from typing import Literal, cast

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
    """Accept ``value`` as GitFileChange when parsing a response.

    A value outside GIT_FILE_CHANGE_VALUES is kept as it is rather than rejected: the
    service adds values (e.g. new states) over time, and one new value must not make a whole
    response unreadable. Callers compare against GIT_FILE_CHANGE_VALUES when they care.
    """
    return cast(GitFileChange, value)


class GitFileChangeEnum(StrEnum):
    """The values of GitFileChange as a string enum (members equal their values)."""

    ADDED = "Added"
    COPIED = "Copied"
    DELETED = "Deleted"
    MODIFIED = "Modified"
    RENAMED = "Renamed"
    UNMODIFIED = "Unmodified"
    UNTRACKED = "Untracked"
    UPDATED_BUT_UNMERGED = "Updated but unmerged"
