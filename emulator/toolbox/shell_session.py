"""Sessions: a real long-lived bash per session, running the commands it is given one after another.

Each command is sourced by the session's shell, so `cd`, variables and functions persist between commands.
Its stdin, stdout and stderr are FIFOs private to that command: output is captured as it happens (kept in
order, stream by stream) and input can be sent while it runs. After each command the shell prints a marker
line with the command's id and exit status on its own stdout, which only the emulator reads.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shlex
import shutil
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from emulator.errors import EmulatorHTTPError, bad_request, conflict, not_found

if TYPE_CHECKING:
    from emulator.toolbox.workspace import SandboxWorkspace

STDOUT, STDERR = 1, 2
_MARKER = "\x1edaytona-emulator-done"
_GRACE_SECONDS = 0.3
ENTRYPOINT_SESSION = "entrypoint"


class CommandLog:
    """Output of one command as (stream, bytes) chunks in arrival order, with change notification."""

    def __init__(self) -> None:
        self.chunks: list[tuple[int, bytes]] = []
        self._changed = asyncio.Event()

    def append(self, stream: int, data: bytes) -> None:
        self.chunks.append((stream, data))
        self.notify()

    def notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def changed(self) -> asyncio.Event:
        """An event set on the next change; take it before checking state to miss nothing."""
        return self._changed

    def text(self, stream: int | None = None) -> str:
        data = b"".join(chunk for kind, chunk in self.chunks if stream is None or kind == stream)
        return data.decode("utf-8", "replace")


class SessionCommand:
    def __init__(self, command: str, suppress_echo: bool) -> None:
        self.id = str(uuid.uuid4())
        self.command = command
        self.suppress_echo = suppress_echo
        self.exit_code: int | None = None
        self.log = CommandLog()
        self.done = asyncio.Event()
        self.stdin_fd: int | None = None
        self.directory: Path | None = None
        self.keepalive_fds: list[int] = []
        self.open_streams = 0
        self.pending_exit: int | None = None

    def to_json(self) -> dict[str, Any]:
        """``exitCode`` is left out while the command runs (the daemon omits it; it is never null)."""
        data: dict[str, Any] = {"id": self.id, "command": self.command}
        if self.exit_code is not None:
            data["exitCode"] = self.exit_code
        return data

    def write_input(self, data: str) -> None:
        if self.done.is_set() or self.stdin_fd is None:
            raise EmulatorHTTPError(410, "command has already finished", code="GONE")
        payload = data.encode()
        view = memoryview(payload)
        while view:
            try:
                written = os.write(self.stdin_fd, view)
            except BlockingIOError as exc:
                raise EmulatorHTTPError(503, "the command is not reading its input", code="UNAVAILABLE") from exc
            view = view[written:]
        if not self.suppress_echo:
            self.log.append(STDOUT, payload)


class ShellSession:
    def __init__(self, workspace: SandboxWorkspace, session_id: str) -> None:
        self.workspace = workspace
        self.id = session_id
        self.commands: dict[str, SessionCommand] = {}
        self.directory = workspace.state_dir / "sessions" / uuid.uuid4().hex
        self._proc: asyncio.subprocess.Process | None = None
        self._marker_task: asyncio.Task[None] | None = None
        self._running: dict[str, SessionCommand] = {}
        self._finishing: set[asyncio.Future[None]] = set()
        self._lock = asyncio.Lock()

    def to_json(self) -> dict[str, Any]:
        return {"sessionId": self.id, "commands": [command.to_json() for command in self.commands.values()]}

    async def _ensure_shell(self) -> asyncio.subprocess.Process:
        if self._proc is not None and self._proc.returncode is None:
            return self._proc
        self.directory.mkdir(parents=True, exist_ok=True)
        bash = shutil.which("bash") or "/bin/sh"
        self._proc = await self.workspace.children.spawn(
            bash,
            *(["--noprofile", "--norc"] if bash.endswith("bash") else []),
            cwd=self.workspace.home,
            env=self.workspace.env(),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
        )
        self._marker_task = asyncio.ensure_future(self._read_markers(self._proc))
        return self._proc

    async def execute(self, command: str, suppress_echo: bool = False) -> SessionCommand:
        async with self._lock:
            proc = await self._ensure_shell()
            entry = SessionCommand(command, suppress_echo)
            self._prepare_streams(entry)
            self.commands[entry.id] = entry
            self._running[entry.id] = entry
            assert entry.directory is not None
            script = entry.directory / "command.sh"
            script.write_text(command + "\n")
            q = shlex.quote
            line = (
                f"{{ . {q(str(script))}; }} < {q(str(entry.directory / 'in'))} > {q(str(entry.directory / 'out'))}"
                f" 2> {q(str(entry.directory / 'err'))}; printf '{_MARKER} %s %s\\n' {q(entry.id)} \"$?\"\n"
            )
            assert proc.stdin is not None
            proc.stdin.write(line.encode())
            with contextlib.suppress(ConnectionError):
                await proc.stdin.drain()
            return entry

    def _prepare_streams(self, entry: SessionCommand) -> None:
        entry.directory = self.directory / entry.id
        entry.directory.mkdir(parents=True)
        loop = asyncio.get_running_loop()
        for name, stream in (("out", STDOUT), ("err", STDERR)):
            fifo = entry.directory / name
            os.mkfifo(fifo, 0o600)
            read_fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
            # Our own writer keeps the reader from seeing EOF before the shell has even opened the FIFO.
            entry.keepalive_fds.append(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            entry.open_streams += 1
            loop.add_reader(read_fd, self._on_readable, entry, read_fd, stream)
        stdin_fifo = entry.directory / "in"
        os.mkfifo(stdin_fifo, 0o600)
        entry.stdin_fd = os.open(stdin_fifo, os.O_RDWR | os.O_NONBLOCK)

    def _on_readable(self, entry: SessionCommand, fd: int, stream: int) -> None:
        try:
            data = os.read(fd, 65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if data:
            entry.log.append(stream, data)
            return
        asyncio.get_running_loop().remove_reader(fd)
        os.close(fd)
        entry.open_streams -= 1
        entry.log.notify()

    async def _read_markers(self, proc: asyncio.subprocess.Process) -> None:
        assert proc.stdout is not None
        while True:
            line = await proc.stdout.readline()
            if not line:
                break
            text = line.decode("utf-8", "replace").rstrip("\r\n")
            if not text.startswith(_MARKER):
                continue
            parts = text.split()
            if len(parts) == 3 and parts[1] in self._running:
                entry = self._running.pop(parts[1])
                task = asyncio.ensure_future(self._finish(entry, int(parts[2])))
                self._finishing.add(task)
                task.add_done_callback(self._finishing.discard)
        # The shell is gone (`exit` in a command, or killed): whatever was running ends with its status.
        code = await proc.wait()
        for entry in list(self._running.values()):
            self._running.pop(entry.id, None)
            await self._finish(entry, code if code >= 0 else -1)

    async def _finish(self, entry: SessionCommand, exit_code: int) -> None:
        for fd in entry.keepalive_fds:
            with contextlib.suppress(OSError):
                os.close(fd)
        entry.keepalive_fds.clear()
        deadline = asyncio.get_running_loop().time() + _GRACE_SECONDS
        while entry.open_streams > 0 and asyncio.get_running_loop().time() < deadline:
            changed = entry.log.changed()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), deadline - asyncio.get_running_loop().time())
        entry.exit_code = exit_code
        if entry.stdin_fd is not None:
            with contextlib.suppress(OSError):
                os.close(entry.stdin_fd)
            entry.stdin_fd = None
        if entry.directory is not None:
            shutil.rmtree(entry.directory, ignore_errors=True)
        entry.done.set()
        entry.log.notify()

    async def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            await self.workspace.children.kill(proc)
        if self._marker_task is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._marker_task, 2.0)
        for entry in list(self._running.values()):
            await self._finish(entry, -1)
        self._running.clear()
        shutil.rmtree(self.directory, ignore_errors=True)


class SessionManager:
    def __init__(self, workspace: SandboxWorkspace) -> None:
        self.workspace = workspace
        self.sessions: dict[str, ShellSession] = {}

    async def create(self, session_id: str) -> ShellSession:
        if not session_id.strip():
            raise bad_request("sessionId is required")
        if session_id in self.sessions or session_id == ENTRYPOINT_SESSION:
            raise conflict(f"session {session_id} already exists")
        session = ShellSession(self.workspace, session_id)
        self.sessions[session_id] = session
        await session._ensure_shell()
        return session

    def get(self, session_id: str) -> ShellSession:
        session = self.sessions.get(session_id)
        if session is None:
            raise not_found(f"session {session_id}")
        return session

    def command(self, session_id: str, command_id: str) -> SessionCommand:
        command = self.get(session_id).commands.get(command_id)
        if command is None:
            raise not_found(f"command {command_id}")
        return command

    async def delete(self, session_id: str) -> None:
        session = self.get(session_id)
        del self.sessions[session_id]
        await session.close()

    async def close(self) -> None:
        sessions, self.sessions = list(self.sessions.values()), {}
        for session in sessions:
            await session.close()


def entrypoint_session() -> dict[str, Any]:
    """The emulator starts no entrypoint process, so its session has no commands."""
    return {"sessionId": ENTRYPOINT_SESSION, "commands": []}
