"""Streamed file transfer: multipart uploads parsed straight to disk, multipart bulk downloads read from disk.

Neither direction holds a whole file in memory, so transfers of hundreds of MiB stay flat.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from emulator.errors import EmulatorHTTPError, bad_request
from emulator.toolbox.paths import SandboxPaths

CHUNK = 1024 * 1024
_INDEXED_FIELD = re.compile(r"^files\[(\d+)\]\.(path|file)$")
_MAX_FIELD_BYTES = 64 * 1024
_FILE_MODE = 0o644  # what a file written by the sandbox user gets (umask 022)


@dataclass
class _Upload:
    """One file of an upload: where it goes and the temporary file its bytes are landing in."""

    destination: str | None = None
    filename: str | None = None
    temp: Path | None = None
    handle: IO[bytes] | None = None
    error: str | None = None


@dataclass
class _PartState:
    headers: dict[str, bytes] = field(default_factory=dict)
    header_field: bytearray = field(default_factory=bytearray)
    header_value: bytearray = field(default_factory=bytearray)
    kind: str | None = None  # "path", "file" or None (ignored part)
    key: str = ""
    value: bytearray = field(default_factory=bytearray)


class UploadReceiver:
    """Feeds a multipart body to the parser and writes file parts to temporary files beside their target.

    `single_destination` serves `POST /files/upload?path=`, whose body has one part named `file`.
    """

    def __init__(self, paths: SandboxPaths, scratch: Path, boundary: bytes, single_destination: str | None = None):
        self.paths = paths
        self.scratch = scratch
        self.single_destination = single_destination
        self.uploads: dict[str, _Upload] = {}
        self._part = _PartState()
        self.parser = MultipartParser(
            boundary,
            callbacks={
                "on_part_begin": self._on_part_begin,
                "on_header_field": self._on_header_field,
                "on_header_value": self._on_header_value,
                "on_header_end": self._on_header_end,
                "on_headers_finished": self._on_headers_finished,
                "on_part_data": self._on_part_data,
                "on_part_end": self._on_part_end,
            },
        )

    # --- parser callbacks -------------------------------------------------------------------------
    def _on_part_begin(self) -> None:
        self._part = _PartState()

    def _on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._part.header_field.extend(data[start:end])

    def _on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._part.header_value.extend(data[start:end])

    def _on_header_end(self) -> None:
        name = bytes(self._part.header_field).decode("latin-1").lower()
        self._part.headers[name] = bytes(self._part.header_value)
        self._part.header_field.clear()
        self._part.header_value.clear()

    def _on_headers_finished(self) -> None:
        _, options = parse_options_header(self._part.headers.get("content-disposition", b""))
        name = options.get(b"name", b"").decode("utf-8", "replace")
        filename = options.get(b"filename")
        if self.single_destination is not None:
            if name == "file":
                self._part.kind, self._part.key = "file", "0"
                self._begin_file("0", self.single_destination, filename)
            return
        match = _INDEXED_FIELD.match(name)
        if match is None:
            return
        index, role = match.groups()
        self._part.kind, self._part.key = role, index
        if role == "file":
            upload = self.uploads.setdefault(index, _Upload())
            self._begin_file(index, upload.destination, filename)

    def _on_part_data(self, data: bytes, start: int, end: int) -> None:
        part = self._part
        if part.kind == "path":
            part.value.extend(data[start:end])
            if len(part.value) > _MAX_FIELD_BYTES:
                raise bad_request(f"files[{part.key}].path is too long")
        elif part.kind == "file":
            upload = self.uploads[part.key]
            if upload.handle is not None and upload.error is None:
                try:
                    upload.handle.write(data[start:end])
                except OSError as exc:
                    upload.error = f"{upload.destination}: {exc.strerror}"

    def _on_part_end(self) -> None:
        part = self._part
        if part.kind == "path":
            upload = self.uploads.setdefault(part.key, _Upload())
            upload.destination = bytes(part.value).decode("utf-8", "replace")
        elif part.kind == "file":
            upload = self.uploads[part.key]
            if upload.handle is not None:
                upload.handle.close()
                upload.handle = None
        self._part = _PartState()

    # --- files ------------------------------------------------------------------------------------
    def _begin_file(self, key: str, destination: str | None, filename: bytes | None) -> None:
        upload = self.uploads.setdefault(key, _Upload())
        upload.destination = destination or upload.destination
        upload.filename = filename.decode("utf-8", "replace") if filename else None
        directory = self.scratch
        if upload.destination:
            try:
                target = self.paths.host(upload.destination)
                target.parent.mkdir(parents=True, exist_ok=True)
                directory = target.parent
            except (EmulatorHTTPError, OSError) as exc:
                upload.error = f"{upload.destination}: {getattr(exc, 'message', None) or exc}"
                return
        fd, temp = tempfile.mkstemp(prefix=".upload-", dir=directory)
        os.fchmod(fd, _FILE_MODE)
        upload.temp = Path(temp)
        upload.handle = os.fdopen(fd, "wb")

    async def feed(self, request: Request) -> None:
        async for chunk in request.stream():
            if chunk:
                await asyncio.to_thread(self.parser.write, chunk)
        self.parser.finalize()

    def commit(self) -> list[str]:
        """Move every received file into place; returns the per-file error messages."""
        errors: list[str] = []
        for key in sorted(self.uploads, key=int):
            upload = self.uploads[key]
            destination = upload.destination or upload.filename
            if upload.error is None and upload.temp is None:
                upload.error = f"files[{key}]: no file content received"
            if upload.error is None and not destination:
                upload.error = f"files[{key}]: no destination path"
            if upload.error is None and upload.temp is not None and destination:
                try:
                    target = self.paths.host(destination)
                    if target.is_dir():
                        raise bad_request(f"{destination} is a directory")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(str(upload.temp), target)
                    upload.temp = None
                except (EmulatorHTTPError, OSError) as exc:
                    upload.error = f"{destination}: {getattr(exc, 'message', None) or exc}"
            if upload.error is not None:
                errors.append(upload.error)
        return errors

    def discard(self) -> None:
        for upload in self.uploads.values():
            if upload.handle is not None:
                upload.handle.close()
            if upload.temp is not None:
                with contextlib.suppress(OSError):
                    upload.temp.unlink()


def multipart_boundary(request: Request) -> bytes:
    content_type, options = parse_options_header(request.headers.get("content-type", ""))
    if content_type != b"multipart/form-data" or b"boundary" not in options:
        raise bad_request("expected a multipart/form-data body")
    return options[b"boundary"]


async def receive_upload(
    request: Request, paths: SandboxPaths, scratch: Path, single_destination: str | None = None
) -> list[str]:
    receiver = UploadReceiver(paths, scratch, multipart_boundary(request), single_destination)
    try:
        await receiver.feed(request)
        return await asyncio.to_thread(receiver.commit)
    finally:
        receiver.discard()


# --- bulk download ------------------------------------------------------------------------------------


def _quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\r", " ").replace("\n", " ")


def _part_header(boundary: str, name: str, filename: str, content_type: str, length: int) -> bytes:
    return (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="{name}"; filename="{_quote(filename)}"\r\n'
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {length}\r\n\r\n"
    ).encode()


def _error_part(boundary: str, source: str, status: int, message: str, code: str) -> bytes:
    body = json.dumps({"message": message, "statusCode": status, "code": code}).encode()
    return _part_header(boundary, "error", source, "application/json", len(body)) + body + b"\r\n"


_Failure = tuple[int, str, str]


def _open_for_download(paths: SandboxPaths, source: str) -> tuple[IO[bytes] | None, int, _Failure | None]:
    """An open file and its size, or why it cannot be sent (status, message, code)."""
    try:
        target = paths.host(source)
    except EmulatorHTTPError as exc:
        return None, 0, (exc.status, exc.message, exc.code or "BAD_REQUEST")
    if not target.exists():
        return None, 0, (404, f"file not found: {source}", "FILE_NOT_FOUND")
    if target.is_dir():
        return None, 0, (400, f"path is a directory: {source}", "IS_DIRECTORY")
    try:
        handle = target.open("rb")
    except PermissionError:
        return None, 0, (403, f"permission denied: {source}", "FORBIDDEN")
    except OSError as exc:
        return None, 0, (400, f"{source}: {exc.strerror}", "BAD_REQUEST")
    return handle, os.fstat(handle.fileno()).st_size, None


def new_boundary() -> str:
    return "daytona-emulator-" + secrets.token_hex(16)


async def bulk_download_stream(paths: SandboxPaths, sources: list[str], boundary: str) -> AsyncIterator[bytes]:
    """The multipart body: a `file` part per readable path, an `error` part (JSON) per failing one."""
    for source in sources:
        handle, size, failure = await asyncio.to_thread(_open_for_download, paths, source)
        if handle is None:
            status, message, code = failure or (500, "unknown error", "INTERNAL_ERROR")
            yield _error_part(boundary, source, status, message, code)
            continue
        try:
            yield _part_header(boundary, "file", source, "application/octet-stream", size)
            remaining = size
            while remaining > 0:
                chunk: bytes = await asyncio.to_thread(handle.read, min(CHUNK, remaining))
                if not chunk:
                    break
                remaining -= len(chunk)
                yield chunk
            yield b"\r\n"
        finally:
            handle.close()
    yield f"--{boundary}--\r\n".encode()
