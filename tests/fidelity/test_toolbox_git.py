"""The daemon's git handlers (apps/daemon/pkg/toolbox/git) over its go-git service (apps/daemon/pkg/git)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fidelity._toolbox_files_support import (
    HOME,
    assert_go_error,
    host_git,
    make_origin,
    push_to_origin,
    put_files,
    run,
)

REPO = f"{HOME}/repo"
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")
INTERNAL = "INTERNAL_SERVER_ERROR"

Toolbox = Callable[[dict[str, Any]], httpx.Client]


@pytest.fixture
def tb(new_sandbox: Callable[..., dict[str, Any]], toolbox: Toolbox) -> httpx.Client:
    return toolbox(new_sandbox())


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    return make_origin(tmp_path, branches=("feature",))


@pytest.fixture
def cloned(tb: httpx.Client, origin: Path) -> httpx.Client:
    response = tb.post("/git/clone", json={"url": str(origin), "path": REPO})
    assert response.status_code == 200 and response.content == b"", response.text
    return tb


def _commit(tb: httpx.Client, message: str = "work", **extra: Any) -> httpx.Response:
    body = {"path": REPO, "message": message, "author": "Ann", "email": "ann@example.com", **extra}
    return tb.post("/git/commit", json=body)


def _status(tb: httpx.Client) -> dict[str, Any]:
    response = tb.get("/git/status", params={"path": REPO})
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


# ---- request binding and query parameters ----


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/git/add.go", "apps/daemon/pkg/toolbox/git/types.go", "apps/daemon/pkg/toolbox/validator.go"
)
def test_a_body_missing_required_fields_is_400_invalid_request_body(tb: httpx.Client) -> None:
    message = (
        "invalid body request: invalid request body: "
        "Key: 'GitAddRequest.Path' Error:Field validation for 'Path' failed on the 'required' tag\n"
        "Key: 'GitAddRequest.Files' Error:Field validation for 'Files' failed on the 'required' tag"
    )
    assert_go_error(tb.post("/git/add", json={}), 400, message, "INVALID_REQUEST_BODY", "/git/add")


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/git/commit.go",
    "apps/daemon/pkg/toolbox/git/types.go",
    "apps/daemon/pkg/toolbox/validator.go",
)
def test_a_body_is_decoded_like_encoding_json(tb: httpx.Client) -> None:
    prefix = "invalid body request: invalid request body: "
    empty = tb.post("/git/commit", content=b"")
    assert_go_error(empty, 400, prefix + "EOF", "INVALID_REQUEST_BODY", "/git/commit")
    typed = tb.post("/git/commit", json={"path": 5, "message": "m", "author": "a", "email": "e"})
    message = prefix + "json: cannot unmarshal number into Go struct field GitCommitRequest.path of type string"
    assert_go_error(typed, 400, message, "INVALID_REQUEST_BODY", "/git/commit")
    listed = tb.post("/git/commit", json=[])
    message = prefix + "json: cannot unmarshal array into Go value of type git.GitCommitRequest"
    assert_go_error(listed, 400, message, "INVALID_REQUEST_BODY", "/git/commit")
    folded = tb.post("/git/commit", json={"PATH": f"{HOME}/none", "Message": "m", "AUTHOR": "a", "email": "e"})
    assert folded.json()["message"] == "not found: repository does not exist"  # keys match case-insensitively


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/git/status.go",
    "apps/daemon/pkg/toolbox/git/list_branches.go",
    "apps/daemon/pkg/toolbox/git/history.go",
)
def test_the_get_operations_need_a_path(tb: httpx.Client) -> None:
    for path in ("/git/status", "/git/branches", "/git/history"):
        assert_go_error(tb.get(path), 400, "bad request: path is required", "BAD_REQUEST", path)


# ---- repositories ----


@pytest.mark.upstream("apps/daemon/pkg/toolbox/git/errors.go", "apps/daemon/pkg/git/status.go")
def test_a_directory_without_a_repository_is_404(tb: httpx.Client) -> None:
    put_files(tb, {f"{HOME}/plain/x.txt": b"x"})
    response = tb.get("/git/status", params={"path": f"{HOME}/plain"})
    assert_go_error(response, 404, "not found: repository does not exist", "NOT_FOUND", "/git/status")
    nested = tb.get("/git/branches", params={"path": f"{HOME}/plain/none"})
    assert nested.status_code == 404


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/git/errors.go",
    "apps/daemon/pkg/git/status.go",
    "apps/daemon/pkg/git/log.go",
    "apps/daemon/pkg/git/branch.go",
)
def test_a_repository_without_commits(tb: httpx.Client) -> None:
    run(tb, "git init -q fresh")
    for path in ("/git/status", "/git/history"):
        response = tb.get(path, params={"path": f"{HOME}/fresh"})
        assert_go_error(response, 404, "not found: reference not found", "NOT_FOUND", path)
    assert tb.get("/git/branches", params={"path": "~/fresh"}).json() == {"branches": None}


# ---- status ----


@pytest.mark.upstream("apps/daemon/pkg/git/status.go", "apps/daemon/pkg/git/service.go")
def test_status_reports_go_git_codes_per_file(cloned: httpx.Client) -> None:
    put_files(
        cloned, {f"{REPO}/README.md": b"changed\n", f"{REPO}/new/untracked.txt": b"u", f"{REPO}/staged.txt": b"s"}
    )
    assert cloned.post("/git/add", json={"path": REPO, "files": ["staged.txt"]}).status_code == 200
    status = _status(cloned)
    assert list(status) == ["currentBranch", "fileStatus", "branchPublished", "ahead", "behind"]
    assert (status["currentBranch"], status["branchPublished"], status["ahead"], status["behind"]) == (
        "main",
        True,
        0,
        0,
    )
    files = {f["name"]: f for f in status["fileStatus"]}
    assert files["README.md"] == {"name": "README.md", "extra": "", "staging": "Unmodified", "worktree": "Modified"}
    assert files["new/untracked.txt"]["staging"] == files["new/untracked.txt"]["worktree"] == "Untracked"
    assert (files["staged.txt"]["staging"], files["staged.txt"]["worktree"]) == ("Added", "Unmodified")


@pytest.mark.upstream("apps/daemon/pkg/git/status.go")
def test_status_counts_commits_ahead_of_the_upstream(cloned: httpx.Client) -> None:
    put_files(cloned, {f"{REPO}/a.txt": b"a"})
    assert cloned.post("/git/add", json={"path": REPO, "files": ["a.txt"]}).status_code == 200
    assert _commit(cloned).status_code == 200
    assert (_status(cloned)["ahead"], _status(cloned)["behind"]) == (1, 0)


@pytest.mark.upstream("apps/daemon/pkg/git/status.go")
def test_status_shows_renames_as_a_delete_and_an_add(cloned: httpx.Client) -> None:
    run(cloned, "git mv README.md MOVED.md", cwd=REPO)
    files = {f["name"]: f["staging"] for f in _status(cloned)["fileStatus"]}
    assert files == {"README.md": "Deleted", "MOVED.md": "Added"}


# ---- add, commit, history ----


@pytest.mark.upstream("apps/daemon/pkg/git/add.go", "apps/daemon/pkg/toolbox/git/errors.go")
def test_adding_a_file_that_does_not_exist_is_500_entry_not_found(cloned: httpx.Client) -> None:
    response = cloned.post("/git/add", json={"path": REPO, "files": ["missing.txt"]})
    assert_go_error(response, 500, "entry not found", INTERNAL, "/git/add")
    assert cloned.post("/git/add", json={"path": REPO, "files": []}).status_code == 200


@pytest.mark.upstream("apps/daemon/pkg/git/add.go")
def test_add_stages_an_ignored_file_named_explicitly_and_deletions(cloned: httpx.Client) -> None:
    put_files(cloned, {f"{REPO}/.gitignore": b"*.log\n", f"{REPO}/debug.log": b"x"})
    run(cloned, "rm README.md", cwd=REPO)
    assert cloned.post("/git/add", json={"path": REPO, "files": ["debug.log", "README.md"]}).status_code == 200
    staged = {f["name"]: f["staging"] for f in _status(cloned)["fileStatus"]}
    assert staged["debug.log"] == "Added" and staged["README.md"] == "Deleted"


@pytest.mark.upstream(
    "apps/daemon/pkg/git/commit.go", "apps/daemon/pkg/toolbox/git/commit.go", "apps/daemon/pkg/toolbox/git/errors.go"
)
def test_a_commit_with_nothing_staged_is_500(cloned: httpx.Client) -> None:
    response = _commit(cloned)
    assert_go_error(response, 500, "cannot create empty commit: clean working tree", INTERNAL, "/git/commit")
    allowed = _commit(cloned, allow_empty=True)
    assert allowed.status_code == 200 and list(allowed.json()) == ["hash"]


@pytest.mark.upstream(
    "apps/daemon/pkg/git/commit.go",
    "apps/daemon/pkg/git/log.go",
    "apps/daemon/pkg/toolbox/git/history.go",
    "apps/daemon/pkg/git/types.go",
)
def test_history_keeps_the_message_verbatim_and_the_author_time(cloned: httpx.Client) -> None:
    put_files(cloned, {f"{REPO}/b.txt": b"b"})
    assert cloned.post("/git/add", json={"path": REPO, "files": ["."]}).status_code == 200
    made = _commit(cloned, message="subject only")
    history = cloned.get("/git/history", params={"path": REPO}).json()
    assert [entry["message"] for entry in history] == ["subject only", "initial\n"]
    newest = history[0]
    assert list(newest) == ["hash", "author", "email", "message", "timestamp"]
    assert (newest["hash"], newest["author"], newest["email"]) == (made.json()["hash"], "Ann", "ann@example.com")
    assert TIMESTAMP.match(newest["timestamp"]) and newest["timestamp"].endswith("Z")


# ---- branches ----


@pytest.mark.upstream("apps/daemon/pkg/git/branch.go", "apps/daemon/pkg/toolbox/git/create_branch.go")
def test_create_branch_checks_it_out_and_answers_201(cloned: httpx.Client) -> None:
    created = cloned.post("/git/branches", json={"path": REPO, "name": "topic"})
    assert created.status_code == 201 and created.content == b""
    assert _status(cloned)["currentBranch"] == "topic"
    assert cloned.get("/git/branches", params={"path": REPO}).json() == {"branches": ["main", "topic"]}


@pytest.mark.upstream("apps/daemon/pkg/git/branch.go", "apps/daemon/pkg/toolbox/git/errors.go")
def test_create_branch_that_exists_or_is_invalid_is_500(cloned: httpx.Client) -> None:
    exists = cloned.post("/git/branches", json={"path": REPO, "name": "main"})
    assert_go_error(exists, 500, 'a branch named "refs/heads/main" already exists', INTERNAL, "/git/branches")
    invalid = cloned.post("/git/branches", json={"path": REPO, "name": "bad..name"})
    assert_go_error(invalid, 500, "invalid reference name", INTERNAL, "/git/branches")


@pytest.mark.upstream("apps/daemon/pkg/git/branch.go", "apps/daemon/pkg/toolbox/git/errors.go")
def test_create_branch_with_unstaged_changes_is_409_after_switching(cloned: httpx.Client) -> None:
    put_files(cloned, {f"{REPO}/README.md": b"dirty\n"})
    response = cloned.post("/git/branches", json={"path": REPO, "name": "topic"})
    assert_go_error(response, 409, "conflict: worktree contains unstaged changes", "CONFLICT", "/git/branches")
    assert _status(cloned)["currentBranch"] == "topic"  # go-git moved HEAD before it refused


@pytest.mark.upstream("apps/daemon/pkg/git/branch.go", "apps/daemon/pkg/toolbox/git/delete_branch.go")
def test_delete_branch_of_an_unknown_branch_is_still_204(cloned: httpx.Client) -> None:
    gone = cloned.request("DELETE", "/git/branches", json={"path": REPO, "name": "never-made"})
    assert gone.status_code == 204 and gone.content == b""
    assert cloned.post("/git/branches", json={"path": REPO, "name": "topic"}).status_code == 201
    assert cloned.request("DELETE", "/git/branches", json={"path": REPO, "name": "main"}).status_code == 204
    assert cloned.get("/git/branches", params={"path": REPO}).json() == {"branches": ["topic"]}


# ---- checkout ----


@pytest.mark.upstream("apps/daemon/pkg/git/checkout.go", "apps/daemon/pkg/toolbox/git/checkout.go")
def test_checkout_of_an_unknown_branch_is_404(cloned: httpx.Client) -> None:
    response = cloned.post("/git/checkout", json={"path": REPO, "branch": "no-such-branch"})
    message = "not found: failed to checkout branch or commit 'no-such-branch': reference not found"
    assert_go_error(response, 404, message, "NOT_FOUND", "/git/checkout")
    hexish = cloned.post("/git/checkout", json={"path": REPO, "branch": "abc123"})
    assert hexish.json()["message"] == "not found: failed to checkout branch or commit 'abc123': object not found"


@pytest.mark.upstream("apps/daemon/pkg/git/checkout.go")
def test_checkout_of_a_commit_hash_detaches_head(cloned: httpx.Client, origin: Path) -> None:
    first = host_git("rev-parse", "main", cwd=origin)
    assert cloned.post("/git/checkout", json={"path": REPO, "branch": first}).status_code == 200
    assert _status(cloned)["currentBranch"] == "HEAD"


@pytest.mark.upstream("apps/daemon/pkg/git/checkout.go")
def test_checkout_of_a_non_hex_unknown_name_falls_back_to_master(tb: httpx.Client, tmp_path: Path) -> None:
    seed = tmp_path / "m"
    host_git("init", "-q", "-b", "master", str(seed), cwd=tmp_path)
    (seed / "f.txt").write_text("f")
    host_git("add", ".", cwd=seed)
    host_git("commit", "-q", "-m", "m", cwd=seed)
    assert tb.post("/git/clone", json={"url": str(seed), "path": REPO}).status_code == 200
    assert tb.post("/git/branches", json={"path": REPO, "name": "topic"}).status_code == 201
    # go-git's NewHash("nope") is the zero hash, so the checkout takes the default branch name: master
    assert tb.post("/git/checkout", json={"path": REPO, "branch": "nope"}).status_code == 200
    assert _status(tb)["currentBranch"] == "master"


# ---- clone ----


@pytest.mark.upstream("apps/daemon/pkg/git/clone.go", "apps/daemon/pkg/toolbox/git/clone_repository.go")
def test_clone_takes_one_branch_and_can_pin_a_commit(tb: httpx.Client, origin: Path) -> None:
    assert tb.post("/git/clone", json={"url": str(origin), "path": REPO}).status_code == 200
    assert tb.get("/git/branches", params={"path": REPO}).json() == {"branches": ["main"]}
    first = host_git("rev-parse", "main", cwd=origin)
    body = {"url": str(origin), "path": f"{HOME}/pinned", "branch": "feature", "commit_id": first}
    assert tb.post("/git/clone", json=body).status_code == 200
    status = tb.get("/git/status", params={"path": f"{HOME}/pinned"}).json()
    assert status["currentBranch"] == "HEAD"


@pytest.mark.upstream("apps/daemon/pkg/git/clone.go", "apps/daemon/pkg/toolbox/git/errors.go")
def test_clone_of_a_missing_repository_is_404_and_leaves_nothing(tb: httpx.Client, tmp_path: Path) -> None:
    response = tb.post("/git/clone", json={"url": str(tmp_path / "none.git"), "path": f"{HOME}/x"})
    assert_go_error(response, 404, "not found: repository not found", "NOT_FOUND", "/git/clone")
    assert tb.get("/files/info", params={"path": f"{HOME}/x"}).status_code == 404


@pytest.mark.upstream("apps/daemon/pkg/git/clone.go", "apps/daemon/pkg/toolbox/git/errors.go")
def test_clone_into_a_repository_is_409(cloned: httpx.Client, origin: Path) -> None:
    response = cloned.post("/git/clone", json={"url": str(origin), "path": REPO})
    assert_go_error(response, 409, "conflict: repository already exists", "CONFLICT", "/git/clone")


@pytest.mark.upstream("apps/daemon/pkg/git/clone.go", "apps/daemon/pkg/toolbox/git/errors.go")
def test_clone_of_an_unknown_branch_is_500(tb: httpx.Client, origin: Path) -> None:
    response = tb.post("/git/clone", json={"url": str(origin), "path": REPO, "branch": "nope"})
    assert_go_error(response, 500, 'couldn\'t find remote ref "refs/heads/nope"', INTERNAL, "/git/clone")


@pytest.mark.upstream("apps/daemon/pkg/git/clone.go")
def test_clone_of_an_empty_repository_is_404(tb: httpx.Client, tmp_path: Path) -> None:
    host_git("init", "-q", "--bare", str(tmp_path / "empty.git"), cwd=tmp_path)
    response = tb.post("/git/clone", json={"url": str(tmp_path / "empty.git"), "path": REPO})
    assert_go_error(response, 404, "not found: remote repository is empty", "NOT_FOUND", "/git/clone")


# ---- push and pull ----


@pytest.mark.upstream("apps/daemon/pkg/git/push.go", "apps/daemon/pkg/toolbox/git/push.go")
def test_push_sends_the_branch_and_nothing_new_is_no_error(cloned: httpx.Client, origin: Path) -> None:
    assert cloned.post("/git/push", json={"path": REPO}).status_code == 200  # already up to date
    put_files(cloned, {f"{REPO}/p.txt": b"p"})
    assert cloned.post("/git/add", json={"path": REPO, "files": ["p.txt"]}).status_code == 200
    made = _commit(cloned).json()["hash"]
    assert cloned.post("/git/push", json={"path": REPO}).status_code == 200
    assert host_git("rev-parse", "main", cwd=origin) == made


@pytest.mark.upstream("apps/daemon/pkg/git/push.go", "apps/daemon/pkg/toolbox/git/errors.go")
def test_push_behind_the_remote_is_500_non_fast_forward(cloned: httpx.Client, origin: Path, tmp_path: Path) -> None:
    push_to_origin(origin, tmp_path / "other", "other.txt", "o")
    put_files(cloned, {f"{REPO}/mine.txt": b"m"})
    assert cloned.post("/git/add", json={"path": REPO, "files": ["mine.txt"]}).status_code == 200
    assert _commit(cloned).status_code == 200
    response = cloned.post("/git/push", json={"path": REPO})
    assert_go_error(response, 500, "non-fast-forward update: refs/heads/main", INTERNAL, "/git/push")


@pytest.mark.upstream(
    "apps/daemon/pkg/git/push.go", "apps/daemon/pkg/git/pull.go", "apps/daemon/pkg/toolbox/git/errors.go"
)
def test_push_and_pull_without_an_origin_remote_are_404(tb: httpx.Client) -> None:
    run(tb, "git init -q solo && cd solo && git -c user.name=a -c user.email=b commit -q --allow-empty -m x")
    for op in ("/git/push", "/git/pull"):
        response = tb.post(op, json={"path": f"{HOME}/solo"})
        assert_go_error(response, 404, "not found: remote not found", "NOT_FOUND", op)


@pytest.mark.upstream("apps/daemon/pkg/git/pull.go", "apps/daemon/pkg/toolbox/git/pull.go")
def test_pull_fast_forwards_and_is_quiet_when_up_to_date(cloned: httpx.Client, origin: Path, tmp_path: Path) -> None:
    assert cloned.post("/git/pull", json={"path": REPO}).status_code == 200
    newest = push_to_origin(origin, tmp_path / "other", "pulled.txt", "p")
    assert cloned.post("/git/pull", json={"path": REPO}).status_code == 200
    assert cloned.get("/git/history", params={"path": REPO}).json()[0]["hash"] == newest
    assert cloned.get("/files/download", params={"path": f"{REPO}/pulled.txt"}).content == b"p"


@pytest.mark.upstream("apps/daemon/pkg/git/pull.go", "apps/daemon/pkg/toolbox/git/errors.go")
def test_pull_of_diverged_history_is_409(cloned: httpx.Client, origin: Path, tmp_path: Path) -> None:
    push_to_origin(origin, tmp_path / "other", "theirs.txt", "t")
    put_files(cloned, {f"{REPO}/ours.txt": b"o"})
    assert cloned.post("/git/add", json={"path": REPO, "files": ["ours.txt"]}).status_code == 200
    assert _commit(cloned).status_code == 200
    response = cloned.post("/git/pull", json={"path": REPO})
    assert_go_error(response, 409, "conflict: non-fast-forward update", "CONFLICT", "/git/pull")
