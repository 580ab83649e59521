"""Translation between sandbox paths (what clients send) and host paths (where the files really live).

The sandbox's filesystem is a directory on the host (`root`). A sandbox path is POSIX: absolute paths
hang under `root`, relative ones are taken from the sandbox user's home. Whatever would leave `root`
(`..` climbing above `/`, or a symlink pointing outside) is refused with 400.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from urllib.parse import unquote

from emulator.errors import bad_request

HOME = "/home/daytona"


class SandboxPaths:
    def __init__(self, root: Path) -> None:
        self.root = Path(os.path.realpath(root))
        self.home = self.root / HOME.lstrip("/")

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
                    raise bad_request(f"path {sandbox_path!r} climbs above the sandbox's root")
                parts.pop()
            else:
                parts.append(part)
        return "/" + "/".join(parts)

    def host(self, sandbox_path: str | None, *, follow: bool = True) -> Path:
        """The host path for a sandbox path; with follow=False the last component may be a symlink."""
        normal = self.normalise(sandbox_path)
        candidate = self.root / normal.lstrip("/")
        if follow:
            resolved = Path(os.path.realpath(candidate))
        else:
            parent = Path(os.path.realpath(candidate.parent)) if candidate != self.root else self.root
            resolved = parent / candidate.name if candidate != self.root else self.root
        if not self.contains(resolved):
            raise bad_request(f"path {sandbox_path!r} is outside the sandbox")
        return resolved

    def contains(self, host_path: Path) -> bool:
        return host_path == self.root or self.root in host_path.parents

    def sandbox(self, host_path: Path | str) -> str:
        """The sandbox path for a host path inside root."""
        resolved = Path(os.path.abspath(host_path))
        if not self.contains(resolved):
            raise bad_request(f"host path {host_path} is outside the sandbox")
        relative = resolved.relative_to(self.root).as_posix()
        return "/" if relative == "." else "/" + relative

    def host_uri(self, sandbox_uri: str) -> str:
        """A `file://` URI on the host for a sandbox `file://` URI (or a plain sandbox path)."""
        path = unquote(sandbox_uri[len("file://") :]) if sandbox_uri.startswith("file://") else sandbox_uri
        return self.host(path).as_uri()

    def sandbox_uri(self, host_uri: str) -> str:
        """A `file://` URI in the sandbox for a host URI; URIs outside root are returned unchanged."""
        if not host_uri.startswith("file://"):
            return host_uri
        host_path = Path(unquote(host_uri[len("file://") :]))
        if not self.contains(Path(os.path.abspath(host_path))):
            return host_uri
        return "file://" + self.sandbox(host_path)
