"""``sandbox.fs``: files and folders in a sandbox, and streamed transfers to and from it.

The plain file calls (``facade._fs``) return the generated models (``FileInfo``, ``Match``, ...). Transfers
never hold a whole file in memory unless the caller asks for bytes:

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
import os
import re
import secrets
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import IO, Protocol, overload, runtime_checkable
from urllib.parse import unquote

import httpx
from daytona_openapi import models as m
from daytona_openapi.api import toolbox_files as api
from daytona_openapi.types import Request
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, MultipartState, parse_options_header

from . import _checks as check
from ._errors import DaytonaError, error_from_response, json_object
from ._fs import FileCalls
from ._services import emit

CHUNK_SIZE = 256 * 1024
#: Default ``timeout`` of transfers, in seconds (as in the official SDK).
TRANSFER_TIMEOUT = 30 * 60
_OCTETS = "Content-Type: application/octet-stream\r\n\r\n"


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


Seconds = float | None
OnUpload = Callable[[UploadProgress], Awaitable[None] | None] | None
OnDownload = Callable[[DownloadProgress], Awaitable[None] | None] | None
Cancel = CancelEvent | None
Chunks = AsyncGenerator[bytes, None]


def _options(timeout: object, on_progress: object, cancel_event: object) -> httpx.Timeout:
    """Check a transfer's options; no single wait may exceed ``timeout``, connecting takes at most 60 s."""
    check.callback(on_progress, "on_progress")
    check.instance(cancel_event, "cancel_event", (CancelEvent, type(None)), "something with is_set()")
    return httpx.Timeout(limit := check.timeout(timeout), connect=60.0 if limit is None else min(limit, 60.0))


def _cancelled(cancel_event: CancelEvent | None, what: str, names: list[str]) -> None:
    if cancel_event is not None and cancel_event.is_set():
        raise DaytonaError(f"{what} cancelled: {names[0] if len(names) == 1 else f'{len(names)} files'}")


# ---- upload sources -------------------------------------------------------------------------------


async def _bytes_chunks(data: memoryview) -> Chunks:
    for start in range(0, data.nbytes, CHUNK_SIZE):
        yield bytes(data[start : start + CHUNK_SIZE])


async def _file_chunks(path: str, size: int) -> Chunks:
    """A regular local file as it is at the start (its size then), read in a worker thread."""
    with await asyncio.to_thread(open, path, "rb") as handle:
        while size > 0:
            if not (chunk := await asyncio.to_thread(handle.read, min(CHUNK_SIZE, size))):
                raise DaytonaError(f"Local file {path} became shorter while it was being uploaded")
            size -= len(chunk)
            yield chunk


async def _read_chunks(read: Callable[[int], object]) -> AsyncGenerator[object, None]:
    """What a caller's file object reads (to its end; it is not closed): ``read`` is awaited if it is async, else it
    runs in a worker thread."""
    reading = read if inspect.iscoroutinefunction(read) else lambda size: asyncio.to_thread(read, size)
    while chunk := await reading(CHUNK_SIZE):
        yield chunk


async def _stream_chunks(source: AsyncIterable[object]) -> Chunks:
    """A caller's stream, each chunk checked to be bytes."""
    async for chunk in source:
        yield bytes(check.instance(chunk, "source chunk", (bytes, bytearray, memoryview), "bytes (open files as 'rb')"))


def _source(source: object, name: str, streams: bool = False) -> tuple[int | None, Chunks]:
    """``(size, chunks)`` of bytes or a local path (and, with ``streams``, file objects and async iterables)."""
    if isinstance(source, bytes | bytearray | memoryview):
        return (view := memoryview(source).cast("B")).nbytes, _bytes_chunks(view)
    if isinstance(source, str | os.PathLike):
        path = check.local_path(source, name)
        if not os.path.isfile(path) or not os.access(path, os.R_OK):
            kind = "is a directory, not a file" if os.path.isdir(path) else "is not a readable regular file"
            raise check.bad(name, f"{path} {kind}" if os.path.exists(path) else f"local file not found: {path}")
        return (size := os.path.getsize(path)), _file_chunks(path, size)
    read: object = getattr(source, "read", None)  # a file object's read (async, or sync in a worker thread) first
    if streams and callable(read):
        return None, _stream_chunks(_read_chunks(read))
    if streams and isinstance(source, AsyncIterable):
        return None, _stream_chunks(source)
    kinds = "bytes, a local path, a binary file object or an async iterable of bytes" if streams else ""
    raise TypeError(f"{name} must be {kinds or 'bytes or a local path'}, got {type(source).__name__}")


def _local(value: object, name: str) -> str | None:
    return None if value is None else check.local_path(value, name, directory_ok=False)


def _head(boundary: str, index: int, destination: str) -> bytes:
    """The line break that ends the previous part (if any), then the delimiter, ``files[index].path`` field and
    ``files[index].file`` part headers of one upload (the filename quoted with ``\\`` and ``"`` backslash-escaped)."""
    part = f'\r\n--{boundary}\r\nContent-Disposition: form-data; name="files[{index}]'  # each part's delimiter line
    filename = destination.replace("\\", "\\\\").replace('"', '\\"')
    head = f'{part}.path"\r\n\r\n{destination}{part}.file"; filename="{filename}"\r\n{_OCTETS}'
    return head[0 if index else 2 :].encode()  # the first part has no line break before it


# ---- downloads ------------------------------------------------------------------------------------


class FileSink:
    """Writes to a hidden temporary file beside ``destination`` (created at the first block or the commit, with the
    usual permissions or those of the file it replaces), renamed over it by :meth:`commit`; :meth:`abort` removes
    it. Writes are gathered into 256 KiB blocks and done in a worker thread. With no ``destination`` it keeps
    the bytes, which :meth:`commit` returns. Call :meth:`abort` once done (it does nothing after a commit)."""

    _file: tuple[IO[bytes], str] | None = None  # the temporary file and its path

    def __init__(self, destination: str | None) -> None:
        self.destination, self._pending = destination, bytearray()

    async def write(self, data: bytes) -> None:
        self._pending += data
        if len(self._pending) >= CHUNK_SIZE and self.destination is not None:
            await self._flush(self.destination)

    async def _flush(self, destination: str) -> tuple[IO[bytes], str]:
        """Write the gathered block; the temporary file is created first if need be (a few quick file-system calls,
        made on the event loop so that a cancellation cannot lose the file)."""
        self._file = file = self._file or _open_temporary(destination)
        block, self._pending = self._pending, bytearray()
        await asyncio.to_thread(file[0].write, block)
        return file

    async def commit(self) -> str | bytes:
        if (destination := self.destination) is None:
            return bytes(self._pending)
        handle, temp = await self._flush(destination)
        await asyncio.to_thread(handle.close)  # on failure the temporary file stays for abort() to remove
        await asyncio.to_thread(os.replace, temp, destination)
        self._file = None
        return destination

    async def abort(self) -> None:
        """Close and remove the temporary file, on the event loop (no await: a cancelled task cannot skip it)."""
        file, self._file = self._file, None
        if file is not None:
            with contextlib.suppress(OSError):
                file[0].close()
                os.unlink(file[1])


def _open_temporary(destination: str) -> tuple[IO[bytes], str]:
    folder, name = os.path.split(os.path.abspath(destination))
    os.makedirs(folder, exist_ok=True)
    handle = open(temp := os.path.join(folder, f".{name}.{secrets.token_hex(6)}.part"), "xb")
    if os.path.exists(destination):  # the permissions of the file it replaces
        os.chmod(temp, os.stat(destination).st_mode & 0o7777)
    return handle, temp


def _file_error(payload: bytes) -> DaytonaError:
    """The typed error of an ``error`` part: the daemon's JSON ``{message, statusCode, code}`` (the class of its
    status: 404 -> DaytonaNotFoundError, ...; messages read as ``error_from_response`` reads them) or plain text
    (the base class)."""
    status: object = json_object(payload.decode("utf-8", errors="replace")).get("statusCode")
    error = error_from_response(status if isinstance(status, int) and 400 <= status <= 599 else 0, payload, {})
    error.status_code = error.status_code or None
    return error


#: What the answer brings, as ``(source, item)``: file bytes, ``None`` once that file is complete, or the error of
#: an error part (its source None when it names no requested file).
Item = tuple[str | None, bytes | DaytonaError | None]


class _Parts:
    """Turns the bulk-download answer into :data:`Item` s with python-multipart's streaming parser (``parser``;
    ``items`` holds what the last write brought). Parts are matched to the requested ``sources`` by filename
    (with ``single``, every part is the one source, and an error part after the file is ignored); a file that
    arrives again after its first copy is skipped. An answer that is not multipart raises DaytonaError."""

    size: int | None = None  # the announced length of the last file part

    def __init__(self, response: httpx.Response, sources: list[str], single: bool, prefix: str) -> None:
        content_type: str = response.headers.get("content-type", "")  # httpx types header values as Any
        kind, params = parse_options_header(content_type)
        if not kind.startswith(b"multipart/") or not params.get(b"boundary"):
            got = f"expected a multipart answer, got {content_type or 'no content type'!r}"
            raise DaytonaError(f"{prefix}unexpected response: {got}", status_code=response.status_code)
        self.items, self._headers = list[Item](), list[tuple[bytearray, bytearray]]()  # headers: (name, value) pairs
        self._sources, self._single, self.started = sources, single, set[str]()
        self._part: tuple[str | None, bytearray | None] | None = None  # (source, None) or an error's (source, text)
        self.parser = MultipartParser(params[b"boundary"], callbacks={
            "on_part_begin": self._headers.clear, "on_part_end": self._part_end,
            "on_header_begin": lambda: self._headers.append((bytearray(), bytearray())),
            "on_header_field": lambda data, start, end: self._headers[-1][0].extend(data[start:end]),
            "on_header_value": lambda data, start, end: self._headers[-1][1].extend(data[start:end]),
            "on_headers_finished": self._headers_finished, "on_part_data": self._part_data,
        })  # fmt: skip

    def _headers_finished(self) -> None:
        headers = {bytes(name).strip().lower(): bytes(value).strip() for name, value in self._headers}
        params = parse_options_header(disposition := headers.get(b"content-disposition", b""))[1]
        extended = re.search(rb"filename\*=(?i:utf-8)''([^;\s]+)", disposition)  # RFC 5987, for non-Latin-1 names
        filename = unquote(extended[1].decode()) if extended else params.get(b"filename", b"").decode(errors="replace")
        source = filename if filename in self._sources else self._sources[0] if self._single else None
        self._part, size = None, headers.get(b"content-length", b"")
        if params.get(b"name") == b"file" and source is not None and source not in self.started:
            self.started.add(source)
            self._part, self.size = (source, None), int(size) if size.isdigit() else None
        elif params.get(b"name") == b"error" and not (self._single and self.started):  # single: the file came already
            self._part = (source, bytearray())  # its text is gathered

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self._part is not None and (text := self._part[1]) is not None:
            text.extend(data[start : min(end, start + 65536 - len(text))])  # an error's first 64 KiB is enough
        elif self._part is not None:
            self.items.append((self._part[0], data[start:end]))

    def _part_end(self) -> None:
        if (part := self._part) is not None:
            self.items.append((part[0], None if part[1] is None else _file_error(bytes(part[1]))))


class AsyncFileSystem(FileCalls):
    """Files and folders in one sandbox (``sandbox.fs``); paths are sandbox paths (relative ones resolve from its
    working directory) unless a parameter says "local"."""

    async def upload_file(
        self, src: bytes | bytearray | memoryview | str | os.PathLike[str], dst: str,
        timeout: Seconds = TRANSFER_TIMEOUT, *, on_progress: OnUpload = None, cancel_event: Cancel = None,
    ) -> None:  # fmt: skip
        """Upload bytes, or a local file streamed in 256 KiB chunks, to ``dst`` (replacing any file there).

        ``timeout``: longest wait for any one step (connecting, sending a chunk, the answer); 0 or None: none.
        """
        await self._upload([(src, "src", dst, "dst")], timeout, on_progress, cancel_event)

    async def upload_files(
        self, files: list[FileUpload], timeout: Seconds = TRANSFER_TIMEOUT, *, on_progress: OnUpload = None,
        cancel_event: Cancel = None,
    ) -> None:  # fmt: skip
        """Upload several files in one streamed ``POST /files/bulk-upload`` (progress counts all files together);
        an empty list sends nothing."""
        items = check.each(files, "files", lambda item, name: (check.instance(item, name, FileUpload), name))
        files_ = [(i.source, f"{n}.source", i.destination, f"{n}.destination") for i, n in items]
        await self._upload(files_, timeout, on_progress, cancel_event, what="files")

    async def upload_file_stream(
        self, source: object, remote_path: str, timeout: Seconds = TRANSFER_TIMEOUT, on_progress: OnUpload = None,
        cancel_event: Cancel = None,
    ) -> None:  # fmt: skip
        """Upload from bytes, a local path, a binary file object (sync ``read``), an object with ``async
        read(n)`` or an async iterable of bytes; unknown lengths go with chunked transfer encoding."""
        await self._upload([(source, "source", remote_path, "remote_path")], timeout, on_progress, cancel_event, True)

    async def _upload(
        self, files: Iterable[tuple[object, str, str, str]], timeout: object, on_progress: OnUpload,
        cancel_event: Cancel, streams: bool = False, what: str = "file",
    ) -> None:  # fmt: skip
        """Check ``files`` (source and its argument name, destination and its argument name) and send one
        ``multipart/form-data`` body: for every file ``i`` a ``files[i].path`` field and a ``files[i].file`` part,
        with a random boundary and, when every size is known, an exact length. With ``streams`` sources may also be
        file objects and async iterables; ``what`` names the files in the error prefix."""
        items = [(check.text(d, dn, line=True), *_source(s, sn, streams)) for s, sn, d, dn in files]
        if len({dst for dst, _, _ in items}) != len(items):
            raise check.bad("files", "has a destination more than once")
        http_timeout = _options(timeout, on_progress, cancel_event)
        if not items:
            return
        boundary = "daytona-facade-" + secrets.token_hex(16)
        heads = [_head(boundary, i, dst) for i, (dst, _, _) in enumerate(items)]
        tail, sizes = f"\r\n--{boundary}--\r\n".encode(), [size for _, size, _ in items]
        total = None if None in sizes else sum(size or 0 for size in sizes)
        length = {} if total is None else {"Content-Length": str(total + sum(map(len, heads)) + len(tail))}
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}", **length}
        names = [dst for dst, _, _ in items]

        async def body() -> Chunks:
            sent = 0
            for head, (_, _, chunks) in zip(heads, items, strict=True):
                _cancelled(cancel_event, "Upload", names)
                yield head
                async with contextlib.aclosing(chunks):
                    async for chunk in chunks:
                        _cancelled(cancel_event, "Upload", names)
                        yield chunk
                        sent += len(chunk)
                        if on_progress is not None:
                            await emit(on_progress, UploadProgress(bytes_sent=sent, total_bytes=total))
            yield tail

        op = api.upload_files.request()  # the answer (what was written) is not needed
        async with contextlib.aclosing(body()) as stream:
            req: Request[None] = Request(op.method, op.url, lambda response: None, content=stream, headers=headers)
            await self._ctx.send(req, f"Failed to upload {what}: ", timeout=http_timeout, retry=False)

    @overload
    async def download_file(
        self, remote_path: str, timeout: Seconds = TRANSFER_TIMEOUT, *, on_progress: OnDownload = None,
        cancel_event: Cancel = None,
    ) -> bytes: ...  # fmt: skip

    @overload
    async def download_file(
        self, remote_path: str, local_path: str | os.PathLike[str], timeout: Seconds = TRANSFER_TIMEOUT, *,
        on_progress: OnDownload = None, cancel_event: Cancel = None,
    ) -> None: ...  # fmt: skip

    async def download_file(  # type: ignore[misc]  # timeout may come second (as in the official SDK)
        self, remote_path: str, local_path: str | os.PathLike[str] | float | None = None,
        timeout: Seconds = TRANSFER_TIMEOUT, *, on_progress: OnDownload = None, cancel_event: Cancel = None,
    ) -> bytes | None:  # fmt: skip
        """Download one file: to memory (returns its bytes), or streamed to ``local_path`` (returns None) through
        a temporary file renamed into place once complete (missing parent folders are created).

        Raises:
            DaytonaNotFoundError: The file does not exist (other per-file failures: the status's subclass).
            DaytonaError: Transport failures, a malformed answer, a local write failure, cancellation.
        """
        if isinstance(local_path, int | float) and not isinstance(local_path, bool):  # the timeout, second
            if timeout != TRANSFER_TIMEOUT:
                raise TypeError("download_file() got the timeout twice")
            local_path, timeout = None, local_path
        request = [(check.text(remote_path, "remote_path"), _local(local_path, "local_path"))]
        [done] = await self._download(request, timeout, on_progress, cancel_event, "Failed to download file: ", True)
        return done.result if isinstance(done.result, bytes) else None

    async def download_files(
        self, files: list[FileDownloadRequest], timeout: Seconds = TRANSFER_TIMEOUT, *,
        on_progress: OnDownload = None, cancel_event: Cancel = None,
    ) -> list[FileDownloadResponse]:  # fmt: skip
        """Download several files in one streamed request, each to memory or its own local path. A source may be
        asked for more than once; an empty list sends nothing. A file that failed has ``error`` (and
        ``error_details``) set instead of ``result``; it does not raise."""
        items = check.each(files, "files", lambda item, name: (check.instance(item, name, FileDownloadRequest), name))
        requests = [(check.text(i.source, f"{n}.source"), _local(i.destination, f"{n}.destination")) for i, n in items]
        keys = [os.path.normcase(os.path.abspath(d)) for _, d in requests if d is not None]  # noqa: ASYNC240
        if len(set(keys)) != len(keys):
            raise check.bad("files", "uses a destination more than once")
        return await self._download(requests, timeout, on_progress, cancel_event, "Failed to download files: ")

    async def download_file_stream(
        self, remote_path: str, timeout: Seconds = TRANSFER_TIMEOUT, on_progress: OnDownload = None,
        cancel_event: Cancel = None,
    ) -> AsyncIterator[bytes]:  # fmt: skip
        """Download one file as chunks: ``async for c in await fs.download_file_stream(p)``. Awaiting checks the
        arguments; the request is sent when iteration starts (close the iterator if you stop early)."""
        source = check.text(remote_path, "remote_path")
        options = (_options(timeout, on_progress, cancel_event), on_progress, cancel_event)
        return self._data(self._items([source], "Failed to download file: ", True, *options))

    async def _data(self, items: AsyncGenerator[Item, None]) -> Chunks:
        async with contextlib.aclosing(items):
            async for _, item in items:
                if isinstance(item, bytes):
                    yield item

    async def _download(
        self, requests: list[tuple[str, str | None]], timeout: object, on_progress: OnDownload, cancel_event: Cancel,
        prefix: str, single: bool = False,
    ) -> list[FileDownloadResponse]:  # fmt: skip
        """Fetch ``requests`` (source, local destination or None) and write each file to its own :class:`FileSink`
        (a source asked for twice goes to both). With ``single`` (one request) a failure raises; else it is
        reported in that file's result."""
        options = (_options(timeout, on_progress, cancel_event), on_progress, cancel_event)
        if not requests:
            return []
        sources = list(dict.fromkeys(source for source, _ in requests))
        results: list[FileDownloadResponse | None] = [None] * len(requests)
        sinks = [FileSink(destination) for _, destination in requests]
        try:
            async with contextlib.aclosing(self._items(sources, prefix, single, *options)) as items:
                async for source, item in items:
                    for index in [i for i, (s, _) in enumerate(requests) if s == source and results[i] is None]:
                        try:
                            if isinstance(item, bytes):
                                await sinks[index].write(item)
                            elif item is None:
                                results[index] = FileDownloadResponse(requests[index][0], await sinks[index].commit())
                            else:  # an error part (only when not single: _items raises those)
                                details = FileDownloadErrorDetails(item.message, item.status_code, item.error_code)
                                results[index] = FileDownloadResponse(requests[index][0], None, item.message, details)
                        except OSError as exc:  # a local write failure fails this file only (its sink is aborted below)
                            message = f"Failed to write {sinks[index].destination}: {exc.strerror or exc}"
                            if single:
                                raise DaytonaError(prefix + message) from exc
                            results[index] = FileDownloadResponse(requests[index][0], error=message)
        finally:
            for sink in sinks:
                await sink.abort()
        missing = "No data received for this file"
        return [r or FileDownloadResponse(s, error=missing) for r, (s, _) in zip(results, requests, strict=True)]

    async def _items(
        self, sources: list[str], prefix: str, single: bool, timeout: httpx.Timeout, on_progress: OnDownload,
        cancel_event: Cancel,
    ) -> AsyncGenerator[Item, None]:  # fmt: skip
        """Send the bulk-download request and turn its multipart answer into items as it arrives, checking
        ``cancel_event`` and reporting progress. With ``single`` (one source) a failure raises: an error part
        before the file, or no file at all; so does an error part that names no requested file."""
        req = api.download_files.request(body=m.FilesDownloadRequest(paths=sources))
        count, headers = 0, {"Accept": "multipart/form-data"}
        async with self._ctx.stream(req, prefix, timeout=timeout, retry=True, headers=headers) as response:
            parts = _Parts(response, sources, single, prefix)
            async for chunk in response.aiter_bytes():
                try:
                    parts.parser.write(chunk)
                except MultipartParseError as exc:
                    raise DaytonaError(f"{prefix}malformed multipart response: {exc}") from exc
                for source, item in parts.items:
                    if isinstance(item, DaytonaError) and (single or source is None):
                        raise item.with_prefix(prefix)
                    if isinstance(item, bytes):
                        _cancelled(cancel_event, "Download", sources)
                        count += len(item)
                        if on_progress is not None:
                            await emit(on_progress, DownloadProgress(count, parts.size if single else None))
                    yield source, item
                parts.items.clear()
            if parts.parser.state != MultipartState.END:
                raise DaytonaError(f"{prefix}the multipart response was truncated (no closing boundary)")
            if single and not parts.started:
                raise DaytonaError(f"{prefix}No file data received for: {sources[0]}")
