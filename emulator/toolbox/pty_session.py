"""PTY sessions: bash on a real pseudo-terminal, shared by any number of WebSocket clients."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import json
import os
import shutil
import signal
import struct
import termios
from typing import TYPE_CHECKING, Any

from emulator.errors import bad_request, conflict, not_found
from emulator.toolbox.common import now_iso

if TYPE_CHECKING:
    from emulator.toolbox.workspace import SandboxWorkspace

_BACKLOG_LIMIT = 256 * 1024


def _become_terminal_owner() -> None:
    """Runs in the child between fork and exec: make the PTY (already on fd 0) the controlling terminal."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def set_window_size(fd: int, rows: int, cols: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


class PtyExit:
    def __init__(self, exit_code: int, reason: str | None = None) -> None:
        self.exit_code = exit_code
        self.reason = reason

    def close_reason(self) -> str:
        payload: dict[str, Any] = {"exitCode": self.exit_code}
        if self.reason:
            payload["exitReason"] = self.reason
        return json.dumps(payload)


class PtySession:
    def __init__(
        self,
        workspace: SandboxWorkspace,
        session_id: str,
        cwd: str,
        envs: dict[str, str],
        cols: int,
        rows: int,
        lazy_start: bool,
    ) -> None:
        self.workspace = workspace
        self.id = session_id
        self.cwd = cwd
        self.envs = envs
        self.cols = cols
        self.rows = rows
        self.lazy_start = lazy_start
        self.created_at = now_iso()
        self.proc: asyncio.subprocess.Process | None = None
        self.master_fd: int | None = None
        self.exit: PtyExit | None = None
        self.clients: set[asyncio.Queue[bytes | PtyExit]] = set()
        self._backlog = bytearray()
        self._exited = asyncio.Event()
        self._exit_task: asyncio.Future[None] | None = None

    @property
    def active(self) -> bool:
        return self.proc is not None and self.exit is None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "cwd": self.cwd,
            "envs": self.envs,
            "cols": self.cols,
            "rows": self.rows,
            "createdAt": self.created_at,
            "active": self.active,
            "lazyStart": self.lazy_start,
        }

    async def start(self) -> None:
        if self.proc is not None or self.exit is not None:
            return
        master, slave = os.openpty()
        set_window_size(master, self.rows, self.cols)
        bash = shutil.which("bash") or "/bin/sh"
        env = self.workspace.env({"TERM": "xterm-256color", "COLORTERM": "truecolor", **self.envs})
        try:
            self.proc = await self.workspace.children.spawn(
                bash,
                "-i",
                cwd=self.workspace.paths.host(self.cwd),
                env=env,
                stdin=slave,
                stdout=slave,
                stderr=slave,
                preexec_fn=_become_terminal_owner,
            )
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(slave)
        self.master_fd = master
        os.set_blocking(master, False)
        asyncio.get_running_loop().add_reader(master, self._on_output)

    def _on_output(self) -> None:
        assert self.master_fd is not None
        try:
            data = os.read(self.master_fd, 65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""  # EIO: every process holding the terminal has gone
        if not data:
            asyncio.get_running_loop().remove_reader(self.master_fd)
            self._exit_task = asyncio.ensure_future(self._on_exit())
            return
        if self.clients:
            for queue in self.clients:
                queue.put_nowait(data)
        else:
            self._backlog.extend(data)
            del self._backlog[:-_BACKLOG_LIMIT]

    async def _on_exit(self) -> None:
        assert self.proc is not None
        code = await self.proc.wait()
        self.workspace.children.forget(self.proc)
        if code < 0:
            self.exit = PtyExit(-1, f"terminated by signal {signal.Signals(-code).name}")
        else:
            self.exit = PtyExit(code)
        if self.master_fd is not None:
            os.close(self.master_fd)
            self.master_fd = None
        for queue in self.clients:
            queue.put_nowait(self.exit)
        self._exited.set()

    def attach(self) -> asyncio.Queue[bytes | PtyExit]:
        queue: asyncio.Queue[bytes | PtyExit] = asyncio.Queue()
        if self._backlog:
            queue.put_nowait(bytes(self._backlog))
            self._backlog.clear()
        if self.exit is not None:
            queue.put_nowait(self.exit)
        self.clients.add(queue)
        return queue

    def detach(self, queue: asyncio.Queue[bytes | PtyExit]) -> None:
        self.clients.discard(queue)

    def write(self, data: bytes) -> None:
        if self.master_fd is None or self.exit is not None:
            return
        view = memoryview(data)
        while view:
            try:
                view = view[os.write(self.master_fd, view) :]
            except BlockingIOError:
                break  # the terminal's input buffer is full: drop the rest, as a slow terminal would

    def resize(self, cols: int, rows: int) -> None:
        self.cols, self.rows = cols, rows
        if self.master_fd is not None:
            set_window_size(self.master_fd, rows, cols)
            if self.proc is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGWINCH)

    async def kill(self) -> None:
        if self.proc is None:
            self.exit = PtyExit(-1, "killed before it started")
            for queue in self.clients:
                queue.put_nowait(self.exit)
            return
        if self.exit is None:
            await self.workspace.children.kill(self.proc)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._exited.wait(), 5.0)


class PtyManager:
    def __init__(self, workspace: SandboxWorkspace) -> None:
        self.workspace = workspace
        self.sessions: dict[str, PtySession] = {}

    async def create(self, body: dict[str, Any]) -> PtySession:
        session_id = body.get("id") or ""
        if not isinstance(session_id, str) or not session_id.strip():
            raise bad_request("id is required")
        if session_id in self.sessions:
            raise conflict(f"PTY session {session_id} already exists")
        cwd = self.workspace.paths.normalise(body.get("cwd") or "")
        if not self.workspace.paths.host(cwd).is_dir():
            raise bad_request(f"working directory {cwd} does not exist")
        envs = body.get("envs") or {}
        cols, rows = body.get("cols") or 80, body.get("rows") or 24
        validate_size(cols, rows)
        session = PtySession(self.workspace, session_id, cwd, envs, cols, rows, bool(body.get("lazyStart")))
        self.sessions[session_id] = session
        if not session.lazy_start:
            await session.start()
        return session

    def get(self, session_id: str) -> PtySession:
        session = self.sessions.get(session_id)
        if session is None:
            raise not_found(f"PTY session {session_id}")
        return session

    async def delete(self, session_id: str) -> None:
        session = self.get(session_id)
        await session.kill()
        self.sessions.pop(session_id, None)

    async def close(self) -> None:
        sessions, self.sessions = list(self.sessions.values()), {}
        for session in sessions:
            await session.kill()


def validate_size(cols: Any, rows: Any) -> None:
    for name, value in (("cols", cols), ("rows", rows)):
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 1000:
            raise bad_request(f"{name} must be an integer between 1 and 1000")
