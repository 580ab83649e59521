"""The synchronous client against the emulator: the async API's calls, results and errors, without ``await``;
its own event loop thread (so it works from a thread that runs an event loop), a clear error instead of a
deadlock when called from that thread, and ``close`` / ``with`` ending the thread."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest
from _live_support import config_for

from daytona_emulator.server import RunningEmulator
from facade import (
    AsyncSandbox,
    Daytona,
    DaytonaError,
    DaytonaNotFoundError,
    DaytonaValidationError,
    ExecuteResponse,
    ListSandboxesQuery,
    OutputMessage,
    PtySize,
    Sandbox,
    SandboxListSortDirection,
    SandboxListSortField,
    UploadProgress,
)


@pytest.fixture
def client(emulator: RunningEmulator) -> Iterator[Daytona]:
    with Daytona(config_for(emulator)) as daytona:
        yield daytona


def _loop_thread(daytona: Daytona) -> threading.Thread:
    thread: threading.Thread = daytona._portal.thread  # type: ignore[attr-defined]
    return thread


def test_create_exec_upload_download_list_delete(client: Daytona, emulator: RunningEmulator) -> None:
    sandbox = client.create(timeout=60)
    assert isinstance(sandbox, Sandbox) and not isinstance(sandbox, AsyncSandbox)
    assert sandbox.state == "started" and repr(sandbox).startswith("Sandbox(id=")
    assert emulator.state.sandbox(sandbox.id).state == "started"

    response = sandbox.process.exec("echo hello")
    assert isinstance(response, ExecuteResponse) and (response.exit_code, response.result) == (0, "hello\n")
    assert sandbox.process.code_run("print(6 * 7)").result.strip() == "42"

    sandbox.fs.upload_file(b"payload", "/tmp/sync.txt")
    assert sandbox.fs.download_file("/tmp/sync.txt") == b"payload"
    chunks = sandbox.fs.download_file_stream("/tmp/sync.txt")
    assert isinstance(chunks, Iterator) and b"".join(chunks) == b"payload"
    assert sandbox.fs is sandbox.fs  # one sync service per sandbox

    found = client.list(ListSandboxesQuery(sort=SandboxListSortField.CREATEDAT, order=SandboxListSortDirection.DESC))
    assert isinstance(found, Iterator)
    assert sandbox.id in [item.id for item in found if isinstance(item, Sandbox)]
    assert client.get(sandbox.id).id == sandbox.id

    client.delete(sandbox)  # a sync Sandbox is passed on as its async one (which waits until it is gone)
    with pytest.raises(DaytonaNotFoundError):
        client.get(sandbox.id)


def test_errors_are_the_async_classes(client: Daytona) -> None:
    with pytest.raises(DaytonaNotFoundError, match="Failed to get sandbox: "):
        client.get("no-such-sandbox")
    with pytest.raises(DaytonaValidationError):
        client.get("")
    with pytest.raises(TypeError):
        client.delete("not a sandbox")  # type: ignore[arg-type]


def test_works_from_a_thread_that_runs_an_event_loop(emulator: RunningEmulator) -> None:
    async def inside_a_loop() -> str:
        with Daytona(config_for(emulator)) as daytona:  # blocks this loop while it waits, as any sync call does
            sandbox = daytona.create()
            try:
                return sandbox.process.exec("echo from-a-loop").result
            finally:
                sandbox.delete()

    assert asyncio.run(inside_a_loop()) == "from-a-loop\n"


def test_a_call_from_the_clients_own_loop_thread_raises_instead_of_deadlocking(client: Daytona) -> None:
    sandbox = client.create()
    seen: list[BaseException] = []

    def on_progress(progress: UploadProgress) -> None:  # callbacks run on the client's loop thread
        try:
            sandbox.get_work_dir()
        except RuntimeError as exc:
            seen.append(exc)

    try:
        sandbox.fs.upload_file(b"x" * 10, "/tmp/progress.txt", on_progress=on_progress)
        assert seen and "own event loop thread" in str(seen[0])
        assert sandbox.get_work_dir()  # the client still works
    finally:
        sandbox.delete()


def test_close_ends_the_thread_and_later_calls_fail(emulator: RunningEmulator) -> None:
    daytona = Daytona(config_for(emulator))
    thread = _loop_thread(daytona)
    assert thread.is_alive() and thread.daemon
    daytona.close()
    assert not thread.is_alive()
    daytona.close()  # again: nothing to do
    with pytest.raises(DaytonaError, match="closed"):
        daytona.get("anything")


def test_with_block_closes_the_thread_on_error(emulator: RunningEmulator) -> None:
    with pytest.raises(DaytonaNotFoundError), Daytona(config_for(emulator)) as daytona:
        thread = _loop_thread(daytona)
        daytona.get("no-such-sandbox")
    assert not thread.is_alive()


def test_a_stream_left_early_does_not_hold_up_later_calls(client: Daytona) -> None:
    sandbox = client.create()
    try:
        sandbox.fs.upload_file(b"y" * 600_000, "/tmp/big.bin")
        stream = sandbox.fs.download_file_stream("/tmp/big.bin")
        assert next(stream)
        stream.close()  # type: ignore[attr-defined]
        assert sandbox.fs.download_file("/tmp/big.bin") == b"y" * 600_000
    finally:
        sandbox.delete()


def test_a_program_that_never_closes_its_client_exits_cleanly(emulator: RunningEmulator) -> None:
    program = (
        "from facade import Daytona, DaytonaConfig\n"
        f"daytona = Daytona(DaytonaConfig(api_key={emulator.api_key!r}, api_url={emulator.base_url!r}))\n"
        "print(type(list(daytona.list())).__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=False)
    assert (done.returncode, done.stdout) == (0, "list\n"), done.stderr
    assert "Unclosed" not in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_pty_with_block_and_callbacks_run_on_the_loop_thread(client: Daytona) -> None:
    sandbox = client.create()
    data: list[bytes] = []
    threads: set[str] = set()
    try:
        with sandbox.process.create_pty_session(
            "sync-pty", on_data=data.append, pty_size=PtySize(rows=24, cols=80)
        ) as pty:
            pty.wait_for_connection()
            pty.send_input("echo sync-pty-says-hi\nexit\n")
            assert pty.wait().exit_code == 0
        assert b"sync-pty-says-hi" in b"".join(data)

        def on_stdout(message: OutputMessage) -> None:
            threads.add(threading.current_thread().name)

        result = sandbox.code_interpreter.run_code("print('interpreted')", on_stdout=on_stdout)
        assert result.stdout == "interpreted\n" and threads == {"daytona-sync-loop"}
    finally:
        sandbox.delete()
