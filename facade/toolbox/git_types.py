"""The data classes of ``sandbox.git``: what its methods return.

Names and fields follow the official SDK (``GitStatus``, ``FileStatus``, ``ListBranchResponse``,
``GitCommitResponse``). They are frozen: they describe what the toolbox answered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from daytona_openapi.models.git_status import GitStatus as _GeneratedGitStatus

__all__ = ["FileStatus", "GitCommitResponse", "GitStatus", "ListBranchResponse"]


@dataclass(frozen=True)
class FileStatus:
    """Git state of one changed or untracked file.

    Attributes:
        name: Path of the file, relative to the repository.
        staging: Its state in the index: ``"Unmodified"``, ``"Untracked"``, ``"Modified"``,
            ``"Added"``, ``"Deleted"``, ``"Renamed"``, ``"Copied"`` or ``"Updated but unmerged"``.
        worktree: Its state in the working tree (same values).
        extra: Additional detail, such as the original name of a renamed file.
    """

    name: str
    staging: str
    worktree: str
    extra: str = ""


@dataclass(frozen=True)
class GitStatus:
    """Branch and working-tree state of a repository (from :meth:`AsyncGit.status`).

    Attributes:
        current_branch: Name of the checked-out branch.
        ahead: Local commits not yet on the upstream branch.
        behind: Upstream commits not yet on the local branch.
        branch_published: True when the branch has an upstream on the remote.
        file_status: The changed and untracked files.
    """

    current_branch: str
    ahead: int = 0
    behind: int = 0
    branch_published: bool = False
    file_status: list[FileStatus] = field(default_factory=list)

    @classmethod
    def _from_generated(cls, status: _GeneratedGitStatus) -> GitStatus:
        from daytona_openapi.types import Unset

        def value(item: Any, default: Any) -> Any:
            return default if isinstance(item, Unset) or item is None else item

        return cls(
            current_branch=status.current_branch,
            ahead=int(value(status.ahead, 0)),
            behind=int(value(status.behind, 0)),
            branch_published=bool(value(status.branch_published, False)),
            file_status=[
                FileStatus(name=item.name, staging=str(item.staging), worktree=str(item.worktree), extra=item.extra)
                for item in status.file_status
            ],
        )


@dataclass(frozen=True)
class ListBranchResponse:
    """The branches of a repository (from :meth:`AsyncGit.branches`).

    Attributes:
        branches: Branch names.
    """

    branches: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class GitCommitResponse:
    """The commit :meth:`AsyncGit.commit` created.

    Attributes:
        sha: The commit's SHA.
    """

    sha: str
