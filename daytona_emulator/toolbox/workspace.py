"""Everything one sandbox owns inside the toolbox: its directory, namespaces, shells, PTYs, interpreters, LSP.

A workspace is made when its sandbox starts and started by the first toolbox request (``start``): that makes
the sandbox's namespaces (isolation.py; or reports, once, that sandboxes run unisolated) and runs the image's
entrypoint in the ``entrypoint`` session, as the daemon does when its container starts.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from daytona_emulator.toolbox import isolation
from daytona_emulator.toolbox.children import MARKER_ENV, ChildProcesses
from daytona_emulator.toolbox.desktop import Desktop
from daytona_emulator.toolbox.interpreter_context import InterpreterManager
from daytona_emulator.toolbox.lsp_servers import LspManager
from daytona_emulator.toolbox.paths import HOME, WORKDIR, SandboxPaths
from daytona_emulator.toolbox.pty_session import PtyManager
from daytona_emulator.toolbox.shell_session import SessionManager

# Host variables a sandbox process may see; everything else (credentials included) stays out.
_PASSED_THROUGH = ("PATH", "LANG", "LC_ALL", "TZ", "SSL_CERT_FILE", "SSL_CERT_DIR")
# The default snapshot's image ends with `ENTRYPOINT ["sleep", "infinity"]` (images/sandbox/Dockerfile).
DEFAULT_ENTRYPOINT = ("sleep", "infinity")


@cache
def user_shell() -> str:
    """The shell the daemon runs commands with (apps/daemon/pkg/common/get_shell.go): zsh if /etc/shells
    lists it, else bash, else $SHELL, else `sh`."""
    try:
        listed = "\n".join(
            line for line in Path("/etc/shells").read_text().splitlines() if line and not line.startswith("#")
        )
    except OSError:
        return "sh"
    for candidate in ("/usr/bin/zsh", "/bin/zsh", "/usr/bin/bash", "/bin/bash"):
        if candidate in listed:
            return candidate
    return os.environ.get("SHELL") or "sh"


@dataclass
class StartOptions:
    """What the emulator knows at a sandbox's start: whether to isolate it, what to hide from it, its
    image's entrypoint (None: the image has none, so there is no entrypoint session)."""

    isolate: bool = True
    hide: list[Path] = field(default_factory=list)
    entrypoint: tuple[str, ...] | None = DEFAULT_ENTRYPOINT
    snapshot: str = ""


class SandboxWorkspace:
    """The sandbox's files live under `root`; its processes run in its namespaces (or on the host)."""

    def __init__(self, sandbox_id: str, root: Path, env: dict[str, str] | None = None) -> None:
        self.sandbox_id = sandbox_id
        self.paths = SandboxPaths(Path(root))
        self.paths.home.mkdir(parents=True, exist_ok=True)
        (self.paths.store / "tmp").mkdir(mode=0o1777, exist_ok=True)
        self.sandbox_env = dict(env or {})
        self.token = uuid.uuid4().hex
        # Private scratch space (FIFOs, driver scripts, uploads in progress), outside the sandbox's files.
        # Where sandboxes can be isolated it sits under the state base, next to `alias` (a symlink to the
        # sandbox's directory); both are bound into the sandbox at the same paths.
        base = isolation.state_base() if isolation.unavailable_reason() is None else None
        self._private = Path(tempfile.mkdtemp(prefix=f"ws-{sandbox_id[:12]}-", dir=base))
        self.state_dir = self._private / "state"
        self.state_dir.mkdir()
        self._alias: Path | None = None
        if base is not None:
            self._alias = self._private / "root"
            self._alias.symlink_to(self.paths.store, target_is_directory=True)
        self.children = ChildProcesses(self.token, self.paths)
        self.sessions = SessionManager(self)
        self.ptys = PtyManager(self)
        self.interpreters = InterpreterManager(self)
        self.lsp = LspManager(self)
        self.desktop = Desktop(self)
        self.snapshot = ""
        self.closed = False
        self._started = False
        self._start_lock = asyncio.Lock()
        self._close_lock = asyncio.Lock()

    @property
    def root(self) -> Path:
        """Where the emulator reaches the sandbox's `/` (see paths.py)."""
        return self.paths.root

    @property
    def home(self) -> Path:
        return self.paths.home

    @property
    def isolated(self) -> bool:
        return self.paths.namespace is not None

    @property
    def workdir(self) -> Path:
        """The host path of the daemon's working directory (where commands run unless told otherwise)."""
        return self.paths.host(WORKDIR)

    async def start(self, options: StartOptions | None = None) -> None:
        """Make the sandbox's namespaces and run its entrypoint, once (later calls return at once)."""
        if self._started:
            return
        async with self._start_lock:
            if self._started or self.closed:
                return
            options = options or StartOptions()
            self.snapshot = options.snapshot
            reason = isolation.unavailable_reason(options.isolate)
            if reason is None and self._alias is None:
                reason = "the sandbox's private directory could not be placed"
            if reason is None:
                assert self._alias is not None
                try:
                    namespace = await isolation.SandboxNamespace.start(
                        self.paths.store,
                        self.sandbox_id,
                        self.state_dir,
                        self._alias,
                        [*options.hide, Path(tempfile.gettempdir())],
                    )
                except OSError as exc:
                    isolation.disable(str(exc))
                else:
                    self.paths.isolate(namespace, self._alias)
            else:
                isolation.announce(reason)
            self._started = True
            if options.entrypoint:
                with contextlib.suppress(Exception):
                    await self.sessions.start_entrypoint(options.entrypoint)

    def env(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        """The environment of a process of this sandbox: what the runner gives the container (PATH and
        locale of this machine, the sandbox's variables) plus `extra`."""
        env = {key: os.environ[key] for key in _PASSED_THROUGH if key in os.environ}
        env.setdefault("PATH", "/usr/local/bin:/usr/bin:/bin")
        env.setdefault("LANG", "C.UTF-8")
        env.update(
            {
                "HOME": HOME if self.isolated else str(self.home),
                "USER": "daytona",
                "LOGNAME": "daytona",
                "SHELL": user_shell(),
                "HOSTNAME": self.sandbox_id,
                "DAYTONA_SANDBOX_ID": self.sandbox_id,
                "DAYTONA_SANDBOX_SNAPSHOT": self.snapshot,
                "DAYTONA_SANDBOX_USER": "daytona",
                "DAYTONA_USER_HOME_AS_WORKDIR": "true",
            }
        )
        if not self.isolated:
            # Git must not find a repository of the host above the sandbox's root directory.
            env["GIT_CEILING_DIRECTORIES"] = str(self.paths.store.parent)
        env.update(self.sandbox_env)
        env.update(extra or {})
        env[MARKER_ENV] = self.token
        return env

    def require_open(self) -> None:
        if self.closed:
            raise RuntimeError(f"sandbox {self.sandbox_id} workspace is closed")

    async def close(self) -> None:
        """Stop every process of this sandbox and release its resources (the files under root stay)."""
        async with self._close_lock:
            if self.closed:
                return
            self.closed = True
            for part in (self.lsp, self.interpreters, self.ptys, self.sessions, self.desktop):
                with contextlib.suppress(Exception):
                    await part.close()
            await self.children.close()
            namespace = self.paths.namespace
            self.paths.release()
            if namespace is not None:
                await namespace.close()
            shutil.rmtree(self._private, ignore_errors=True)
