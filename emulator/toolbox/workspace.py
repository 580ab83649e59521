"""Everything one sandbox owns inside the toolbox: its directory, shells, PTYs, interpreters, LSP servers."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import tempfile
import uuid
from pathlib import Path

from emulator.toolbox.children import MARKER_ENV, ChildProcesses
from emulator.toolbox.desktop import Desktop
from emulator.toolbox.interpreter_context import InterpreterManager
from emulator.toolbox.lsp_servers import LspManager
from emulator.toolbox.paths import HOME, SandboxPaths
from emulator.toolbox.pty_session import PtyManager
from emulator.toolbox.shell_session import SessionManager

# Host variables a sandbox shell may see; everything else (credentials included) stays out.
_PASSED_THROUGH = ("PATH", "LANG", "LC_ALL", "TZ", "SSL_CERT_FILE", "SSL_CERT_DIR")


class SandboxWorkspace:
    """The sandbox's files live under `root`; its processes run on the host with HOME set to the mapped home."""

    def __init__(self, sandbox_id: str, root: Path, env: dict[str, str] | None = None) -> None:
        self.sandbox_id = sandbox_id
        self.paths = SandboxPaths(Path(root))
        self.paths.home.mkdir(parents=True, exist_ok=True)
        self.root = self.paths.root
        self.home = self.paths.home
        self.sandbox_env = dict(env or {})
        self.token = uuid.uuid4().hex
        # Private scratch space (FIFOs, driver scripts, recordings in progress), outside the sandbox tree.
        self.state_dir = Path(tempfile.mkdtemp(prefix=f"daytona-emulator-{sandbox_id[:12]}-"))
        self.children = ChildProcesses(self.token)
        self.sessions = SessionManager(self)
        self.ptys = PtyManager(self)
        self.interpreters = InterpreterManager(self)
        self.lsp = LspManager(self)
        self.desktop = Desktop(self)
        self.closed = False
        self._close_lock = asyncio.Lock()

    def env(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        """The environment for a child process of this sandbox."""
        env = {key: os.environ[key] for key in _PASSED_THROUGH if key in os.environ}
        env.setdefault("PATH", "/usr/local/bin:/usr/bin:/bin")
        env.setdefault("LANG", "C.UTF-8")
        env.update(
            {
                "HOME": str(self.home),
                "USER": "daytona",
                "LOGNAME": "daytona",
                "SHELL": "/bin/bash",
                "DAYTONA_SANDBOX_ID": self.sandbox_id,
                "DAYTONA_SANDBOX_HOME": HOME,
                # Git must not find a repository of the host above the sandbox's root directory.
                "GIT_CEILING_DIRECTORIES": str(self.root.parent),
            }
        )
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
            shutil.rmtree(self.state_dir, ignore_errors=True)
