"""Filesystem operations on host paths, answering in the toolbox's shapes (FileInfo, Match, ReplaceResult)."""

from __future__ import annotations

import fnmatch
import grp
import os
import pwd
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from emulator.toolbox.paths import SandboxPaths

SANDBOX_USER = "daytona"
_SNIFF_BYTES = 8192


def owner_name(uid: int) -> str:
    if uid == os.getuid():
        return SANDBOX_USER
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def group_name(gid: int) -> str:
    if gid == os.getgid():
        return SANDBOX_USER
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


def go_mode_string(mode: int) -> str:
    """Like Go's FileMode.String(): `drwxr-xr-x`, `-rw-r--r--`, `Lrwxrwxrwx` for a symlink."""
    text = stat.filemode(mode)
    return "L" + text[1:] if stat.S_ISLNK(mode) else text


def go_time_string(moment: datetime, nanos: int) -> str:
    """Go's time.String() layout in UTC, e.g. `2024-05-01 10:00:00.5 +0000 UTC`."""
    fraction = f"{nanos % 1_000_000_000:09d}".rstrip("0")
    base = moment.strftime("%Y-%m-%d %H:%M:%S")
    return f"{base}.{fraction} +0000 UTC" if fraction else f"{base} +0000 UTC"


def file_info(path: Path, *, follow: bool = True) -> dict[str, Any]:
    info = path.stat() if follow else path.lstat()
    moment = datetime.fromtimestamp(info.st_mtime_ns / 1e9, tz=UTC)
    return {
        "name": path.name,
        "isDir": stat.S_ISDIR(info.st_mode),
        "size": info.st_size,
        "mode": go_mode_string(info.st_mode),
        "permissions": f"{stat.S_IMODE(info.st_mode) & 0o7777:04o}",
        "owner": owner_name(info.st_uid),
        "group": group_name(info.st_gid),
        "modTime": go_time_string(moment, info.st_mtime_ns),
        "modifiedAt": moment.isoformat().replace("+00:00", "Z"),
    }


def list_directory(path: Path) -> list[dict[str, Any]]:
    entries = []
    for child in sorted(path.iterdir(), key=lambda p: p.name):
        try:
            entries.append(file_info(child, follow=False))
        except OSError:
            continue
    return entries


def _walk(root: Path, paths: SandboxPaths) -> Iterator[Path]:
    """Every path under root (root included), not following symlinks out of the sandbox."""
    yield root
    if not root.is_dir() or root.is_symlink():
        return
    for dirpath, dirnames, filenames in os.walk(root):
        base = Path(dirpath)
        dirnames.sort()
        kept = []
        for name in dirnames:
            child = base / name
            yield child
            if name != ".git" and not child.is_symlink():
                kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            child = base / name
            if paths.contains(Path(os.path.realpath(child))):
                yield child


def _looks_binary(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return b"\x00" in handle.read(_SNIFF_BYTES)
    except OSError:
        return True


def find_in_files(root: Path, pattern: str, paths: SandboxPaths) -> list[dict[str, Any]]:
    """Lines containing `pattern` (a literal string) in the text files under root."""
    matches: list[dict[str, Any]] = []
    for path in _walk(root, paths):
        if not path.is_file() or _looks_binary(path):
            continue
        try:
            with path.open("r", encoding="utf-8", errors="replace") as handle:
                for number, line in enumerate(handle, start=1):
                    if pattern in line:
                        matches.append({"file": paths.sandbox(path), "line": number, "content": line.rstrip("\r\n")})
        except OSError:
            continue
    return matches


def search_files(root: Path, pattern: str, paths: SandboxPaths) -> list[str]:
    """Paths under root whose base name matches the glob `pattern`."""
    return [paths.sandbox(path) for path in _walk(root, paths) if fnmatch.fnmatchcase(path.name, pattern)]


def replace_in_file(path: Path, pattern: str, new_value: str) -> None:
    with path.open("r", encoding="utf-8", newline="") as handle:
        content = handle.read()
    replaced = content.replace(pattern, new_value)
    if replaced != content:
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(replaced)
