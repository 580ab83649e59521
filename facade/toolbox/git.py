"""``sandbox.git``: git repositories inside a sandbox.

Each method sends one toolbox request (``{toolbox_proxy_url}/{sandbox_id}/git/...``) over the
client's shared connection pool; git itself runs in the sandbox. Credentials given to
:meth:`AsyncGit.clone`, :meth:`AsyncGit.push` and :meth:`AsyncGit.pull` are sent in the request
body only: they are never kept on the object, and any echo of them (or of credentials embedded
in a URL) in an error message is replaced by ``***``.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from types import ModuleType
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ..errors import DaytonaError, DaytonaValidationError
from .git_types import GitCommitResponse, GitStatus, ListBranchResponse

if TYPE_CHECKING:
    from .._api import ToolboxContext

__all__ = ["AsyncGit"]

# scheme://user[:password]@host -> scheme://***@host
_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^/\s@'\"]+@")
_MASK = "***"


def _require_str(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    if not value:
        raise DaytonaValidationError(f"{name} must not be empty")
    if "\x00" in value:
        raise DaytonaValidationError(f"{name} must not contain NUL characters")
    return value


def _optional_str(value: object, name: str) -> str | None:
    return None if value is None else _require_str(value, name)


def _optional_bool(value: object, name: str) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise TypeError(f"{name} must be a bool or None, got {type(value).__name__}")
    return value


def _scrub(text: str, secrets: Iterable[str]) -> str:
    """``text`` with URL credentials and each secret (plain or URL-encoded) replaced by ``***``."""
    text = _URL_CREDENTIALS.sub(lambda m: m.group(1) + _MASK + "@", text)
    for secret in secrets:
        for form in {secret, quote(secret, safe=""), quote(secret)}:
            if form:
                text = text.replace(form, _MASK)
    return text


def _credentials(username: str | None, password: str | None) -> None:
    if password is not None and username is None:
        raise DaytonaValidationError("a password (or token) needs a username too")


class AsyncGit:
    """Git operations on repositories in one sandbox (``sandbox.git``).

    ``path`` arguments are repository directories in the sandbox (relative ones are resolved from
    its working directory). Every method raises a :class:`~facade.errors.DaytonaError` subclass on
    failure, and :class:`~facade.errors.DaytonaValidationError` for bad input before anything is sent.
    """

    def __init__(self, ctx: ToolboxContext) -> None:
        self._ctx = ctx

    def __repr__(self) -> str:
        return f"AsyncGit(sandbox_id={self._ctx.sandbox_id!r})"

    async def _call(self, op: ModuleType, prefix: str, *, secrets: Iterable[str | None] = (), **kwargs: Any) -> Any:
        """Send ``op``; on failure, raise the same error with credentials scrubbed from its message."""
        hidden = [secret for secret in secrets if secret]
        try:
            return await self._ctx.call(op, error_prefix=prefix, **kwargs)
        except DaytonaError as exc:
            cleaned = _scrub(exc.message, hidden)
            if cleaned == exc.message:
                raise
            error = copy.copy(exc)
            error.headers = dict(exc.headers)
            error.message = cleaned
            error.args = (cleaned,)
        # Raised outside the except block so the original (unscrubbed) error is not chained to it.
        raise error

    async def clone(
        self,
        url: str,
        path: str,
        branch: str | None = None,
        commit_id: str | None = None,
        username: str | None = None,
        password: str | None = None,
        insecure_skip_tls: bool | None = None,
    ) -> None:
        """Clone the repository at ``url`` into ``path``, optionally at ``branch`` or ``commit_id``.

        Sends ``POST /git/clone`` with ``{url, path, branch?, commit_id?, username?, password?,
        insecure_skip_tls?}``. ``password`` may be an access token; it is never echoed in errors.

        Raises:
            DaytonaValidationError: Empty url or path, or a password without a username.
            DaytonaError: The clone failed (e.g. ``DaytonaNotFoundError``, ``DaytonaConflictError``
                if ``path`` is not empty).
        """
        from daytona_openapi.api.toolbox_git import git_clone
        from daytona_openapi.models.git_clone_request import GitCloneRequest
        from daytona_openapi.types import UNSET

        checked_url = _require_str(url, "url")
        checked_path = _require_str(path, "path")
        checked_branch = _optional_str(branch, "branch")
        checked_commit = _optional_str(commit_id, "commit_id")
        checked_user = _optional_str(username, "username")
        checked_password = _optional_str(password, "password")
        checked_insecure = _optional_bool(insecure_skip_tls, "insecure_skip_tls")
        _credentials(checked_user, checked_password)
        body = GitCloneRequest(
            url=checked_url,
            path=checked_path,
            branch=UNSET if checked_branch is None else checked_branch,
            commit_id=UNSET if checked_commit is None else checked_commit,
            username=UNSET if checked_user is None else checked_user,
            password=UNSET if checked_password is None else checked_password,
            insecure_skip_tls=UNSET if checked_insecure is None else checked_insecure,
        )
        await self._call(git_clone, "Failed to clone repository: ", secrets=(checked_password,), body=body)

    async def status(self, path: str) -> GitStatus:
        """The repository's current branch, its distance to the upstream, and its changed files.

        Sends ``GET /git/status?path=``.

        Raises:
            DaytonaError: ``path`` is not a repository, or the toolbox failed.
        """
        from daytona_openapi.api.toolbox_git import git_status
        from daytona_openapi.models.git_status import GitStatus as GeneratedStatus

        prefix = "Failed to get status: "
        result = await self._call(git_status, prefix, path=_require_str(path, "path"))
        if not isinstance(result, GeneratedStatus):
            raise DaytonaError(f"{prefix}unexpected response: expected a git status")
        return GitStatus._from_generated(result)

    async def branches(self, path: str) -> ListBranchResponse:
        """The repository's local branches. Sends ``GET /git/branches?path=``.

        Returns:
            A :class:`ListBranchResponse` whose ``branches`` lists the names.
        """
        from daytona_openapi.api.toolbox_git import git_list_branches
        from daytona_openapi.models.list_branch_response import ListBranchResponse as GeneratedBranches

        prefix = "Failed to list branches: "
        result = await self._call(git_list_branches, prefix, path=_require_str(path, "path"))
        if not isinstance(result, GeneratedBranches):
            raise DaytonaError(f"{prefix}unexpected response: expected a list of branches")
        return ListBranchResponse(branches=list(result.branches or []))  # null when the repository has no commit

    async def create_branch(self, path: str, name: str) -> None:
        """Create branch ``name`` at the current commit. Sends ``POST /git/branches`` with ``{path, name}``.

        Raises:
            DaytonaError: e.g. ``DaytonaConflictError`` if the branch exists.
        """
        from daytona_openapi.api.toolbox_git import git_create_branch
        from daytona_openapi.models.git_branch_request import GitBranchRequest

        body = GitBranchRequest(path=_require_str(path, "path"), name=_require_str(name, "name"))
        await self._call(git_create_branch, "Failed to create branch: ", body=body)

    async def delete_branch(self, path: str, name: str) -> None:
        """Delete branch ``name``. Sends ``DELETE /git/branches`` with the JSON body ``{path, name}``.

        Raises:
            DaytonaError: e.g. ``DaytonaNotFoundError`` if there is no such branch.
        """
        from daytona_openapi.api.toolbox_git import git_delete_branch
        from daytona_openapi.models.git_delete_branch_request import GitDeleteBranchRequest

        body = GitDeleteBranchRequest(path=_require_str(path, "path"), name=_require_str(name, "name"))
        await self._call(git_delete_branch, "Failed to delete branch: ", body=body)

    async def checkout_branch(self, path: str, branch: str) -> None:
        """Check out ``branch`` (or any revision). Sends ``POST /git/checkout`` with ``{path, branch}``."""
        from daytona_openapi.api.toolbox_git import git_checkout
        from daytona_openapi.models.git_checkout_request import GitCheckoutRequest

        body = GitCheckoutRequest(path=_require_str(path, "path"), branch=_require_str(branch, "branch"))
        await self._call(git_checkout, "Failed to checkout branch: ", body=body)

    async def add(self, path: str, files: list[str]) -> None:
        """Stage ``files`` (paths relative to the repository; ``["."]`` stages everything).

        Sends ``POST /git/add`` with ``{path, files}``.

        Raises:
            DaytonaValidationError: Empty path, or an empty list or file name (nothing sent).
        """
        from daytona_openapi.api.toolbox_git import git_add
        from daytona_openapi.models.git_add_request import GitAddRequest

        if isinstance(files, str | bytes) or not isinstance(files, Iterable):
            raise TypeError(f"files must be a list of str, got {type(files).__name__}")
        names = [_require_str(item, f"files[{i}]") for i, item in enumerate(files)]
        if not names:
            raise DaytonaValidationError("files must name at least one file (use ['.'] for everything)")
        body = GitAddRequest(path=_require_str(path, "path"), files=names)
        await self._call(git_add, "Failed to add files: ", body=body)

    async def commit(
        self, path: str, message: str, author: str, email: str, allow_empty: bool = False
    ) -> GitCommitResponse:
        """Commit the staged changes as ``author <email>``.

        Sends ``POST /git/commit`` with ``{path, message, author, email, allow_empty}``.

        Returns:
            A :class:`GitCommitResponse` with the new commit's ``sha``.

        Raises:
            DaytonaValidationError: Empty path, message, author or email (nothing sent).
            DaytonaError: e.g. nothing to commit without ``allow_empty=True``.
        """
        from daytona_openapi.api.toolbox_git import git_commit
        from daytona_openapi.models.git_commit_request import GitCommitRequest
        from daytona_openapi.models.git_commit_response import GitCommitResponse as GeneratedCommit

        if not isinstance(allow_empty, bool):
            raise TypeError(f"allow_empty must be a bool, got {type(allow_empty).__name__}")
        body = GitCommitRequest(
            path=_require_str(path, "path"),
            message=_require_str(message, "message"),
            author=_require_str(author, "author"),
            email=_require_str(email, "email"),
            allow_empty=allow_empty,
        )
        prefix = "Failed to commit changes: "
        result = await self._call(git_commit, prefix, body=body)
        if not isinstance(result, GeneratedCommit):
            raise DaytonaError(f"{prefix}unexpected response: expected the new commit")
        return GitCommitResponse(sha=result.hash_)

    async def push(self, path: str, username: str | None = None, password: str | None = None) -> None:
        """Push the current branch to its remote. Sends ``POST /git/push`` with ``{path, username?, password?}``.

        Raises:
            DaytonaValidationError: Empty path, or a password without a username.
        """
        await self._sync("push", path, username, password, "Failed to push changes: ")

    async def pull(self, path: str, username: str | None = None, password: str | None = None) -> None:
        """Pull the current branch from its remote. Sends ``POST /git/pull`` with ``{path, username?, password?}``.

        Raises:
            DaytonaValidationError: Empty path, or a password without a username.
        """
        await self._sync("pull", path, username, password, "Failed to pull changes: ")

    async def _sync(self, which: str, path: str, username: str | None, password: str | None, prefix: str) -> None:
        from daytona_openapi.api.toolbox_git import git_pull, git_push
        from daytona_openapi.models.git_repo_request import GitRepoRequest
        from daytona_openapi.types import UNSET

        checked_path = _require_str(path, "path")
        checked_user = _optional_str(username, "username")
        checked_password = _optional_str(password, "password")
        _credentials(checked_user, checked_password)
        body = GitRepoRequest(
            path=checked_path,
            username=UNSET if checked_user is None else checked_user,
            password=UNSET if checked_password is None else checked_password,
        )
        op = git_push if which == "push" else git_pull
        await self._call(op, prefix, secrets=(checked_password,), body=body)
