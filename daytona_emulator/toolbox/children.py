"""Child processes of one sandbox: the single way every toolbox part starts a process in a sandbox.

``ChildProcesses.spawn`` takes host paths (a `cwd` from ``paths.host(...)``, arguments and environment values
that may name the sandbox's files on the host) and starts the program as one of the sandbox's processes:

- with namespaces (isolation.py) it is forked straight into the sandbox's PID namespace and joins its mount,
  UTS and IPC namespaces before exec; `cwd`, arguments and environment values naming the sandbox's files
  are rewritten to the paths the process sees (``paths.for_process``); the child is still the emulator's
  own child, so the returned ``Process`` (pid, wait, signals, process group) works as usual;
- without them it runs on the host with the given paths, and dies (PR_SET_PDEATHSIG) with the emulator;
- ``in_sandbox=False`` runs it on the host in any case, for work the daemon does itself rather than through a
  process of the sandbox (e.g. git operations, which the daemon performs in-process, and whose remotes are
  reached from outside the sandbox): host paths stay as given, HOME is the home's host path.

Every child leads its own process group (so ``kill_group(proc.pid)`` reaches what it started) and carries a
private marker in its environment. Closing kills each tracked process group, then sweeps /proc for anything
still carrying the marker (daemonised grandchildren that left the group); with namespaces, closing the
workspace then ends the whole PID namespace.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

from daytona_emulator.toolbox.isolation import die_with_parent
from daytona_emulator.toolbox.paths import SandboxPaths

MARKER_ENV = "DAYTONA_EMULATOR_WORKSPACE"
_REAP_POLLS, _REAP_POLL_SECONDS = 3000, 0.01


def kill_group(pid: int, sig: int = signal.SIGKILL) -> None:
    """Signal a whole process group (the child was started as its leader); gone groups are ignored."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)


async def exit_status(proc: asyncio.subprocess.Process) -> int:
    """The exit status of a child as soon as it exits (negative for a signal), even while something it
    started still holds its output pipes (asyncio's ``wait()`` waits for those to close as well)."""
    if proc.returncode is not None:
        return proc.returncode
    if not hasattr(os, "pidfd_open"):  # not Linux: asyncio's wait, which also waits for the pipes
        return await proc.wait()
    loop = asyncio.get_running_loop()
    try:
        pidfd = os.pidfd_open(proc.pid)
    except ProcessLookupError:  # already reaped: asyncio has (or is about to have) its status
        pidfd = None
    if pidfd is not None:
        exited: asyncio.Future[None] = loop.create_future()
        loop.add_reader(pidfd, _settle, exited)
        try:
            await exited
        finally:
            loop.remove_reader(pidfd)
            os.close(pidfd)
        status = _peek_status(proc.pid)
        if status is not None:
            return status
    # The child watcher reaped it first; asyncio records the status on one of the next loop iterations.
    for _ in range(_REAP_POLLS):
        if proc.returncode is not None:
            return proc.returncode
        await asyncio.sleep(_REAP_POLL_SECONDS)
    return await proc.wait()


def _peek_status(pid: int) -> int | None:
    """An exited child's status, without reaping it (the child watcher does); None if already reaped."""
    try:
        info = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT | os.WNOHANG)
    except ChildProcessError:
        return None
    if info is None:
        return None
    return info.si_status if info.si_code == os.CLD_EXITED else -info.si_status


def _settle(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


def _with_parent_death(then: Callable[[], None] | None) -> Callable[[], None]:
    def preexec() -> None:
        die_with_parent()
        if then is not None:
            then()

    return preexec


def _existing_directory(path: Path) -> Path:
    """`path`, or the OSError ``subprocess`` raises for a working directory that is missing or a file."""
    if not path.exists():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path))
    if not path.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path))
    return path


class ChildProcesses:
    def __init__(self, token: str, paths: SandboxPaths) -> None:
        self.token = token
        self.paths = paths
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
        in_sandbox: bool = True,
    ) -> asyncio.subprocess.Process:
        """Start `argv` as a process of this sandbox (see the module docstring); OSError if it cannot start
        (FileNotFoundError/NotADirectoryError for a bad `cwd`, as ``subprocess`` raises them)."""
        if self._closed:
            raise RuntimeError("the sandbox workspace is closed")
        namespace = self.paths.namespace if in_sandbox else None
        if not in_sandbox and self.paths.namespace is not None:
            env = {**env, "HOME": str(self.paths.home), "GIT_CEILING_DIRECTORIES": str(self.paths.root.parent)}
        if namespace is None:
            proc = await asyncio.create_subprocess_exec(
                *argv,
                cwd=str(cwd),
                env=env,
                stdin=stdin,
                stdout=stdout,
                stderr=stderr,
                pass_fds=pass_fds,
                start_new_session=True,
                preexec_fn=_with_parent_death(preexec_fn),
            )
        else:
            host_cwd = _existing_directory(Path(cwd))
            for_process = self.paths.for_process
            proc = await namespace.run_forking(
                asyncio.create_subprocess_exec(
                    *(for_process(arg) for arg in argv),
                    env={key: for_process(value) for key, value in env.items()},
                    stdin=stdin,
                    stdout=stdout,
                    stderr=stderr,
                    pass_fds=pass_fds,
                    start_new_session=True,
                    preexec_fn=namespace.preexec(self.paths.sandbox(host_cwd), preexec_fn),
                )
            )
            if namespace.outside(proc.pid):
                kill_group(proc.pid)
                raise RuntimeError(f"process {proc.pid} was not started inside the sandbox's namespaces")
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
