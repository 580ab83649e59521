"""PTY sessions (`sandbox.process.*pty*`, `AsyncPtyHandle`) against the in-process emulator.

The emulator runs a real shell on a real pseudo-terminal and speaks the daemon's WebSocket protocol
(a `connected` control frame, binary output and input, exit code in the close reason).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import pytest
from _live_support import NothingSent, assert_rejected_before_sending

from facade import AsyncDaytona, AsyncSandbox
from facade._errors import (
    DaytonaConflictError,
    DaytonaConnectionError,
    DaytonaError,
    DaytonaNotFoundError,
    DaytonaValidationError,
)
from facade._process import AsyncProcess
from facade._pty import AsyncPtyHandle, PtyResult, PtySize

WAIT_CEILING = 60.0  # seconds a wait may take on a busy machine before the test fails


class Screen:
    """Collects terminal output; `wait_for` waits until some text shows up."""

    def __init__(self) -> None:
        self.data = bytearray()
        self._changed = asyncio.Event()

    def on_data(self, chunk: bytes) -> None:
        assert isinstance(chunk, bytes)
        self.data += chunk
        self._changed.set()

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", "replace")

    async def wait_for(self, needle: str, within: float = WAIT_CEILING) -> None:
        async def poll() -> None:
            while needle not in self.text:
                self._changed.clear()
                await self._changed.wait()

        try:
            await asyncio.wait_for(poll(), within)
        except TimeoutError:
            raise AssertionError(f"{needle!r} never appeared; terminal shows {self.text[-500:]!r}") from None


@pytest.fixture
async def terminal(sandbox: AsyncSandbox) -> AsyncIterator[tuple[AsyncPtyHandle, Screen]]:
    screen = Screen()
    handle = await sandbox.process.create_pty_session("term", screen.on_data, pty_size=PtySize(rows=24, cols=80))
    try:
        yield handle, screen
    finally:
        await handle.disconnect()


async def test_created_session_is_connected_and_runs_commands(terminal: tuple[AsyncPtyHandle, Screen]) -> None:
    handle, screen = terminal
    assert handle.session_id == "term"
    assert handle.is_connected()
    assert handle.exit_code is None
    await handle.wait_for_connection()  # already connected: returns at once
    await handle.send_input("echo hi\n")
    await screen.wait_for("hi\r\n")
    await handle.send_input(b"echo $((6 * 7))\n")
    await screen.wait_for("42")


async def test_exit_code_of_the_shell_is_reported(terminal: tuple[AsyncPtyHandle, Screen]) -> None:
    handle, _ = terminal
    await handle.send_input("exit 3\n")
    result = await asyncio.wait_for(handle.wait(), WAIT_CEILING)
    assert result == PtyResult(exit_code=3, error="non-zero exit")  # the daemon's exitReason for a non-zero exit
    assert handle.exit_code == 3
    assert not handle.is_connected()
    with pytest.raises(DaytonaConnectionError):
        await handle.send_input("echo too late\n")


async def test_resize_changes_the_terminal_size(sandbox: AsyncSandbox, terminal: tuple[AsyncPtyHandle, Screen]) -> None:
    handle, screen = terminal
    info = await handle.resize(PtySize(rows=40, cols=120))
    assert (info.rows, info.cols) == (40, 120)
    assert (await sandbox.process.get_pty_session_info("term")).cols == 120
    await handle.send_input("stty size\n")
    await screen.wait_for("40 120")
    info = await sandbox.process.resize_pty_session("term", PtySize(rows=10, cols=50))
    assert (info.rows, info.cols) == (10, 50)
    await handle.send_input("stty size\n")
    await screen.wait_for("10 50")


async def test_session_info_and_listing(sandbox: AsyncSandbox, terminal: tuple[AsyncPtyHandle, Screen]) -> None:
    info = await sandbox.process.get_pty_session_info("term")
    assert info.id == "term"
    assert (info.rows, info.cols) == (24, 80)
    assert info.active is True
    assert info.lazy_start is True
    assert info.created_at
    assert "term" in {session.id for session in await sandbox.process.list_pty_sessions()}


async def test_kill_ends_the_session(sandbox: AsyncSandbox, terminal: tuple[AsyncPtyHandle, Screen]) -> None:
    handle, _ = terminal
    await handle.kill()
    result = await asyncio.wait_for(handle.wait(), WAIT_CEILING)
    assert result == PtyResult(exit_code=137, error="SIGKILL")
    assert not handle.is_connected()
    with pytest.raises(DaytonaNotFoundError):
        await sandbox.process.get_pty_session_info("term")
    with pytest.raises(DaytonaNotFoundError):
        await sandbox.process.kill_pty_session("term")


async def test_disconnect_keeps_the_shell_and_a_new_connection_sees_it(
    sandbox: AsyncSandbox, terminal: tuple[AsyncPtyHandle, Screen]
) -> None:
    handle, screen = terminal
    await handle.send_input("export MARK=still-here\n")
    await handle.send_input("echo marked\n")
    await screen.wait_for("marked\r\n")
    await handle.disconnect()
    await handle.disconnect()  # idempotent, never raises
    assert not handle.is_connected()
    with pytest.raises(DaytonaConnectionError):
        await handle.send_input("x")

    second = Screen()
    async with await sandbox.process.connect_pty_session("term", second.on_data) as again:
        await again.send_input('echo "$MARK"\n')
        await second.wait_for("still-here\r\n")
        await again.send_input("exit\n")
        assert (await asyncio.wait_for(again.wait(), WAIT_CEILING)).exit_code == 0


async def test_async_on_data_callbacks_are_awaited(sandbox: AsyncSandbox) -> None:
    received: list[bytes] = []
    seen = asyncio.Event()

    async def on_data(chunk: bytes) -> None:
        await asyncio.sleep(0)
        received.append(chunk)
        if b"async-ok" in b"".join(received):
            seen.set()

    async with await sandbox.process.create_pty_session("async-cb", on_data) as handle:
        await handle.send_input("echo async-ok\n")
        await asyncio.wait_for(seen.wait(), WAIT_CEILING)


async def test_cwd_and_envs_are_applied(sandbox: AsyncSandbox, sent: Any) -> None:
    await sandbox.process.exec("mkdir -p pty-dir")
    screen = Screen()
    async with await sandbox.process.create_pty_session(
        "env", screen.on_data, cwd="/home/daytona/pty-dir", envs={"FLAVOUR": "mint"}, pty_size=PtySize(rows=5, cols=60)
    ) as handle:
        await handle.send_input('echo "$FLAVOUR:$(basename "$PWD")"\n')
        await screen.wait_for("mint:pty-dir")
    body = sent.one("POST", "/process/pty").body
    assert body == {
        "id": "env",
        "cwd": "/home/daytona/pty-dir",
        "envs": {"FLAVOUR": "mint"},
        "cols": 60,
        "rows": 5,
        "lazyStart": True,
    }


async def test_connecting_to_an_unknown_session_fails_with_the_daemons_reason(sandbox: AsyncSandbox) -> None:
    # The daemon upgrades first, then sends a control error message and drops the connection.
    with pytest.raises(DaytonaConnectionError, match="PTY session no-such-pty not found"):
        await sandbox.process.connect_pty_session("no-such-pty", print)


async def test_creating_a_duplicate_session_fails_and_keeps_the_first(
    sandbox: AsyncSandbox, terminal: tuple[AsyncPtyHandle, Screen]
) -> None:
    handle, screen = terminal
    with pytest.raises(DaytonaConflictError):
        await sandbox.process.create_pty_session("term", print)
    await handle.send_input("echo alive\n")
    await screen.wait_for("alive\r\n")


async def test_a_failing_on_data_callback_is_reported_by_wait(sandbox: AsyncSandbox) -> None:
    def explode(chunk: bytes) -> None:
        raise LookupError("bad callback")

    handle = await sandbox.process.create_pty_session("explode", explode)
    try:
        # The shell's first prompt may already have hit the callback and stopped the reading.
        with contextlib.suppress(DaytonaConnectionError):
            await handle.send_input("echo trigger\n")
        with pytest.raises(DaytonaError, match="bad callback") as caught:
            await asyncio.wait_for(handle.wait(), WAIT_CEILING)
        assert isinstance(caught.value.__cause__, LookupError)
    finally:
        await handle.disconnect()
        await sandbox.process.kill_pty_session("explode")


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda p: p.create_pty_session("", print), DaytonaValidationError),
        (lambda p: p.create_pty_session("x", print, pty_size=PtySize(rows=0, cols=80)), DaytonaValidationError),
        (lambda p: p.create_pty_session("x", print, pty_size=PtySize(rows=24, cols=1001)), DaytonaValidationError),
        (lambda p: p.create_pty_session("x", print, envs={"1BAD": "v"}), DaytonaValidationError),
        (lambda p: p.create_pty_session("x", "not callable"), TypeError),
        (lambda p: p.connect_pty_session(" ", print), DaytonaValidationError),
        (lambda p: p.resize_pty_session("x", PtySize(rows=24, cols=-1)), DaytonaValidationError),
        (lambda p: p.resize_pty_session("", PtySize(rows=24, cols=80)), DaytonaValidationError),
        (lambda p: p.get_pty_session_info(""), DaytonaValidationError),
        (lambda p: p.kill_pty_session(""), DaytonaValidationError),
    ],
)
async def test_bad_input_is_rejected_before_anything_is_sent(
    offline: tuple[AsyncDaytona, NothingSent], call: Any, error: type[Exception]
) -> None:
    await assert_rejected_before_sending(offline, lambda toolbox: AsyncProcess(toolbox, "python"), call, error)
