"""The official ``daytona`` SDK (0.190.0) as an independent client of the emulator's toolbox.

Each test works in a fresh sandbox and checks what the SDK got back against what really happened on disk,
in git or in processes. When the official SDK fails or misreads an answer, the emulator is what needs fixing.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import io
import os
import resource
import subprocess
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from daytona import (
    AsyncDaytona,
    AsyncSandbox,
    CodeRunParams,
    DaytonaError,
    DaytonaNotFoundError,
    DaytonaTimeoutError,
    DaytonaValidationError,
    FileDownloadRequest,
    FileUpload,
    LspCompletionPosition,
    PtySize,
    ScreenshotOptions,
    ScreenshotRegion,
    SessionExecuteRequest,
)
from PIL import Image

from daytona_emulator.server import RunningEmulator
from tests.emulator._git_origin import make_origin

HOME = "/home/daytona"
WAIT_CEILING = 60.0  # seconds any wait may take on a busy machine before the test fails


async def wait_until(predicate: Callable[[], bool], what: str, within: float = WAIT_CEILING) -> None:
    deadline = time.monotonic() + within
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


def sandbox_processes(sandbox_id: str) -> list[int]:
    """Processes on this machine started for the sandbox (they carry its id in their environment)."""
    needle = f"DAYTONA_SANDBOX_ID={sandbox_id}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if needle in (entry / "environ").read_bytes().split(b"\x00"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.fixture
async def sandbox(daytona: AsyncDaytona) -> AsyncIterator[AsyncSandbox]:
    created = await daytona.create(timeout=WAIT_CEILING)
    try:
        yield created
    finally:
        await daytona.delete(created)
        await wait_until(lambda: not sandbox_processes(created.id), "the sandbox's processes to be gone")


def host_path(emulator: RunningEmulator, sandbox: AsyncSandbox, sandbox_path: str) -> Path:
    workspace = emulator.state.workspaces[sandbox.id]
    return workspace.paths.host(sandbox_path)


# --- files -------------------------------------------------------------------------------------------


async def test_upload_download_and_bulk_transfers(sandbox: AsyncSandbox, tmp_path: Path) -> None:
    await sandbox.fs.upload_file(b"hello bytes\n", "notes/hello.txt")
    local = tmp_path / "local.bin"
    local.write_bytes(os.urandom(300_000))
    await sandbox.fs.upload_file(str(local), f"{HOME}/data/local.bin")
    await sandbox.fs.upload_files(
        [FileUpload(b"one", "bulk/one.txt"), FileUpload(b"two", "/tmp/two.txt"), FileUpload(str(local), "bulk/3.bin")]
    )

    assert await sandbox.fs.download_file("notes/hello.txt") == b"hello bytes\n"
    assert await sandbox.fs.download_file("/tmp/two.txt") == b"two"
    target = tmp_path / "out" / "copy.bin"
    await sandbox.fs.download_file("data/local.bin", str(target))
    assert target.read_bytes() == local.read_bytes()

    results = await sandbox.fs.download_files(
        [
            FileDownloadRequest("bulk/one.txt"),
            FileDownloadRequest("bulk/3.bin", str(tmp_path / "3.bin")),
            FileDownloadRequest("bulk/missing.txt"),
        ]
    )
    assert results[0].result == b"one" and results[0].error is None
    assert (tmp_path / "3.bin").read_bytes() == local.read_bytes()
    assert results[2].result is None and results[2].error_details is not None
    assert results[2].error_details.status_code == 404
    with pytest.raises(DaytonaNotFoundError):
        await sandbox.fs.download_file("bulk/missing.txt")

    chunks = [chunk async for chunk in await sandbox.fs.download_file_stream("data/local.bin")]
    assert b"".join(chunks) == local.read_bytes()


async def test_large_upload_and_download_are_streamed(sandbox: AsyncSandbox, tmp_path: Path) -> None:
    size = 256 * 1024 * 1024
    source, copy = tmp_path / "big.bin", tmp_path / "big-copy.bin"
    digest = hashlib.sha256()
    block = os.urandom(1024 * 1024)
    with source.open("wb") as handle:
        for _ in range(size // len(block)):
            handle.write(block)
            digest.update(block)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    try:
        await sandbox.fs.upload_file(str(source), "big/big.bin")
        assert (await sandbox.fs.get_file_info("big/big.bin")).size == size
        await sandbox.fs.download_file("big/big.bin", str(copy))
        copied = hashlib.sha256()
        with copy.open("rb") as handle:
            while chunk := handle.read(1024 * 1024):
                copied.update(chunk)
        assert copied.hexdigest() == digest.hexdigest()
        await sandbox.fs.delete_file("big", recursive=True)
    finally:
        source.unlink(missing_ok=True)
        copy.unlink(missing_ok=True)
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    assert grown_mib < 128, f"peak memory grew by {grown_mib:.0f} MiB for a {size >> 20} MiB transfer"


async def test_listing_info_search_find_replace_move_permissions_delete(
    sandbox: AsyncSandbox, emulator: RunningEmulator
) -> None:
    await sandbox.fs.create_folder("proj/src", "755")
    await sandbox.fs.upload_files(
        [
            FileUpload(b"def main():\n    # TODO: write it\n    return 1\n", "proj/src/app.py"),
            FileUpload(b"TODO: docs\nnothing here\n", "proj/README.md"),
            FileUpload(b"print('x')\n", "proj/src/tool.py"),
        ]
    )
    names = sorted(item.name for item in await sandbox.fs.list_files("proj"))
    assert names == ["README.md", "src"]
    info = await sandbox.fs.get_file_info("proj/src")
    assert info.is_dir and info.permissions == "0755" and info.mode.startswith("d")

    found = await sandbox.fs.search_files("proj", "*.py")  # paths come back in the form they were asked for
    assert sorted(found.files) == ["proj/src/app.py", "proj/src/tool.py"]
    matches = await sandbox.fs.find_files(f"{HOME}/proj", "TODO:")
    assert {(match.file, match.line) for match in matches} == {
        (f"{HOME}/proj/src/app.py", 2),
        (f"{HOME}/proj/README.md", 1),
    }
    assert any(match.content == "    # TODO: write it" for match in matches)

    replaced = await sandbox.fs.replace_in_files(["proj/src/app.py", "proj/none.py"], "TODO", "DONE")
    assert [result.success for result in replaced] == [True, False]
    assert b"# DONE: write it" in await sandbox.fs.download_file("proj/src/app.py")

    await sandbox.fs.move_files("proj/src/tool.py", "proj/tool_moved.py")
    assert not host_path(emulator, sandbox, "proj/src/tool.py").exists()
    assert host_path(emulator, sandbox, "proj/tool_moved.py").read_text() == "print('x')\n"

    await sandbox.fs.set_file_permissions("proj/tool_moved.py", mode="600", owner="daytona", group="daytona")
    assert (await sandbox.fs.get_file_info("proj/tool_moved.py")).permissions == "0600"

    with pytest.raises(DaytonaValidationError):
        await sandbox.fs.delete_file("proj")  # a directory needs recursive=True
    await sandbox.fs.delete_file("proj/README.md")
    await sandbox.fs.delete_file("proj", recursive=True)
    assert not host_path(emulator, sandbox, "proj").exists()
    with pytest.raises(DaytonaNotFoundError):
        await sandbox.fs.get_file_info("proj")


async def test_paths_cannot_escape_the_sandbox(sandbox: AsyncSandbox, emulator: RunningEmulator) -> None:
    workspace = emulator.state.workspaces[sandbox.id]
    outside = workspace.paths.store.parent  # the host directory holding every sandbox's files
    await sandbox.process.exec(f"ln -s {outside} escape")
    if workspace.isolated:
        # The sandbox has its own root: the link resolves in there, where that host directory does not exist.
        with pytest.raises(DaytonaNotFoundError):
            await sandbox.fs.list_files("escape")
        with contextlib.suppress(DaytonaError):
            await sandbox.fs.upload_file(b"x", "escape/evil.txt")
        assert not (outside / "evil.txt").exists()
        assert not (await sandbox.fs.get_file_info("../../../../etc/passwd")).is_dir  # `/..` is `/`
        await sandbox.fs.upload_file(b"rooted", "../../top.txt")
        assert host_path(emulator, sandbox, "/top.txt").read_bytes() == b"rooted"
        return
    with pytest.raises(DaytonaNotFoundError):  # a link out of the sandbox leads nowhere
        await sandbox.fs.list_files("escape")
    with pytest.raises(DaytonaError) as refused:  # uploads always raise the base class, with the status
        await sandbox.fs.upload_file(b"x", "escape/evil.txt")
    assert refused.value.status_code == 400
    with pytest.raises(DaytonaNotFoundError):  # `..` stops at the sandbox's root, as Go's path cleaning does
        await sandbox.fs.get_file_info("../../../../../no-such-dir/file")
    await sandbox.fs.upload_file(b"rooted", "../../top.txt")  # `..` within the sandbox is fine
    assert host_path(emulator, sandbox, "/top.txt").read_bytes() == b"rooted"


# --- processes ---------------------------------------------------------------------------------------


async def test_exec_and_code_run(sandbox: AsyncSandbox) -> None:
    hello = await sandbox.process.exec("echo hello world")
    assert (hello.exit_code, hello.result) == (0, "hello world\n")
    failing = await sandbox.process.exec("sh -c 'echo oops >&2; exit 3'")
    assert (failing.exit_code, failing.result) == (3, "oops\n")
    await sandbox.fs.create_folder("work", "755")
    in_dir = await sandbox.process.exec("sh -c 'pwd; echo $GREETING'", cwd="work", env={"GREETING": "hi"})
    assert in_dir.result.splitlines()[0].endswith("/home/daytona/work")
    assert in_dir.result.splitlines()[1] == "hi"
    with pytest.raises(DaytonaError, match="request timeout: command execution timeout"):
        await sandbox.process.exec("sleep 5", timeout=1)

    run = await sandbox.process.code_run(
        "import os, sys\nprint(sys.argv[1:], os.environ['MODE'])",
        params=CodeRunParams(argv=["a", "b"], env={"MODE": "x"}),
    )
    assert (run.exit_code, run.result) == (0, "['a', 'b'] x\n")
    crash = await sandbox.process.code_run("raise SystemExit(4)")
    assert crash.exit_code == 4


async def test_sessions_keep_state_and_stream_logs(sandbox: AsyncSandbox) -> None:
    process = sandbox.process
    await process.create_session("dev")
    first = await process.execute_session_command(
        "dev", SessionExecuteRequest(command="export COLOR=blue; mkdir -p d && cd d")
    )
    assert first.exit_code == 0
    second = await process.execute_session_command(
        "dev", SessionExecuteRequest(command="echo $COLOR; pwd; echo warn >&2")
    )
    assert second.exit_code == 0
    assert second.stdout.splitlines()[0] == "blue" and second.stdout.splitlines()[1].endswith("/home/daytona/d")
    assert second.stderr == "warn\n"

    started = await process.execute_session_command(
        "dev",
        SessionExecuteRequest(command="for i in 1 2 3; do echo out$i; echo err$i >&2; sleep 0.1; done", run_async=True),
    )
    assert started.exit_code is None
    stdout: list[str] = []
    stderr: list[str] = []

    async def on_stderr(text: str) -> None:
        stderr.append(text)

    await process.get_session_command_logs_async("dev", started.cmd_id, stdout.append, on_stderr)
    assert "".join(stdout) == "out1\nout2\nout3\n" and "".join(stderr) == "err1\nerr2\nerr3\n"
    command = await process.get_session_command("dev", started.cmd_id)
    assert command.exit_code == 0
    logs = await process.get_session_command_logs("dev", started.cmd_id)
    assert logs.stdout == "out1\nout2\nout3\n" and logs.stderr == "err1\nerr2\nerr3\n"

    # (`exit` would end the session's shell, as in the daemon: a subshell gives the status instead.)
    waiting = await process.execute_session_command(
        "dev",
        SessionExecuteRequest(command="read line; echo got:$line; (exit 5)", run_async=True, suppress_input_echo=True),
    )
    await process.send_session_command_input("dev", waiting.cmd_id, "ping\n")
    deadline = time.monotonic() + WAIT_CEILING
    while (await process.get_session_command("dev", waiting.cmd_id)).exit_code is None:
        assert time.monotonic() < deadline
        await asyncio.sleep(0.05)
    assert (await process.get_session_command("dev", waiting.cmd_id)).exit_code == 5
    assert (await process.get_session_command_logs("dev", waiting.cmd_id)).stdout == "got:ping\n"

    session = await process.get_session("dev")
    assert [cmd.id for cmd in session.commands][-1] == waiting.cmd_id
    assert [s.session_id for s in await process.list_sessions()] == ["dev"]
    assert (await process.get_entrypoint_session()).session_id == "entrypoint"
    await process.delete_session("dev")
    with pytest.raises(DaytonaNotFoundError):
        await process.get_session("dev")


async def test_pty_session(sandbox: AsyncSandbox) -> None:
    received = bytearray()
    handle = await sandbox.process.create_pty_session("term", received.extend, pty_size=PtySize(rows=30, cols=100))
    assert handle.is_connected()
    await handle.send_input("echo pty-$((40 + 2))\n")
    await wait_until(lambda: b"pty-42" in received, "the terminal's echo")
    info = await handle.resize(PtySize(rows=40, cols=120))
    assert (info.rows, info.cols) == (40, 120)
    await handle.send_input("stty size\n")
    await wait_until(lambda: b"40 120" in received, "the new terminal size")
    assert [s.id for s in await sandbox.process.list_pty_sessions()] == ["term"]
    assert (await sandbox.process.get_pty_session_info("term")).active
    await handle.send_input("exit 7\n")
    result = await asyncio.wait_for(handle.wait(), WAIT_CEILING)
    assert (result.exit_code, result.error) == (7, "non-zero exit")
    assert await sandbox.process.list_pty_sessions() == []  # the daemon forgets a session whose shell exited

    other = await sandbox.process.create_pty_session("sleeper", lambda _data: None)
    await other.send_input("trap '' HUP; sleep 600\n")  # a job that would outlive a mere hangup
    await other.kill()
    killed = await asyncio.wait_for(other.wait(), WAIT_CEILING)
    assert (killed.exit_code, killed.error) == (137, "SIGKILL")
    assert await sandbox.process.list_pty_sessions() == []


async def test_code_interpreter_keeps_state_per_context(sandbox: AsyncSandbox) -> None:
    interpreter = sandbox.code_interpreter
    await interpreter.run_code("counter = 41\nimport os")
    streamed: list[str] = []
    result = await interpreter.run_code(
        "counter += 1\nprint(counter)\nos.system('echo from-a-child')\nprint(os.environ['TAG'])",
        on_stdout=lambda message: streamed.append(message.output),
        envs={"TAG": "tagged"},
    )
    assert result.error is None
    # Only sys.stdout is captured: a child process writes to the worker's real stdout, the daemon's protocol
    # pipe, where its non-JSON lines are skipped (apps/daemon/pkg/toolbox/process/interpreter/repl_worker.py).
    assert result.stdout == "42\ntagged\n" and "".join(streamed) == result.stdout

    context = await interpreter.create_context(cwd=HOME)
    isolated = await interpreter.run_code("print(counter)", context=context)
    assert isolated.error is not None and isolated.error.name == "NameError"
    assert "counter" in isolated.error.value and "<stdin>" in isolated.error.traceback
    await interpreter.run_code("value = 'ctx'", context=context)
    assert (await interpreter.run_code("print(value)", context=context)).stdout == "ctx\n"
    warned = await interpreter.run_code("import sys\nprint('careful', file=sys.stderr)")
    assert warned.stderr == "careful\n"
    assert [c.id for c in await interpreter.list_contexts()] == [context.id]

    with pytest.raises(DaytonaTimeoutError):
        await interpreter.run_code("import time\ntime.sleep(30)", context=context, timeout=1)
    assert (await interpreter.run_code("print(value)", context=context)).stdout == "ctx\n"  # state survived
    await interpreter.delete_context(context)
    assert await interpreter.list_contexts() == []


# --- git ---------------------------------------------------------------------------------------------


def origin_log(origin: Path) -> list[str]:
    log = subprocess.run(
        ["git", "-C", str(origin), "log", "--format=%s|%an"], capture_output=True, text=True, check=True
    )
    return log.stdout.splitlines()


async def test_git_clone_change_commit_branch_push_pull(sandbox: AsyncSandbox, tmp_path: Path) -> None:
    origin = make_origin(tmp_path)
    git = sandbox.git
    await git.clone(f"file://{origin}", "repo", username="ignored", password="ignored")
    status = await git.status("repo")
    assert status.current_branch == "main" and status.branch_published and status.ahead == 0

    await sandbox.fs.upload_file(b"print('hi')\n", "repo/app.py")
    await sandbox.fs.upload_file(b"# demo\nmore\n", "repo/README.md")
    status = await git.status("repo")
    by_name = {entry.name: entry for entry in status.file_status}
    assert by_name["app.py"].worktree == "Untracked" and by_name["README.md"].worktree == "Modified"

    await git.add("repo", ["."])
    staged = {entry.name: entry.staging for entry in (await git.status("repo")).file_status}
    assert staged == {"app.py": "Added", "README.md": "Modified"}
    commit = await git.commit("repo", "add app", "Ada", "ada@example.com")
    assert len(commit.sha) == 40
    status = await git.status("repo")
    assert status.file_status == [] and status.ahead == 1
    empty = await git.commit("repo", "nothing", "Ada", "ada@example.com", allow_empty=True)
    assert empty.sha != commit.sha

    await git.push("repo")
    assert origin_log(origin)[:2] == ["nothing|Ada", "add app|Ada"]
    assert (await git.status("repo")).ahead == 0

    await git.create_branch("repo", "feature")
    assert (await git.status("repo")).current_branch == "feature"
    assert sorted((await git.branches("repo")).branches) == ["feature", "main"]
    await git.checkout_branch("repo", "main")
    await git.delete_branch("repo", "feature")
    assert (await git.branches("repo")).branches == ["main"]

    await git.clone(str(origin), "second")
    await sandbox.fs.upload_file(b"v2\n", "second/app.py")
    await git.add("second", ["app.py"])
    await git.commit("second", "v2", "Bob", "bob@example.com")
    await git.push("second")
    await git.pull("repo")
    assert await sandbox.fs.download_file("repo/app.py") == b"v2\n"

    with pytest.raises(DaytonaNotFoundError):
        await git.checkout_branch("repo", "no-such-branch")


# --- computer use, LSP, info -------------------------------------------------------------------------


async def test_computer_use_screenshots_input_and_recording(sandbox: AsyncSandbox, tmp_path: Path) -> None:
    computer = sandbox.computer_use
    started = await computer.start()
    assert set(started.status) >= {"xvfb", "xfce4", "x11vnc", "novnc"}
    assert (await computer.get_status()).status == "active"
    assert (await computer.get_process_status("xvfb")).running

    moved = await computer.mouse.move(100, 120)
    assert (moved.x, moved.y) == (100, 120)
    await computer.mouse.click(200, 200, double=True)
    assert await computer.mouse.scroll(200, 200, "down", 3)
    await computer.keyboard.type("hello desktop")
    await computer.keyboard.press("Return")
    await computer.keyboard.hotkey("ctrl+c")

    shot = await computer.screenshot.take_full_screen(show_cursor=True)
    image = Image.open(io.BytesIO(base64.b64decode(shot.screenshot)))
    assert image.format == "PNG" and image.size == (1024, 768)
    # A plain screenshot reports the cursor but no size (only the compressed ones set sizeBytes).
    assert shot.size_bytes is None and shot.cursor_position is not None
    region = await computer.screenshot.take_region(ScreenshotRegion(x=10, y=20, width=300, height=200))
    assert Image.open(io.BytesIO(base64.b64decode(region.screenshot))).size == (300, 200)
    small = await computer.screenshot.take_compressed(ScreenshotOptions(fmt="jpeg", quality=60, scale=0.5))
    small_image = Image.open(io.BytesIO(base64.b64decode(small.screenshot)))
    assert small_image.format == "JPEG" and small_image.size == (512, 384)

    display = await computer.display.get_info()
    assert display.displays[0].width == 1024
    assert (await computer.display.get_windows()).windows

    recording = await computer.recording.start("demo")
    stopped = await computer.recording.stop(recording.id)
    assert stopped.status == "completed" and (stopped.size_bytes or 0) > 0
    assert [r.id for r in (await computer.recording.list()).recordings] == [recording.id]
    saved = tmp_path / "rec" / stopped.file_name
    await computer.recording.download(recording.id, str(saved))
    assert Image.open(saved).format == "GIF"
    await computer.recording.delete(recording.id)

    entries = await computer.accessibility.find_nodes(role="entry")
    await computer.accessibility.set_node_value(entries.matches[0].id, "Ada")
    button = (await computer.accessibility.find_nodes(role="push button")).matches[0]
    await computer.accessibility.invoke_node(button.id)
    tree = await computer.accessibility.get_tree(scope="all")
    assert "Status: submitted 'Ada'" in str(tree.root)
    # The daemon's ProcessStatus has no json tags: the wire keys are "Running", "Pid", ... which this SDK
    # model (lowercase names, from the swag docs) only keeps as additional properties.
    stopped_status = (await computer.stop()).status["xvfb"]
    assert stopped_status.running is None and stopped_status.additional_properties["Running"] is False


async def test_lsp_document_symbols_and_completions(sandbox: AsyncSandbox) -> None:
    source = (
        b"class Greeter:\n    def greet(self, name):\n        return 'hi ' + name\n\n\n"
        b"def helper():\n    return Greeter()\n\nhelper().gr"
    )
    await sandbox.fs.upload_file(source, "proj/app.py")
    lsp = sandbox.create_lsp_server("python", f"{HOME}/proj")
    await lsp.start()
    try:
        await lsp.did_open(f"{HOME}/proj/app.py")
        symbols = await lsp.document_symbols(f"{HOME}/proj/app.py")
        names = {symbol.name for symbol in symbols}
        assert {"Greeter", "greet", "helper"} <= names
        assert all(symbol.location.uri == f"file://{HOME}/proj/app.py" for symbol in symbols)
        completions = await lsp.completions(f"{HOME}/proj/app.py", LspCompletionPosition(line=8, character=11))
        assert "greet" in {item.label.split("(")[0] for item in completions.items}
        found = await lsp.sandbox_symbols("greet")
        assert [symbol.name for symbol in found] == ["Greeter", "greet"]  # a case-insensitive substring match
        await lsp.did_close(f"{HOME}/proj/app.py")
    finally:
        await lsp.stop()


async def test_info_endpoints(sandbox: AsyncSandbox) -> None:
    assert await sandbox.get_user_home_dir() == HOME
    assert await sandbox.get_work_dir() == HOME
