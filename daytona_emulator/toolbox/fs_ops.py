"""Filesystem helpers that answer the way the daemon's Go code does: Go path cleaning, ``os.FileMode`` strings,
``time.Time`` formats, ``filepath.Walk`` order, ``filepath.Match`` globs, ``os.MkdirAll`` and Go's error texts.

Paths come in as the client sent them ("given" paths, relative ones taken from the daemon's working directory,
the sandbox user's home) and are mapped to host paths through :class:`SandboxPaths`; answers echo the given form,
as the daemon does.
"""

from __future__ import annotations

import errno
import os
import posixpath
import re
import stat
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from daytona_emulator.errors import EmulatorHTTPError
from daytona_emulator.toolbox.paths import HOME, SandboxPaths

# The sandbox user of Daytona's images (`useradd -m daytona`): what files owned by the emulator's own user
# are reported as, and the only identity a chown may name (the daemon runs as this user, not as root).
SANDBOX_USER = "daytona"
SANDBOX_UID = 1000
SANDBOX_GID = 1000
_UMASK = 0o022  # the daemon's umask (Docker's default)

# ---- Go's path package ------------------------------------------------------------------------------------------


def go_clean(path: str) -> str:
    """Go's ``filepath.Clean``: "" is ".", ".." never climbs above "/", no trailing or doubled slashes."""
    if path == "":
        return "."
    cleaned = posixpath.normpath(path)
    if cleaned.startswith("//"):
        cleaned = "/" + cleaned.lstrip("/")
    if cleaned.startswith("/"):
        parts = [p for p in cleaned.split("/") if p not in ("", "..")]
        # normpath keeps leading ".." of an absolute path; Go drops them
        cleaned = "/" + "/".join(parts) if ".." in cleaned.split("/") else cleaned
    return cleaned


def go_join(base: str, name: str) -> str:
    """Go's ``filepath.Join`` of two elements."""
    if base == "":
        return go_clean(name)
    return go_clean(base + "/" + name)


def go_base(path: str) -> str:
    """Go's ``filepath.Base`` (and the name ``os.Stat`` reports)."""
    if path == "":
        return "."
    stripped = path.rstrip("/")
    if stripped == "":
        return "/"
    return stripped.rsplit("/", 1)[-1]


def go_dir(path: str) -> str:
    """Go's ``filepath.Dir``."""
    head = path[: path.rfind("/") + 1] if "/" in path else ""
    return go_clean(head) if head else "."


def sandbox_abs(given: str) -> str:
    """The absolute, cleaned sandbox path for a given path (relative ones from the working directory)."""
    return go_clean(given if given.startswith("/") else f"{HOME}/{given}")


def resolve(paths: SandboxPaths, given: str, *, follow: bool = True) -> Path:
    """The host path of a given path (``~`` is an ordinary name to the daemon's file handlers).

    Raises FileNotFoundError when the path leads out of the sandbox (e.g. a symlink to a host directory).
    """
    try:
        return paths.host(sandbox_abs(given), follow=follow)
    except EmulatorHTTPError as exc:
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), given) from exc


# ---- Go's error texts ----------------------------------------------------------------------------------------------


def errno_text(code: int | None) -> str:
    """Go's text for an errno (glibc's, with a lower-case first letter)."""
    if code is None:
        return "unknown error"
    text = os.strerror(code)
    return text[:1].lower() + text[1:]


def path_error(op: str, given: str, exc: OSError) -> str:
    """Go's ``*PathError`` text, e.g. ``open notes.txt: no such file or directory``."""
    return f"{op} {given}: {errno_text(exc.errno)}"


def status_for(exc: OSError) -> int:
    """The daemon's status for a failed stat: 404 not found, 403 permission denied, else 400."""
    if isinstance(exc, FileNotFoundError):
        return 404
    if isinstance(exc, PermissionError):
        return 403
    return 400


# ---- FileInfo --------------------------------------------------------------------------------------------------------

_GO_TYPE_LETTERS = "dalTLDpSugct?"  # Go's os.FileMode String() letters, one per high mode bit


def go_mode_string(mode: int) -> str:
    """Go's ``FileMode.String()`` for a stat mode: ``drwxr-xr-x``, ``-rw-r--r--``, ``dtrwxrwxrwx``, ``Dcrw-rw-rw-``."""
    flags = {
        "d": stat.S_ISDIR(mode),
        "L": stat.S_ISLNK(mode),
        "D": stat.S_ISBLK(mode) or stat.S_ISCHR(mode),
        "p": stat.S_ISFIFO(mode),
        "S": stat.S_ISSOCK(mode),
        "u": bool(mode & stat.S_ISUID),
        "g": bool(mode & stat.S_ISGID),
        "c": stat.S_ISCHR(mode),
        "t": bool(mode & stat.S_ISVTX),
    }
    letters = "".join(letter for letter in _GO_TYPE_LETTERS if flags.get(letter)) or "-"
    rwx = "".join(ch if mode & (1 << (8 - i)) else "-" for i, ch in enumerate("rwxrwxrwx"))
    return letters + rwx


def go_time_string(nanos: int) -> str:
    """Go's ``time.Time.String()`` in UTC, e.g. ``2024-05-01 10:00:00.5 +0000 UTC``."""
    seconds, fraction = divmod(nanos, 1_000_000_000)
    base = datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%d %H:%M:%S")
    digits = f"{fraction:09d}".rstrip("0")
    return f"{base}.{digits} +0000 UTC" if digits else f"{base} +0000 UTC"


def go_rfc3339(nanos: int) -> str:
    """A Go ``time.Time`` as JSON (RFC 3339, nanoseconds with trailing zeros trimmed), in UTC."""
    seconds, fraction = divmod(nanos, 1_000_000_000)
    base = datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S")
    digits = f"{fraction:09d}".rstrip("0")
    return f"{base}.{digits}Z" if digits else f"{base}Z"


def owner_id(uid: int) -> str:
    return str(SANDBOX_UID if uid == os.getuid() else uid)


def group_id(gid: int) -> str:
    return str(SANDBOX_GID if gid == os.getgid() else gid)


def file_info(host: Path, name: str) -> dict[str, Any]:
    """The daemon's FileInfo for a path (``os.Stat``: symlinks are followed); ``name`` is the reported name."""
    info = os.stat(host)
    return {
        "name": name,
        "size": info.st_size,
        "mode": go_mode_string(info.st_mode),
        "modTime": go_time_string(info.st_mtime_ns),
        "modifiedAt": go_rfc3339(info.st_mtime_ns),
        "isDir": stat.S_ISDIR(info.st_mode),
        "owner": owner_id(info.st_uid),
        "group": group_id(info.st_gid),
        "permissions": f"{stat.S_IMODE(info.st_mode) & 0o777:04o}",
    }


def list_directory(paths: SandboxPaths, given: str, host: Path) -> list[dict[str, Any]]:
    """``os.ReadDir`` (sorted by name) and a FileInfo per entry; entries that cannot be stat'ed are left out."""
    entries = []
    for name in sorted(os.listdir(host)):
        try:
            child = resolve(paths, go_join(given, name))
            entries.append(file_info(child, name))
        except OSError:
            continue
    return entries


# ---- filepath.Walk, find and search --------------------------------------------------------------------------------


def walk(paths: SandboxPaths, given: str) -> Iterator[tuple[str, Path, os.stat_result]]:
    """Go's ``filepath.Walk`` with the daemon's callback rules: (given-form path, host path, lstat) in lexical
    order; symlinks are not followed; a directory that cannot be read is skipped whole (itself included);
    a root that does not exist yields nothing."""
    try:
        root = resolve(paths, given, follow=False)
        info = os.lstat(root)
    except OSError:
        return
    yield from _walk(given, root, info)


def _walk(given: str, host: Path, info: os.stat_result) -> Iterator[tuple[str, Path, os.stat_result]]:
    if not stat.S_ISDIR(info.st_mode):
        yield given, host, info
        return
    try:
        names = sorted(os.listdir(host))
    except OSError:
        return
    yield given, host, info
    for name in names:
        child = host / name
        try:
            child_info = os.lstat(child)
        except OSError:
            continue
        yield from _walk(go_join(given, name), child, child_info)


_SNIFF_BYTES = 512
_MAX_LINE_BYTES = 64 * 1024  # bufio.Scanner's default limit: a longer line ends the scan of that file


def find_in_files(paths: SandboxPaths, given: str, pattern: str) -> list[dict[str, Any]]:
    """Lines containing ``pattern`` (a literal) in the regular, non-binary files under the path."""
    needle = pattern.encode()
    matches: list[dict[str, Any]] = []
    for shown, host, info in walk(paths, given):
        if not stat.S_ISREG(info.st_mode):
            continue
        try:
            with open(host, "rb") as handle:
                head = handle.read(_SNIFF_BYTES)
                if not head or b"\x00" in head:
                    continue
                handle.seek(0)
                for number, line in enumerate(_scan_lines(handle), start=1):
                    if needle in line:
                        text = line.decode("utf-8", errors="replace")
                        matches.append({"file": shown, "line": number, "content": text})
        except OSError:
            continue
    return matches


def _scan_lines(handle: Any) -> Iterator[bytes]:
    """bufio.Scanner's ScanLines: lines without ``\\n`` (and a trailing ``\\r``); stops at an over-long line."""
    while True:
        line: bytes = handle.readline(_MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > _MAX_LINE_BYTES and not line.endswith(b"\n"):
            return
        if line.endswith(b"\n"):
            line = line[:-1]
        if line.endswith(b"\r"):
            line = line[:-1]
        yield line


def search_files(paths: SandboxPaths, given: str, pattern: str) -> list[str]:
    """Paths under the path whose base name matches the glob (Go's ``filepath.Match``)."""
    matcher = go_glob(pattern)
    if matcher is None:
        return []
    return [shown for shown, _, _ in walk(paths, given) if matcher(go_base(shown))]


def go_glob(pattern: str) -> Callable[[str], bool] | None:
    """A matcher for Go's ``filepath.Match`` syntax (``*``, ``?``, ``[a-z]``, ``[^a-z]``, ``\\`` escapes),
    or None when the pattern is malformed (Go's ErrBadPattern: nothing matches)."""
    out = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "\\":
            i += 1
            if i >= len(pattern):
                return None
            out.append(re.escape(pattern[i]))
        elif ch == "[":
            parsed = _go_class(pattern, i + 1)
            if parsed is None:
                return None
            regex, i = parsed
            out.append(regex)
            continue
        else:
            out.append(re.escape(ch))
        i += 1
    compiled = re.compile("".join(out), re.DOTALL)
    return lambda name: compiled.fullmatch(name) is not None


def _go_class(pattern: str, i: int) -> tuple[str, int] | None:
    """A ``[...]`` class starting after the ``[``: (regex, index after ``]``), None when malformed."""
    negate = i < len(pattern) and pattern[i] == "^"
    if negate:
        i += 1
    ranges: list[str] = []
    first = True
    while True:
        if i >= len(pattern):
            return None
        if pattern[i] == "]" and not first:
            i += 1
            break
        first = False
        lo, i = _class_char(pattern, i)
        if lo is None:
            return None
        hi = lo
        if i < len(pattern) and pattern[i] == "-":
            hi, i = _class_char(pattern, i + 1)
            if hi is None or hi < lo:
                return None
        ranges.append(re.escape(lo) if lo == hi else f"{re.escape(lo)}-{re.escape(hi)}")
    body = "".join(ranges)
    return (f"[^/{body}]" if negate else f"[{body}]"), i


def _class_char(pattern: str, i: int) -> tuple[str | None, int]:
    if i >= len(pattern) or pattern[i] in "-]":
        return None, i
    if pattern[i] == "\\":
        i += 1
        if i >= len(pattern):
            return None, i
    return pattern[i], i + 1


# ---- os.MkdirAll -----------------------------------------------------------------------------------------------------


def mkdir_all(paths: SandboxPaths, given: str, perm: int) -> None:
    """Go's ``os.MkdirAll(given, perm)`` under the daemon's umask; raises OSError with Go's message."""
    host = resolve(paths, given)
    try:
        info = os.stat(host)
    except OSError:
        info = None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            return
        raise GoPathError("mkdir", given, errno.ENOTDIR)
    end = len(given) - 1
    while end >= 0 and given[end] == "/":
        end -= 1
    while end >= 0 and given[end] != "/":
        end -= 1
    parent = given[: max(end, 0)]
    if len(parent) > 0:
        mkdir_all(paths, parent, perm)
    try:
        os.mkdir(host, perm & 0o777 & ~_UMASK)
        os.chmod(host, perm & 0o777 & ~_UMASK)
    except OSError as exc:
        if os.path.isdir(host) and not os.path.islink(host):
            return
        raise GoPathError("mkdir", given, exc.errno or errno.EIO) from exc


class GoPathError(OSError):
    """An OSError whose text is Go's ``*PathError`` text."""

    def __init__(self, op: str, given: str, code: int) -> None:
        super().__init__(code, errno_text(code), given)
        self.go_message = f"{op} {given}: {errno_text(code)}"

    def __str__(self) -> str:
        return self.go_message


def create_file(host: Path) -> int:
    """Go's ``os.Create``: open for writing, truncating; a new file gets 0666 under the umask (0644)."""
    fd = os.open(host, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666 & ~_UMASK)
    return fd
