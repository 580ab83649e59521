"""Translation between sandbox paths (what clients send) and host paths (where the files really live).

The sandbox's own files are a directory on the host (`store`). A sandbox path is POSIX: absolute paths hang
under it, relative ones are taken from the sandbox user's home.

When the sandbox has its own namespaces (`namespace` is set, see isolation.py), `store` is the `/` its
processes see, except the host's system directories bound read-only into it (`/usr`, `/etc`, ...) and the
kernel's (`/proc`, `/dev`, `/sys`, `/run`). Paths there are reached through the sandbox's init
(`/proc/<pid>/root/...`), so the files API sees exactly what the processes see, read-only included, and
symlinks resolve as they do inside the sandbox; `..` stops at `/`. The sandbox's own files are then reached
through `root`, an alias of `store` that names the same files on the host and inside the sandbox, so a host
path handed to a sandbox process (a language server's document, a working directory) stays valid there.

Without namespaces `root` is `store`, and whatever would leave it (`..` climbing above `/`, or a symlink
pointing outside) is refused with 400.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from daytona_emulator.errors import bad_request

if TYPE_CHECKING:
    from daytona_emulator.toolbox.isolation import SandboxNamespace

HOME = "/home/daytona"
# The daemon's working directory: the image sets no WORKDIR, so the runner has the daemon start in the
# user's home (DAYTONA_USER_HOME_AS_WORKDIR).
WORKDIR = HOME
_KERNEL_DIRS = frozenset({"proc", "dev", "sys", "run"})
_MAX_SYMLINKS = 40


class SandboxPaths:
    def __init__(self, root: Path) -> None:
        self.store = Path(os.path.realpath(root))
        self.root = self.store
        self.namespace: SandboxNamespace | None = None

    @property
    def home(self) -> Path:
        return self.root / HOME.lstrip("/")

    def isolate(self, namespace: SandboxNamespace, alias: Path) -> None:
        """From now on, resolve paths as the sandbox's namespaces see them, reaching its files via `alias`."""
        self.namespace = namespace
        self.root = alias

    def release(self) -> None:
        """The namespaces are gone: back to the plain directory."""
        self.namespace = None
        self.root = self.store

    def normalise(self, sandbox_path: str | None) -> str:
        """The absolute, normalised sandbox path for what a client sent (empty means the home)."""
        raw = (sandbox_path or "").strip()
        if "\x00" in raw:
            raise bad_request("path contains a NUL byte")
        if raw == "~" or raw.startswith("~/"):
            raw = HOME + raw[1:]
        parts: list[str] = []
        for part in posixpath.join(HOME, raw).split("/"):
            if part in ("", "."):
                continue
            if part == "..":
                if not parts:
                    if self.namespace is not None:
                        continue  # as in any filesystem, `/..` is `/`
                    raise bad_request(f"path {sandbox_path!r} climbs above the sandbox's root")
                parts.pop()
            else:
                parts.append(part)
        return "/" + "/".join(parts)

    def host(self, sandbox_path: str | None, *, follow: bool = True) -> Path:
        """The host path for a sandbox path; with follow=False the last component may be a symlink."""
        normal = self.normalise(sandbox_path)
        if self.namespace is not None:
            return self._location(self._resolve(normal, follow))
        candidate = self.root / normal.lstrip("/")
        if follow:
            resolved = Path(os.path.realpath(candidate))
        else:
            parent = Path(os.path.realpath(candidate.parent)) if candidate != self.root else self.root
            resolved = parent / candidate.name if candidate != self.root else self.root
        if not self.contains(resolved):
            raise bad_request(f"path {sandbox_path!r} is outside the sandbox")
        return resolved

    def _location(self, sandbox_path: str) -> Path:
        """Where the file at an already resolved sandbox path is reachable from the emulator."""
        assert self.namespace is not None
        relative = sandbox_path.lstrip("/")
        top = relative.split("/", 1)[0]
        if top and (top in self.namespace.read_only or top in _KERNEL_DIRS):
            return self.namespace.view / relative
        return self.root / relative if relative else self.root

    def _resolve(self, normal: str, follow: bool) -> str:
        """Resolve symlinks in a normalised sandbox path the way the sandbox's kernel view does."""
        pending = [p for p in normal.split("/") if p]
        resolved: list[str] = []
        budget = _MAX_SYMLINKS
        while pending:
            part = pending.pop(0)
            if part in ("", "."):
                continue
            if part == "..":
                if resolved:
                    resolved.pop()
                continue
            location = self._location("/" + "/".join([*resolved, part]))
            if (follow or pending) and location.is_symlink():
                budget -= 1
                if budget < 0:
                    raise bad_request(f"too many levels of symbolic links in {normal!r}")
                target = os.readlink(location)
                if target.startswith("/"):
                    resolved = []
                pending = [p for p in target.split("/") if p] + pending
                continue
            resolved.append(part)
        return "/" + "/".join(resolved)

    def _prefixes(self) -> tuple[Path, ...]:
        """Host directories that stand for the sandbox's `/`."""
        if self.namespace is None:
            return (self.root,)
        return (self.root, self.store, self.namespace.view)

    def contains(self, host_path: Path) -> bool:
        if any(host_path == prefix or prefix in host_path.parents for prefix in self._prefixes()):
            return True
        if self.namespace is None:
            return False
        # A host path of a read-only system directory is the same path inside the sandbox.
        parts = host_path.parts
        return len(parts) > 1 and parts[0] == "/" and parts[1] in self.namespace.read_only

    def sandbox(self, host_path: Path | str) -> str:
        """The sandbox path for a host path the emulator uses for one of the sandbox's files."""
        resolved = Path(os.path.abspath(host_path))
        for prefix in self._prefixes():
            if resolved == prefix or prefix in resolved.parents:
                relative = resolved.relative_to(prefix).as_posix()
                return "/" if relative == "." else "/" + relative
        if self.contains(resolved):
            return resolved.as_posix()
        raise bad_request(f"host path {host_path} is outside the sandbox")

    def for_process(self, text: str) -> str:
        """`text` (an argument or environment value for a sandbox process) with host paths of the sandbox's
        files replaced by the paths its processes see; unchanged when the sandbox has no namespaces."""
        if self.namespace is None:
            return text
        for prefix in map(str, self._prefixes()):
            if text == prefix:
                return "/"
            text = text.replace(prefix + "/", "/")
        return text

    def host_uri(self, sandbox_uri: str) -> str:
        """A `file://` URI naming a sandbox file (given as a sandbox `file://` URI or path) both for the
        emulator and for the sandbox's processes (e.g. a language server)."""
        path = unquote(sandbox_uri[len("file://") :]) if sandbox_uri.startswith("file://") else sandbox_uri
        return self.host(path).as_uri()

    def sandbox_uri(self, host_uri: str) -> str:
        """The sandbox `file://` URI for a URI a sandbox process sent; URIs outside the sandbox are unchanged."""
        if not host_uri.startswith("file://"):
            return host_uri
        host_path = Path(unquote(host_uri[len("file://") :]))
        if not self.contains(Path(os.path.abspath(host_path))):
            return host_uri
        return "file://" + self.sandbox(host_path)
