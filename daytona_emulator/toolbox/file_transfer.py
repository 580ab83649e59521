"""Streamed file transfer as the daemon does it: multipart uploads (`upload_file.go`, `upload_files.go`) and the
multipart bulk download (`download_files.go`).

Neither direction holds a whole file in memory, so transfers of hundreds of MiB stay flat.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import mimetypes
import os
import shutil
import stat
import tempfile
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from daytona_emulator.toolbox import fs_ops
from daytona_emulator.toolbox.daemon_http import DaemonAbort, go_marshal
from daytona_emulator.toolbox.paths import SandboxPaths

CHUNK = 1024 * 1024
BULK_BOUNDARY = "DAYTONA-FILE-BOUNDARY"
_MAX_FIELD_BYTES = 64 * 1024
_UPLOAD_DIR_MODE = 0o755  # bulk upload's MkdirAll
_SINGLE_UPLOAD_DIR_MODE = 0o750  # gin's SaveUploadedFile's MkdirAll


# ---- Content-Disposition as the daemon writes it ----------------------------------------------------------------


def _to_latin1(text: str) -> str:
    """The daemon's quoted-filename sanitising: escape ``\\`` and ``"``, drop CR/LF/NUL, other controls and
    characters above U+00FF become ``_``."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\r", "").replace("\n", "").replace("\x00", "")
    return "".join("_" if ord(ch) > 0xFF or ord(ch) < 0x20 or ord(ch) == 0x7F else ch for ch in escaped)


def content_disposition(name: str) -> str:
    """``filename="<latin-1>"; filename*=utf-8''<RFC 5987>`` for a file name or path."""
    return f"filename=\"{_to_latin1(name)}\"; filename*=utf-8''{quote(name, safe='!#$&+-.^_`|~')}"


# Go's built-in extension table (mime.TypeByExtension before the system tables).
_GO_MIME_TYPES = {
    ".avif": "image/avif",
    ".css": "text/css; charset=utf-8",
    ".gif": "image/gif",
    ".htm": "text/html; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".mjs": "text/javascript; charset=utf-8",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".wasm": "application/wasm",
    ".webp": "image/webp",
    ".xml": "text/xml; charset=utf-8",
}


def mime_type(path: str) -> str:
    """The Content-Type of a file part: by extension, else ``application/octet-stream``."""
    base = fs_ops.go_base(path)
    dot = base.rfind(".")
    if dot < 0:
        return "application/octet-stream"
    extension = base[dot:]
    found = _GO_MIME_TYPES.get(extension) or _GO_MIME_TYPES.get(extension.lower())
    if found:
        return found
    guessed, _ = mimetypes.guess_type("x" + extension.lower(), strict=True)
    if not guessed:
        return "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") else guessed


# ---- multipart parsing ----------------------------------------------------------------------------------------


@dataclass
class _Part:
    headers: dict[str, bytes] = field(default_factory=dict)
    header_field: bytearray = field(default_factory=bytearray)
    header_value: bytearray = field(default_factory=bytearray)


class _PartStream:
    """Feeds a multipart body to python-multipart and hands each part to ``on_part(name, filename)``, which
    returns a sink: ``write(bytes)`` and ``close()`` (or None to skip the part)."""

    def __init__(self, boundary: bytes, on_part: Any) -> None:
        self.on_part = on_part
        self.part = _Part()
        self.sink: Any = None
        self.finished = False
        self.parser = MultipartParser(
            boundary,
            callbacks={
                "on_part_begin": self._begin,
                "on_header_field": lambda d, s, e: self.part.header_field.extend(d[s:e]),
                "on_header_value": lambda d, s, e: self.part.header_value.extend(d[s:e]),
                "on_header_end": self._header_end,
                "on_headers_finished": self._headers_finished,
                "on_part_data": self._data,
                "on_part_end": self._end,
                "on_end": self._finish,
            },
        )

    def _begin(self) -> None:
        self.part = _Part()

    def _header_end(self) -> None:
        name = bytes(self.part.header_field).decode("latin-1").lower()
        self.part.headers[name] = bytes(self.part.header_value)
        self.part.header_field.clear()
        self.part.header_value.clear()

    def _headers_finished(self) -> None:
        disposition, options = parse_options_header(self.part.headers.get("content-disposition", b""))
        name = options.get(b"name", b"").decode("utf-8", "replace") if disposition == b"form-data" else ""
        filename = options.get(b"filename")
        self.sink = self.on_part(name, filename.decode("utf-8", "replace") if filename else "")

    def _data(self, data: bytes, start: int, end: int) -> None:
        if self.sink is not None:
            self.sink.write(data[start:end])

    def _end(self) -> None:
        if self.sink is not None:
            self.sink.close()
        self.sink = None

    def _finish(self) -> None:
        self.finished = True

    async def feed(self, request: Request) -> None:
        async for chunk in request.stream():
            if chunk:
                await asyncio.to_thread(self.parser.write, chunk)


def _boundary(request: Request) -> bytes | None:
    content_type, options = parse_options_header(request.headers.get("content-type", ""))
    if content_type not in (b"multipart/form-data", b"multipart/mixed") or not options.get(b"boundary"):
        return None
    return options[b"boundary"]


async def _drain(request: Request) -> None:
    with contextlib.suppress(Exception):
        async for _ in request.stream():
            pass


# ---- POST /files/upload -------------------------------------------------------------------------------------------


class _FieldSink:
    def __init__(self) -> None:
        self.data = bytearray()

    def write(self, chunk: bytes) -> None:
        if len(self.data) < _MAX_FIELD_BYTES:
            self.data.extend(chunk)

    def close(self) -> None:
        pass


class _TempSink:
    def __init__(self, scratch: Path) -> None:
        fd, name = tempfile.mkstemp(prefix=".upload-", dir=scratch)
        self.path = Path(name)
        self.handle: IO[bytes] = os.fdopen(fd, "wb")

    def write(self, chunk: bytes) -> None:
        self.handle.write(chunk)

    def close(self) -> None:
        self.handle.close()


async def receive_single_upload(request: Request, paths: SandboxPaths, scratch: Path, given: str) -> None:
    """The form's first ``file`` file part (one with a filename) is saved at ``given``: missing parent
    directories are made (0750), the file is created or truncated. Any failure is a 400 with an empty body."""
    boundary = _boundary(request)
    if boundary is None:
        await _drain(request)
        raise DaemonAbort(400, "request Content-Type isn't multipart/form-data")
    received: list[_TempSink] = []

    def on_part(name: str, filename: str) -> Any:
        if name == "file" and filename and not received:
            received.append(_TempSink(scratch))
            return received[0]
        return None

    stream = _PartStream(boundary, on_part)
    try:
        try:
            await stream.feed(request)
        except Exception as exc:
            raise DaemonAbort(400, f"multipart: {exc}") from exc
        if not stream.finished:
            raise DaemonAbort(400, "multipart: NextPart: EOF")
        if not received:
            raise DaemonAbort(400, "http: no such file")
        await asyncio.to_thread(_save_upload, paths, given, received[0].path)
    finally:
        for sink in received:
            with contextlib.suppress(OSError):
                sink.handle.close()
            with contextlib.suppress(OSError):
                sink.path.unlink()


def _save_upload(paths: SandboxPaths, given: str, source: Path) -> None:
    try:
        fs_ops.mkdir_all(paths, fs_ops.go_dir(given), _SINGLE_UPLOAD_DIR_MODE)
        target = fs_ops.resolve(paths, given)
        fd = fs_ops.create_file(target)
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out, CHUNK)
    except OSError as exc:
        raise DaemonAbort(400, str(exc)) from exc


# ---- POST /files/bulk-upload --------------------------------------------------------------------------------------


def _extract_index(name: str) -> str:
    """The daemon's index of ``files[<i>].path`` / ``files[<i>].file`` (by string trimming, as it does)."""
    trimmed = name.removeprefix("files[")
    return trimmed.removesuffix("].path").removesuffix("].file")


class _FileSink:
    def __init__(self, fd: int, dest: str, results: list[dict[str, Any]], errors: list[str]) -> None:
        self.handle: IO[bytes] = os.fdopen(fd, "wb")
        self.dest = dest
        self.results = results
        self.errors = errors
        self.count = 0
        self.failed = False

    def write(self, chunk: bytes) -> None:
        if self.failed:
            return
        try:
            self.handle.write(chunk)
            self.count += len(chunk)
        except OSError as exc:
            self.failed = True
            self.errors.append(f"{self.dest}: write: write {self.dest}: {fs_ops.errno_text(exc.errno)}")

    def close(self) -> None:
        try:
            self.handle.close()
        except OSError as exc:
            if not self.failed:
                self.errors.append(f"{self.dest}: close: close {self.dest}: {fs_ops.errno_text(exc.errno)}")
            return
        if not self.failed:
            self.results.append({"path": self.dest, "bytes": self.count})


class _BulkUpload:
    """Parts are handled in order: a ``….path`` part names the destination of its index, a later ``….file``
    part of the same index is written there (parents made 0755, the file created or truncated)."""

    def __init__(self, paths: SandboxPaths) -> None:
        self.paths = paths
        self.dests: dict[str, str] = {}
        self.files: list[dict[str, Any]] = []
        self.errors: list[str] = []

    def on_part(self, name: str, _filename: str) -> Any:
        if name.endswith(".path"):
            return _PathSink(self, _extract_index(name))
        if name.endswith(".file"):
            index = _extract_index(name)
            dest = self.dests.get(index)
            if dest is None:
                self.errors.append(f"file[{index}]: missing .path metadata")
                return None
            directory = fs_ops.go_dir(dest)
            try:
                fs_ops.mkdir_all(self.paths, directory, _UPLOAD_DIR_MODE)
            except OSError as exc:
                self.errors.append(f"{dest}: mkdir {directory}: {_go_text(exc, 'mkdir', directory)}")
                return None
            try:
                fd = fs_ops.create_file(fs_ops.resolve(self.paths, dest))
            except OSError as exc:
                self.errors.append(f"{dest}: create: {fs_ops.path_error('open', dest, exc)}")
                return None
            return _FileSink(fd, dest, self.files, self.errors)
        return None


def _go_text(exc: OSError, op: str, given: str) -> str:
    return exc.go_message if isinstance(exc, fs_ops.GoPathError) else fs_ops.path_error(op, given, exc)


class _PathSink(_FieldSink):
    def __init__(self, upload: _BulkUpload, index: str) -> None:
        super().__init__()
        self.upload = upload
        self.index = index

    def close(self) -> None:
        dest = self.data.decode("utf-8", "replace").strip()
        if not dest:
            self.upload.errors.append(f"path[{self.index}]: empty path")
            return
        self.upload.dests[self.index] = dest


async def receive_bulk_upload(request: Request, paths: SandboxPaths) -> tuple[list[dict[str, Any]], list[str] | None]:
    """(files written, errors); errors is None when the body is not a multipart form at all."""
    boundary = _boundary(request)
    if boundary is None:
        await _drain(request)
        return [], None
    upload = _BulkUpload(paths)
    stream = _PartStream(boundary, upload.on_part)
    try:
        await stream.feed(request)
    except Exception as exc:
        upload.errors.append(f"reading part: multipart: {exc}")
        await _drain(request)
    else:
        if not stream.finished:
            upload.errors.append("reading part: multipart: NextPart: EOF")
    finally:
        if stream.sink is not None:
            with contextlib.suppress(Exception):
                stream.sink.close()
    return upload.files, upload.errors


# ---- POST /files/bulk-download ----------------------------------------------------------------------------------


def _part_header(first: bool, headers: list[tuple[str, str]]) -> bytes:
    lead = f"--{BULK_BOUNDARY}\r\n" if first else f"\r\n--{BULK_BOUNDARY}\r\n"
    lines = "".join(f"{key}: {value}\r\n" for key, value in sorted(headers))
    return (lead + lines + "\r\n").encode("utf-8", "surrogateescape")


def _error_part(first: bool, source: str, status: int, code: str, message: str) -> bytes:
    body = {
        "statusCode": status,
        "message": message,
        "code": code,
        "timestamp": fs_ops.go_rfc3339(time.time_ns()),
        "path": source,
        "method": "POST",
    }
    headers = [
        ("Content-Type", "application/json; charset=utf-8"),
        ("Content-Disposition", f'form-data; name="error"; {content_disposition(source)}'),
    ]
    return _part_header(first, headers) + go_marshal(body)


def _open_for_download(paths: SandboxPaths, source: str) -> tuple[IO[bytes] | None, int, tuple[int, str, str] | None]:
    """An open regular file and its size, or why it cannot be sent (status, code, message)."""
    if source == "":
        return None, 0, (400, "INVALID_FILE_PATH", "invalid file path: path is empty")
    try:
        fd = os.open(fs_ops.resolve(paths, source), os.O_RDONLY | os.O_CLOEXEC)  # a directory opens too, as in Go
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            return None, 0, (404, "FILE_NOT_FOUND", f"file not found: {source}")
        if exc.errno in (errno.EACCES, errno.EPERM):
            return None, 0, (403, "FILE_ACCESS_DENIED", f"permission denied: {source}")
        if exc.errno == errno.EINVAL:
            return None, 0, (400, "INVALID_FILE_PATH", f"invalid file path: {source}")
        return None, 0, (500, "FILE_READ_FAILED", f"failed to open file: {fs_ops.path_error('open', source, exc)}")
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode):
        os.close(fd)
        return None, 0, (400, "INVALID_FILE_PATH", f"invalid file path: path points to a directory: {source}")
    return os.fdopen(fd, "rb"), info.st_size, None


async def bulk_download_stream(paths: SandboxPaths, sources: list[str], _home: str) -> AsyncIterator[bytes]:
    """The multipart body, written like Go's ``multipart.Writer`` (sorted part headers, CRLF framing)."""
    first = True
    for source in sources:
        handle, size, failure = await asyncio.to_thread(_open_for_download, paths, source)
        if handle is None:
            status, code, message = failure or (500, "FILE_READ_FAILED", "failed to open file")
            yield _error_part(first, source, status, code, message)
            first = False
            continue
        try:
            headers = [
                ("Content-Type", mime_type(source)),
                ("Content-Disposition", f'form-data; name="file"; {content_disposition(source)}'),
                ("Content-Length", str(size)),
            ]
            yield _part_header(first, headers)
            first = False
            remaining = size
            while remaining > 0:
                chunk: bytes = await asyncio.to_thread(handle.read, min(CHUNK, remaining))
                if not chunk:
                    break
                remaining -= len(chunk)
                yield chunk
        finally:
            handle.close()
    yield f"\r\n--{BULK_BOUNDARY}--\r\n".encode()
