"""The data classes of ``sandbox.fs``: what its methods take and return.

Names and fields follow the official SDK (``FileInfo``, ``Match``, ``FileUpload``,
``FileDownloadRequest``, ...). Results built from server answers are frozen; the request
objects callers build (:class:`FileUpload`, :class:`FileDownloadRequest`) are plain dataclasses
that the SDK reads but never changes.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from daytona_openapi.models.file_info import FileInfo as _GeneratedFileInfo
    from daytona_openapi.models.match import Match as _GeneratedMatch
    from daytona_openapi.models.replace_result import ReplaceResult as _GeneratedReplaceResult

__all__ = [
    "CancelEvent",
    "DownloadProgress",
    "DownloadProgressCallback",
    "FileDownloadErrorDetails",
    "FileDownloadRequest",
    "FileDownloadResponse",
    "FileInfo",
    "FileUpload",
    "Match",
    "ReplaceResult",
    "SearchFilesResponse",
    "UploadProgress",
    "UploadProgressCallback",
]


def _unset_to_none(value: Any) -> Any:
    from daytona_openapi.types import Unset

    return None if isinstance(value, Unset) else value


@dataclass(frozen=True)
class FileInfo:
    """Metadata of one file or directory in the sandbox.

    Attributes:
        name: Base name of the entry.
        is_dir: True for a directory.
        size: Size in bytes.
        mode: File mode in the daemon's textual form (type and permission bits, e.g. ``-rw-r--r--``).
        permissions: Permission bits in octal (e.g. ``0644``).
        owner: Owning user.
        group: Owning group.
        modified_at: Last modification time, RFC 3339.
        mod_time: Last modification time in the daemon's legacy layout (deprecated; use ``modified_at``).
    """

    name: str
    is_dir: bool
    size: int
    mode: str
    permissions: str
    owner: str
    group: str
    modified_at: str
    mod_time: str

    @classmethod
    def _from_generated(cls, info: _GeneratedFileInfo) -> FileInfo:
        return cls(
            name=info.name,
            is_dir=info.is_dir,
            size=info.size,
            mode=info.mode,
            permissions=info.permissions,
            owner=info.owner,
            group=info.group,
            modified_at=info.modified_at,
            mod_time=info.mod_time,
        )


@dataclass(frozen=True)
class Match:
    """One line of a file that contains the searched text (from :meth:`AsyncFileSystem.find_files`).

    Attributes:
        file: Path of the file.
        line: Line number, starting at 1.
        content: Text of the matching line.
    """

    file: str
    line: int
    content: str

    @classmethod
    def _from_generated(cls, match: _GeneratedMatch) -> Match:
        return cls(file=match.file, line=match.line, content=match.content)


@dataclass(frozen=True)
class SearchFilesResponse:
    """Files whose names match a glob (from :meth:`AsyncFileSystem.search_files`).

    Attributes:
        files: Paths of the matching files.
    """

    files: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ReplaceResult:
    """Outcome of a substitution in one file (from :meth:`AsyncFileSystem.replace_in_files`).

    Attributes:
        file: Path of the file.
        success: True when the file was processed without error.
        error: What went wrong, when ``success`` is False.
    """

    file: str | None = None
    success: bool | None = None
    error: str | None = None

    @classmethod
    def _from_generated(cls, result: _GeneratedReplaceResult) -> ReplaceResult:
        return cls(
            file=_unset_to_none(result.file),
            success=_unset_to_none(result.success),
            error=_unset_to_none(result.error),
        )


@dataclass
class FileUpload:
    """A file to upload (see :meth:`AsyncFileSystem.upload_files`).

    Attributes:
        source: The content as bytes, or the path of a local file whose content is streamed
            (never read into memory whole).
        destination: Path in the sandbox; relative paths are resolved from the sandbox's
            working directory. An existing file there is replaced.
    """

    source: bytes | bytearray | memoryview | str | os.PathLike[str]
    destination: str


@dataclass
class FileDownloadRequest:
    """A file to download (see :meth:`AsyncFileSystem.download_files`).

    Attributes:
        source: Path in the sandbox; relative paths are resolved from the sandbox's working
            directory.
        destination: Local path to stream the content to, or None to return it as bytes.
            The file there is replaced only once the download has fully succeeded.
    """

    source: str
    destination: str | os.PathLike[str] | None = None


@dataclass(frozen=True)
class FileDownloadErrorDetails:
    """Why one file of a bulk download failed, as the server described it.

    Attributes:
        message: The server's message.
        status_code: The HTTP status the server gave for this file (e.g. 404), if any.
        error_code: The server's machine-readable code (e.g. ``FILE_NOT_FOUND``), if any.
    """

    message: str
    status_code: int | None = None
    error_code: str | None = None


@dataclass(frozen=True)
class FileDownloadResponse:
    """The outcome for one :class:`FileDownloadRequest`.

    Attributes:
        source: The requested sandbox path.
        result: The local path written (when a destination was given) or the content as bytes;
            None when the download of this file failed.
        error: Why it failed, or None on success.
        error_details: The server's structured description of the failure, when it gave one.
    """

    source: str
    result: str | bytes | None = None
    error: str | None = None
    error_details: FileDownloadErrorDetails | None = None


@dataclass(frozen=True)
class DownloadProgress:
    """Progress of a download, passed to ``on_progress`` callbacks.

    Attributes:
        bytes_received: File bytes received so far (over all files of a bulk download).
        total_bytes: File bytes expected in all, when known.
    """

    bytes_received: int
    total_bytes: int | None = None


@dataclass(frozen=True)
class UploadProgress:
    """Progress of an upload, passed to ``on_progress`` callbacks.

    Attributes:
        bytes_sent: File bytes handed to the connection so far (over all files of the upload).
        total_bytes: File bytes to send in all, when known (None for a stream of unknown length).
    """

    bytes_sent: int
    total_bytes: int | None = None


@runtime_checkable
class CancelEvent(Protocol):
    """Anything with ``is_set()``, such as ``asyncio.Event`` or ``threading.Event``.

    Passed as ``cancel_event`` to a transfer: once it is set, the transfer stops before its next
    chunk and raises :class:`~facade.errors.DaytonaError`; no partial file is left behind.
    Cancelling the task that runs the transfer works too.
    """

    def is_set(self) -> bool: ...


#: A progress callback for downloads: a function or an ``async`` function.
DownloadProgressCallback = Callable[[DownloadProgress], Awaitable[None] | None]
#: A progress callback for uploads: a function or an ``async`` function.
UploadProgressCallback = Callable[[UploadProgress], Awaitable[None] | None]
