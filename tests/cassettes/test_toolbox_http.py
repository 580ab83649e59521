"""The toolbox's HTTP methods (fs, git, process, code interpreter contexts, computer use, LSP), replayed
from cassettes: each test asserts on the requests it sent (as recorded) and on what came back.

WebSocket features (PTY connections, ``code_interpreter.run_code``, following session logs) cannot be
recorded by vcrpy; they are tested live against the emulator in ``tests/live``.
"""

from __future__ import annotations

import base64
import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from facade import AsyncDaytona, AsyncSandbox, CreateSandboxFromSnapshotParams, DaytonaNotFoundError
from facade._polling import get_default_clock
from facade._process import CodeRunParams, SessionExecuteRequest
from facade._pty import PtySize
from facade._toolbox import LspCompletionPosition, ScreenshotOptions, ScreenshotRegion
from facade._transfer import FileDownloadRequest, FileUpload
from tests.cassettes._vcr import (
    call_passed,
    find_requests,
    json_body,
    one_request,
    query,
    response_json,
    sent,
    status_of,
)

TB = r"/toolbox/[0-9a-f-]{36}"
PUBLIC_REPO = "https://github.com/octocat/Hello-World.git"


@pytest.fixture
async def sandbox(daytona: AsyncDaytona, request: pytest.FixtureRequest) -> AsyncIterator[AsyncSandbox]:
    """A started sandbox for one test, deleted at its end (both recorded in the test's cassette)."""
    created = await daytona.create(
        CreateSandboxFromSnapshotParams(labels={"cassette": request.node.name[:63]}), timeout=60
    )
    yield created
    try:
        await created.delete()
    except Exception:
        if call_passed(request):
            raise  # a failed test's cassette may lack the delete; its own failure is what matters


def multipart_text(request: Any) -> str:
    body = request.body
    return body.decode("utf-8", errors="replace") if isinstance(body, bytes) else str(body)


# ---- sandbox info -----------------------------------------------------------------------------------


async def test_user_home_and_work_dir(sandbox: AsyncSandbox, cassette: Any) -> None:
    home = await sandbox.get_user_home_dir()
    work = await sandbox.get_work_dir()
    with pytest.warns(DeprecationWarning):
        root = await sandbox.get_user_root_dir()

    assert home.startswith("/") and work.startswith("/") and root == home
    first, second = find_requests(cassette, "GET", f"{TB}/user-home-dir")
    assert response_json(cassette, first)["dir"] == home and second.uri == first.uri
    assert response_json(cassette, one_request(cassette, "GET", f"{TB}/work-dir"))["dir"] == work
    assert sent(cassette)[-1].path.startswith(f"/toolbox/{sandbox.id}/")


# ---- fs -------------------------------------------------------------------------------------------------


async def test_fs_create_folder_list_and_info(sandbox: AsyncSandbox, cassette: Any) -> None:
    await sandbox.fs.create_folder("workspace/docs", "750")
    await sandbox.fs.upload_file(b"# notes\n", "workspace/docs/notes.md")

    entries = await sandbox.fs.list_files("workspace/docs")
    info = await sandbox.fs.get_file_info("workspace/docs")
    file_info = await sandbox.fs.get_file_info("workspace/docs/notes.md")

    assert query(one_request(cassette, "POST", f"{TB}/files/folder")) == {"path": ["workspace/docs"], "mode": ["750"]}
    assert query(one_request(cassette, "GET", f"{TB}/files")) == {"path": ["workspace/docs"]}
    assert [e.name for e in entries] == ["notes.md"]
    assert info.is_dir is True
    assert file_info.is_dir is False and file_info.size == len(b"# notes\n")
    assert [query(r)["path"] for r in find_requests(cassette, "GET", f"{TB}/files/info")] == [
        ["workspace/docs"],
        ["workspace/docs/notes.md"],
    ]


async def test_fs_upload_and_download_in_memory_to_disk_and_in_bulk(
    sandbox: AsyncSandbox, cassette: Any, tmp_path: Path
) -> None:
    local = tmp_path / "local.txt"
    local.write_bytes(b"from a local file\n")
    binary = bytes(range(256)) * 4

    await sandbox.fs.upload_file(binary, "transfer/binary.bin")
    await sandbox.fs.upload_files(
        [
            FileUpload(source=b"first\n", destination="transfer/a.txt"),
            FileUpload(source=str(local), destination="transfer/b.txt"),
        ]
    )
    back = await sandbox.fs.download_file("transfer/binary.bin")
    await sandbox.fs.download_file("transfer/b.txt", str(tmp_path / "out" / "b.txt"))
    results = await sandbox.fs.download_files(
        [FileDownloadRequest(source="transfer/a.txt"), FileDownloadRequest(source="transfer/missing.txt")]
    )

    assert back == binary
    assert (tmp_path / "out" / "b.txt").read_bytes() == b"from a local file\n"
    assert results[0].source == "transfer/a.txt" and results[0].result == b"first\n" and results[0].error is None
    assert results[1].result is None and results[1].error
    uploads = find_requests(cassette, "POST", f"{TB}/files/bulk-upload")
    assert len(uploads) == 2
    single, bulk = (multipart_text(u) for u in uploads)
    assert 'name="files[0].path"' in single and "transfer/binary.bin" in single
    assert 'name="files[0].path"' in bulk and 'name="files[1].path"' in bulk
    assert "transfer/a.txt" in bulk and "transfer/b.txt" in bulk and "from a local file" in bulk
    downloads = find_requests(cassette, "POST", f"{TB}/files/bulk-download")
    assert [json_body(d) for d in downloads] == [
        {"paths": ["transfer/binary.bin"]},
        {"paths": ["transfer/b.txt"]},
        {"paths": ["transfer/a.txt", "transfer/missing.txt"]},
    ]


async def test_fs_stream_upload_and_download(sandbox: AsyncSandbox, cassette: Any) -> None:
    chunks = [b"chunk-%d;" % i for i in range(5)]

    async def produce() -> AsyncIterator[bytes]:
        for chunk in chunks:
            yield chunk

    progress: list[int] = []
    await sandbox.fs.upload_file_stream(
        produce(), "stream/data.txt", on_progress=lambda p: progress.append(p.bytes_sent)
    )
    received = [chunk async for chunk in await sandbox.fs.download_file_stream("stream/data.txt")]

    assert b"".join(received) == b"".join(chunks)
    assert progress and progress[-1] == len(b"".join(chunks))
    upload = one_request(cassette, "POST", f"{TB}/files/bulk-upload")
    assert 'name="files[0].path"' in multipart_text(upload) and "chunk-4;" in multipart_text(upload)
    assert json_body(one_request(cassette, "POST", f"{TB}/files/bulk-download")) == {"paths": ["stream/data.txt"]}


async def test_fs_move_permissions_and_recursive_delete(sandbox: AsyncSandbox, cassette: Any) -> None:
    await sandbox.fs.upload_file(b"data\n", "old/data.txt")

    await sandbox.fs.move_files("old", "new")
    await sandbox.fs.set_file_permissions("new/data.txt", mode="600")
    info = await sandbox.fs.get_file_info("new/data.txt")
    await sandbox.fs.delete_file("new", recursive=True)
    with pytest.raises(DaytonaNotFoundError):
        await sandbox.fs.get_file_info("new")

    assert query(one_request(cassette, "POST", f"{TB}/files/move")) == {"source": ["old"], "destination": ["new"]}
    assert query(one_request(cassette, "POST", f"{TB}/files/permissions")) == {
        "path": ["new/data.txt"],
        "mode": ["600"],
    }
    assert info.permissions.endswith("600") and info.mode.endswith("rw-------")
    assert query(one_request(cassette, "DELETE", f"{TB}/files")) == {"path": ["new"], "recursive": ["true"]}
    assert status_of(cassette, find_requests(cassette, "GET", f"{TB}/files/info")[-1]) == 404


async def test_fs_find_search_and_replace(sandbox: AsyncSandbox, cassette: Any) -> None:
    await sandbox.fs.upload_files(
        [
            FileUpload(source=b"x = 1  # TODO tidy\n", destination="src/a.py"),
            FileUpload(source=b"# TODO nothing\n", destination="src/b.txt"),
        ]
    )

    matches = await sandbox.fs.find_files("src", "TODO")
    found = await sandbox.fs.search_files("src", "*.py")
    replaced = await sandbox.fs.replace_in_files(["src/a.py", "src/b.txt"], "TODO", "DONE")
    content = await sandbox.fs.download_file("src/a.py")

    assert sorted(Path(m.file).name for m in matches) == ["a.py", "b.txt"] and all(m.line == 1 for m in matches)
    assert [Path(f).name for f in found.files] == ["a.py"]
    assert all(r.success for r in replaced) and len(replaced) == 2
    assert content == b"x = 1  # DONE tidy\n"
    assert query(one_request(cassette, "GET", f"{TB}/files/find")) == {"path": ["src"], "pattern": ["TODO"]}
    assert query(one_request(cassette, "GET", f"{TB}/files/search")) == {"path": ["src"], "pattern": ["*.py"]}
    assert json_body(one_request(cassette, "POST", f"{TB}/files/replace")) == {
        "files": ["src/a.py", "src/b.txt"],
        "pattern": "TODO",
        "newValue": "DONE",
    }


# ---- git ------------------------------------------------------------------------------------------------


def git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Cassette", "-c", "user.email=cassette@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def local_origin(root: Path) -> Path:
    """A bare repository with two commits on ``main`` and a ``feature`` branch."""
    work = root / "work"
    work.mkdir()
    git("init", "-q", "-b", "main", cwd=work)
    (work / "README.md").write_text("# sample\n")
    git("add", "README.md", cwd=work)
    git("commit", "-q", "-m", "first", cwd=work)
    (work / "app.py").write_text("print('hi')\n")
    git("add", "app.py", cwd=work)
    git("commit", "-q", "-m", "second", cwd=work)
    git("branch", "feature", cwd=work)
    bare = root / "sample-repo.git"
    git("clone", "-q", "--bare", str(work), str(bare), cwd=root)
    return bare


@pytest.fixture
def repo_url(backend: Any, scrubber: Any, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Where to clone from: a local bare repository (emulator), a public one (real service).

    In replay the URL only ends up in a request body, which is not matched, so any value does.
    """
    if backend.kind == "real":
        return PUBLIC_REPO
    if backend.kind == "replay":
        return "/local/sample-repo.git"
    if shutil.which("git") is None:
        pytest.fail("recording the git cassettes needs the git command")
    root = tmp_path_factory.mktemp("git-origin")
    scrubber.add_replacement(str(root), "/local")  # keep the recording machine's temp path out of cassettes
    return str(local_origin(root))


async def test_git_clone_status_and_branches(sandbox: AsyncSandbox, cassette: Any, repo_url: str) -> None:
    await sandbox.git.clone(repo_url, "repo", branch="main")

    status = await sandbox.git.status("repo")
    branches = await sandbox.git.branches("repo")

    body = json_body(one_request(cassette, "POST", f"{TB}/git/clone"))
    assert body["path"] == "repo" and body["branch"] == "main"
    assert body["url"].endswith(("sample-repo.git", "Hello-World.git"))
    assert status.current_branch in ("main", "master")
    assert status.file_status == [] and status.ahead == 0
    assert status.current_branch in branches.branches
    assert query(one_request(cassette, "GET", f"{TB}/git/status")) == {"path": ["repo"]}
    assert query(one_request(cassette, "GET", f"{TB}/git/branches")) == {"path": ["repo"]}


async def test_git_branch_checkout_add_commit_push_pull(
    sandbox: AsyncSandbox, cassette: Any, repo_url: str, backend: Any
) -> None:
    if backend.kind == "real":
        pytest.skip("pushing needs a writable remote; the real service can only reach public repositories")
    await sandbox.git.clone(repo_url, "repo")

    await sandbox.git.create_branch("repo", "topic")
    await sandbox.git.checkout_branch("repo", "topic")
    on_topic = await sandbox.git.status("repo")
    await sandbox.git.checkout_branch("repo", "main")
    await sandbox.git.delete_branch("repo", "topic")
    await sandbox.fs.upload_file(b"more\n", "repo/notes.txt")
    await sandbox.git.add("repo", ["notes.txt"])
    staged = await sandbox.git.status("repo")
    commit = await sandbox.git.commit("repo", "Add notes", "Cassette", "cassette@example.com")
    await sandbox.git.push("repo")
    await sandbox.git.pull("repo")
    after = await sandbox.git.status("repo")
    branches = await sandbox.git.branches("repo")

    assert on_topic.current_branch == "topic"
    assert [f.name for f in staged.file_status] == ["notes.txt"]
    assert len(commit.sha) >= 7
    assert after.current_branch == "main" and after.ahead == 0 and after.file_status == []
    assert "topic" not in branches.branches
    assert json_body(one_request(cassette, "POST", f"{TB}/git/branches")) == {"path": "repo", "name": "topic"}
    assert [json_body(r) for r in find_requests(cassette, "POST", f"{TB}/git/checkout")] == [
        {"path": "repo", "branch": "topic"},
        {"path": "repo", "branch": "main"},
    ]
    assert json_body(one_request(cassette, "DELETE", f"{TB}/git/branches")) == {"path": "repo", "name": "topic"}
    assert json_body(one_request(cassette, "POST", f"{TB}/git/add")) == {"path": "repo", "files": ["notes.txt"]}
    assert json_body(one_request(cassette, "POST", f"{TB}/git/commit")) == {
        "path": "repo",
        "message": "Add notes",
        "author": "Cassette",
        "email": "cassette@example.com",
        "allow_empty": False,
    }
    assert response_json(cassette, one_request(cassette, "POST", f"{TB}/git/commit"))["hash"] == commit.sha
    assert json_body(one_request(cassette, "POST", f"{TB}/git/push")) == {"path": "repo"}
    assert json_body(one_request(cassette, "POST", f"{TB}/git/pull")) == {"path": "repo"}


async def test_git_credentials_are_sent_and_scrubbed(sandbox: AsyncSandbox, cassette: Any, repo_url: str) -> None:
    await sandbox.git.clone(repo_url, "repo", username="cassette-user", password="cassette-password-123")

    body = json_body(one_request(cassette, "POST", f"{TB}/git/clone"))
    assert body["username"] == "cassette-user"
    assert body["password"] == "REDACTED", "passwords never reach a cassette"
    assert (await sandbox.git.status("repo")).current_branch in ("main", "master")


# ---- process --------------------------------------------------------------------------------------------


async def test_process_exec_with_cwd_env_and_timeout(sandbox: AsyncSandbox, cassette: Any) -> None:
    await sandbox.fs.create_folder("work", "755")
    home = await sandbox.get_user_home_dir()

    # The daemon does not run commands through a shell: ask for one to expand variables.
    command = "sh -c 'echo \"$GREETING from $(basename $(pwd))\"'"
    response = await sandbox.process.exec(command, cwd=f"{home}/work", env={"GREETING": "hello"}, timeout=20)
    failing = await sandbox.process.exec("sh -c 'exit 3'")

    assert response.exit_code == 0
    assert response.result.strip() == "hello from work"
    assert response.artifacts is not None and response.artifacts.stdout == response.result
    assert failing.exit_code == 3
    first, second = find_requests(cassette, "POST", f"{TB}/process/execute")
    assert json_body(first) == {
        "command": command,
        "cwd": f"{home}/work",
        "envs": {"GREETING": "hello"},
        "timeout": 20,
    }
    assert json_body(second) == {"command": "sh -c 'exit 3'"}


async def test_process_code_run_uses_the_sandbox_language(sandbox: AsyncSandbox, cassette: Any) -> None:
    code = "import os, sys\nprint(sys.argv[1:], os.environ['MODE'])\n"

    response = await sandbox.process.code_run(
        code, params=CodeRunParams(argv=["a", "b"], env={"MODE": "test"}), timeout=30
    )

    assert response.exit_code == 0
    assert response.result.strip() == "['a', 'b'] test"
    assert json_body(one_request(cassette, "POST", f"{TB}/process/code-run")) == {
        "code": code,
        "language": "python",
        "argv": ["a", "b"],
        "envs": {"MODE": "test"},
        "timeout": 30,
    }


async def test_process_sessions_commands_input_and_logs(sandbox: AsyncSandbox, cassette: Any) -> None:
    process = sandbox.process
    await process.create_session("cassette-session")

    first = await process.execute_session_command("cassette-session", SessionExecuteRequest(command="export A=42"))
    echoed = await process.execute_session_command("cassette-session", SessionExecuteRequest(command="echo $A"))
    started = await process.execute_session_command(
        "cassette-session", SessionExecuteRequest(command="read line; echo got $line; echo oops >&2", run_async=True)
    )
    await process.send_session_command_input("cassette-session", started.cmd_id, "hello\n")
    clock = get_default_clock()
    command = await process.get_session_command("cassette-session", started.cmd_id)
    while command.exit_code is None:
        await clock.sleep(0.05)
        command = await process.get_session_command("cassette-session", started.cmd_id)
    logs = await process.get_session_command_logs("cassette-session", started.cmd_id)
    session = await process.get_session("cassette-session")
    sessions = await process.list_sessions()
    await process.delete_session("cassette-session")

    assert first.exit_code == 0
    assert echoed.exit_code == 0 and echoed.stdout.strip() == "42", "a session keeps its state"
    assert started.exit_code is None
    assert command.exit_code == 0 and command.command.startswith("read line")
    assert (logs.stdout or "").strip().endswith("got hello") and (logs.stderr or "").strip() == "oops"
    assert [c.id for c in session.commands][-1] == started.cmd_id and len(session.commands) == 3
    assert "cassette-session" in [s.session_id for s in sessions]
    assert json_body(one_request(cassette, "POST", f"{TB}/process/session")) == {"sessionId": "cassette-session"}
    bodies = [json_body(r) for r in find_requests(cassette, "POST", f"{TB}/process/session/cassette-session/exec")]
    assert bodies[0] == {"command": "export A=42"}
    assert bodies[2] == {"command": "read line; echo got $line; echo oops >&2", "runAsync": True}
    cmd = started.cmd_id
    assert json_body(one_request(cassette, "POST", f"{TB}/process/session/cassette-session/command/{cmd}/input")) == {
        "data": "hello\n"
    }
    logs_request = one_request(cassette, "GET", f"{TB}/process/session/cassette-session/command/{cmd}/logs")
    assert "follow" not in query(logs_request)
    one_request(cassette, "GET", f"{TB}/process/session/cassette-session")
    one_request(cassette, "GET", f"{TB}/process/session")
    one_request(cassette, "DELETE", f"{TB}/process/session/cassette-session")


async def test_process_entrypoint_session_and_logs(sandbox: AsyncSandbox, cassette: Any) -> None:
    session = await sandbox.process.get_entrypoint_session()
    logs = await sandbox.process.get_entrypoint_logs()

    assert session.session_id
    assert logs.output is not None or logs.stdout is not None
    one_request(cassette, "GET", f"{TB}/process/session/entrypoint")
    one_request(cassette, "GET", f"{TB}/process/session/entrypoint/logs")


async def test_process_pty_sessions_over_http(sandbox: AsyncSandbox, cassette: Any, backend: Any) -> None:
    """The PTY calls that are plain HTTP; connecting (WebSocket) is tested live.

    The session is started at once (`lazyStart: false`): the daemon refuses to resize a lazy session that
    was never connected (500), so a lazy one could not be resized here.
    """
    assert await sandbox.process.list_pty_sessions() == []
    # Make a session without connecting to it: the toolbox API's own create call, sent with httpx.
    async with httpx.AsyncClient(headers={"Authorization": f"Bearer {backend.api_key}"}) as raw:
        created = await raw.post(
            f"{sandbox.toolbox_proxy_url}/{sandbox.id}/process/pty",
            json={"id": "cassette-pty", "cols": 80, "rows": 24, "lazyStart": False},
        )
    assert created.status_code in (200, 201), created.text

    info = await sandbox.process.get_pty_session_info("cassette-pty")
    listed = await sandbox.process.list_pty_sessions()
    resized = await sandbox.process.resize_pty_session("cassette-pty", PtySize(rows=40, cols=120))
    await sandbox.process.kill_pty_session("cassette-pty")
    after = await sandbox.process.list_pty_sessions()

    assert info.id == "cassette-pty" and (info.cols, info.rows) == (80, 24) and info.lazy_start is False
    assert [p.id for p in listed] == ["cassette-pty"]
    assert (resized.cols, resized.rows) == (120, 40)
    assert "cassette-pty" not in [p.id for p in after]
    assert len(find_requests(cassette, "GET", f"{TB}/process/pty")) == 3
    one_request(cassette, "GET", f"{TB}/process/pty/cassette-pty")
    assert json_body(one_request(cassette, "POST", f"{TB}/process/pty/cassette-pty/resize")) == {
        "cols": 120,
        "rows": 40,
    }
    one_request(cassette, "DELETE", f"{TB}/process/pty/cassette-pty")


# ---- code interpreter contexts --------------------------------------------------------------------------


async def test_interpreter_contexts_create_list_delete(sandbox: AsyncSandbox, cassette: Any) -> None:
    home = await sandbox.get_user_home_dir()

    context = await sandbox.code_interpreter.create_context(cwd=home)
    listed = await sandbox.code_interpreter.list_contexts()
    await sandbox.code_interpreter.delete_context(context)
    after = await sandbox.code_interpreter.list_contexts()

    assert context.id and context.cwd == home
    assert context.id in [c.id for c in listed]
    assert context.id not in [c.id for c in after]
    assert json_body(one_request(cassette, "POST", f"{TB}/process/interpreter/context")) == {"cwd": home}
    assert len(find_requests(cassette, "GET", f"{TB}/process/interpreter/context")) == 2
    one_request(cassette, "DELETE", f"{TB}/process/interpreter/context/{context.id}")


# ---- computer use ---------------------------------------------------------------------------------------


async def test_computer_use_start_status_processes_stop(sandbox: AsyncSandbox, cassette: Any) -> None:
    cu = sandbox.computer_use

    started = await cu.start()
    status = await cu.get_status()
    process = await cu.get_process_status("xvfb")
    restarted = await cu.restart_process("xvfb")
    logs = await cu.get_process_logs("xvfb")
    errors = await cu.get_process_errors("xvfb")
    stopped = await cu.stop()

    assert started.message and status.status == "active"
    assert process.running is True and restarted.message
    assert logs.process_name == "xvfb" and errors.process_name == "xvfb"
    assert stopped.message
    for method, path in [
        ("POST", "/computeruse/start"),
        ("GET", "/computeruse/process-status"),
        ("GET", "/computeruse/process/xvfb/status"),
        ("POST", "/computeruse/process/xvfb/restart"),
        ("GET", "/computeruse/process/xvfb/logs"),
        ("GET", "/computeruse/process/xvfb/errors"),
        ("POST", "/computeruse/stop"),
    ]:
        one_request(cassette, method, f"{TB}{path}")


async def test_computer_use_mouse_and_keyboard(sandbox: AsyncSandbox, cassette: Any) -> None:
    cu = sandbox.computer_use
    await cu.start()

    moved = await cu.mouse.move(100, 200)
    position = await cu.mouse.get_position()
    clicked = await cu.mouse.click(30, 40, button="right", double=True)
    dragged = await cu.mouse.drag(10, 10, 60, 70)
    scrolled = await cu.mouse.scroll(60, 70, "down", amount=3)
    await cu.keyboard.type("hello", delay=1)
    await cu.keyboard.press("a", ["ctrl", "shift"])
    await cu.keyboard.hotkey("ctrl+c")
    await cu.stop()

    assert (moved.x, moved.y) == (100, 200) and (position.x, position.y) == (100, 200)
    assert (clicked.x, clicked.y) == (30, 40)
    assert (dragged.x, dragged.y) == (60, 70)
    assert scrolled is True
    assert json_body(one_request(cassette, "POST", f"{TB}/computeruse/mouse/move")) == {"x": 100, "y": 200}
    assert json_body(one_request(cassette, "POST", f"{TB}/computeruse/mouse/click")) == {
        "x": 30,
        "y": 40,
        "button": "right",
        "double": True,
    }
    assert json_body(one_request(cassette, "POST", f"{TB}/computeruse/mouse/drag")) == {
        "startX": 10,
        "startY": 10,
        "endX": 60,
        "endY": 70,
        "button": "left",
    }
    assert json_body(one_request(cassette, "POST", f"{TB}/computeruse/mouse/scroll")) == {
        "x": 60,
        "y": 70,
        "direction": "down",
        "amount": 3,
    }
    one_request(cassette, "GET", f"{TB}/computeruse/mouse/position")
    assert json_body(one_request(cassette, "POST", f"{TB}/computeruse/keyboard/type")) == {"text": "hello", "delay": 1}
    assert json_body(one_request(cassette, "POST", f"{TB}/computeruse/keyboard/key")) == {
        "key": "a",
        "modifiers": ["ctrl", "shift"],
    }
    assert json_body(one_request(cassette, "POST", f"{TB}/computeruse/keyboard/hotkey")) == {"keys": "ctrl+c"}


async def test_computer_use_screenshots_and_display(sandbox: AsyncSandbox, cassette: Any) -> None:
    cu = sandbox.computer_use
    await cu.start()

    info = await cu.display.get_info()
    windows = await cu.display.get_windows()
    full = await cu.screenshot.take_full_screen(show_cursor=True)
    region = await cu.screenshot.take_region(ScreenshotRegion(0, 0, 32, 16))
    compressed = await cu.screenshot.take_compressed(ScreenshotOptions(fmt="jpeg", quality=40, scale=0.25))
    compressed_region = await cu.screenshot.take_compressed_region(
        ScreenshotRegion(8, 8, 40, 20), ScreenshotOptions(fmt="png", show_cursor=False)
    )
    await cu.stop()

    assert info.displays and isinstance(windows.windows, list)
    assert base64.b64decode(full.screenshot)[:8] == b"\x89PNG\r\n\x1a\n"
    assert base64.b64decode(region.screenshot)[:8] == b"\x89PNG\r\n\x1a\n"
    assert base64.b64decode(compressed.screenshot)[:3] == b"\xff\xd8\xff"
    assert base64.b64decode(compressed_region.screenshot)[:8] == b"\x89PNG\r\n\x1a\n"
    one_request(cassette, "GET", f"{TB}/computeruse/display/info")
    one_request(cassette, "GET", f"{TB}/computeruse/display/windows")
    assert query(one_request(cassette, "GET", f"{TB}/computeruse/screenshot")) == {"showCursor": ["true"]}
    assert query(one_request(cassette, "GET", f"{TB}/computeruse/screenshot/region")) == {
        "x": ["0"],
        "y": ["0"],
        "width": ["32"],
        "height": ["16"],
        "showCursor": ["false"],
    }
    assert query(one_request(cassette, "GET", f"{TB}/computeruse/screenshot/compressed")) == {
        "format": ["jpeg"],
        "quality": ["40"],
        "scale": ["0.25"],
    }
    assert query(one_request(cassette, "GET", f"{TB}/computeruse/screenshot/region/compressed")) == {
        "x": ["8"],
        "y": ["8"],
        "width": ["40"],
        "height": ["20"],
        "showCursor": ["false"],
        "format": ["png"],
    }


async def test_computer_use_recordings(sandbox: AsyncSandbox, cassette: Any, tmp_path: Path) -> None:
    cu = sandbox.computer_use
    await cu.start()

    started = await cu.recording.start(label="cassette")
    stopped = await cu.recording.stop(started.id)
    listed = await cu.recording.list()
    fetched = await cu.recording.get(started.id)
    target = tmp_path / "recording.mp4"
    await cu.recording.download(started.id, str(target))
    await cu.recording.delete(started.id)
    await cu.stop()

    assert started.status == "recording" and stopped.id == started.id and stopped.status != "recording"
    assert started.id in [r.id for r in listed.recordings] and fetched.id == started.id
    assert target.read_bytes(), "the recording was downloaded"
    assert json_body(one_request(cassette, "POST", f"{TB}/computeruse/recordings/start")) == {"label": "cassette"}
    assert json_body(one_request(cassette, "POST", f"{TB}/computeruse/recordings/stop")) == {"id": started.id}
    one_request(cassette, "GET", f"{TB}/computeruse/recordings")
    one_request(cassette, "GET", f"{TB}/computeruse/recordings/{started.id}")
    one_request(cassette, "GET", f"{TB}/computeruse/recordings/{started.id}/download")
    one_request(cassette, "DELETE", f"{TB}/computeruse/recordings/{started.id}")


async def test_computer_use_accessibility(sandbox: AsyncSandbox, cassette: Any) -> None:
    cu = sandbox.computer_use
    await cu.start()

    tree = await cu.accessibility.get_tree(scope="all", max_depth=3)
    entries = await cu.accessibility.find_nodes(scope="all", role="entry", states=["editable"], limit=5)
    entry = entries.matches[0]
    await cu.accessibility.focus_node(entry.id)
    await cu.accessibility.set_node_value(entry.id, "Ada")
    button = (
        await cu.accessibility.find_nodes(scope="all", role="push button", name="Submit", name_match="exact")
    ).matches[0]
    await cu.accessibility.invoke_node(button.id, action="press")
    await cu.stop()

    assert tree.root is not None and tree.root.id
    assert query(one_request(cassette, "GET", f"{TB}/computeruse/a11y/tree")) == {"scope": ["all"], "maxDepth": ["3"]}
    first_find, second_find = find_requests(cassette, "POST", f"{TB}/computeruse/a11y/find")
    assert json_body(first_find) == {"scope": "all", "role": "entry", "states": ["editable"], "limit": 5}
    assert json_body(second_find) == {"scope": "all", "role": "push button", "name": "Submit", "nameMatch": "exact"}
    assert json_body(one_request(cassette, "POST", f"{TB}/computeruse/a11y/node/focus")) == {"id": entry.id}
    assert json_body(one_request(cassette, "POST", f"{TB}/computeruse/a11y/node/value")) == {
        "id": entry.id,
        "value": "Ada",
    }
    assert json_body(one_request(cassette, "POST", f"{TB}/computeruse/a11y/node/invoke")) == {
        "id": button.id,
        "action": "press",
    }


# ---- LSP ------------------------------------------------------------------------------------------------

LSP_SOURCE = """\
import os


class Greeter:
    def greet(self, name: str) -> str:
        return "hello " + name


def shout(text: str) -> str:
    return text.upper()


os.path.
"""


async def test_lsp_server_lifecycle_symbols_and_completions(sandbox: AsyncSandbox, cassette: Any) -> None:
    home = await sandbox.get_user_home_dir()
    project = f"{home}/project"
    main = f"{project}/main.py"
    await sandbox.fs.upload_file(LSP_SOURCE.encode(), main)
    lsp = sandbox.create_lsp_server("python", project)

    await lsp.start()
    await lsp.did_open(main)
    symbols = await lsp.document_symbols(main)
    completions = await lsp.completions(main, LspCompletionPosition(line=12, character=len("os.path.")))
    found = await lsp.sandbox_symbols("Greeter")
    with pytest.warns(DeprecationWarning):
        found_again = await lsp.workspace_symbols("shout")
    await lsp.did_close(main)
    await lsp.stop()

    assert {"Greeter", "shout"} <= {s.name for s in symbols}
    assert any(item.label.startswith("join") for item in completions.items)
    assert "Greeter" in {s.name for s in found}
    assert "shout" in {s.name for s in found_again}
    uri = f"file://{main}"
    assert json_body(one_request(cassette, "POST", f"{TB}/lsp/start")) == {
        "languageId": "python",
        "pathToProject": project,
    }
    assert json_body(one_request(cassette, "POST", f"{TB}/lsp/did-open")) == {
        "languageId": "python",
        "pathToProject": project,
        "uri": uri,
    }
    assert query(one_request(cassette, "GET", f"{TB}/lsp/document-symbols")) == {
        "languageId": ["python"],
        "pathToProject": [project],
        "uri": [uri],
    }
    assert json_body(one_request(cassette, "POST", f"{TB}/lsp/completions")) == {
        "languageId": "python",
        "pathToProject": project,
        "uri": uri,
        "position": {"line": 12, "character": len("os.path.")},
    }
    assert [query(r) for r in find_requests(cassette, "GET", f"{TB}/lsp/workspacesymbols")] == [
        {"query": ["Greeter"], "languageId": ["python"], "pathToProject": [project]},
        {"query": ["shout"], "languageId": ["python"], "pathToProject": [project]},
    ]
    assert json_body(one_request(cassette, "POST", f"{TB}/lsp/did-close"))["uri"] == uri
    assert json_body(one_request(cassette, "POST", f"{TB}/lsp/stop")) == {
        "languageId": "python",
        "pathToProject": project,
    }
