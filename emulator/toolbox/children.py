"""Child processes of one sandbox: spawned in their own process groups, all killed when the sandbox goes.

Every child gets a private marker in its environment. Closing kills each tracked process group, then
sweeps /proc for anything still carrying the marker (daemonised grandchildren that left the group).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

MARKER_ENV = "DAYTONA_EMULATOR_WORKSPACE"


def kill_group(pid: int, sig: int = signal.SIGKILL) -> None:
    """Signal a whole process group (the child was started as its leader); gone groups are ignored."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)


class ChildProcesses:
    def __init__(self, token: str) -> None:
        self.token = token
        self._procs: set[asyncio.subprocess.Process] = set()
        self._closed = False

    async def spawn(
        self,
        *argv: str,
        cwd: Path,
        env: dict[str, str],
        stdin: Any = asyncio.subprocess.DEVNULL,
        stdout: Any = asyncio.subprocess.PIPE,
        stderr: Any = asyncio.subprocess.PIPE,
        pass_fds: tuple[int, ...] = (),
        preexec_fn: Callable[[], None] | None = None,
    ) -> asyncio.subprocess.Process:
        if self._closed:
            raise RuntimeError("the sandbox workspace is closed")
        proc = await asyncio.create_subprocess_exec(
            *argv,
            cwd=str(cwd),
            env=env,
            stdin=stdin,
            stdout=stdout,
            stderr=stderr,
            pass_fds=pass_fds,
            start_new_session=True,
            preexec_fn=preexec_fn,
        )
        self._procs.add(proc)
        return proc

    async def kill(self, proc: asyncio.subprocess.Process, wait_seconds: float = 5.0) -> int | None:
        """Kill a child's process group and reap it; returns its exit status."""
        if proc.returncode is None:
            kill_group(proc.pid)
        try:
            code = await asyncio.wait_for(proc.wait(), wait_seconds)
        except TimeoutError:
            code = None
        self._procs.discard(proc)
        return code

    def forget(self, proc: asyncio.subprocess.Process) -> None:
        self._procs.discard(proc)

    async def close(self) -> None:
        self._closed = True
        procs = list(self._procs)
        for proc in procs:
            kill_group(proc.pid)
        self.sweep_marked()
        for proc in procs:
            with contextlib.suppress(TimeoutError, ProcessLookupError):
                await asyncio.wait_for(proc.wait(), 5.0)
        self._procs.clear()
        self.sweep_marked()

    def sweep_marked(self) -> None:
        """SIGKILL every process whose environment carries this workspace's marker."""
        needle = f"{MARKER_ENV}={self.token}".encode()
        proc_dir = Path("/proc")
        if not proc_dir.is_dir():
            return
        me = os.getpid()
        for _ in range(3):
            found = False
            for entry in proc_dir.iterdir():
                if not entry.name.isdigit() or int(entry.name) == me:
                    continue
                try:
                    environ = (entry / "environ").read_bytes()
                except OSError:
                    continue
                if needle in environ.split(b"\x00"):
                    found = True
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.kill(int(entry.name), signal.SIGKILL)
            if not found:
                return
