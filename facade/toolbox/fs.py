"""``sandbox.fs``: files and folders in a sandbox, and streamed transfers to and from it.

Every call goes to the sandbox's toolbox (``{toolbox_proxy_url}/{sandbox_id}/files/...``) over
the client's one shared connection pool. Transfers never hold a whole file in memory unless
the caller asks for bytes:

* uploads send one ``multipart/form-data`` body (``POST /files/bulk-upload``) produced chunk by
  chunk from the sources (local files are read 256 KiB at a time) with a random boundary and an
  exact ``Content-Length`` when every size is known;
* downloads ask ``POST /files/bulk-download`` for a multipart answer and parse it as it
  arrives (:mod:`facade.toolbox.multipart`), writing each file to a temporary file beside its
  destination that is renamed into place only once the file is complete, so a failed or
  cancelled download never leaves a truncated file or clobbers an existing one.

Transfers accept an ``on_progress`` callback (a function or an ``async`` function) and a
``cancel_event`` (anything with ``is_set()``); cancelling the calling task works too.
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
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Iterable, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, Protocol, overload

import httpx

from ..errors import (
    DaytonaError,
    DaytonaValidationError,
    as_daytona_error,
    error_from_response,
    error_from_transport,
)
from ..http import RETRY_EXTENSION, raise_for_status
from ..polling import validate_timeout
from .files_types import (
    CancelEvent,
    DownloadProgress,
    DownloadProgressCallback,
    FileDownloadErrorDetails,
    FileDownloadRequest,
    FileDownloadResponse,
    FileInfo,
    FileUpload,
    Match,
    ReplaceResult,
    SearchFilesResponse,
    UploadProgress,
    UploadProgressCallback,
)
from .multipart import (
    MultipartError,
    MultipartParser,
    PartBegin,
    PartData,
    PartEnd,
    boundary_from_content_type,
    quote_header_value,
)

if TYPE_CHECKING:
    from .._api import ToolboxContext

__all__ = ["CHUNK_SIZE", "DEFAULT_TRANSFER_TIMEOUT", "AsyncFileSystem"]

#: Bytes read from a local source, or gathered before a write to a local file, at a time.
CHUNK_SIZE = 256 * 1024
#: Default ``timeout`` of transfers, in seconds (as in the official SDK).
DEFAULT_TRANSFER_TIMEOUT = 30 * 60
#: Longest wait for a connection to the toolbox, whatever the transfer timeout.
_CONNECT_TIMEOUT = 60.0
#: Most bytes of a per-file error part kept.
_MAX_ERROR_PART_BYTES = 64 * 1024
_OCTAL_MODE = re.compile(r"^[0-7]{3,4}$")
_FORBIDDEN_IN_HEADER = ("\r", "\n", "\x00")


# --- validation helpers ---------------------------------------------------------------------------


def _require_str(value: object, name: str, *, allow_empty: bool = False) -> str:
    """``value`` as a sandbox path or other text argument; raises before anything is sent."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    if not allow_empty and not value:
        raise DaytonaValidationError(f"{name} must not be empty")
    if "\x00" in value:
        raise DaytonaValidationError(f"{name} must not contain NUL characters")
    return value


def _require_mode(value: object, name: str) -> str:
    mode = _require_str(value, name)
    if not _OCTAL_MODE.match(mode):
        raise DaytonaValidationError(f"{name} must be 3 or 4 octal digits such as '755', got {mode!r}")
    return mode


def _optional_str(value: object, name: str) -> str | None:
    if value is None:
        return None
    return _require_str(value, name)


def _local_path(value: object, name: str) -> str:
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str or os.PathLike[str], got {type(value).__name__}")
    if not value:
        raise DaytonaValidationError(f"{name} must not be empty")
    if "\x00" in value:
        raise DaytonaValidationError(f"{name} must not contain NUL characters")
    return value


def _check_callbacks(on_progress: object, cancel_event: object) -> None:
    if on_progress is not None and not callable(on_progress):
        raise TypeError(f"on_progress must be callable, got {type(on_progress).__name__}")
    if cancel_event is not None and not isinstance(cancel_event, CancelEvent):
        raise TypeError(f"cancel_event must have an is_set() method, got {type(cancel_event).__name__}")


def _as_list(values: object, name: str) -> list[Any]:
    if isinstance(values, str | bytes | bytearray) or not isinstance(values, Iterable):
        raise TypeError(f"{name} must be a list, got {type(values).__name__}")
    return list(values)


def _transfer_timeout(timeout: float | None) -> httpx.Timeout:
    """No single wait (connect, read, write, pool) may exceed ``timeout``; connecting takes at most 60 s."""
    connect = _CONNECT_TIMEOUT if timeout is None else min(timeout, _CONNECT_TIMEOUT)
    return httpx.Timeout(timeout, connect=connect)


async def _notify(callback: Any, progress: object) -> None:
    result = callback(progress)
    if inspect.isawaitable(result):
        await result


def _raise_if_cancelled(cancel_event: CancelEvent | None, message: str) -> None:
    if cancel_event is not None and cancel_event.is_set():
        raise DaytonaError(message)


def _expect_list(value: object, prefix: str, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise DaytonaError(f"{prefix}unexpected response: expected {what}, got {type(value).__name__}")
    return value


# --- upload sources -------------------------------------------------------------------------------


class _Source(Protocol):
    """Something an upload streams: its size when known, and its content in chunks."""

    size: int | None

    def chunks(self) -> AsyncGenerator[bytes, None]: ...


class _BytesSource:
    def __init__(self, data: bytes | bytearray | memoryview) -> None:
        self._view = memoryview(data).cast("B")
        self.size: int | None = self._view.nbytes

    async def chunks(self) -> AsyncGenerator[bytes, None]:
        view = self._view
        for start in range(0, view.nbytes, CHUNK_SIZE):
            yield bytes(view[start : start + CHUNK_SIZE])


class _LocalFileSource:
    """A regular local file, sent as it is at the start (its size then); read in a worker thread."""

    def __init__(self, path: str, size: int) -> None:
        self.path = path
        self.size: int | None = size

    async def chunks(self) -> AsyncGenerator[bytes, None]:
        handle: IO[bytes] = await asyncio.to_thread(open, self.path, "rb")
        try:
            remaining = self.size or 0
            while remaining > 0:
                chunk: bytes = await asyncio.to_thread(handle.read, min(CHUNK_SIZE, remaining))
                if not chunk:
                    raise DaytonaError(f"Local file {self.path} became shorter while it was being uploaded")
                remaining -= len(chunk)
                yield chunk
        finally:
            await asyncio.to_thread(handle.close)


class _SyncReaderSource:
    """A caller's synchronous file-like object (read in a worker thread until EOF; not closed)."""

    size: int | None = None

    def __init__(self, reader: Any) -> None:
        self._reader = reader

    async def chunks(self) -> AsyncGenerator[bytes, None]:
        while True:
            chunk = await asyncio.to_thread(self._reader.read, CHUNK_SIZE)
            if not chunk:
                return
            if isinstance(chunk, str):
                raise TypeError("upload sources must produce bytes; open text files in binary mode ('rb')")
            yield bytes(chunk)


class _AsyncSource:
    """A caller's async file-like object (``async read``) or async iterable of bytes."""

    size: int | None = None

    def __init__(self, source: Any) -> None:
        self._source = source

    async def chunks(self) -> AsyncGenerator[bytes, None]:
        read = getattr(self._source, "read", None)
        if read is not None and inspect.iscoroutinefunction(read):
            while True:
                chunk = await read(CHUNK_SIZE)
                if not chunk:
                    return
                yield _bytes_chunk(chunk)
        else:
            async for chunk in self._source:
                if chunk:
                    yield _bytes_chunk(chunk)


def _bytes_chunk(chunk: object) -> bytes:
    if isinstance(chunk, bytes):
        return chunk
    if isinstance(chunk, bytearray | memoryview):
        return bytes(chunk)
    raise TypeError(f"upload sources must produce bytes, got {type(chunk).__name__}")


def _local_file_source(path: str, name: str) -> _LocalFileSource:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise DaytonaValidationError(f"{name}: local file not found: {path}") from None
    except OSError as exc:
        raise DaytonaValidationError(f"{name}: cannot read local file {path}: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise DaytonaValidationError(f"{name}: {path} is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise DaytonaValidationError(f"{name}: {path} is not a regular file")
    if not os.access(path, os.R_OK):
        raise DaytonaValidationError(f"{name}: local file {path} is not readable")
    return _LocalFileSource(path, info.st_size)


def _file_source(source: object, name: str) -> _Source:
    """The source of a :class:`FileUpload`: bytes, or a local path."""
    if isinstance(source, bytes | bytearray | memoryview):
        return _BytesSource(source)
    if isinstance(source, str | os.PathLike):
        return _local_file_source(_local_path(source, name), name)
    raise TypeError(f"{name} must be bytes or a local file path, got {type(source).__name__}")


def _stream_source(source: object, name: str) -> _Source:
    """The source of :meth:`AsyncFileSystem.upload_file_stream`: also file-like objects and async streams."""
    if isinstance(source, bytes | bytearray | memoryview | str | os.PathLike):
        return _file_source(source, name)
    read = getattr(source, "read", None)
    if read is not None and inspect.iscoroutinefunction(read):
        return _AsyncSource(source)
    if isinstance(source, AsyncIterable):
        return _AsyncSource(source)
    if callable(read):
        return _SyncReaderSource(source)
    raise TypeError(
        f"{name} must be bytes, a local path, a binary file object or an async iterable of bytes, "
        f"got {type(source).__name__}"
    )


def _remote_destination(value: object, name: str) -> str:
    destination = _require_str(value, name)
    if any(char in destination for char in _FORBIDDEN_IN_HEADER):
        raise DaytonaValidationError(f"{name} must not contain CR, LF or NUL characters")
    return destination


@dataclass
class _UploadItem:
    destination: str
    source: _Source


# --- download plumbing ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _FileStart:
    source: str
    total: int | None


@dataclass(frozen=True, slots=True)
class _FileEnd:
    source: str


@dataclass(frozen=True, slots=True)
class _FileFailed:
    source: str
    details: FileDownloadErrorDetails


_DownloadEvent = _FileStart | PartData | _FileEnd | _FileFailed


def _parse_error_part(payload: bytes) -> FileDownloadErrorDetails:
    """A per-file ``error`` part: JSON ``{message, statusCode|status_code, code|error_code}`` or plain text."""
    text = payload.decode("utf-8", errors="replace").strip()
    try:
        data = json.loads(text) if text else None
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return FileDownloadErrorDetails(message=text or "unknown error")
    message = data.get("message")
    status = data.get("statusCode", data.get("status_code"))
    code = data.get("code", data.get("error_code"))
    return FileDownloadErrorDetails(
        message=message if isinstance(message, str) and message else text,
        status_code=status if isinstance(status, int) and not isinstance(status, bool) else None,
        error_code=code if isinstance(code, str) and code else None,
    )


def _error_for_file(details: FileDownloadErrorDetails, prefix: str) -> DaytonaError:
    """The typed error for one file's failure (404 -> DaytonaNotFoundError, ...)."""
    if details.status_code is not None and 400 <= details.status_code <= 599:
        body = json.dumps({"message": details.message, "code": details.error_code}).encode()
        return error_from_response(details.status_code, body, {}, prefix=prefix)
    return DaytonaError(prefix + details.message, error_code=details.error_code)


class _Sink(Protocol):
    async def write(self, data: bytes) -> None: ...

    async def commit(self) -> str | bytes: ...

    async def abort(self) -> None: ...


class _MemorySink:
    def __init__(self) -> None:
        self._buffer = io.BytesIO()

    async def write(self, data: bytes) -> None:
        self._buffer.write(data)

    async def commit(self) -> bytes:
        return self._buffer.getvalue()

    async def abort(self) -> None:
        self._buffer = io.BytesIO()


class _FileSink:
    """Writes to a hidden temporary file beside ``destination``, renamed over it by :meth:`commit`.

    The temporary file is created with the usual permissions (0666 minus the umask), or those of
    the file it will replace. Writes are gathered into 256 KiB blocks and done in a worker thread.
    """

    def __init__(self, destination: str) -> None:
        self.destination = destination
        self._handle: IO[bytes] | None = None
        self._temp: str | None = None
        self._pending = bytearray()

    async def open(self) -> None:
        opening = asyncio.ensure_future(asyncio.to_thread(self._open_temp))
        try:
            self._handle, self._temp = await asyncio.shield(opening)
        except asyncio.CancelledError:
            # The worker thread still finishes opening: remove what it created.
            opening.add_done_callback(_discard_opened)
            raise

    def _open_temp(self) -> tuple[IO[bytes], str]:
        target = os.path.abspath(self.destination)
        parent = os.path.dirname(target)
        os.makedirs(parent, exist_ok=True)
        mode = 0o666
        with contextlib.suppress(OSError):
            mode = stat.S_IMODE(os.stat(target).st_mode)
        temp = os.path.join(parent, f".{os.path.basename(target)}.{secrets.token_hex(6)}.part")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        try:
            if mode != 0o666:
                os.chmod(temp, mode)
            return os.fdopen(fd, "wb"), temp
        except BaseException:
            os.close(fd)
            os.unlink(temp)
            raise

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
        handle, temp = self._handle, self._temp
        self._handle = self._temp = None
        if handle is None or temp is None:
            raise DaytonaError(f"Download to {self.destination} was not started")

        def finish() -> None:
            try:
                handle.close()
                os.replace(temp, self.destination)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise

        await asyncio.to_thread(finish)
        return self.destination

    async def abort(self) -> None:
        handle, temp = self._handle, self._temp
        self._handle = self._temp = None
        self._pending = bytearray()

        def discard() -> None:
            if handle is not None:
                with contextlib.suppress(OSError):
                    handle.close()
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)

        # Shielded so that a cancelled task still removes its temporary file.
        await asyncio.shield(asyncio.to_thread(discard))


def _discard_opened(opening: asyncio.Future[tuple[IO[bytes], str]]) -> None:
    if opening.cancelled() or opening.exception() is not None:
        return
    handle, temp = opening.result()
    with contextlib.suppress(OSError):
        handle.close()
        os.unlink(temp)


@dataclass
class _Outcome:
    """What happened to one requested file."""

    result: str | bytes | None = None
    error: str | None = None
    details: FileDownloadErrorDetails | None = None
    exception: BaseException | None = None
    done: bool = False


# --- the service ----------------------------------------------------------------------------------


class AsyncFileSystem:
    """Files and folders in one sandbox (``sandbox.fs``).

    Created by the sandbox; all paths are paths in the sandbox (relative ones are resolved from
    its working directory) unless a parameter says "local". Every method raises a
    :class:`~facade.errors.DaytonaError` subclass on failure (``DaytonaNotFoundError`` for a
    missing file, ``DaytonaValidationError`` for bad input, found before anything is sent, ...).
    """

    def __init__(self, ctx: ToolboxContext) -> None:
        self._ctx = ctx

    def __repr__(self) -> str:
        return f"AsyncFileSystem(sandbox_id={self._ctx.sandbox_id!r})"

    # --- simple operations ----------------------------------------------------------------------

    async def create_folder(self, path: str, mode: str = "755") -> None:
        """Create a folder (and its missing parents) with permissions ``mode`` (octal digits, e.g. ``"755"``).

        Sends ``POST /files/folder?path=&mode=``.

        Raises:
            DaytonaValidationError: Empty path or a mode that is not 3-4 octal digits (nothing sent).
            DaytonaError: The toolbox refused (e.g. ``DaytonaConflictError`` if a file is in the way).
        """
        from daytona_openapi.api.toolbox_files import create_folder

        await self._ctx.call(
            create_folder,
            path=_require_str(path, "path"),
            mode=_require_mode(mode, "mode"),
            error_prefix="Failed to create folder: ",
        )

    async def delete_file(self, path: str, recursive: bool = False) -> None:
        """Delete a file, or a directory and everything in it when ``recursive`` is True.

        Sends ``DELETE /files?path=&recursive=``.

        Raises:
            DaytonaNotFoundError: Nothing exists at ``path``.
            DaytonaValidationError: Empty path, or a directory without ``recursive=True``.
        """
        from daytona_openapi.api.toolbox_files import delete_file

        if not isinstance(recursive, bool):
            raise TypeError(f"recursive must be a bool, got {type(recursive).__name__}")
        await self._ctx.call(
            delete_file,
            path=_require_str(path, "path"),
            recursive=recursive,
            error_prefix="Failed to delete file: ",
        )

    async def list_files(self, path: str) -> list[FileInfo]:
        """List a directory's entries. Sends ``GET /files?path=``; an empty path lists the working directory.

        Returns:
            One :class:`FileInfo` per entry.

        Raises:
            DaytonaNotFoundError: The directory does not exist.
        """
        from daytona_openapi.api.toolbox_files import list_files

        prefix = "Failed to list files: "
        result = await self._ctx.call(
            list_files, path=_require_str(path, "path", allow_empty=True) or None, error_prefix=prefix
        )
        return [FileInfo._from_generated(item) for item in _expect_list(result, prefix, "a list of files")]

    async def get_file_info(self, path: str) -> FileInfo:
        """Describe one file or directory. Sends ``GET /files/info?path=``.

        Raises:
            DaytonaNotFoundError: Nothing exists at ``path``.
        """
        from daytona_openapi.api.toolbox_files import get_file_info
        from daytona_openapi.models.file_info import FileInfo as GeneratedFileInfo

        prefix = "Failed to get file info: "
        result = await self._ctx.call(get_file_info, path=_require_str(path, "path"), error_prefix=prefix)
        if not isinstance(result, GeneratedFileInfo):
            raise DaytonaError(f"{prefix}unexpected response: expected file information")
        return FileInfo._from_generated(result)

    async def move_files(self, source: str, destination: str) -> None:
        """Move or rename a file or directory. Sends ``POST /files/move?source=&destination=``.

        Raises:
            DaytonaNotFoundError: ``source`` does not exist.
        """
        from daytona_openapi.api.toolbox_files import move_file

        await self._ctx.call(
            move_file,
            source=_require_str(source, "source"),
            destination=_require_str(destination, "destination"),
            error_prefix="Failed to move files: ",
        )

    async def set_file_permissions(
        self, path: str, mode: str | None = None, owner: str | None = None, group: str | None = None
    ) -> None:
        """Change a file's mode (octal digits such as ``"644"``), owner and/or group.

        Sends ``POST /files/permissions?path=&mode=&owner=&group=`` (unset values are left out).

        Raises:
            DaytonaValidationError: Empty path, an invalid mode, or nothing to change (nothing sent).
        """
        from daytona_openapi.api.toolbox_files import set_file_permissions

        checked_mode = None if mode is None else _require_mode(mode, "mode")
        checked_owner = _optional_str(owner, "owner")
        checked_group = _optional_str(group, "group")
        if checked_mode is None and checked_owner is None and checked_group is None:
            raise DaytonaValidationError("set_file_permissions needs at least one of mode, owner or group")
        await self._ctx.call(
            set_file_permissions,
            path=_require_str(path, "path"),
            mode=checked_mode,
            owner=checked_owner,
            group=checked_group,
            error_prefix="Failed to set file permissions: ",
        )

    async def find_files(self, path: str, pattern: str) -> list[Match]:
        """Find the lines containing ``pattern`` in the files under ``path`` (like ``grep -rn``).

        Sends ``GET /files/find?path=&pattern=``.

        Returns:
            One :class:`Match` per matching line.
        """
        from daytona_openapi.api.toolbox_files import find_in_files

        prefix = "Failed to find files: "
        result = await self._ctx.call(
            find_in_files,
            path=_require_str(path, "path"),
            pattern=_require_str(pattern, "pattern"),
            error_prefix=prefix,
        )
        return [Match._from_generated(item) for item in _expect_list(result, prefix, "a list of matches")]

    async def search_files(self, path: str, pattern: str) -> SearchFilesResponse:
        """Find the files under ``path`` whose names match the glob ``pattern`` (e.g. ``"*.py"``).

        Sends ``GET /files/search?path=&pattern=``.

        Returns:
            A :class:`SearchFilesResponse` whose ``files`` lists the matching paths.
        """
        from daytona_openapi.api.toolbox_files import search_files
        from daytona_openapi.models.search_files_response import SearchFilesResponse as GeneratedResponse

        prefix = "Failed to search files: "
        result = await self._ctx.call(
            search_files,
            path=_require_str(path, "path"),
            pattern=_require_str(pattern, "pattern"),
            error_prefix=prefix,
        )
        if not isinstance(result, GeneratedResponse):
            raise DaytonaError(f"{prefix}unexpected response: expected a list of files")
        return SearchFilesResponse(files=list(result.files))

    async def replace_in_files(self, files: list[str], pattern: str, new_value: str) -> list[ReplaceResult]:
        """Replace every occurrence of the text ``pattern`` with ``new_value`` in each of ``files``.

        Sends ``POST /files/replace`` with ``{"files", "pattern", "newValue"}``. An empty list
        sends nothing and returns ``[]``.

        Returns:
            One :class:`ReplaceResult` per file (failures are reported there, not raised).
        """
        from daytona_openapi.api.toolbox_files import replace_in_files
        from daytona_openapi.models.replace_request import ReplaceRequest

        paths = [_require_str(item, f"files[{i}]") for i, item in enumerate(_as_list(files, "files"))]
        checked_pattern = _require_str(pattern, "pattern")
        checked_value = _require_str(new_value, "new_value", allow_empty=True)
        if not paths:
            return []
        prefix = "Failed to replace in files: "
        result = await self._ctx.call(
            replace_in_files,
            body=ReplaceRequest(files=paths, pattern=checked_pattern, new_value=checked_value),
            error_prefix=prefix,
        )
        return [ReplaceResult._from_generated(item) for item in _expect_list(result, prefix, "a list of results")]

    # --- uploads --------------------------------------------------------------------------------

    async def upload_file(
        self,
        src: str | os.PathLike[str] | bytes | bytearray | memoryview,
        dst: str,
        timeout: float | None = DEFAULT_TRANSFER_TIMEOUT,
        *,
        on_progress: UploadProgressCallback | None = None,
        cancel_event: CancelEvent | None = None,
    ) -> None:
        """Upload bytes, or the content of a local file, to ``dst`` in the sandbox (replacing any file there).

        A local file is streamed in 256 KiB chunks, never read whole. Sends
        ``POST /files/bulk-upload`` (multipart: ``files[0].path`` and ``files[0].file``).

        Args:
            src: The content (bytes) or a local file path (``str`` or path object).
            dst: Destination path in the sandbox.
            timeout: Longest wait, in seconds, for any one step of the transfer (connecting,
                sending a chunk, the answer); 0 or None waits forever.
            on_progress: Called with an :class:`UploadProgress` as chunks are sent (may be async).
            cancel_event: Once set, the upload stops and raises :class:`DaytonaError`.

        Raises:
            DaytonaValidationError: Missing or unreadable local file, empty destination, negative
                timeout (nothing sent).
            TypeError: ``src`` is neither bytes nor a path.
            DaytonaError: The toolbox refused the upload (typed by status), the connection failed
                (:class:`~facade.errors.DaytonaConnectionError`), or it was cancelled.
        """
        items = [_UploadItem(_remote_destination(dst, "dst"), _file_source(src, "src"))]
        await self._upload(items, timeout, on_progress, cancel_event, "Failed to upload file: ")

    async def upload_files(
        self,
        files: list[FileUpload],
        timeout: float | None = DEFAULT_TRANSFER_TIMEOUT,
        *,
        on_progress: UploadProgressCallback | None = None,
        cancel_event: CancelEvent | None = None,
    ) -> None:
        """Upload several files in one streamed request (see :meth:`upload_file`).

        Sends ``POST /files/bulk-upload`` with, for every file ``i``, a text field
        ``files[i].path`` and a file field ``files[i].file``. An empty list sends nothing.
        ``on_progress`` counts the bytes of all files together.

        Raises:
            DaytonaValidationError: A missing or unreadable local file, an empty or repeated
                destination, a negative timeout (nothing sent).
            TypeError: An item is not a :class:`FileUpload`.
            DaytonaError: As for :meth:`upload_file`.
        """
        items: list[_UploadItem] = []
        seen: set[str] = set()
        for i, item in enumerate(_as_list(files, "files")):
            if not isinstance(item, FileUpload):
                raise TypeError(f"files[{i}] must be a FileUpload, got {type(item).__name__}")
            destination = _remote_destination(item.destination, f"files[{i}].destination")
            if destination in seen:
                raise DaytonaValidationError(f"files[{i}].destination {destination!r} appears more than once")
            seen.add(destination)
            items.append(_UploadItem(destination, _file_source(item.source, f"files[{i}].source")))
        if not items:
            validate_timeout(timeout)
            _check_callbacks(on_progress, cancel_event)
            return
        await self._upload(items, timeout, on_progress, cancel_event, "Failed to upload files: ")

    async def upload_file_stream(
        self,
        source: Any,
        remote_path: str,
        timeout: float | None = DEFAULT_TRANSFER_TIMEOUT,
        on_progress: UploadProgressCallback | None = None,
        cancel_event: CancelEvent | None = None,
    ) -> None:
        """Upload from a stream: bytes, a local path, a binary file object (sync ``read``), an
        object with ``async read(n)``, or an async iterable of bytes.

        Streams of unknown length are sent with chunked transfer encoding. File objects passed in
        are read to their end but not closed. Sends ``POST /files/bulk-upload`` like
        :meth:`upload_file`.

        Raises:
            DaytonaValidationError: Empty ``remote_path``, missing local file, negative timeout.
            TypeError: ``source`` is none of the accepted kinds (or yields text).
            DaytonaError: As for :meth:`upload_file`.
        """
        items = [_UploadItem(_remote_destination(remote_path, "remote_path"), _stream_source(source, "source"))]
        await self._upload(items, timeout, on_progress, cancel_event, "Failed to upload file: ")

    async def _upload(
        self,
        items: Sequence[_UploadItem],
        timeout_seconds: float | None,
        on_progress: UploadProgressCallback | None,
        cancel_event: CancelEvent | None,
        prefix: str,
    ) -> None:
        deadline = validate_timeout(timeout_seconds, "timeout")
        _check_callbacks(on_progress, cancel_event)
        boundary = "daytona-facade-" + secrets.token_hex(16)
        heads = [_upload_part_head(boundary, i, item.destination) for i, item in enumerate(items)]
        tail = f"--{boundary}--\r\n".encode()
        sizes = [item.source.size for item in items]
        total: int | None = None
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        if all(size is not None for size in sizes):
            total = sum(size or 0 for size in sizes)
            envelope = sum(len(head) + 2 for head in heads) + len(tail)
            headers["Content-Length"] = str(total + envelope)

        label = items[0].destination if len(items) == 1 else f"{len(items)} files"

        async def body() -> AsyncGenerator[bytes, None]:
            sent = 0
            for head, item in zip(heads, items, strict=True):
                _raise_if_cancelled(cancel_event, f"Upload cancelled: {label}")
                yield head
                async with contextlib.aclosing(item.source.chunks()) as chunks:
                    async for chunk in chunks:
                        _raise_if_cancelled(cancel_event, f"Upload cancelled: {label}")
                        yield chunk
                        sent += len(chunk)
                        if on_progress is not None:
                            await _notify(on_progress, UploadProgress(bytes_sent=sent, total_bytes=total))
                yield b"\r\n"
            yield tail

        stream = body()
        try:
            response = await self._ctx.http.post(
                self._ctx.url("/files/bulk-upload"),
                content=stream,
                headers=headers,
                timeout=_transfer_timeout(deadline),
                extensions={RETRY_EXTENSION: False},
            )
        except httpx.TransportError as exc:
            raise error_from_transport(exc, prefix) from exc
        except httpx.HTTPError as exc:
            raise as_daytona_error(exc, prefix) from exc
        finally:
            await stream.aclose()
        if response.status_code >= 400:
            raise error_from_response(response.status_code, response.content, response.headers, prefix=prefix)

    # --- downloads ------------------------------------------------------------------------------

    @overload
    async def download_file(
        self,
        remote_path: str,
        timeout: float | None = DEFAULT_TRANSFER_TIMEOUT,
        *,
        on_progress: DownloadProgressCallback | None = None,
        cancel_event: CancelEvent | None = None,
    ) -> bytes: ...

    @overload
    async def download_file(
        self,
        remote_path: str,
        local_path: str | os.PathLike[str],
        timeout: float | None = DEFAULT_TRANSFER_TIMEOUT,
        *,
        on_progress: DownloadProgressCallback | None = None,
        cancel_event: CancelEvent | None = None,
    ) -> None: ...

    async def download_file(  # type: ignore[misc]  # timeout may come second (as in the official SDK)
        self,
        remote_path: str,
        local_path: str | os.PathLike[str] | float | None = None,
        timeout: float | None = DEFAULT_TRANSFER_TIMEOUT,
        *,
        on_progress: DownloadProgressCallback | None = None,
        cancel_event: CancelEvent | None = None,
    ) -> bytes | None:
        """Download one file: to memory (returns its bytes), or streamed to ``local_path`` (returns None).

        ``download_file(path)`` / ``download_file(path, timeout)`` return the content;
        ``download_file(path, local_path[, timeout])`` writes it to a temporary file beside
        ``local_path`` (creating missing parent folders) and renames it into place once
        complete, so a failed download leaves any existing file untouched. Sends
        ``POST /files/bulk-download`` with ``{"paths": [remote_path]}`` and parses the
        multipart answer as it arrives.

        Args:
            remote_path: Path in the sandbox.
            local_path: Local destination, or omitted to get bytes.
            timeout: Longest wait, in seconds, for any one step (connecting, each read); 0 or
                None waits forever.
            on_progress: Called with a :class:`DownloadProgress` per chunk received (may be async).
            cancel_event: Once set, the download stops and raises :class:`DaytonaError`.

        Raises:
            DaytonaNotFoundError: The file does not exist (other per-file failures raise the
                subclass matching the status the toolbox gave).
            DaytonaValidationError: Empty path, ``local_path`` is a directory, negative timeout.
            DaytonaError: Transport failures, a malformed answer, a local write failure, cancellation.
        """
        if local_path is None or (isinstance(local_path, int | float) and not isinstance(local_path, bool)):
            if local_path is not None:
                if timeout != DEFAULT_TRANSFER_TIMEOUT:
                    raise TypeError("download_file() got the timeout twice")
                timeout = local_path
            destination: str | None = None
        else:
            destination = _download_destination(local_path, "local_path")
        source = _require_str(remote_path, "remote_path")
        prefix = "Failed to download file: "
        outcome = (
            await self._download([(source, destination)], timeout, on_progress, cancel_event, prefix, single=True)
        )[0]
        if outcome.error is not None:
            if outcome.details is not None:
                raise _error_for_file(outcome.details, prefix)
            error = DaytonaError(prefix + outcome.error)
            raise error from outcome.exception
        if destination is not None:
            return None
        if not isinstance(outcome.result, bytes):  # pragma: no cover - a memory download always gives bytes
            raise DaytonaError(f"{prefix}no content received for {source}")
        return outcome.result

    async def download_files(
        self,
        files: list[FileDownloadRequest],
        timeout: float | None = DEFAULT_TRANSFER_TIMEOUT,
        *,
        on_progress: DownloadProgressCallback | None = None,
        cancel_event: CancelEvent | None = None,
    ) -> list[FileDownloadResponse]:
        """Download several files in one streamed request; each to memory or to its own local path.

        Sends ``POST /files/bulk-download`` with the distinct sources and parses the multipart
        answer as it arrives (see :meth:`download_file` for how local files are written). A
        source may be requested more than once (e.g. to two destinations). An empty list sends
        nothing and returns ``[]``.

        Returns:
            One :class:`FileDownloadResponse` per request, in order. A file that failed (missing
            in the sandbox, local write error, ...) has ``error`` (and, when the toolbox
            described the failure, ``error_details``) set instead of ``result``; it does not raise.

        Raises:
            DaytonaValidationError: An empty source, a destination that is a directory or is
                used twice, a negative timeout (nothing sent).
            TypeError: An item is not a :class:`FileDownloadRequest`.
            DaytonaError: The whole request failed (typed by status), the connection failed or
                the answer was malformed or cut short, or the download was cancelled. Files
                completed before that are in place; no partial file is left.
        """
        requests: list[tuple[str, str | None]] = []
        seen: set[str] = set()
        for i, item in enumerate(_as_list(files, "files")):
            if not isinstance(item, FileDownloadRequest):
                raise TypeError(f"files[{i}] must be a FileDownloadRequest, got {type(item).__name__}")
            source = _require_str(item.source, f"files[{i}].source")
            destination = None
            if item.destination is not None:
                destination = _download_destination(item.destination, f"files[{i}].destination")
                key = _path_key(destination)
                if key in seen:
                    raise DaytonaValidationError(f"files[{i}].destination {destination!r} is used more than once")
                seen.add(key)
            requests.append((source, destination))
        if not requests:
            validate_timeout(timeout)
            _check_callbacks(on_progress, cancel_event)
            return []
        outcomes = await self._download(
            requests, timeout, on_progress, cancel_event, "Failed to download files: ", single=False
        )
        return [
            FileDownloadResponse(
                source=source,
                result=outcome.result if outcome.error is None else None,
                error=outcome.error,
                error_details=outcome.details,
            )
            for (source, _), outcome in zip(requests, outcomes, strict=True)
        ]

    async def download_file_stream(
        self,
        remote_path: str,
        timeout: float | None = DEFAULT_TRANSFER_TIMEOUT,
        on_progress: DownloadProgressCallback | None = None,
        cancel_event: CancelEvent | None = None,
    ) -> AsyncIterator[bytes]:
        """Download one file as an async iterator of chunks: ``async for c in await fs.download_file_stream(p)``.

        Awaiting checks the arguments (nothing is sent yet); the request
        (``POST /files/bulk-download``) is sent when iteration starts, and chunks are yielded as
        they arrive. Close the iterator (``contextlib.aclosing``) if you stop early, to release
        the connection at once.

        Raises:
            DaytonaValidationError: Empty path or negative timeout (when awaited).
            DaytonaNotFoundError: During iteration, if the file does not exist (other failures
                as for :meth:`download_file`); the iterator raises typed errors only.
        """
        source = _require_str(remote_path, "remote_path")
        deadline = validate_timeout(timeout)
        _check_callbacks(on_progress, cancel_event)
        return self._stream_file(source, deadline, on_progress, cancel_event)

    async def _stream_file(
        self,
        source: str,
        deadline: float | None,
        on_progress: DownloadProgressCallback | None,
        cancel_event: CancelEvent | None,
    ) -> AsyncGenerator[bytes, None]:
        prefix = "Failed to download file: "
        failure: FileDownloadErrorDetails | None = None
        received = False
        in_file = False
        total: int | None = None
        count = 0
        async with contextlib.aclosing(self._download_events([source], deadline, prefix, single=True)) as events:
            async for event in events:
                if isinstance(event, PartData):
                    if not in_file:
                        continue
                    _raise_if_cancelled(cancel_event, f"Download cancelled: {source}")
                    count += len(event.data)
                    if on_progress is not None:
                        await _notify(on_progress, DownloadProgress(bytes_received=count, total_bytes=total))
                    yield event.data
                elif isinstance(event, _FileStart):
                    if received:  # the same file twice: keep the first copy
                        continue
                    _raise_if_cancelled(cancel_event, f"Download cancelled: {source}")
                    received = in_file = True
                    total = event.total
                elif isinstance(event, _FileEnd):
                    in_file = False
                elif failure is None:
                    failure = event.details
        if not received:
            if failure is not None:
                raise _error_for_file(failure, prefix)
            raise DaytonaError(f"{prefix}No file data received for: {source}")

    async def _download(
        self,
        requests: Sequence[tuple[str, str | None]],
        timeout_seconds: float | None,
        on_progress: DownloadProgressCallback | None,
        cancel_event: CancelEvent | None,
        prefix: str,
        *,
        single: bool,
    ) -> list[_Outcome]:
        """Fetch ``requests`` (source, local destination or None) and write each file to its sink(s)."""
        deadline = validate_timeout(timeout_seconds, "timeout")
        _check_callbacks(on_progress, cancel_event)
        sources = list(dict.fromkeys(source for source, _ in requests))
        by_source: dict[str, list[int]] = {}
        for index, (source, _) in enumerate(requests):
            by_source.setdefault(source, []).append(index)
        outcomes = [_Outcome() for _ in requests]
        open_sinks: list[tuple[int, _Sink]] = []
        total: int | None = None
        count = 0
        label = sources[0] if len(sources) == 1 else f"{len(sources)} files"

        def fail(index: int, message: str, exc: BaseException | None = None) -> None:
            outcome = outcomes[index]
            if not outcome.done:
                outcome.error, outcome.exception, outcome.done = message, exc, True

        async def drop(index: int) -> None:
            for position, (owner, sink) in enumerate(open_sinks):
                if owner == index:
                    del open_sinks[position]
                    await sink.abort()
                    return

        try:
            async with contextlib.aclosing(self._download_events(sources, deadline, prefix, single=single)) as events:
                async for event in events:
                    if isinstance(event, PartData):
                        if not open_sinks:
                            continue
                        _raise_if_cancelled(cancel_event, f"Download cancelled: {label}")
                        for index, sink in list(open_sinks):
                            try:
                                await sink.write(event.data)
                            except OSError as exc:
                                await drop(index)
                                fail(index, f"Failed to write {requests[index][1]}: {exc.strerror or exc}", exc)
                        count += len(event.data)
                        if on_progress is not None:
                            await _notify(on_progress, DownloadProgress(bytes_received=count, total_bytes=total))
                    elif isinstance(event, _FileStart):
                        _raise_if_cancelled(cancel_event, f"Download cancelled: {label}")
                        if single:
                            total = event.total
                        for index in by_source[event.source]:
                            if outcomes[index].done:
                                continue  # the same file sent twice: keep the first copy
                            destination = requests[index][1]
                            if destination is None:
                                open_sinks.append((index, _MemorySink()))
                                continue
                            sink = _FileSink(destination)
                            try:
                                await sink.open()
                            except OSError as exc:
                                fail(index, f"Failed to write {destination}: {exc.strerror or exc}", exc)
                            else:
                                open_sinks.append((index, sink))
                    elif isinstance(event, _FileEnd):
                        finished = [(index, sink) for index, sink in open_sinks if requests[index][0] == event.source]
                        for index, sink in finished:
                            open_sinks.remove((index, sink))
                            try:
                                result = await sink.commit()
                            except OSError as exc:
                                fail(index, f"Failed to write {requests[index][1]}: {exc.strerror or exc}", exc)
                            else:
                                outcome = outcomes[index]
                                outcome.result, outcome.done = result, True
                    else:
                        for index in by_source[event.source]:
                            if not outcomes[index].done:
                                await drop(index)
                                outcomes[index].details = event.details
                                fail(index, event.details.message)
        finally:
            for _, sink in open_sinks:
                await sink.abort()
            open_sinks.clear()
        for index, outcome in enumerate(outcomes):
            if not outcome.done:
                fail(
                    index,
                    f"No file data received for: {requests[index][0]}" if single else "No data received for this file",
                )
        return outcomes

    async def _download_events(
        self, sources: list[str], deadline: float | None, prefix: str, *, single: bool
    ) -> AsyncGenerator[_DownloadEvent, None]:
        """Send the bulk-download request and translate its multipart answer into per-file events."""
        wanted = set(sources)

        def resolve(filename: str | None) -> str | None:
            if filename is not None and filename in wanted:
                return filename
            return sources[0] if single else None

        try:
            async with self._ctx.http.stream(
                "POST",
                self._ctx.url("/files/bulk-download"),
                json={"paths": sources},
                headers={"Accept": "multipart/form-data"},
                timeout=_transfer_timeout(deadline),
                extensions={RETRY_EXTENSION: True},  # read-only: safe to repeat
            ) as response:
                await raise_for_status(response, prefix)
                try:
                    parser = MultipartParser(boundary_from_content_type(response.headers.get("content-type")))
                except MultipartError as exc:
                    raise DaytonaError(f"{prefix}unexpected response: {exc}", status_code=response.status_code) from exc
                mode: str | None = None
                current: str | None = None
                error_buffer = bytearray()
                async for chunk in response.aiter_bytes():
                    try:
                        parsed = parser.feed(chunk)
                    except MultipartError as exc:
                        raise DaytonaError(f"{prefix}malformed multipart response: {exc}") from exc
                    for part_event in parsed:
                        if isinstance(part_event, PartData):
                            if mode == "file":
                                yield part_event
                            elif mode == "error" and len(error_buffer) < _MAX_ERROR_PART_BYTES:
                                error_buffer += part_event.data[: _MAX_ERROR_PART_BYTES - len(error_buffer)]
                        elif isinstance(part_event, PartBegin):
                            part = part_event.part
                            current = resolve(part.filename)
                            mode = part.name if part.name in ("file", "error") else None
                            error_buffer.clear()
                            if mode == "file" and current is not None:
                                yield _FileStart(current, part.content_length)
                            elif mode == "file":
                                mode = None  # a file nobody asked for: skip it
                        elif isinstance(part_event, PartEnd):
                            if mode == "file" and current is not None:
                                yield _FileEnd(current)
                            elif mode == "error":
                                details = _parse_error_part(bytes(error_buffer))
                                if current is None:
                                    raise _error_for_file(details, prefix)
                                yield _FileFailed(current, details)
                            mode, current = None, None
                try:
                    parser.close()
                except MultipartError as exc:
                    raise DaytonaError(f"{prefix}{exc}") from exc
        except httpx.TransportError as exc:
            raise error_from_transport(exc, prefix) from exc
        except httpx.HTTPError as exc:  # e.g. a body that fails to decode
            raise as_daytona_error(exc, prefix) from exc


def _upload_part_head(boundary: str, index: int, destination: str) -> bytes:
    """The ``files[i].path`` field and the headers of the ``files[i].file`` field."""
    return (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="files[{index}].path"\r\n'
        "\r\n"
        f"{destination}\r\n"
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="files[{index}].file"; filename={quote_header_value(destination)}\r\n'
        "Content-Type: application/octet-stream\r\n"
        "\r\n"
    ).encode()


def _path_key(path: str) -> str:
    return os.path.normcase(os.path.abspath(path))


def _download_destination(value: object, name: str) -> str:
    destination = _local_path(value, name)
    if os.path.isdir(destination):
        raise DaytonaValidationError(f"{name} {destination!r} is a directory; give the path of the file to write")
    return destination
