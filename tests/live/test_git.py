"""`sandbox.git` against the in-process emulator, whose toolbox runs the real `git`.

A bare "remote" repository is made on the host in a temporary directory; the sandbox clones it,
commits, pushes and pulls, and the results are checked with host-side git. Credential hygiene
and the exact request bodies are checked with an `httpx.MockTransport`; bad input with a
transport that fails the test if anything is sent.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from _live_support import fail_if_called, mock_toolbox, started_sandbox

from daytona_emulator.server import RunningEmulator
from facade import FileStatus, GitCommitResponse, GitStatus, ListBranchResponse
from facade._errors import (
    DaytonaAuthenticationError,
    DaytonaConflictError,
    DaytonaError,
    DaytonaNotFoundError,
    DaytonaServerError,
    DaytonaValidationError,
)
from facade._toolbox import AsyncGit
from facade._transfer import AsyncFileSystem
from tests._ctx import ApiContext

HOME = "/home/daytona"
REPO = f"{HOME}/repo"
SECRET = "s3cr3t-t0ken/with+chars"


def host_git(*args: str, cwd: Path) -> str:
    env = {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(cwd),
        "GIT_AUTHOR_NAME": "Host",
        "GIT_AUTHOR_EMAIL": "host@example.com",
        "GIT_COMMITTER_NAME": "Host",
        "GIT_COMMITTER_EMAIL": "host@example.com",
    }
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"git {' '.join(args)} failed: {done.stderr}"
    return done.stdout.strip()


def host_commit_and_push(work: Path, name: str, text: str, message: str, refspec: str) -> None:
    """In the host-side clone `work`: write `name`, commit it and push `refspec` to origin."""
    (work / name).write_text(text)
    host_git("add", name, cwd=work)
    host_git("commit", "-m", message, cwd=work)
    host_git("push", "origin", refspec, cwd=work)


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    """A bare repository with `main` (README.md) and `feature` (one more commit) branches."""
    bare = tmp_path / "origin.git"
    host_git("init", "--bare", "-b", "main", str(bare), cwd=tmp_path)
    work = tmp_path / "seed"
    host_git("clone", str(bare), str(work), cwd=tmp_path)
    host_commit_and_push(work, "README.md", "# seed\n", "initial", "HEAD:main")
    host_git("checkout", "-b", "feature", cwd=work)
    host_commit_and_push(work, "feature.txt", "feature work\n", "feature commit", "feature")
    return bare


# --------------------------------------------------------------------------- fixtures


@dataclass
class Sandbox:
    git: AsyncGit
    fs: AsyncFileSystem
    host: Callable[[str], Path]


@pytest.fixture
async def sandbox(instant_emulator: RunningEmulator) -> AsyncIterator[Sandbox]:
    async with started_sandbox(instant_emulator) as started:
        yield Sandbox(AsyncGit(started.toolbox), AsyncFileSystem(started.toolbox), started.host)


def mock_git(handler: Callable[[httpx.Request], httpx.Response]) -> tuple[AsyncGit, ApiContext]:
    toolbox, api = mock_toolbox(handler)
    return AsyncGit(toolbox), api


# --------------------------------------------------------------------------- against the emulator


async def test_clone_status_and_branches_of_a_fresh_clone(sandbox: Sandbox, origin: Path) -> None:
    await sandbox.git.clone(str(origin), REPO)
    assert (sandbox.host(REPO) / "README.md").read_text() == "# seed\n"
    status = await sandbox.git.status(REPO)
    assert isinstance(status, GitStatus)
    assert status == GitStatus(current_branch="main", ahead=0, behind=0, branch_published=True, file_status=[])
    branches = await sandbox.git.branches(REPO)
    assert isinstance(branches, ListBranchResponse)
    assert branches.branches == ["main"]


async def test_clone_a_branch_or_a_commit(sandbox: Sandbox, origin: Path) -> None:
    await sandbox.git.clone(f"file://{origin}", f"{HOME}/feature", branch="feature")
    assert (await sandbox.git.status(f"{HOME}/feature")).current_branch == "feature"
    assert (sandbox.host(f"{HOME}/feature") / "feature.txt").exists()

    first = host_git("rev-parse", "main", cwd=origin)
    await sandbox.git.clone(str(origin), f"{HOME}/pinned", branch="feature", commit_id=first)
    pinned = sandbox.host(f"{HOME}/pinned")
    assert host_git("rev-parse", "HEAD", cwd=pinned) == first
    assert not (pinned / "feature.txt").exists()


async def test_branch_create_checkout_and_delete(sandbox: Sandbox, origin: Path) -> None:
    await sandbox.git.clone(str(origin), REPO)
    await sandbox.git.create_branch(REPO, "topic")
    assert sorted((await sandbox.git.branches(REPO)).branches) == ["main", "topic"]
    assert (await sandbox.git.status(REPO)).current_branch == "topic"  # created and checked out
    await sandbox.git.checkout_branch(REPO, "main")
    assert (await sandbox.git.status(REPO)).current_branch == "main"
    await sandbox.git.delete_branch(REPO, "topic")
    assert (await sandbox.git.branches(REPO)).branches == ["main"]
    with pytest.raises(DaytonaNotFoundError, match=r"^Failed to checkout branch: "):
        await sandbox.git.checkout_branch(REPO, "no-such-branch")
    # go-git's "a branch named ... already exists" is a plain error: the handler answers 500
    with pytest.raises(DaytonaServerError, match=r'^Failed to create branch: a branch named "refs/heads/main"'):
        await sandbox.git.create_branch(REPO, "main")


async def test_add_commit_push_and_pull_round_trip(sandbox: Sandbox, origin: Path, tmp_path: Path) -> None:
    await sandbox.git.clone(str(origin), REPO)
    await sandbox.fs.upload_file(b"new content\n", f"{REPO}/new.txt")
    await sandbox.fs.upload_file(b"# changed\n", f"{REPO}/README.md")

    status = await sandbox.git.status(REPO)
    assert sorted(status.file_status, key=lambda f: f.name) == [
        FileStatus(name="README.md", staging="Unmodified", worktree="Modified", extra=""),
        FileStatus(name="new.txt", staging="Untracked", worktree="Untracked", extra=""),
    ]

    await sandbox.git.add(REPO, ["new.txt", "README.md"])
    staged = {f.name: f.staging for f in (await sandbox.git.status(REPO)).file_status}
    assert staged == {"README.md": "Modified", "new.txt": "Added"}

    commit = await sandbox.git.commit(REPO, "add new.txt", "Sandbox User", "user@example.com")
    assert isinstance(commit, GitCommitResponse)
    repo_host = sandbox.host(REPO)
    assert commit.sha == host_git("rev-parse", "HEAD", cwd=repo_host)
    assert (
        host_git("log", "-1", "--format=%an <%ae>|%s", cwd=repo_host) == "Sandbox User <user@example.com>|add new.txt"
    )
    after = await sandbox.git.status(REPO)
    assert after.file_status == []
    assert after.ahead == 1

    with pytest.raises(DaytonaError, match=r"^Failed to commit changes: "):
        await sandbox.git.commit(REPO, "nothing", "Sandbox User", "user@example.com")
    empty = await sandbox.git.commit(REPO, "empty", "Sandbox User", "user@example.com", allow_empty=True)
    assert empty.sha != commit.sha

    await sandbox.git.push(REPO)
    assert host_git("rev-parse", "main", cwd=origin) == empty.sha
    assert (await sandbox.git.status(REPO)).ahead == 0

    # Someone else pushes; pull brings it in.
    other = tmp_path / "other"
    host_git("clone", str(origin), str(other), cwd=tmp_path)
    host_commit_and_push(other, "upstream.txt", "from upstream\n", "upstream change", "main")
    await sandbox.git.pull(REPO, username="someone", password=SECRET)
    assert (repo_host / "upstream.txt").read_text() == "from upstream\n"
    assert host_git("rev-parse", "HEAD", cwd=repo_host) == host_git("rev-parse", "main", cwd=origin)


async def test_typed_errors_for_missing_repositories_and_occupied_targets(sandbox: Sandbox, origin: Path) -> None:
    with pytest.raises(DaytonaNotFoundError, match=r"^Failed to get status: "):
        await sandbox.git.status(f"{HOME}/not-a-repo")
    with pytest.raises(DaytonaNotFoundError, match=r"^Failed to clone repository: "):
        await sandbox.git.clone(str(origin.parent / "missing.git"), f"{HOME}/x")
    await sandbox.git.clone(str(origin), REPO)
    with pytest.raises(DaytonaConflictError, match=r"^Failed to clone repository: "):
        await sandbox.git.clone(str(origin), REPO)
    with pytest.raises(DaytonaServerError, match=r"^Failed to add files: entry not found"):  # go-git's index error
        await sandbox.git.add(REPO, ["does-not-exist.txt"])


# --------------------------------------------------------------------------- credentials and wire format


async def test_passwords_never_appear_in_errors_or_reprs() -> None:
    def echo(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.read())
        # A careless server echoing the credentials and a credential-bearing URL back.
        message = (
            f"auth failed for {body.get('username')}:{body.get('password')} "
            f"at https://{body.get('username')}:{body.get('password')}@git.example.com/r.git "
            f"(encoded: {httpx.URL('https://h/', params={'p': body.get('password')}).query.decode()})"
        )
        return httpx.Response(401, json={"message": message, "code": "UNAUTHORIZED"})

    git, api = mock_git(echo)
    try:
        for call in (
            git.clone("https://git.example.com/r.git", REPO, username="me", password=SECRET),
            git.push(REPO, username="me", password=SECRET),
            git.pull(REPO, username="me", password=SECRET),
        ):
            with pytest.raises(DaytonaAuthenticationError) as caught:
                await call
            error = caught.value
            for text in (str(error), repr(error), error.message, *map(str, error.args)):
                assert SECRET not in text
                assert "s3cr3t" not in text
            assert "***" in error.message
            assert error.status_code == 401 and error.error_code == "UNAUTHORIZED"
            assert error.__context__ is None and error.__cause__ is None
        assert "s3cr3t" not in repr(git)
        assert repr(git) == "AsyncGit(sandbox_id='sbx-1')"
    finally:
        await api.aclose()


async def test_url_credentials_in_messages_are_masked() -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        url = json.loads(request.read())["url"]
        return httpx.Response(404, json={"message": f"repository {url} not found"})

    git, api = mock_git(fail)
    try:
        with pytest.raises(DaytonaNotFoundError) as caught:
            await git.clone("https://bob:hunter2@git.example.com/r.git", REPO)
    finally:
        await api.aclose()
    assert "hunter2" not in caught.value.message
    assert "https://***@git.example.com/r.git" in caught.value.message


async def test_request_bodies_match_the_official_wire_format() -> None:
    seen: list[tuple[str, str, Any]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        raw = request.read()
        seen.append(
            (
                request.method,
                request.url.path + ("?" + request.url.query.decode() if request.url.query else ""),
                json.loads(raw) if raw else None,
            )
        )
        if request.url.path.endswith("/git/commit"):
            return httpx.Response(200, json={"hash": "abc123"})
        if request.url.path.endswith("/git/status"):
            return httpx.Response(
                200,
                json={
                    "currentBranch": "main",
                    "fileStatus": [{"name": "a", "staging": "Added", "worktree": "Unmodified", "extra": ""}],
                },
            )
        if request.url.path.endswith("/git/branches") and request.method == "GET":
            return httpx.Response(200, json={"branches": ["main", "dev"]})
        return httpx.Response(201 if request.method == "POST" and request.url.path.endswith("branches") else 200)

    git, api = mock_git(handler)
    try:
        await git.clone(
            "https://g/r.git", REPO, branch="dev", commit_id="abc", username="u", password="p", insecure_skip_tls=True
        )
        await git.clone("https://g/r.git", REPO)
        assert await git.commit(REPO, "msg", "A", "a@b.c") == GitCommitResponse(sha="abc123")
        await git.add(REPO, ["x", "y"])
        await git.create_branch(REPO, "dev")
        await git.delete_branch(REPO, "dev")
        await git.checkout_branch(REPO, "dev")
        await git.push(REPO)
        await git.pull(REPO, username="u", password="p")
        status = await git.status(REPO)
        branches = await git.branches(REPO)
    finally:
        await api.aclose()
    prefix = "/toolbox/sbx-1"
    assert seen == [
        (
            "POST",
            f"{prefix}/git/clone",
            {
                "url": "https://g/r.git",
                "path": REPO,
                "branch": "dev",
                "commit_id": "abc",
                "username": "u",
                "password": "p",
                "insecure_skip_tls": True,
            },
        ),
        ("POST", f"{prefix}/git/clone", {"url": "https://g/r.git", "path": REPO}),
        (
            "POST",
            f"{prefix}/git/commit",
            {"path": REPO, "message": "msg", "author": "A", "email": "a@b.c", "allow_empty": False},
        ),
        ("POST", f"{prefix}/git/add", {"path": REPO, "files": ["x", "y"]}),
        ("POST", f"{prefix}/git/branches", {"path": REPO, "name": "dev"}),
        ("DELETE", f"{prefix}/git/branches", {"path": REPO, "name": "dev"}),
        ("POST", f"{prefix}/git/checkout", {"path": REPO, "branch": "dev"}),
        ("POST", f"{prefix}/git/push", {"path": REPO}),
        ("POST", f"{prefix}/git/pull", {"path": REPO, "username": "u", "password": "p"}),
        ("GET", f"{prefix}/git/status?path=%2Fhome%2Fdaytona%2Frepo", None),
        ("GET", f"{prefix}/git/branches?path=%2Fhome%2Fdaytona%2Frepo", None),
    ]
    assert status == GitStatus(
        current_branch="main", file_status=[FileStatus(name="a", staging="Added", worktree="Unmodified", extra="")]
    )
    assert branches == ListBranchResponse(branches=["main", "dev"])


async def test_bad_input_raises_before_anything_is_sent() -> None:
    git, api = mock_git(fail_if_called)
    cases: list[tuple[type[BaseException], str, Any]] = [
        (DaytonaValidationError, "url must not be empty", git.clone("", REPO)),
        (DaytonaValidationError, "path must not be empty", git.clone("https://g/r.git", "")),
        (DaytonaValidationError, "needs a username", git.clone("https://g/r.git", REPO, password=SECRET)),
        (DaytonaValidationError, "needs a username", git.push(REPO, password=SECRET)),
        (DaytonaValidationError, "needs a username", git.pull(REPO, password=SECRET)),
        (DaytonaValidationError, "at least one file", git.add(REPO, [])),
        (DaytonaValidationError, "must not be empty", git.add(REPO, [""])),
        (DaytonaValidationError, "message must not be empty", git.commit(REPO, "", "A", "a@b.c")),
        (DaytonaValidationError, "email must not be empty", git.commit(REPO, "m", "A", "")),
        (DaytonaValidationError, "name must not be empty", git.create_branch(REPO, "")),
        (DaytonaValidationError, "name must not be empty", git.delete_branch(REPO, "")),
        (DaytonaValidationError, "branch must not be empty", git.checkout_branch(REPO, "")),
        (DaytonaValidationError, "path must not be empty", git.status("")),
        (DaytonaValidationError, "path must not be empty", git.branches("")),
        (TypeError, "list of str", git.add(REPO, "file.txt")),  # type: ignore[arg-type]
        (TypeError, "allow_empty must be a bool", git.commit(REPO, "m", "A", "a@b.c", allow_empty="yes")),  # type: ignore[arg-type]
        (TypeError, "insecure_skip_tls", git.clone("https://g/r.git", REPO, insecure_skip_tls="no")),  # type: ignore[arg-type]
        (TypeError, "must be a str", git.status(None)),  # type: ignore[arg-type]
    ]
    try:
        for error_type, message, call in cases:
            with pytest.raises(error_type, match=message) as caught:
                await call
            assert SECRET not in str(caught.value)
    finally:
        await api.aclose()
