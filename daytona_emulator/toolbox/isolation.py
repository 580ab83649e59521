"""One filesystem and one process tree per sandbox: Linux mount, PID, UTS and IPC namespaces.

Each started sandbox gets an init process (``ns_init.py``, run through util-linux ``unshare``) that makes the
sandbox's directory the root of a new mount namespace, with the host's system directories bound read-only
(see ``ns_init.py`` for the exact view), and stays as PID 1 of a new PID namespace. Every process of the
sandbox is then forked by the emulator straight into those namespaces (no helper process in between, so
the caller's ``Process`` object, signals and process groups work as for any child):

- the forking thread points its ``pid_for_children`` namespace at the sandbox's for the one ``fork`` and
  back at once (``setns(CLONE_NEWPID)`` changes only the namespace of the thread's future children);
- the child joins the sandbox's mount, UTS and IPC namespaces and changes to its working directory before
  ``exec`` (``setns`` of a mount namespace is allowed in the single-threaded child).

Reaping: the init is a child of ``unshare``, which is a child of the emulator's event-loop thread with
``PR_SET_PDEATHSIG=SIGKILL``; ``--kill-child`` passes that on to the init, which also exits when its stdin
(a pipe from the emulator) reaches EOF. When the init dies, the kernel kills every process of the sandbox's
PID namespace, daemonised or not. So a SIGKILLed emulator leaves no sandbox process behind.

Where this is impossible (not Linux, not root, no ``unshare``, or the setting/``DAYTONA_EMULATOR_ISOLATION``
turns it off) the emulator prints one line on stderr and runs sandbox processes on the host as before.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import ctypes
import json
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Coroutine, Generator
from pathlib import Path
from typing import Any, Generic, TypeVar

import daytona_emulator
from daytona_emulator.toolbox.child_watcher import watch_children_without_threads

T = TypeVar("T")

ENV_SWITCH = "DAYTONA_EMULATOR_ISOLATION"
INIT_SCRIPT = Path(__file__).with_name("ns_init.py")
STATE_BASE_PREFIX = "daytona-emulator-"
READY_TIMEOUT_SECONDS = 60.0
CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWPID = 0x00020000, 0x04000000, 0x08000000, 0x20000000
PR_SET_PDEATHSIG = 1

_libc: Any = None
_state: dict[str, Any] = {"announced": False, "disabled": None, "state_base": None, "own_pid_ns": None}


def _load_libc() -> Any:
    global _libc
    if _libc is None:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.setns.argtypes = (ctypes.c_int, ctypes.c_int)
        libc.prctl.argtypes = (ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong)
        _libc = libc
    return _libc


def _setns(fd: int, kind: int) -> None:
    if _load_libc().setns(fd, kind) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"setns: {os.strerror(errno)}")


def die_with_parent() -> None:
    """In a child between fork and exec: be SIGKILLed when the thread that forked it exits (Linux only)."""
    if sys.platform.startswith("linux"):
        _load_libc().prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


# ---- can this machine isolate sandboxes? ---------------------------------------------------------


def unavailable_reason(enabled: bool = True) -> str | None:
    """Why sandboxes cannot get their own namespaces here (None when they can)."""
    switch = os.environ.get(ENV_SWITCH, "").strip().lower()
    if switch in ("0", "off", "false", "no"):
        return f"{ENV_SWITCH}={switch}"
    if not enabled:
        return "EmulatorSettings.sandbox_isolation is False"
    if _state["disabled"]:
        return str(_state["disabled"])
    if not sys.platform.startswith("linux"):
        return f"Linux namespaces are not available on {sys.platform}"
    if os.geteuid() != 0:
        return "creating mount and PID namespaces needs root"
    if shutil.which("unshare") is None:
        return "util-linux `unshare` is not installed"
    if not Path("/proc/self/ns/pid").exists():
        return "/proc/self/ns is not available"
    if not hasattr(os, "pidfd_open"):
        return "the kernel has no pidfd_open (Linux 5.3 or later is needed)"
    if state_base() is None:
        return "no writable /run or /var/tmp for the sandboxes' private directories"
    return None


def announce(reason: str | None) -> None:
    """Print, once per process, the one line saying sandboxes are not isolated."""
    if reason is None or _state["announced"]:
        return
    _state["announced"] = True
    print(
        f"daytona emulator: sandboxes are not isolated ({reason}): their processes run on this machine's "
        "filesystem, with HOME set to each sandbox's directory",
        file=sys.stderr,
        flush=True,
    )


def disable(reason: str) -> None:
    """Stop isolating new sandboxes for the rest of this process (after a namespace could not be made)."""
    _state["disabled"] = reason
    announce(reason)


def state_base() -> Path | None:
    """The per-process directory holding each sandbox's private scratch directory, outside /tmp and /home
    (which are the sandboxes' own) so that it can be bound into a sandbox at the same path."""
    if _state["state_base"] is None:
        for parent in ("/run", "/var/tmp"):
            if os.path.isdir(parent) and os.access(parent, os.W_OK):
                _remove_stale_state_bases(Path(parent))
                try:
                    prefix = f"{STATE_BASE_PREFIX}{os.getpid()}-"
                    _state["state_base"] = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
                    atexit.register(_remove_state_base, _state["state_base"])
                    break
                except OSError:
                    continue
        else:
            return None
    base: Path = _state["state_base"]
    return base


def _remove_stale_state_bases(parent: Path) -> None:
    """Remove what emulators that were killed (so could not clean up) left in `parent`."""
    for entry in parent.glob(f"{STATE_BASE_PREFIX}*-*"):
        pid = entry.name[len(STATE_BASE_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(entry, ignore_errors=True)  # never follows the `root` symlinks inside


def _remove_state_base(base: Path) -> None:
    with contextlib.suppress(OSError):
        base.rmdir()  # only when empty: every workspace removes its own directory on close


def runtime_paths() -> list[str]:
    """Host directories the emulator's helpers need inside a sandbox: its Python and its own package."""
    paths = {sys.prefix, sys.base_prefix, os.path.dirname(os.path.realpath(sys.executable))}
    paths.add(str(Path(daytona_emulator.__file__).resolve().parent))
    return sorted(p for p in paths if p and p != "/")


# ---- one sandbox's namespaces -----------------------------------------------------------------------


class SandboxNamespace:
    """The running init of one sandbox and handles on its namespaces."""

    def __init__(self, proc: asyncio.subprocess.Process, init_pid: int, read_only: list[str]) -> None:
        self.proc = proc
        self.init_pid = init_pid
        self.read_only = frozenset(read_only)
        self.view = Path(f"/proc/{init_pid}/root")
        kinds = ((CLONE_NEWNS, "mnt"), (CLONE_NEWUTS, "uts"), (CLONE_NEWIPC, "ipc"), (CLONE_NEWPID, "pid"))
        self._fds = {kind: os.open(f"/proc/{init_pid}/ns/{name}", os.O_RDONLY | os.O_CLOEXEC) for kind, name in kinds}
        if _state["own_pid_ns"] is None:
            _state["own_pid_ns"] = os.open("/proc/self/ns/pid", os.O_RDONLY | os.O_CLOEXEC)
        _load_libc()

    @classmethod
    async def start(cls, root: Path, hostname: str, state_dir: Path, alias: Path, hide: list[Path]) -> SandboxNamespace:
        """Start the sandbox's init and wait until its filesystem view is ready (raises OSError if it fails).

        `root` becomes the sandbox's `/`; `state_dir` and `alias` (a symlink to `root` on the host, under the
        state base) are bound into it at the same paths."""
        base = state_base()
        assert base is not None
        watch_children_without_threads()
        config = {
            "root": str(root),
            "hostname": hostname,
            "keep": runtime_paths(),
            "hide": sorted({str(p) for p in hide if str(p) not in ("", "/")}),
            "state": [str(base), str(state_dir)],
            "alias": str(alias),
        }
        proc = await asyncio.create_subprocess_exec(
            "unshare",
            "--mount",
            "--pid",
            "--uts",
            "--ipc",
            "--fork",
            "--kill-child",
            sys.executable,
            "-S",
            "-I",
            str(INIT_SCRIPT),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            start_new_session=True,
            preexec_fn=die_with_parent,
        )
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(json.dumps(config).encode() + b"\n")
        try:
            line = (await asyncio.wait_for(proc.stdout.readline(), READY_TIMEOUT_SECONDS)).decode().strip()
        except TimeoutError:
            line = "error the sandbox's init did not report in time"
        if not line.startswith("ready "):
            detail = line.removeprefix("error ").strip()
            if not detail and proc.stderr is not None:
                with contextlib.suppress(TimeoutError):
                    detail = (await asyncio.wait_for(proc.stderr.read(), 5)).decode(errors="replace").strip()
            await _kill(proc)
            raise OSError(f"could not isolate sandbox {hostname}: {detail or 'its init exited'}")
        _, pid, read_only = line.split(" ", 2)
        return cls(proc, int(pid), json.loads(read_only))

    # -- forking into it --

    def run_forking(self, coro: Coroutine[Any, Any, T]) -> _FirstStepInside[T]:
        """Await `coro` (which forks in its first step, as `create_subprocess_exec` does) so that the fork
        lands in the sandbox's PID namespace; later steps run as usual."""
        pid_ns = self._fds[CLONE_NEWPID]
        return _FirstStepInside(
            coro, lambda: _setns(pid_ns, CLONE_NEWPID), lambda: _setns(_state["own_pid_ns"], CLONE_NEWPID)
        )

    def preexec(self, cwd: str, then: Callable[[], None] | None) -> Callable[[], None]:
        """The child's last steps before exec: join the sandbox's namespaces, change to `cwd`, then `then`."""
        mnt, uts, ipc = self._fds[CLONE_NEWNS], self._fds[CLONE_NEWUTS], self._fds[CLONE_NEWIPC]

        def enter() -> None:
            _setns(mnt, CLONE_NEWNS)
            _setns(uts, CLONE_NEWUTS)
            _setns(ipc, CLONE_NEWIPC)
            os.chdir(cwd)
            if then is not None:
                then()

        return enter

    def outside(self, pid: int) -> bool:
        """Whether process `pid` (a pid of the emulator's namespace) is known not to be in this sandbox's
        PID namespace (False when it cannot be told, e.g. the process has already exited)."""
        try:
            return os.readlink(f"/proc/{pid}/ns/pid") != os.readlink(f"/proc/{self.init_pid}/ns/pid")
        except OSError:
            return False

    async def close(self) -> None:
        """Kill the init (and so, through the kernel, every process left in the sandbox)."""
        for fd in self._fds.values():
            with contextlib.suppress(OSError):
                os.close(fd)
        self._fds.clear()
        await _kill(self.proc)


async def _kill(proc: asyncio.subprocess.Process) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    if proc.stdin is not None:
        proc.stdin.close()
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(proc.wait(), 10)


class _FirstStepInside(Generic[T]):
    """An awaitable running a coroutine's first step (up to its first suspension) between `enter()` and
    `leave()`; otherwise it behaves like ``await coro`` (values, sends and throws pass through)."""

    def __init__(self, coro: Coroutine[Any, Any, T], enter: Callable[[], None], leave: Callable[[], None]) -> None:
        self._coro = coro
        self._enter = enter
        self._leave = leave

    def __await__(self) -> Generator[Any, Any, T]:
        coro = self._coro
        self._enter()
        try:
            yielded = coro.send(None)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        finally:
            self._leave()
        while True:
            try:
                sent = yield yielded
            except GeneratorExit:
                coro.close()
                raise
            except BaseException as exc:
                try:
                    yielded = coro.throw(exc)
                except StopIteration as stop:
                    return stop.value  # type: ignore[no-any-return]
            else:
                try:
                    yielded = coro.send(sent)
                except StopIteration as stop:
                    return stop.value  # type: ignore[no-any-return]
