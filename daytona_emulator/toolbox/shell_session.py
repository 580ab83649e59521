"""Sessions: a long-lived shell per session, running the commands it is given one after another.

As in the daemon (apps/daemon/pkg/session/{create,execute,input,log,delete}.go), each command is written to a
file and sourced by the session's shell (the user's shell, started in the working directory with the
sandbox's environment), so `cd`, variables and functions persist between commands. The command's stdout and
stderr are FIFOs whose lines the emulator labels, as the daemon's wrapper does, into one log: every line
`\\n`-terminated and prefixed by ``\\x01\\x01\\x01`` (stdout) or ``\\x02\\x02\\x02`` (stderr). A synchronous
command's stdin reaches EOF at once; an asynchronous one's stays open for input until it ends. After each
command the shell prints a marker line with the command's id and exit status on its own stdout, which only
the emulator reads.

Where the daemon's behaviour cannot be kept (see docs/emulator-fidelity.md): a command whose background job
keeps its stdout open ends once its script returns and its streams stay quiet (the daemon waits for the job),
and a command that exits the session's shell ends with that status (the daemon never records one).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shlex
import shutil
import signal
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from daytona_emulator.toolbox import daemon_errors

if TYPE_CHECKING:
    from daytona_emulator.toolbox.workspace import SandboxWorkspace

STDOUT_PREFIX = b"\x01\x01\x01"
STDERR_PREFIX = b"\x02\x02\x02"
ENTRYPOINT_SESSION = "entrypoint"
ENTRYPOINT_COMMAND = "entrypoint_command"
# Where the daemon keeps session files: $HOME/.daytona/sessions/<session>/<command>/ (its config dir).
DAEMON_SESSIONS_DIR = "/home/daytona/.daytona/sessions"
_MARKER = "\x1edaytona-emulator-done"
# Once a command's script has returned, its output streams are drained until they close; a background job
# holding them open is waited for only while they stay busy (quiet this long ends the wait), at most the cap.
_QUIET_SECONDS = 0.5
_DRAIN_CAP_SECONDS = 10.0
# The daemon's session termination: SIGTERM to the shell's process group, SIGKILL after the grace period.
TERMINATION_GRACE_SECONDS = 5.0


def strip_markers(data: bytes) -> bytes:
    return data.replace(STDOUT_PREFIX, b"").replace(STDERR_PREFIX, b"")


def demux(data: bytes) -> tuple[bytes, bytes]:
    """Split a labelled log into (stdout, stderr): each marker owns the bytes up to the next marker."""
    out, err = bytearray(), bytearray()
    position, size = 0, len(data)
    target: bytearray | None = None
    while position < size:
        chunk = data[position : position + 3]
        if chunk == STDOUT_PREFIX or chunk == STDERR_PREFIX:
            target = out if chunk == STDOUT_PREFIX else err
            position += 3
            continue
        following = [i for i in (data.find(STDOUT_PREFIX, position), data.find(STDERR_PREFIX, position)) if i >= 0]
        end = min(following) if following else size
        if target is not None:
            target.extend(data[position:end])
        position = end
    return bytes(out), bytes(err)


class CommandLog:
    """The labelled log of one command (what the daemon writes to its output.log), with change notification."""

    def __init__(self) -> None:
        self.data = bytearray()
        self._changed = asyncio.Event()

    def append(self, data: bytes) -> None:
        self.data.extend(data)
        self.notify()

    def notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def changed(self) -> asyncio.Event:
        """An event set on the next change; take it before checking state to miss nothing."""
        return self._changed

    def raw(self) -> bytes:
        return bytes(self.data)


class _Labeller:
    """One output stream of a command: complete lines go to the log with the stream's prefix."""

    def __init__(self, log: CommandLog, prefix: bytes) -> None:
        self.log = log
        self.prefix = prefix
        self.partial = b""

    def feed(self, data: bytes) -> None:
        lines = (self.partial + data).split(b"\n")
        self.partial = lines.pop()
        if lines:
            self.log.append(b"".join(self.prefix + line + b"\n" for line in lines))

    def finish(self) -> None:
        if self.partial:
            self.log.append(self.prefix + self.partial + b"\n")
            self.partial = b""


class SessionCommand:
    def __init__(self, command_id: str, command: str, run_async: bool, suppress_echo: bool, directory: Path) -> None:
        self.id = command_id
        self.command = command
        self.run_async = run_async
        self.suppress_echo = suppress_echo
        self.directory = directory
        self.log = CommandLog()
        self.exit_code: int | None = None
        # The daemon records an exit code on the command only when someone reads it (or waited for it).
        self.exit_code_seen = False
        self.done = asyncio.Event()
        self.stdin_fd: int | None = None
        self._keepalive: list[int] = []
        self._streams: dict[int, _Labeller] = {}

    @property
    def streams_closed(self) -> bool:
        """Whether stdout and stderr have both reached EOF (no background job holds them any more)."""
        return not self._streams

    @property
    def input_path(self) -> Path:
        return self.directory / "in"

    def to_json(self) -> dict[str, Any]:
        """``exitCode`` is left out while the command runs (never null)."""
        data: dict[str, Any] = {"id": self.id, "command": self.command}
        if self.exit_code is not None:
            data["exitCode"] = self.exit_code
            self.exit_code_seen = True
        return data

    # -- streams --

    def open_streams(self) -> None:
        """Make the command's FIFOs and start labelling what arrives on stdout and stderr."""
        self.directory.mkdir(parents=True)
        loop = asyncio.get_running_loop()
        for name, prefix in (("out", STDOUT_PREFIX), ("err", STDERR_PREFIX)):
            fifo = self.directory / name
            os.mkfifo(fifo, 0o600)
            read_fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
            # Our own writer keeps the reader from seeing EOF before the shell has even opened the FIFO.
            self._keepalive.append(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            self._streams[read_fd] = _Labeller(self.log, prefix)
            loop.add_reader(read_fd, self._read_once, read_fd)
        os.mkfifo(self.input_path, 0o600)
        if self.run_async:  # stdin stays open (for SendInput) until the command ends
            self.stdin_fd = os.open(self.input_path, os.O_RDWR | os.O_NONBLOCK)

    def _read_once(self, fd: int) -> bool:
        """Read from one stream; False once nothing more is there now (or it reached EOF and is closed)."""
        labeller = self._streams.get(fd)
        if labeller is None:
            return False
        try:
            data = os.read(fd, 65536)
        except BlockingIOError:
            return False
        except OSError:
            data = b""
        if data:
            labeller.feed(data)
            return True
        asyncio.get_running_loop().remove_reader(fd)
        os.close(fd)
        del self._streams[fd]
        labeller.finish()
        if not self._streams and self.done.is_set():
            shutil.rmtree(self.directory, ignore_errors=True)
        self.log.notify()
        return False

    def _drain_now(self) -> None:
        """Read what the streams hold right now: a stream nobody writes to any more reaches EOF at once."""
        for fd in list(self._streams):
            while self._read_once(fd):
                pass

    async def finish(self, exit_code: int) -> None:
        """The script returned: close stdin, drain the output streams, then record the exit code.

        The shell has closed its ends of the streams before reporting, so once our own writers are closed a
        stream still open is held by a background job: it is then drained only while it stays busy."""
        for fd in self._keepalive:
            with contextlib.suppress(OSError):
                os.close(fd)
        self._keepalive.clear()
        self.close_stdin()
        self._drain_now()
        loop = asyncio.get_running_loop()
        cap = loop.time() + _DRAIN_CAP_SECONDS
        while self._streams:
            changed = self.log.changed()
            timeout = min(_QUIET_SECONDS, cap - loop.time())
            if timeout <= 0:
                break
            try:
                await asyncio.wait_for(changed.wait(), timeout)
            except TimeoutError:
                break
        self.exit_code = exit_code
        self.done.set()
        if not self._streams:
            shutil.rmtree(self.directory, ignore_errors=True)
        self.log.notify()

    def close_stdin(self) -> None:
        if self.stdin_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.stdin_fd)
            self.stdin_fd = None
        with contextlib.suppress(OSError):
            self.input_path.unlink()

    async def write_input(self, data: bytes) -> None:
        """Write to the command's stdin (waiting while the pipe is full, as a blocking write would)."""
        fd = self.stdin_fd
        own = fd is None
        if own:
            fd = os.open(self.input_path, os.O_WRONLY | os.O_NONBLOCK)
        assert fd is not None
        try:
            view = memoryview(data)
            loop = asyncio.get_running_loop()
            while view:
                try:
                    view = view[os.write(fd, view) :]
                except BlockingIOError:
                    writable: asyncio.Future[None] = loop.create_future()
                    loop.add_writer(fd, _resolve, writable)
                    try:
                        await writable
                    finally:
                        loop.remove_writer(fd)
        finally:
            if own:
                os.close(fd)


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class ShellSession:
    def __init__(self, workspace: SandboxWorkspace, session_id: str) -> None:
        self.workspace = workspace
        self.id = session_id
        self.commands: dict[str, SessionCommand] = {}
        self.directory = workspace.state_dir / "sessions" / uuid.uuid4().hex
        self.cancelled = asyncio.Event()
        self.dead = False  # the shell exited: the daemon can no longer write commands to it
        self._proc: asyncio.subprocess.Process | None = None
        self._marker_task: asyncio.Task[None] | None = None
        self._running: dict[str, SessionCommand] = {}
        self._finishing: set[asyncio.Future[None]] = set()
        self._lock = asyncio.Lock()

    def to_json(self) -> dict[str, Any]:
        return {"sessionId": self.id, "commands": [command.to_json() for command in self.commands.values()]}

    async def start(self) -> None:
        """Start the session's shell: the user's shell, in the working directory, reading commands on stdin."""
        from daytona_emulator.toolbox.workspace import user_shell

        self.directory.mkdir(parents=True, exist_ok=True)
        self._proc = await self.workspace.children.spawn(
            user_shell(),
            cwd=self.workspace.workdir,
            env=self.workspace.env(),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
        )
        self._marker_task = asyncio.ensure_future(self._read_markers(self._proc))

    async def execute(
        self, command: str, *, run_async: bool, suppress_echo: bool, command_id: str | None = None
    ) -> SessionCommand:
        """Start `command` in the session; raises a daemon error (500) when the shell can take no more."""
        async with self._lock:
            command_id = command_id or str(uuid.uuid4())
            if command_id in self.commands:
                raise daemon_errors.conflict("command with the given ID already exists")
            entry = SessionCommand(command_id, command, run_async, suppress_echo, self.directory / command_id)
            self.commands[command_id] = entry
            entry.open_streams()
            script = entry.directory / "cmd.sh"
            script.write_text(command)
            script.chmod(0o600)
            stdin, out, err = (shlex.quote(str(entry.directory / name)) for name in ("in", "out", "err"))
            feeder = "" if run_async else f"( : > {stdin} ) & "  # a writer that closes at once: EOF
            line = (
                f"{feeder}{{ . {shlex.quote(str(script))}; }} < {stdin} > {out} 2> {err}; "
                f"printf '{_MARKER} %s %s\\n' {shlex.quote(command_id)} \"$?\"\n"
            )
            proc = self._proc
            if self.dead or proc is None or proc.stdin is None or proc.stdin.is_closing():
                raise daemon_errors.bad_request("failed to write command: write |1: broken pipe")
            self._running[command_id] = entry
            proc.stdin.write(line.encode())
            with contextlib.suppress(ConnectionError):
                await proc.stdin.drain()
            return entry

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
                self._finish_later(self._running.pop(parts[1]), int(parts[2]))
        # The shell is gone (`exit` in a command, or killed): what was running ends with its status.
        self.dead = True
        code = await proc.wait()
        if not self.cancelled.is_set():
            for entry in list(self._running.values()):
                self._finish_later(entry, code if code >= 0 else -1)
        self._running.clear()

    def _finish_later(self, entry: SessionCommand, code: int) -> None:
        task = asyncio.ensure_future(entry.finish(code))
        self._finishing.add(task)
        task.add_done_callback(self._finishing.discard)

    async def wait(self, entry: SessionCommand) -> None:
        """Wait for a synchronous command; a daemon error (500) if the session is deleted meanwhile."""
        done = asyncio.ensure_future(entry.done.wait())
        cancelled = asyncio.ensure_future(self.cancelled.wait())
        try:
            await asyncio.wait({done, cancelled}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (done, cancelled):
                task.cancel()
        if not entry.done.is_set():
            entry.exit_code = 1
            raise daemon_errors.bad_request("session cancelled")

    async def terminate(self, grace: float = TERMINATION_GRACE_SECONDS) -> None:
        """End the shell and everything in its process group: SIGTERM, then SIGKILL after `grace` seconds."""
        self.cancelled.set()
        proc, self._proc = self._proc, None
        if proc is not None:
            if grace > 0 and proc.returncode is None:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(proc.pid, signal.SIGTERM)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(proc.wait(), grace)
            await self.workspace.children.kill(proc)
        if self._marker_task is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._marker_task, 2.0)
        for entry in list(self._running.values()):
            entry.close_stdin()
        self._running.clear()
        shutil.rmtree(self.directory, ignore_errors=True)


class SessionManager:
    """The sandbox's sessions; the entrypoint session is kept apart (it is not listed)."""

    def __init__(self, workspace: SandboxWorkspace) -> None:
        self.workspace = workspace
        self.sessions: dict[str, ShellSession] = {}
        self.entrypoint: ShellSession | None = None

    async def start_entrypoint(self, argv: tuple[str, ...]) -> None:
        """Run the image's entrypoint as the daemon does: asynchronously, in the `entrypoint` session."""
        session = ShellSession(self.workspace, ENTRYPOINT_SESSION)
        await session.start()
        self.entrypoint = session
        command = " ".join("'" + arg.replace("'", "'\\''") + "'" for arg in argv)
        await session.execute(command, run_async=True, suppress_echo=True, command_id=ENTRYPOINT_COMMAND)

    async def create(self, session_id: str) -> ShellSession:
        if session_id in self.sessions:
            raise daemon_errors.conflict("session already exists")
        session = ShellSession(self.workspace, session_id)
        await session.start()
        self.sessions[session_id] = session
        return session

    def get(self, session_id: str) -> ShellSession:
        session = self.entrypoint if session_id == ENTRYPOINT_SESSION else self.sessions.get(session_id)
        if session is None:
            raise daemon_errors.not_found("session not found")
        return session

    def command(self, session_id: str, command_id: str) -> SessionCommand:
        command = self.get(session_id).commands.get(command_id)
        if command is None:
            raise daemon_errors.not_found("command not found")
        return command

    async def delete(self, session_id: str) -> None:
        session = self.get(session_id)
        await session.terminate()
        self.sessions.pop(session_id, None)

    async def close(self) -> None:
        sessions, self.sessions = list(self.sessions.values()), {}
        if self.entrypoint is not None:
            sessions.append(self.entrypoint)
            self.entrypoint = None
        for session in sessions:
            await session.terminate(grace=0)
