"""`/git/*`: the daemon's git handlers (``apps/daemon/pkg/toolbox/git``) over its go-git service
(``apps/daemon/pkg/git``), reproduced with the real ``git`` binary.

Errors are JSON (``{statusCode, message, code, timestamp, path, method}``), classified as the handlers'
``classifyGitError`` does: authentication 401, authorization 403, missing repository/reference/object/remote
404, non-fast-forward and unstaged changes 409, everything else 500 ``INTERNAL_SERVER_ERROR`` with go-git's
message (``cannot create empty commit: clean working tree``, ``a branch named "refs/heads/x" already
exists``, ...). A body that does not bind is a 400 ``INVALID_REQUEST_BODY``; a missing ``path`` query a 400
``BAD_REQUEST``.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from daytona_emulator.errors import EmulatorHTTPError
from daytona_emulator.toolbox import fs_ops
from daytona_emulator.toolbox.common import workspace_of
from daytona_emulator.toolbox.daemon_http import (
    bad_request,
    conflict,
    forbidden,
    go_json,
    internal,
    invalid_body,
    not_found,
    unauthorized,
)
from daytona_emulator.toolbox.gin_binding import BindError, GoField, bind
from daytona_emulator.toolbox.git_cli import (
    Credentials,
    Git,
    encode_commit,
    go_time_json,
    now_utc,
    parse_commit,
    parse_signature,
    parse_status,
)
from daytona_emulator.toolbox.paths import HOME, SandboxPaths
from daytona_emulator.toolbox.workspace import SandboxWorkspace

_URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_SCP_LIKE = re.compile(r"^[\w.-]+@[\w.-]+:")
_INVALID_SIGNATURE_CHARS = re.compile(r"[<>\n]")
_ZERO_HASH = "0" * 40

# The request structs (apps/daemon/pkg/toolbox/git/types.go).
_ADD = (GoField("Path", "path", "string", True), GoField("Files", "files", "[]string", True))
_CLONE = (
    GoField("URL", "url", "string", True),
    GoField("Path", "path", "string", True),
    GoField("Username", "username", "*string"),
    GoField("Password", "password", "*string"),
    GoField("Branch", "branch", "*string"),
    GoField("CommitID", "commit_id", "*string"),
    GoField("InsecureSkipTLS", "insecure_skip_tls", "*bool"),
)
_COMMIT = (
    GoField("Path", "path", "string", True),
    GoField("Message", "message", "string", True),
    GoField("Author", "author", "string", True),
    GoField("Email", "email", "string", True),
    GoField("AllowEmpty", "allow_empty", "bool"),
)
_BRANCH = (GoField("Path", "path", "string", True), GoField("Name", "name", "string", True))
_REPO = (
    GoField("Path", "path", "string", True),
    GoField("Username", "username", "*string"),
    GoField("Password", "password", "*string"),
)
_CHECKOUT = (GoField("Path", "path", "string", True), GoField("Branch", "branch", "string", True))


class GoGitError(Exception):
    """A go-git failure: its message and the sentinel class ``classifyGitError`` maps it by."""

    def __init__(self, message: str, kind: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind  # "unauthorized", "forbidden", "not_found", "conflict" or None (500)

    def wrap(self, prefix: str) -> GoGitError:
        return GoGitError(f"{prefix}{self.message}", self.kind)

    def http(self) -> EmulatorHTTPError:
        makers = {"unauthorized": unauthorized, "forbidden": forbidden, "not_found": not_found, "conflict": conflict}
        maker = makers.get(self.kind or "")
        return maker(self.message) if maker else internal(self.message)


REPOSITORY_NOT_EXISTS = GoGitError("repository does not exist", "not_found")
REFERENCE_NOT_FOUND = GoGitError("reference not found", "not_found")
OBJECT_NOT_FOUND = GoGitError("object not found", "not_found")
UNSTAGED_CHANGES = GoGitError("worktree contains unstaged changes", "conflict")
BARE_REPOSITORY = GoGitError("worktree not available in a bare repository")


async def _bound(request: Request, struct: str, fields: tuple[GoField, ...]) -> dict[str, Any]:
    try:
        return bind(await request.body(), struct, fields)
    except BindError as exc:
        raise invalid_body(f"invalid request body: {exc}") from exc


def _credentials(body: dict[str, Any]) -> Credentials:
    return Credentials(body.get("username"), body.get("password"))


@dataclass
class Repo:
    host: Path
    bare: bool


def _repo_host(paths: SandboxPaths, given: str) -> Path | None:
    """The host directory for go-git's ``PlainOpen(path)`` (``~`` is the home; relative to the working dir)."""
    text = HOME + given[1:] if given == "~" or given.startswith("~/") else given
    try:
        return fs_ops.resolve(paths, text)
    except OSError:
        return None


def _open(workspace: SandboxWorkspace, given: str, *, worktree: bool = True) -> Repo:
    """go-git's ``PlainOpen`` (the directory itself, no search upwards) and, when asked, ``Worktree()``."""
    host = _repo_host(workspace.paths, given)
    if host is None:
        raise REPOSITORY_NOT_EXISTS
    dot_git = host / ".git"
    if dot_git.is_file() or (dot_git.is_dir() and (dot_git / "HEAD").exists()):
        return Repo(host, bare=False)
    if host.is_dir() and (host / "HEAD").is_file() and (host / "objects").is_dir():
        if worktree:
            raise BARE_REPOSITORY
        return Repo(host, bare=True)
    raise REPOSITORY_NOT_EXISTS


async def _head(git: Git, repo: Repo) -> str:
    """``repo.Head()``: the commit HEAD resolves to (404 "reference not found" on an unborn branch)."""
    result = await git.run("rev-parse", "--verify", "-q", "HEAD^{commit}", cwd=repo.host)
    if not result.ok:
        raise REFERENCE_NOT_FOUND
    return result.text.strip()


async def _head_target(git: Git, repo: Repo) -> str | None:
    """The branch HEAD points to (``refs/heads/x``), or None when HEAD is detached."""
    result = await git.run("symbolic-ref", "-q", "HEAD", cwd=repo.host)
    return result.text.strip() if result.ok and result.text.strip() else None


def _short(ref: str) -> str:
    for prefix in ("refs/heads/", "refs/tags/", "refs/remotes/", "refs/notes/", "refs/"):
        if ref.startswith(prefix):
            return ref[len(prefix) :]
    return ref


def go_new_hash(text: str) -> str:
    """go-git's ``plumbing.NewHash``: hex decoded up to the first bad character, zero-padded to 20 bytes."""
    decoded = []
    for i in range(0, len(text) - 1, 2):
        pair = text[i : i + 2]
        if not all(ch in "0123456789abcdefABCDEF" for ch in pair):
            break
        decoded.append(pair.lower())
    return ("".join(decoded[:20]) + _ZERO_HASH)[:40]


def _valid_branch(name: str) -> bool:
    """go-git's ``ReferenceName.Validate`` for ``refs/heads/<name>``."""
    full = f"refs/heads/{name}"
    if full.endswith("."):
        return False
    for i, part in enumerate(full.split("/")):
        if not part or part.startswith(".") or ".." in part or part.endswith(".lock") or part == "@":
            return False
        if any(ch in part for ch in "~^:?*[ \t\n\\") or "@{" in part or re.search(r"[\x00-\x1f\x7f]", part):
            return False
        if i == 2 and part.startswith("-"):
            return False
    return True


async def _object_type(git: Git, repo: Repo, sha: str) -> str | None:
    result = await git.run("cat-file", "-t", sha, cwd=repo.host)
    return result.text.strip() if result.ok else None


# ---- go-git's worktree operations ----------------------------------------------------------------------------------


async def _has_unstaged_changes(git: Git, repo: Repo) -> bool:
    """Tracked files whose worktree content differs from the index (untracked files do not count)."""
    await git.run("update-index", "-q", "--refresh", cwd=repo.host)
    result = await git.run("diff-files", "--quiet", "--no-ext-diff", cwd=repo.host)
    return not result.ok


async def _merge_reset(git: Git, repo: Repo, commit: str) -> None:
    """``Reset{Mode: MergeReset, Commit}``: refused with unstaged changes; else the index becomes the commit's tree
    and every path where they differed is rewritten (or removed) in the worktree. Staged changes are lost."""
    if await _has_unstaged_changes(git, repo):
        raise UNSTAGED_CHANGES
    listed = await git.check("diff-index", "--cached", "--name-only", "--no-renames", "-z", commit, cwd=repo.host)
    changed = [name for name in listed.split("\x00") if name]
    await git.check("read-tree", commit, cwd=repo.host)
    if not changed:
        return
    present = await git.check("ls-files", "-z", "--", *changed, cwd=repo.host)
    in_tree = {name for name in present.split("\x00") if name}
    if in_tree:
        await git.check(
            "checkout-index", "-f", "-q", "-z", "--stdin", cwd=repo.host, stdin="\x00".join(in_tree).encode()
        )
    for name in changed:
        if name not in in_tree:
            _remove_with_empty_parents(repo.host, name)


def _remove_with_empty_parents(root: Path, name: str) -> None:
    target = root / name
    with contextlib.suppress(OSError):
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        else:
            target.unlink()
    parent = target.parent
    while parent != root and root in parent.parents:
        try:
            parent.rmdir()
        except OSError:
            return
        parent = parent.parent


async def _checkout(git: Git, repo: Repo, *, branch: str, sha: str = _ZERO_HASH) -> None:
    """``Worktree.Checkout`` without Create: a branch (``sha`` zero) or a commit (``sha`` set, detached HEAD)."""
    if sha == _ZERO_HASH:
        result = await git.run("rev-parse", "--verify", "-q", f"{branch}^{{commit}}", cwd=repo.host)
        if not result.ok or not branch.startswith("refs/heads/"):
            raise REFERENCE_NOT_FOUND
        commit = result.text.strip()
        await git.check("symbolic-ref", "HEAD", branch, cwd=repo.host)
    else:
        kind = await _object_type(git, repo, sha)
        if kind is None:
            raise OBJECT_NOT_FOUND
        if kind == "tag":
            commit = (await git.check("rev-parse", "--verify", f"{sha}^{{commit}}", cwd=repo.host)).strip()
        elif kind == "commit":
            commit = sha
        else:
            raise GoGitError(f'unsupported object type: "{kind}"')
        await git.check("update-ref", "--no-deref", "HEAD", sha, cwd=repo.host)
    await _merge_reset(git, repo, commit)


async def _update_head(git: Git, repo: Repo, commit: str) -> None:
    """go-git's ``updateHEAD``: the branch HEAD points to moves to ``commit`` (or HEAD itself when detached)."""
    target = await _head_target(git, repo)
    if target is None:
        await git.check("update-ref", "--no-deref", "HEAD", commit, cwd=repo.host)
    else:
        await git.check("update-ref", target, commit, cwd=repo.host)


# ---- remotes ---------------------------------------------------------------------------------------------------------


def _transport_error(output: str) -> GoGitError:
    """A failed clone/fetch/push as go-git's transport reports it (the handlers' status follows its class)."""
    text = output.lower()
    if any(
        needle in text
        for needle in (
            "authentication failed",
            "invalid username or password",
            "could not read username",
            "could not read password",
            "terminal prompts disabled",
            "returned error: 401",
        )
    ):
        return GoGitError("authentication required", "unauthorized")
    if "returned error: 403" in text or ("remote: permission" in text and "denied" in text):
        return GoGitError("authorization failed", "forbidden")
    if any(
        needle in text
        for needle in (
            "repository not found",
            "returned error: 404",
            "remote: not found",
            "does not appear to be a git repository",
            "does not exist",
        )
    ):
        return GoGitError("repository not found", "not_found")
    return GoGitError(output.strip() or "git failed")


def clone_source(paths: SandboxPaths, url: str) -> str | None:
    """What to hand ``git clone``: network URLs as they are; a local path (or ``file://`` URL) inside the sandbox
    is mapped to the host; one that is not in the sandbox is read from the host itself (a stand-in for a
    network remote). None when the local path does not exist."""
    if url.startswith("file://"):
        local = url[len("file://") :]
    elif _URL_SCHEME.match(url) or _SCP_LIKE.match(url):
        return url
    else:
        local = url
    try:
        inside = fs_ops.resolve(paths, local)
    except OSError:
        inside = None
    if inside is not None and inside.exists():
        return inside.as_uri()
    if local.startswith("/") and Path(local).exists():
        return Path(local).as_uri()
    return None


async def _remote_exists(git: Git, repo: Repo) -> bool:
    return (await git.run("config", "--get", "remote.origin.url", cwd=repo.host)).ok


# ---- handlers --------------------------------------------------------------------------------------------------------


def _required_path(request: Request) -> str:
    given = request.query_params.get("path") or ""
    if not given:
        raise bad_request("path is required")
    return given


async def _run_op(coro: Any) -> Any:
    try:
        return await coro
    except GoGitError as exc:
        raise exc.http() from exc


async def status(request: Request) -> Response:
    given = _required_path(request)
    workspace = await workspace_of(request)
    return go_json(await _run_op(_status(workspace, given)))


async def _status(workspace: SandboxWorkspace, given: str) -> dict[str, Any]:
    git = Git(workspace)
    repo = _open(workspace, given, worktree=False)
    await _head(git, repo)
    if repo.bare:
        raise BARE_REPOSITORY
    target = await _head_target(git, repo)
    porcelain = await git.check(
        "status", "--porcelain=v2", "--branch", "-z", "--untracked-files=all", "--ignore-submodules=none", cwd=repo.host
    )
    files, published, ahead, behind = parse_status(porcelain)
    return {
        "currentBranch": _short(target) if target else "HEAD",
        "fileStatus": files,
        "branchPublished": published,
        "ahead": ahead,
        "behind": behind,
    }


async def list_branches(request: Request) -> Response:
    given = _required_path(request)
    workspace = await workspace_of(request)
    return go_json({"branches": await _run_op(_branches(workspace, given))})


async def _branches(workspace: SandboxWorkspace, given: str) -> list[str] | None:
    git = Git(workspace)
    repo = _open(workspace, given, worktree=False)
    output = await git.check("for-each-ref", "--format=%(refname)", "refs/heads/", cwd=repo.host)
    names = [_short(line) for line in output.splitlines() if line.strip()]
    return names or None


async def create_branch(request: Request) -> Response:
    """go-git's ``Checkout{Create: true}``: the branch is made at HEAD and checked out (201)."""
    workspace = await workspace_of(request)
    body = await _bound(request, "git.GitBranchRequest", _BRANCH)
    await _run_op(_create_branch(workspace, body["path"], body["name"]))
    return Response(status_code=201)


async def _create_branch(workspace: SandboxWorkspace, given: str, name: str) -> None:
    git = Git(workspace)
    repo = _open(workspace, given)
    branch = f"refs/heads/{name}"
    if not _valid_branch(name):
        raise GoGitError("invalid reference name")
    if (await git.run("show-ref", "--verify", "-q", branch, cwd=repo.host)).ok:
        raise GoGitError(f'a branch named "{branch}" already exists')
    commit = await _head(git, repo)
    await git.check("update-ref", branch, commit, "", cwd=repo.host)
    await git.check("symbolic-ref", "HEAD", branch, cwd=repo.host)
    await _merge_reset(git, repo, commit)


async def delete_branch(request: Request) -> Response:
    """The branch's ref is removed (204); an unknown branch, or the checked-out one, is no error."""
    workspace = await workspace_of(request)
    body = await _bound(request, "git.GitDeleteBranchRequest", _BRANCH)
    await _run_op(_delete_branch(workspace, body["path"], body["name"]))
    return Response(status_code=204)


async def _delete_branch(workspace: SandboxWorkspace, given: str, name: str) -> None:
    git = Git(workspace)
    repo = _open(workspace, given, worktree=False)
    if _valid_branch(name):
        await git.run("update-ref", "--no-deref", "-d", f"refs/heads/{name}", cwd=repo.host)


async def checkout(request: Request) -> Response:
    """A branch first; failing that, the name as a commit hash (go-git's ``NewHash``: a name that decodes to
    zero falls back to ``master``). Both failing: ``failed to checkout branch or commit '<name>': ...``."""
    workspace = await workspace_of(request)
    body = await _bound(request, "git.GitCheckoutRequest", _CHECKOUT)
    await _run_op(_checkout_branch(workspace, body["path"], body["branch"]))
    return Response(status_code=200)


async def _checkout_branch(workspace: SandboxWorkspace, given: str, name: str) -> None:
    git = Git(workspace)
    try:
        repo = _open(workspace, given, worktree=False)
    except GoGitError as exc:
        raise exc.wrap("failed to open repository: ") from exc
    if repo.bare:
        raise BARE_REPOSITORY.wrap("failed to get worktree: ")
    try:
        await _checkout(git, repo, branch=f"refs/heads/{name}")
        return
    except GoGitError:
        pass
    sha = go_new_hash(name)
    try:
        await _checkout(git, repo, branch="refs/heads/master", sha=sha)
    except GoGitError as exc:
        raise exc.wrap(f"failed to checkout branch or commit '{name}': ") from exc


async def add(request: Request) -> Response:
    workspace = await workspace_of(request)
    body = await _bound(request, "git.GitAddRequest", _ADD)
    await _run_op(_add(workspace, body["path"], body["files"]))
    return Response(status_code=200)


async def _add(workspace: SandboxWorkspace, given: str, files: list[str]) -> None:
    """go-git's ``Worktree.Add`` per entry, in order: a directory stages every change under it, a file is
    staged even when ignored, a missing file is removed from the index (``entry not found`` if it is not
    there either)."""
    git = Git(workspace)
    repo = _open(workspace, given)
    for name in files:
        clean = fs_ops.go_clean(name)
        target = repo.host / clean.lstrip("/")
        if target.is_dir() and not target.is_symlink():
            await git.check("add", "-A", "--", "." if clean in (".", "/") else clean, cwd=repo.host)
        elif target.exists() or target.is_symlink():
            await git.check("add", "-f", "--", clean, cwd=repo.host)
        else:
            tracked = await git.run("ls-files", "--error-unmatch", "--", clean, cwd=repo.host)
            if not tracked.ok:
                raise GoGitError("entry not found")
            await git.check("rm", "--cached", "-q", "--", clean, cwd=repo.host)


async def commit(request: Request) -> Response:
    workspace = await workspace_of(request)
    body = await _bound(request, "git.GitCommitRequest", _COMMIT)
    sha = await _run_op(_commit(workspace, body))
    return go_json({"hash": sha})


async def _commit(workspace: SandboxWorkspace, body: dict[str, Any]) -> str:
    """go-git's ``Worktree.Commit``: the index as the tree, the author as committer, the message verbatim;
    refused (500) when the first commit has an empty index or the tree equals the parent's."""
    git = Git(workspace)
    repo = _open(workspace, body["path"])
    parent_result = await git.run("rev-parse", "--verify", "-q", "HEAD^{commit}", cwd=repo.host)
    parents = [parent_result.text.strip()] if parent_result.ok else []
    allow_empty = bool(body["allow_empty"])
    if not parents and not allow_empty:
        entries = await git.check("ls-files", "-z", "--stage", cwd=repo.host)
        if not entries:
            raise GoGitError("cannot create empty commit: clean working tree")
    tree = (await git.check("write-tree", cwd=repo.host)).strip()
    if parents and not allow_empty:
        parent_tree = (await git.check("rev-parse", f"{parents[0]}^{{tree}}", cwd=repo.host)).strip()
        if parent_tree == tree:
            raise GoGitError("cannot create empty commit: clean working tree")
    name = _INVALID_SIGNATURE_CHARS.sub("", body["author"])
    email = _INVALID_SIGNATURE_CHARS.sub("", body["email"])
    raw = encode_commit(tree, parents, name, email, now_utc(), body["message"])
    sha = (
        await git.check("hash-object", "-t", "commit", "-w", "--literally", "--stdin", cwd=repo.host, stdin=raw)
    ).strip()
    await _update_head(git, repo, sha)
    return sha


async def history(request: Request) -> Response:
    given = _required_path(request)
    workspace = await workspace_of(request)
    return go_json(await _run_op(_history(workspace, given)))


async def _history(workspace: SandboxWorkspace, given: str) -> list[dict[str, str]]:
    """The commits reachable from HEAD, newest first: hash, author, email, message verbatim, author time."""
    git = Git(workspace)
    repo = _open(workspace, given, worktree=False)
    await _head(git, repo)
    hashes = (await git.check("rev-list", "HEAD", cwd=repo.host)).split()
    if not hashes:
        return []
    result = await git.run("cat-file", "--batch", cwd=repo.host, stdin=("\n".join(hashes) + "\n").encode())
    commits = []
    data = result.stdout
    position = 0
    while position < len(data):
        header_end = data.index(b"\n", position)
        sha, _kind, size = data[position:header_end].decode().split()
        body = data[header_end + 1 : header_end + 1 + int(size)]
        position = header_end + 1 + int(size) + 1
        headers, message = parse_commit(body)
        author = parse_signature(headers.get("author", ""))
        commits.append(
            {
                "hash": sha,
                "author": author.name,
                "email": author.email,
                "message": message,
                "timestamp": go_time_json(author.when),
            }
        )
    return commits


async def clone(request: Request) -> Response:
    workspace = await workspace_of(request)
    body = await _bound(request, "git.GitCloneRequest", _CLONE)
    await _run_op(_clone(workspace, body))
    return Response(status_code=200)


async def _clone(workspace: SandboxWorkspace, body: dict[str, Any]) -> None:
    """go-git's ``PlainClone`` (single branch) and, with ``commit_id``, a checkout of that commit."""
    git = Git(workspace)
    given: str = body["path"]
    try:
        target = fs_ops.resolve(workspace.paths, given)
    except OSError as exc:
        raise GoGitError(str(exc)) from exc
    existed = target.exists()
    if existed and not target.is_dir():
        raise GoGitError(f"path is not a directory: {given}")
    was_empty = existed and not any(target.iterdir())
    if existed and (target / ".git" / "HEAD").exists():
        raise GoGitError("repository already exists", "conflict")
    source = clone_source(workspace.paths, body["url"])
    target.parent.mkdir(parents=True, exist_ok=True)
    if not existed or was_empty:
        await _clone_into(git, workspace, body, source, target, cleanup=True, keep_dir=was_empty)
    else:
        await git.check("init", "-q", cwd=target)
        scratch = Path(tempfile.mkdtemp(prefix=".clone-", dir=target.parent))
        try:
            await _clone_into(git, workspace, body, source, scratch / "repo", cleanup=False, keep_dir=False)
            shutil.rmtree(target / ".git")
            _merge_tree(scratch / "repo", target)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    commit_id = body["commit_id"]
    if commit_id is not None:
        await _checkout(git, Repo(target, bare=False), branch="refs/heads/master", sha=go_new_hash(commit_id))


async def _clone_into(
    git: Git,
    workspace: SandboxWorkspace,
    body: dict[str, Any],
    source: str | None,
    dest: Path,
    *,
    cleanup: bool,
    keep_dir: bool,
) -> None:
    def undo() -> None:
        if not cleanup:
            return
        if keep_dir:
            for child in list(dest.iterdir()):
                _remove_with_empty_parents(dest, child.name)
        else:
            shutil.rmtree(dest, ignore_errors=True)

    if source is None:
        undo()
        raise GoGitError("repository not found", "not_found")
    args = ["clone", "--single-branch", "--no-local", "--quiet"]
    if body["insecure_skip_tls"]:
        args = ["-c", "http.sslVerify=false", *args]
    if body["branch"]:
        args += ["--branch", body["branch"]]
    result = await git.run(*args, "--", source, str(dest), cwd=workspace.home, credentials=_credentials(body))
    if not result.ok:
        undo()
        missing = re.search(r"remote branch (\S+) not found", result.output, re.IGNORECASE)
        if missing:
            raise GoGitError(f'couldn\'t find remote ref "refs/heads/{missing.group(1)}"')
        raise _transport_error(result.output)
    refs = await git.run("for-each-ref", "--count=1", cwd=dest)
    if refs.ok and not refs.text.strip():
        undo()
        raise GoGitError("remote repository is empty", "not_found")


def _merge_tree(source: Path, dest: Path) -> None:
    """Move a cloned tree into an existing directory, replacing files of the same name (go-git's checkout)."""
    for child in source.iterdir():
        target = dest / child.name
        if child.is_dir() and not child.is_symlink() and target.is_dir() and not target.is_symlink():
            _merge_tree(child, target)
            continue
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()
        os.replace(child, target)


async def push(request: Request) -> Response:
    """The checked-out branch to the same name on ``origin``; nothing to push is no error."""
    workspace = await workspace_of(request)
    body = await _bound(request, "git.GitRepoRequest", _REPO)
    await _run_op(_push(workspace, body))
    return Response(status_code=200)


async def _push(workspace: SandboxWorkspace, body: dict[str, Any]) -> None:
    git = Git(workspace)
    repo = _open(workspace, body["path"], worktree=False)
    await _head(git, repo)
    ref = await _head_target(git, repo) or "HEAD"
    if not await _remote_exists(git, repo):
        raise GoGitError("remote not found", "not_found")
    result = await git.run(
        "push", "--porcelain", "origin", f"{ref}:{ref}", cwd=repo.host, credentials=_credentials(body)
    )
    if result.ok:
        return
    if "non-fast-forward" in result.output or "fetch first" in result.output or "[rejected]" in result.output:
        raise GoGitError(f"non-fast-forward update: {ref}")
    raise _transport_error(result.output)


async def pull(request: Request) -> Response:
    """go-git's ``Worktree.Pull``: fetch ``origin``, then fast-forward the checked-out branch to the remote's HEAD."""
    workspace = await workspace_of(request)
    body = await _bound(request, "git.GitRepoRequest", _REPO)
    await _run_op(_pull(workspace, body))
    return Response(status_code=200)


async def _pull(workspace: SandboxWorkspace, body: dict[str, Any]) -> None:
    git = Git(workspace)
    repo = _open(workspace, body["path"])
    if not await _remote_exists(git, repo):
        raise GoGitError("remote not found", "not_found")
    credentials = _credentials(body)
    before = await git.check("for-each-ref", cwd=repo.host)
    fetched = await git.run("fetch", "--quiet", "origin", cwd=repo.host, credentials=credentials)
    if not fetched.ok:
        raise _transport_error(fetched.output)
    updated = (await git.check("for-each-ref", cwd=repo.host)) != before
    remote = await git.run("ls-remote", "origin", "HEAD", cwd=repo.host, credentials=credentials)
    if not remote.ok:
        raise _transport_error(remote.output)
    if not remote.text.strip():
        raise GoGitError("remote repository is empty", "not_found")
    ref = remote.text.split()[0]
    head_result = await git.run("rev-parse", "--verify", "-q", "HEAD^{commit}", cwd=repo.host)
    if head_result.ok:
        head = head_result.text.strip()
        if await _object_type(git, repo, ref) is None:
            raise OBJECT_NOT_FOUND
        head_ahead = (await git.run("merge-base", "--is-ancestor", ref, head, cwd=repo.host)).ok
        if not updated and head_ahead:
            return  # already up to date
        if not (await git.run("merge-base", "--is-ancestor", head, ref, cwd=repo.host)).ok:
            raise GoGitError("non-fast-forward update", "conflict")
    await _update_head(git, repo, ref)
    await _merge_reset(git, repo, ref)


def routes() -> list[BaseRoute]:
    return [
        Route("/git/add", add, methods=["POST"]),
        Route("/git/branches", list_branches, methods=["GET"]),
        Route("/git/branches", create_branch, methods=["POST"]),
        Route("/git/branches", delete_branch, methods=["DELETE"]),
        Route("/git/checkout", checkout, methods=["POST"]),
        Route("/git/clone", clone, methods=["POST"]),
        Route("/git/commit", commit, methods=["POST"]),
        Route("/git/history", history, methods=["GET"]),
        Route("/git/pull", pull, methods=["POST"]),
        Route("/git/push", push, methods=["POST"]),
        Route("/git/status", status, methods=["GET"]),
    ]
