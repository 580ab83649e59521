"""PTY sessions as the daemon runs them (``apps/daemon/pkg/toolbox/process/pty/``).

A session is a login shell (``bash -i -l``) on a real pseudo-terminal. Any number of WebSocket clients may be
attached: each gets every byte the terminal prints *while it is attached* (output nobody is attached to is
gone, as in the daemon's broadcast), and whatever any client sends is typed into the terminal. A session
starts once (at create, or at the first connect with ``lazyStart``) and never restarts. When its shell exits,
or the session is killed, every client is closed with the exit code in the close reason, and the session is
removed. A kill ends the clients at once, whatever the terminal's other processes do: it SIGKILLs the shell's
descendants and every process of its terminal session first, then closes the terminal.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import signal
import struct
import termios
import uuid
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from daytona_emulator.errors import EmulatorHTTPError
from daytona_emulator.toolbox import go_wire
from daytona_emulator.toolbox.children import exit_status

if TYPE_CHECKING:
    from daytona_emulator.toolbox.workspace import SandboxWorkspace

READ_CHUNK = 32 * 1024  # the daemon's PTY read buffer
CLIENT_QUEUE = 256  # chunks a client may fall behind before it is dropped as a slow consumer
KILLED_EXIT_CODE = 137  # what a killed session reports: 128 + SIGKILL
_DRAIN_READS = 64  # reads at most when the shell has exited, for what it printed last
_SIGNALS_TO_RESET = (signal.SIGINT, signal.SIGQUIT, signal.SIGHUP, signal.SIGTERM, signal.SIGTSTP, signal.SIGTTIN,
                     signal.SIGTTOU, signal.SIGPIPE)  # fmt: skip


class PtyError(Exception):
    """A session that cannot do what was asked; the message is the daemon's."""


@dataclass(frozen=True)
class CloseFrame:
    code: int
    reason: str


def exit_close_frame(exit_code: int) -> CloseFrame:
    """The close the daemon sends when a session ends: 1000 for exit code 0, else 1011 with a readable reason."""
    if exit_code == 0:
        return CloseFrame(1000, go_wire.dumps({"exitCode": 0}))
    if exit_code == 130:
        reason = "Ctrl+C"
    elif exit_code == KILLED_EXIT_CODE:
        reason = "SIGKILL"
    elif exit_code == 143:
        reason = "SIGTERM"
    elif exit_code > 128:
        reason = f"signal {exit_code - 128}"
    else:
        reason = "non-zero exit"
    return CloseFrame(1011, go_wire.dumps({"exitCode": exit_code, "exitReason": reason}))


def reset_signals() -> None:
    """In a new sandbox process: undo signal dispositions inherited from whatever launched the emulator.

    A suite started in the background (``make test &``, nohup, CI runners) runs with SIGINT, SIGQUIT or SIGHUP
    ignored, and ignored signals survive exec: a sandbox's shell jobs would then ignore Ctrl+C and hangups,
    which no real sandbox does.
    """
    for number in _SIGNALS_TO_RESET:
        signal.signal(number, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, ())


def _become_terminal_child() -> None:
    """Runs in the shell between fork and exec (after setsid): default signals, the PTY as controlling terminal."""
    reset_signals()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def set_window_size(fd: int, rows: int, cols: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def login_shell() -> str:
    """The daemon's shell lookup (``common.GetShell``) limited to bash: the first bash /etc/shells lists."""
    try:
        listed = [line.strip() for line in Path("/etc/shells").read_text().splitlines()]
    except OSError:
        listed = []
    for candidate in ("/usr/bin/bash", "/bin/bash"):
        if candidate in listed and os.access(candidate, os.X_OK):
            return candidate
    for candidate in ("/usr/bin/bash", "/bin/bash"):
        if os.access(candidate, os.X_OK):
            return candidate
    return "/bin/sh"


def _process_table() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, session id) for every process on the machine."""
    table: dict[int, tuple[int, int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        table[int(entry.name)] = (int(fields[1]), int(fields[3]))
    return table


def kill_terminal_processes(leader: int) -> None:
    """SIGKILL every descendant of ``leader`` (leaves first) and every process of its session, then ``leader``.

    The shell is its terminal's session leader, so the session catches jobs that left the shell's process
    group (bash puts each job in its own) and children already re-parented away from the shell.
    """
    table = _process_table()
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    order: list[int] = []

    def walk(pid: int) -> None:
        for child in children.get(pid, []):
            walk(child)
            order.append(child)

    walk(leader)
    order.extend(pid for pid, (_, sid) in table.items() if sid == leader and pid != leader and pid not in order)
    for pid in [*order, leader]:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


class PtyClient:
    """One attached WebSocket: the output it has not been sent yet, then (once) how to close it."""

    def __init__(self) -> None:
        self.id = uuid.uuid4().hex
        self.pending: deque[bytes] = deque()
        self.close: CloseFrame | None = None
        self._wake = asyncio.Event()

    def offer(self, data: bytes) -> bool:
        """Queue output; False when the client is already CLIENT_QUEUE chunks behind."""
        if self.close is not None:
            return True
        if len(self.pending) >= CLIENT_QUEUE:
            return False
        self.pending.append(data)
        self._wake.set()
        return True

    def finish(self, frame: CloseFrame, *, drop_pending: bool = False) -> None:
        """Close after the queued output (or at once, dropping it); the first close wins."""
        if self.close is None:
            self.close = frame
        if drop_pending:
            self.pending.clear()
        self._wake.set()

    async def next(self) -> bytes | CloseFrame:
        while True:
            if self.pending:
                return self.pending.popleft()
            if self.close is not None:
                return self.close
            self._wake.clear()
            await self._wake.wait()


class PtySession:
    def __init__(
        self,
        manager: PtyManager,
        session_id: str,
        cwd: str,
        envs: dict[str, str],
        cols: int,
        rows: int,
        lazy_start: bool,
    ) -> None:
        self.manager = manager
        self.id = session_id
        self.cwd = cwd
        self.envs = envs
        self.cols = cols
        self.rows = rows
        self.lazy_start = lazy_start
        self.created_at = go_wire.time_now()
        self.active = False
        self.used = False  # a shell was started: the session can never start again
        self.killed = False
        self.proc: asyncio.subprocess.Process | None = None
        self.master_fd: int | None = None
        self.clients: dict[str, PtyClient] = {}
        self._input = bytearray()
        self._writing = False
        self._reaper: asyncio.Task[None] | None = None

    @property
    def workspace(self) -> SandboxWorkspace:
        return self.manager.workspace

    def info(self) -> dict[str, Any]:
        """``PTYSessionInfo`` in the daemon's field order."""
        return {
            "id": self.id,
            "cwd": self.cwd,
            "envs": dict(sorted(self.envs.items())),
            "cols": self.cols,
            "rows": self.rows,
            "createdAt": self.created_at,
            "active": self.active,
            "lazyStart": self.lazy_start,
        }

    # -- life ------------------------------------------------------------------------------------------

    def _host_cwd(self) -> Path:
        shell = login_shell()
        try:
            host = self.workspace.paths.host(self.cwd)
        except EmulatorHTTPError:
            host = None
        if host is None or not host.is_dir():
            raise PtyError(f"pty.StartWithSize: fork/exec {shell}: no such file or directory")
        return host

    async def start(self) -> None:
        """Start the shell (a no-op while it runs); PtyError if it cannot start or already ran once."""
        if self.active:
            return
        if self.used:
            raise PtyError("PTY session has already been used and cannot be restarted")
        host_cwd = self._host_cwd()
        shell = login_shell()
        master, slave = os.openpty()
        try:
            set_window_size(master, self.rows, self.cols)
            proc = await self.workspace.children.spawn(
                shell,
                "-i",
                "-l",
                cwd=host_cwd,
                env=self.workspace.env(self.envs),
                stdin=slave,
                stdout=slave,
                stderr=slave,
                preexec_fn=_become_terminal_child,
            )
        except OSError as exc:
            os.close(master)
            raise PtyError(f"pty.StartWithSize: fork/exec {shell}: {exc.strerror or exc}") from exc
        finally:
            os.close(slave)
        self.proc = proc
        self.master_fd = master
        self.active = self.used = True
        os.set_blocking(master, False)
        asyncio.get_running_loop().add_reader(master, self._on_readable)
        self._reaper = asyncio.ensure_future(self._reap(proc))

    async def _reap(self, proc: asyncio.subprocess.Process) -> None:
        """When the shell exits: deliver what it printed last, close every client with its exit code, go."""
        returncode = await exit_status(proc)
        self.workspace.children.forget(proc)
        if self.killed:
            return
        self._read_available()
        self.active = False
        self.manager.forget(self)
        self._close_clients(exit_close_frame(returncode if returncode >= 0 else -1))

    async def kill(self) -> None:
        """The daemon's kill: SIGKILL the terminal's processes, close the terminal, end every client with 137."""
        if not self.active or self.proc is None:
            return
        self.killed = True
        self.active = False
        await asyncio.to_thread(kill_terminal_processes, self.proc.pid)
        self._close_terminal()
        self.manager.forget(self)
        self._close_clients(exit_close_frame(KILLED_EXIT_CODE))

    def _close_clients(self, frame: CloseFrame) -> None:
        clients, self.clients = list(self.clients.values()), {}
        for client in clients:
            client.finish(frame)

    def _close_terminal(self) -> None:
        fd, self.master_fd = self.master_fd, None
        if fd is None:
            return
        loop = asyncio.get_running_loop()
        loop.remove_reader(fd)
        if self._writing:
            loop.remove_writer(fd)
            self._writing = False
        os.close(fd)
        self.manager.lingering.discard(self)

    # -- output ------------------------------------------------------------------------------------------

    def _on_readable(self) -> None:
        self._read_available(once=True)

    def _read_available(self, once: bool = False) -> None:
        """Read what the terminal has printed and broadcast it; at EOF (no process holds it) close it."""
        for _ in range(1 if once else _DRAIN_READS):
            if self.master_fd is None:
                return
            try:
                data = os.read(self.master_fd, READ_CHUNK)
            except BlockingIOError:
                return
            except OSError:
                data = b""  # EIO: every process holding the terminal has gone
            if not data:
                self._close_terminal()
                return
            self._broadcast(data)

    def _broadcast(self, data: bytes) -> None:
        for client in list(self.clients.values()):
            if not client.offer(data):
                self.detach(client)
                client.finish(CloseFrame(1008, "slow consumer"), drop_pending=True)

    def attach(self) -> PtyClient:
        client = PtyClient()
        self.clients[client.id] = client
        return client

    def detach(self, client: PtyClient) -> None:
        self.clients.pop(client.id, None)

    # -- input and size ------------------------------------------------------------------------------------

    def write(self, data: bytes) -> None:
        """Type ``data`` into the terminal, in order, waiting for room when its input buffer is full."""
        if self.master_fd is None or not self.active:
            return
        self._input.extend(data)
        self._flush_input()

    def _flush_input(self) -> None:
        fd = self.master_fd
        while fd is not None and self._input:
            try:
                written = os.write(fd, self._input)
            except BlockingIOError:
                if not self._writing:
                    asyncio.get_running_loop().add_writer(fd, self._flush_input)
                    self._writing = True
                return
            except OSError:
                self._input.clear()
                break
            del self._input[:written]
        if self._writing and fd is not None:
            asyncio.get_running_loop().remove_writer(fd)
        self._writing = False

    def resize(self, cols: int, rows: int) -> None:
        """Set the window size (the kernel sends SIGWINCH to the terminal's foreground job)."""
        if not self.active:
            raise PtyError("cannot resize inactive PTY session")
        self.cols, self.rows = cols, rows
        if self.master_fd is None:
            raise PtyError("PTY file descriptor is not available")
        set_window_size(self.master_fd, rows, cols)


class PtyManager:
    """The sandbox's PTY sessions by id, and the terminals of ended sessions still held open by their jobs."""

    def __init__(self, workspace: SandboxWorkspace) -> None:
        self.workspace = workspace
        self.sessions: dict[str, PtySession] = {}
        self.lingering: set[PtySession] = set()

    def forget(self, session: PtySession) -> None:
        """Remove an ended session (its terminal stays open, unread by anyone, until its last process goes)."""
        if self.sessions.get(session.id) is session:
            del self.sessions[session.id]
        if session.master_fd is not None:
            self.lingering.add(session)

    async def close(self) -> None:
        sessions, self.sessions = list(self.sessions.values()), {}
        for session in sessions:
            with contextlib.suppress(Exception):
                await session.kill()
        for session in [*sessions, *self.lingering]:
            session._close_terminal()
        self.lingering.clear()
