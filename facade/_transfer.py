"""``sandbox.fs``: files and folders in a sandbox, and streamed transfers to and from it.

Simple calls return the generated models (``FileInfo``, ``Match``, ``ReplaceResult``, ...). Transfers never
hold a whole file in memory unless the caller asks for bytes:

* uploads send one ``multipart/form-data`` body (``POST /files/bulk-upload``) produced chunk by chunk from
  the sources (local files are read 256 KiB at a time) with a random boundary and an exact
  ``Content-Length`` when every size is known;
* downloads ask ``POST /files/bulk-download`` for a multipart answer and parse it as it arrives with
  python-multipart's streaming parser, writing each file to a temporary file beside its destination that
  is renamed into place only once complete: a failed or cancelled download never leaves a truncated file.

Transfers take an ``on_progress`` callback (plain or ``async``) and a ``cancel_event`` (anything with
``is_set()``); cancelling the calling task works too.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import io
import json
import os
import re
import secrets
import stat
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, Protocol, overload, runtime_checkable
from urllib.parse import unquote

from daytona_openapi import models as m
from daytona_openapi.api import toolbox_files as api
from daytona_openapi.types import Request

from . import _checks as check
from ._errors import DaytonaError, error_from_response
from ._services import emit
from ._toolbox import _Service

if TYPE_CHECKING:
    pass

CHUNK_SIZE = 256 * 1024
#: Default ``timeout`` of transfers, in seconds (as in the official SDK).
TRANSFER_TIMEOUT = 30 * 60
_MAX_ERROR_PART = 64 * 1024
_OCTAL_MODE = re.compile(r"[0-7]{3,4}")
FileInfo, Match, ReplaceResult, SearchFilesResponse = m.FileInfo, m.Match, m.ReplaceResult, m.SearchFilesResponse


@runtime_checkable
class CancelEvent(Protocol):
    """Anything with ``is_set()`` (``asyncio.Event``, ``threading.Event``): once set, a transfer stops before its
    next chunk and raises :class:`~facade.DaytonaError`; no partial file is left behind."""

    def is_set(self) -> bool: ...


@dataclass
class FileUpload:
    """A file to upload: ``source`` (bytes, or a local path streamed from disk) to ``destination`` (a sandbox path)."""

    source: bytes | bytearray | memoryview | str | os.PathLike[str]
    destination: str


@dataclass
class FileDownloadRequest:
    """A file to download: ``source`` (a sandbox path) to ``destination`` (a local path; None: return bytes)."""

    source: str
    destination: str | os.PathLike[str] | None = None


@dataclass(frozen=True)
class FileDownloadErrorDetails:
    """Why one file of a bulk download failed, as the server described it."""

    message: str
    status_code: int | None = None
    error_code: str | None = None


@dataclass(frozen=True)
class FileDownloadResponse:
    """The outcome for one request: ``result`` (the local path written, or the bytes) or ``error`` (with
    ``error_details`` when the toolbox described the failure)."""

    source: str
    result: str | bytes | None = None
    error: str | None = None
    error_details: FileDownloadErrorDetails | None = None


@dataclass(frozen=True)
class DownloadProgress:
    """Progress of a download: file bytes received so far, and expected in all when known."""

    bytes_received: int
    total_bytes: int | None = None


@dataclass(frozen=True)
class UploadProgress:
    """Progress of an upload: file bytes sent so far, and to send in all when known."""

    bytes_sent: int
    total_bytes: int | None = None


DownloadProgressCallback = Callable[[DownloadProgress], Awaitable[None] | None]
UploadProgressCallback = Callable[[UploadProgress], Awaitable[None] | None]


def _transfer_timeout(timeout: Any) -> Any:
    """No single wait may exceed ``timeout``; connecting takes at most 60 s."""
    limit = check.timeout(timeout)
    import httpx

    return httpx.Timeout(limit, connect=60.0 if limit is None else min(limit, 60.0))


def _callbacks(on_progress: Any, cancel_event: Any) -> None:
    check.callback(on_progress, "on_progress")
    if cancel_event is not None:
        check.instance(cancel_event, "cancel_event", CancelEvent, "something with is_set()")


def _cancelled(cancel_event: CancelEvent | None, what: str) -> None:
    if cancel_event is not None and cancel_event.is_set():
        raise DaytonaError(f"{what}")


# ---- upload sources -------------------------------------------------------------------------------


async def _bytes_chunks(data: memoryview) -> AsyncGenerator[bytes, None]:
    for start in range(0, data.nbytes, CHUNK_SIZE):
        yield bytes(data[start : start + CHUNK_SIZE])


async def _file_chunks(path: str, size: int) -> AsyncGenerator[bytes, None]:
    """A regular local file as it is at the start (its size then), read in a worker thread."""
    handle = await asyncio.to_thread(open, path, "rb")
    try:
        while size > 0:
            if not (chunk := await asyncio.to_thread(handle.read, min(CHUNK_SIZE, size))):
                raise DaytonaError(f"Local file {path} became shorter while it was being uploaded")
            size -= len(chunk)
            yield chunk
    finally:
        await asyncio.to_thread(handle.close)


async def _stream_chunks(source: Any) -> AsyncGenerator[bytes, None]:
    """A caller's file object (sync or ``async read``; read to its end, not closed) or async iterable of bytes."""
    read = getattr(source, "read", None)
    if read is not None and inspect.iscoroutinefunction(read):
        while chunk := await read(CHUNK_SIZE):
            yield _as_bytes(chunk)
    elif isinstance(source, AsyncIterable):
        async for chunk in source:
            yield _as_bytes(chunk)
    else:
        while chunk := await asyncio.to_thread(source.read, CHUNK_SIZE):
            yield _as_bytes(chunk)


def _as_bytes(chunk: Any) -> bytes:
    if isinstance(chunk, str):
        raise TypeError("upload sources must produce bytes; open text files in binary mode ('rb')")
    return bytes(check.instance(chunk, "source chunk", (bytes, bytearray, memoryview)))


def _source(source: Any, name: str, streams: bool = False) -> tuple[int | None, AsyncGenerator[bytes, None]]:
    """``(size, chunks)`` of bytes or a local path (and, with ``streams``, file objects and async streams)."""
    if isinstance(source, bytes | bytearray | memoryview):
        view = memoryview(source).cast("B")
        return view.nbytes, _bytes_chunks(view)
    if isinstance(source, str | os.PathLike):
        path = check.local_path(source, name)
        try:
            info = os.stat(path)
        except FileNotFoundError:
            raise check.bad(name, f"local file not found: {path}") from None
        except OSError as exc:
            raise check.bad(name, f"cannot read local file {path}: {exc.strerror}") from None
        if stat.S_ISDIR(info.st_mode) or not stat.S_ISREG(info.st_mode) or not os.access(path, os.R_OK):
            kind = "is a directory, not a file" if stat.S_ISDIR(info.st_mode) else "is not a readable regular file"
            raise check.bad(name, f"{path} {kind}")
        return info.st_size, _file_chunks(path, info.st_size)
    if streams and (callable(getattr(source, "read", None)) or isinstance(source, AsyncIterable)):
        return None, _stream_chunks(source)
    kinds = "bytes, a local path, a binary file object or an async iterable of bytes" if streams else ""
    kinds = kinds or "bytes or a local path"
    raise TypeError(f"{name} must be {kinds}, got {type(source).__name__}")


def _local(value: Any, name: str) -> str | None:
    return None if value is None else check.local_path(value, name, directory_ok=False)


def _destination(value: Any, name: str) -> str:  # a sandbox path: it is sent in a part's headers
    return str(check.text(value, name, line=True))


# ---- downloads ------------------------------------------------------------------------------------


class FileSink:
    """Writes to a hidden temporary file beside ``destination`` (created with the usual permissions, or those of
    the file it replaces), renamed over it by :meth:`commit`; :meth:`abort` removes it. Writes are gathered
    into 256 KiB blocks and done in a worker thread."""

    def __init__(self, destination: str) -> None:
        self.destination = destination
        self._handle: IO[bytes] | None = None
        self._temp: str | None = None
        self._pending = bytearray()

    async def open(self) -> None:
        opening = asyncio.ensure_future(asyncio.to_thread(self._open))
        try:
            self._handle, self._temp = await asyncio.shield(opening)
        except asyncio.CancelledError:  # the worker still finishes opening: remove what it created
            opening.add_done_callback(_discard_opened)
            raise

    def _open(self) -> tuple[IO[bytes], str]:
        target = os.path.abspath(self.destination)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        mode = 0o666
        with contextlib.suppress(OSError):
            mode = stat.S_IMODE(os.stat(target).st_mode)
        temp = os.path.join(os.path.dirname(target), f".{os.path.basename(target)}.{secrets.token_hex(6)}.part")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        if mode != 0o666:
            os.chmod(temp, mode)
        return os.fdopen(fd, "wb"), temp

    async def write(self, data: bytes) -> None:
        self._pending += data
        if len(self._pending) >= CHUNK_SIZE:
            await self._flush()

    async def _flush(self) -> None:
        if self._pending and self._handle is not None:
            block, self._pending = self._pending, bytearray()
            await asyncio.to_thread(self._handle.write, block)

    async def commit(self) -> str:
        await self._flush()
        handle, temp, self._handle, self._temp = self._handle, self._temp, None, None
        assert handle is not None and temp is not None

        def finish() -> None:
            handle.close()
            os.replace(temp, self.destination)

        try:
            await asyncio.to_thread(finish)
        except BaseException:
            await asyncio.to_thread(_discard, handle, temp)
            raise
        return self.destination

    async def abort(self) -> None:
        handle, temp, self._handle, self._temp = self._handle, self._temp, None, None
        if temp is not None:  # shielded: a cancelled task still removes its temporary file
            await asyncio.shield(asyncio.to_thread(_discard, handle, temp))


def _discard_opened(opening: asyncio.Future[tuple[IO[bytes], str]]) -> None:
    if not opening.cancelled() and opening.exception() is None:
        _discard(*opening.result())


def _discard(handle: IO[bytes] | None, temp: str) -> None:
    with contextlib.suppress(OSError):
        if handle is not None:
            handle.close()
        os.unlink(temp)


class _MemorySink:
    def __init__(self) -> None:
        self._buffer = io.BytesIO()

    async def open(self) -> None:
        pass

    async def write(self, data: bytes) -> None:
        self._buffer.write(data)

    async def commit(self) -> bytes:
        return self._buffer.getvalue()

    async def abort(self) -> None:
        self._buffer = io.BytesIO()


def _error_details(payload: bytes) -> FileDownloadErrorDetails:
    """A per-file ``error`` part: JSON ``{message, statusCode|status_code, code|error_code}`` or plain text."""
    text = payload.decode("utf-8", errors="replace").strip()
    try:
        data = json.loads(text) if text else None
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return FileDownloadErrorDetails(text or "unknown error")
    status, code, message = (
        data.get("statusCode", data.get("status_code")),
        data.get("code", data.get("error_code")),
        data.get("message"),
    )
    return FileDownloadErrorDetails(
        message if isinstance(message, str) and message else text,
        status if isinstance(status, int) and not isinstance(status, bool) else None,
        code if isinstance(code, str) and code else None,
    )


def _file_error(details: FileDownloadErrorDetails, prefix: str) -> DaytonaError:
    """The typed error for one file's failure (404 -> DaytonaNotFoundError, ...)."""
    if details.status_code is not None and 400 <= details.status_code <= 599:
        body = json.dumps({"message": details.message, "code": details.error_code}).encode()
        return error_from_response(details.status_code, body, {}, prefix=prefix)
    return DaytonaError(prefix + details.message, error_code=details.error_code)


class _Parts:
    """Turns the bulk-download answer into events with python-multipart's streaming parser: ``("start", source,
    size)``, ``("data", None, bytes)``, ``("end", source, None)``, ``("error", source, details)``."""

    def __init__(self, content_type: str, sources: list[str], single: bool) -> None:
        from python_multipart.multipart import MultipartParser, parse_options_header

        self._options = parse_options_header
        kind, params = parse_options_header(content_type)
        if not kind.startswith(b"multipart/") or not params.get(b"boundary"):
            raise ValueError(f"expected a multipart answer, got {content_type or 'no content type'!r}")
        self.events: list[tuple[str, Any, Any]] = []
        self._headers: dict[bytes, bytes] = {}
        self._field = self._value = b""
        self._kind: str | None = None
        self._source: str | None = None
        self._error, self.ended, self._sources, self._single = bytearray(), False, sources, single
        names = (
            "part_begin",
            "header_field",
            "header_value",
            "header_end",
            "headers_finished",
            "part_data",
            "part_end",
            "end",
        )
        self.parser = MultipartParser(params[b"boundary"], callbacks={f"on_{n}": getattr(self, f"_{n}") for n in names})  # type: ignore[arg-type]

    def _part_begin(self) -> None:
        self._headers, self._kind, self._source = {}, None, None

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._field += data[start:end]

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def _header_end(self) -> None:
        self._headers[self._field.strip().lower()], self._field, self._value = self._value.strip(), b"", b""

    def _headers_finished(self) -> None:
        disposition = self._headers.get(b"content-disposition", b"")
        params, extended = self._options(disposition)[1], re.search(rb"filename\*=(?i:utf-8)''([^;\s]+)", disposition)
        name, filename = params.get(b"name", b"").decode(), params.get(b"filename", b"").decode(errors="replace")
        filename = unquote(extended.group(1).decode()) if extended else filename  # RFC 5987, for non-Latin-1 names
        self._source = filename if filename in self._sources else self._sources[0] if self._single else None
        self._kind = name if name == "error" or (name == "file" and self._source is not None) else None
        self._error.clear()
        if self._kind == "file":
            size = self._headers.get(b"content-length", b"")
            self.events.append(("start", self._source, int(size) if size.isdigit() else None))

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self._kind == "file":
            self.events.append(("data", None, data[start:end]))
        elif self._kind == "error" and len(self._error) < _MAX_ERROR_PART:
            self._error += data[start : min(end, start + _MAX_ERROR_PART - len(self._error))]

    def _part_end(self) -> None:
        if self._kind == "file":
            self.events.append(("end", self._source, None))
        elif self._kind == "error":
            self.events.append(("error", self._source, _error_details(bytes(self._error))))

    def _end(self) -> None:
        self.ended = True


@dataclass
class _Outcome:
    result: str | bytes | None = None
    error: str | None = None
    details: FileDownloadErrorDetails | None = None
    exception: BaseException | None = None


Seconds = float | None
Source = str | os.PathLike[str] | bytes | bytearray | memoryview
OnUpload = UploadProgressCallback | None
OnDownload = DownloadProgressCallback | None
Cancel = CancelEvent | None


class AsyncFileSystem(_Service):
    """Files and folders in one sandbox (``sandbox.fs``); paths are sandbox paths (relative ones resolve from its
    working directory) unless a parameter says "local"."""

    async def create_folder(self, path: str, mode: str = "755") -> None:
        """Create a folder (and missing parents) with octal permissions ``mode`` (``POST /files/folder``)."""
        if not _OCTAL_MODE.fullmatch(check.text(mode, "mode")):
            raise check.bad("mode", f"must be 3 or 4 octal digits such as '755', got {mode!r}")
        await self._ctx.send(
            api.create_folder.request(path=check.text(path, "path"), mode=mode), "Failed to create folder: "
        )

    async def delete_file(self, path: str, recursive: bool = False) -> None:
        """Delete a file, or a directory with everything in it when ``recursive`` (``DELETE /files``)."""
        req = api.delete_file.request(path=check.text(path, "path"), recursive=check.flag(recursive, "recursive"))
        await self._ctx.send(req, "Failed to delete file: ")

    async def list_files(self, path: str) -> list[m.FileInfo]:
        """A directory's entries (``GET /files?path=``; an empty path lists the working directory)."""
        req = api.list_files.request(path=check.text(path, "path", empty=True) or None)
        return await self._ctx.send(req, "Failed to list files: ")

    async def get_file_info(self, path: str) -> m.FileInfo:
        """One file's or directory's metadata (``GET /files/info``)."""
        return await self._ctx.send(
            api.get_file_info.request(path=check.text(path, "path")), "Failed to get file info: "
        )

    async def move_files(self, source: str, destination: str) -> None:
        """Move or rename a file or directory (``POST /files/move``)."""
        source, destination = check.texts(source=source, destination=destination)
        await self._ctx.send(api.move_file.request(source=source, destination=destination), "Failed to move files: ")

    async def set_file_permissions(
        self, path: str, mode: str | None = None, owner: str | None = None, group: str | None = None
    ) -> None:
        """Change a file's octal mode, owner and/or group (``POST /files/permissions``; unset values are left out)."""
        if mode is not None and not _OCTAL_MODE.fullmatch(check.text(mode, "mode")):
            raise check.bad("mode", f"must be 3 or 4 octal digits such as '644', got {mode!r}")
        owner, group = check.texts(optional=True, owner=owner, group=group)
        if mode is None and owner is None and group is None:
            raise check.bad("set_file_permissions", "needs at least one of mode, owner or group")
        req = api.set_file_permissions.request(path=check.text(path, "path"), mode=mode, owner=owner, group=group)
        await self._ctx.send(req, "Failed to set file permissions: ")

    async def find_files(self, path: str, pattern: str) -> list[m.Match]:
        """The lines containing ``pattern`` in the files under ``path``, like ``grep -rn`` (``GET /files/find``)."""
        path, pattern = check.texts(path=path, pattern=pattern)
        return await self._ctx.send(api.find_in_files.request(path=path, pattern=pattern), "Failed to find files: ")

    async def search_files(self, path: str, pattern: str) -> m.SearchFilesResponse:
        """The files under ``path`` whose names match the glob ``pattern`` (``GET /files/search``)."""
        path, pattern = check.texts(path=path, pattern=pattern)
        return await self._ctx.send(api.search_files.request(path=path, pattern=pattern), "Failed to search files: ")

    async def replace_in_files(self, files: list[str], pattern: str, new_value: str) -> list[m.ReplaceResult]:
        """Replace the text ``pattern`` with ``new_value`` in each file (``POST /files/replace``); failures are in
        the results, not raised. An empty list sends nothing."""
        paths, pattern, value = (
            check.strings(files, "files"),
            check.text(pattern, "pattern"),
            check.text(new_value, "new_value", empty=True),
        )
        body = m.ReplaceRequest(files=paths, pattern=pattern, new_value=value)
        req = api.replace_in_files.request(body=body)
        return await self._ctx.send(req, "Failed to replace in files: ") if paths else []

    async def upload_file(
        self,
        src: Source,
        dst: str,
        timeout: Seconds = TRANSFER_TIMEOUT,
        *,
        on_progress: OnUpload = None,
        cancel_event: Cancel = None,
    ) -> None:
        """Upload bytes, or a local file streamed in 256 KiB chunks, to ``dst`` (replacing any file there).

        ``timeout``: longest wait for any one step (connecting, sending a chunk, the answer); 0 or None: none.
        """
        await self._upload(
            [(_destination(dst, "dst"), *_source(src, "src"))], timeout, on_progress, cancel_event, "file"
        )

    async def upload_files(
        self,
        files: list[FileUpload],
        timeout: Seconds = TRANSFER_TIMEOUT,
        *,
        on_progress: OnUpload = None,
        cancel_event: Cancel = None,
    ) -> None:
        """Upload several files in one streamed ``POST /files/bulk-upload`` (progress counts all files together);
        an empty list sends nothing."""
        items = check.each(files, "files", lambda item, name: check.instance(item, name, FileUpload))
        targets = [_destination(item.destination, f"files[{i}].destination") for i, item in enumerate(items)]
        if len(set(targets)) != len(targets):
            raise check.bad("files", "has a destination more than once")
        parts = [
            (dst, *_source(item.source, f"files[{i}].source"))
            for i, (item, dst) in enumerate(zip(items, targets, strict=True))
        ]
        await self._upload(parts, timeout, on_progress, cancel_event, "files")

    async def upload_file_stream(
        self,
        source: Any,
        remote_path: str,
        timeout: Seconds = TRANSFER_TIMEOUT,
        on_progress: OnUpload = None,
        cancel_event: Cancel = None,
    ) -> None:
        """Upload from bytes, a local path, a binary file object (sync ``read``), an object with ``async
        read(n)`` or an async iterable of bytes; unknown lengths go with chunked transfer encoding."""
        parts = [(_destination(remote_path, "remote_path"), *_source(source, "source", streams=True))]
        await self._upload(parts, timeout, on_progress, cancel_event, "file")

    async def _upload(
        self,
        items: Sequence[tuple[str, int | None, AsyncGenerator[bytes, None]]],
        timeout: Any,
        on_progress: Any,
        cancel_event: Any,
        what: str,
    ) -> None:
        """Send one ``multipart/form-data`` body: for every file ``i`` a ``files[i].path`` field and a
        ``files[i].file`` part, with a random boundary and, when every size is known, an exact length."""
        http_timeout, prefix = _transfer_timeout(timeout), f"Failed to upload {what}: "
        _callbacks(on_progress, cancel_event)
        if not items:
            return
        boundary = "daytona-facade-" + secrets.token_hex(16)
        part = '--{0}\r\nContent-Disposition: form-data; name="files[{1}].{2}"{3}\r\n'
        heads = [
            part.format(boundary, i, "path", "")
            + f"\r\n{dst}\r\n"
            + part.format(boundary, i, "file", f'; filename="{_quote(dst)}"')
            + "Content-Type: application/octet-stream\r\n\r\n"
            for i, (dst, _, _) in enumerate(items)
        ]
        tail, sizes = f"--{boundary}--\r\n", [size for _, size, _ in items]
        total = None if None in sizes else sum(size or 0 for size in sizes)
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        if total is not None:
            headers["Content-Length"] = str(total + sum(len(head.encode()) + 2 for head in heads) + len(tail))
        label = f"Upload cancelled: {items[0][0] if len(items) == 1 else f'{len(items)} files'}"

        async def body() -> AsyncGenerator[bytes, None]:
            sent = 0
            for head, (_, _, chunks) in zip(heads, items, strict=True):
                _cancelled(cancel_event, label)
                yield head.encode()
                async for chunk in chunks:
                    _cancelled(cancel_event, label)
                    yield chunk
                    sent += len(chunk)
                    if on_progress is not None:
                        await emit(on_progress, UploadProgress(bytes_sent=sent, total_bytes=total))
                yield b"\r\n"
            yield tail.encode()

        op, stream = api.upload_files.request(), body()  # the answer (what was written) is not needed
        req: Request[None] = Request(op.method, op.url, lambda response: None, content=stream, headers=headers)
        try:
            await self._ctx.send(req, prefix, timeout=http_timeout, retry=False)
        finally:
            await stream.aclose()
            for _, _, chunks in items:
                await chunks.aclose()

    @overload
    async def download_file(
        self,
        remote_path: str,
        timeout: Seconds = TRANSFER_TIMEOUT,
        *,
        on_progress: OnDownload = None,
        cancel_event: Cancel = None,
    ) -> bytes: ...

    @overload
    async def download_file(
        self,
        remote_path: str,
        local_path: str | os.PathLike[str],
        timeout: Seconds = TRANSFER_TIMEOUT,
        *,
        on_progress: OnDownload = None,
        cancel_event: Cancel = None,
    ) -> None: ...

    async def download_file(  # type: ignore[misc]  # timeout may come second (as in the official SDK)
        self,
        remote_path: str,
        local_path: str | os.PathLike[str] | float | None = None,
        timeout: Seconds = TRANSFER_TIMEOUT,
        *,
        on_progress: OnDownload = None,
        cancel_event: Cancel = None,
    ) -> bytes | None:
        """Download one file: to memory (returns its bytes), or streamed to ``local_path`` (returns None) through
        a temporary file renamed into place once complete (missing parent folders are created).

        Raises:
            DaytonaNotFoundError: The file does not exist (other per-file failures: the status's subclass).
            DaytonaError: Transport failures, a malformed answer, a local write failure, cancellation.
        """
        destination = None
        if local_path is None or (isinstance(local_path, int | float) and not isinstance(local_path, bool)):
            if local_path is not None and timeout != TRANSFER_TIMEOUT:
                raise TypeError("download_file() got the timeout twice")
            timeout = timeout if local_path is None else local_path
        else:
            destination = check.local_path(local_path, "local_path", directory_ok=False)
        prefix, source = "Failed to download file: ", check.text(remote_path, "remote_path")
        [outcome] = await self._download([(source, destination)], timeout, on_progress, cancel_event, prefix, True)
        if outcome.error is not None:
            error = _file_error(outcome.details, prefix) if outcome.details else DaytonaError(prefix + outcome.error)
            raise error from outcome.exception
        return None if destination is not None else outcome.result  # type: ignore[return-value]

    async def download_files(
        self,
        files: list[FileDownloadRequest],
        timeout: Seconds = TRANSFER_TIMEOUT,
        *,
        on_progress: OnDownload = None,
        cancel_event: Cancel = None,
    ) -> list[FileDownloadResponse]:
        """Download several files in one streamed request, each to memory or its own local path. A source may be
        asked for more than once; an empty list sends nothing. A file that failed has ``error`` (and
        ``error_details``) set instead of ``result``; it does not raise."""
        items = check.each(files, "files", lambda item, name: check.instance(item, name, FileDownloadRequest))
        requests = [
            (check.text(item.source, f"files[{i}].source"), _local(item.destination, f"files[{i}].destination"))
            for i, item in enumerate(items)
        ]
        keys = [os.path.normcase(os.path.abspath(d)) for _, d in requests if d is not None]  # noqa: ASYNC240
        if len(set(keys)) != len(keys):
            raise check.bad("files", "uses a destination more than once")
        outcomes = await self._download(
            requests, timeout, on_progress, cancel_event, "Failed to download files: ", False
        )
        return [
            FileDownloadResponse(source, o.result, o.error, o.details)
            for (source, _), o in zip(requests, outcomes, strict=True)
        ]

    async def download_file_stream(
        self,
        remote_path: str,
        timeout: Seconds = TRANSFER_TIMEOUT,
        on_progress: OnDownload = None,
        cancel_event: Cancel = None,
    ) -> AsyncIterator[bytes]:
        """Download one file as chunks: ``async for c in await fs.download_file_stream(p)``. Awaiting checks the
        arguments; the request is sent when iteration starts (close the iterator if you stop early)."""
        source = check.text(remote_path, "remote_path")
        check.timeout(timeout)
        _callbacks(on_progress, cancel_event)
        return self._stream_file(source, timeout, on_progress, cancel_event)

    async def _stream_file(
        self, source: str, timeout: Any, on_progress: Any, cancel_event: Any
    ) -> AsyncGenerator[bytes, None]:
        prefix, failure, state, total, count = "Failed to download file: ", None, "before", None, 0
        async with contextlib.aclosing(self._events([source], timeout, prefix, True)) as events:
            async for kind, _, payload in events:
                if kind == "data" and state == "in":
                    _cancelled(cancel_event, f"Download cancelled: {source}")
                    count += len(payload)
                    if on_progress is not None:
                        await emit(on_progress, DownloadProgress(bytes_received=count, total_bytes=total))
                    yield payload
                elif kind == "start" and state == "before":  # the same file twice: keep the first copy
                    _cancelled(cancel_event, f"Download cancelled: {source}")
                    state, total = "in", payload
                elif kind in ("end", "error"):
                    state, failure = (
                        "after" if state == "in" else state,
                        failure or (kind == "error" and payload) or None,
                    )
        if state == "before":
            raise (
                _file_error(failure, prefix)
                if failure
                else DaytonaError(f"{prefix}No file data received for: {source}")
            )

    async def _download(
        self,
        requests: list[tuple[str, str | None]],
        timeout: Any,
        on_progress: Any,
        cancel_event: Any,
        prefix: str,
        single: bool,
    ) -> list[_Outcome]:
        """Fetch ``requests`` (source, local destination or None) and write each file to its sink(s)."""
        check.timeout(timeout)
        _callbacks(on_progress, cancel_event)
        sources = list(dict.fromkeys(source for source, _ in requests))
        outcomes: list[_Outcome | None] = [None] * len(requests)
        sinks: dict[int, Any] = {}
        total, count = None, 0
        label = f"Download cancelled: {sources[0] if len(sources) == 1 else f'{len(sources)} files'}"

        async def fail(index: int, message: str, exc: BaseException | None = None, details: Any = None) -> None:
            if (sink := sinks.pop(index, None)) is not None:
                await sink.abort()
            outcomes[index] = outcomes[index] or _Outcome(None, message, details, exc)

        try:
            events_of = self._events(sources, timeout, prefix, single) if requests else _nothing()
            async with contextlib.aclosing(events_of) as events:
                async for kind, source, payload in events:
                    mine = [i for i, (s, _) in enumerate(requests) if s == source and outcomes[i] is None]
                    if kind == "data" and sinks:
                        _cancelled(cancel_event, label)
                        for index, sink in list(sinks.items()):
                            try:
                                await sink.write(payload)
                            except OSError as exc:
                                await fail(index, f"Failed to write {requests[index][1]}: {exc.strerror or exc}", exc)
                        count += len(payload)
                        if on_progress is not None:
                            await emit(on_progress, DownloadProgress(bytes_received=count, total_bytes=total))
                    elif kind == "start":
                        _cancelled(cancel_event, label)
                        total = payload if single else None
                        for index in (i for i in mine if i not in sinks):  # a file sent twice: keep the first copy
                            destination = requests[index][1]
                            sinks[index] = _MemorySink() if destination is None else FileSink(destination)
                            try:
                                await sinks[index].open()
                            except OSError as exc:
                                await fail(index, f"Failed to write {destination}: {exc.strerror or exc}", exc)
                    elif kind == "end":
                        for index in (i for i in mine if i in sinks):
                            try:
                                outcomes[index] = _Outcome(await sinks.pop(index).commit())
                            except OSError as exc:
                                await fail(index, f"Failed to write {requests[index][1]}: {exc.strerror or exc}", exc)
                    elif kind == "error":
                        for index in mine:
                            await fail(index, payload.message, details=payload)
        finally:
            for sink in sinks.values():
                await sink.abort()
        missing = "No file data received for: {}" if single else "No data received for this file"
        return [
            outcome or _Outcome(None, missing.format(source))
            for outcome, (source, _) in zip(outcomes, requests, strict=True)
        ]

    async def _events(
        self, sources: list[str], timeout: Any, prefix: str, single: bool
    ) -> AsyncGenerator[tuple[str, Any, Any], None]:
        """Send the bulk-download request and translate its multipart answer into per-file events."""
        from python_multipart.exceptions import MultipartParseError

        req = api.download_files.request(body=m.FilesDownloadRequest(paths=sources))
        headers = {"Accept": "multipart/form-data"}
        options = {"timeout": _transfer_timeout(timeout), "retry": True, "headers": headers}
        async with self._ctx.stream(req, prefix, **options) as response:
            try:
                parts = _Parts(response.headers.get("content-type", ""), sources, single)
            except ValueError as exc:
                raise DaytonaError(f"{prefix}unexpected response: {exc}", status_code=response.status_code) from exc
            async for chunk in response.aiter_bytes():
                try:
                    parts.parser.write(chunk)
                except MultipartParseError as exc:
                    raise DaytonaError(f"{prefix}malformed multipart response: {exc}") from exc
                for event in parts.events:
                    if event[0] == "error" and event[1] is None:
                        raise _file_error(event[2], prefix)
                    yield event
                parts.events.clear()
            if not parts.ended:
                raise DaytonaError(f"{prefix}the multipart response was truncated (no closing boundary)")


async def _nothing() -> AsyncGenerator[tuple[str, Any, Any], None]:
    return
    yield


def _quote(value: str) -> str:
    """``value`` for a quoted ``Content-Disposition`` parameter (backslash-escapes ``\\`` and ``"``)."""
    return value.replace("\\", "\\\\").replace('"', '\\"')
