"""Shared types of the generated client.

``UNSET`` is ``None``: an optional field or parameter that was not given is ``None`` (omitted on the
wire), so callers never meet a separate "unset" marker. ``Request`` is one ready-to-send request of an
operation, typed by what its ``parse`` reads from a success answer.
"""

from collections.abc import Callable, Mapping
from typing import (
    IO,
    TYPE_CHECKING,
    Any,
    BinaryIO,
    Generic,
    Protocol,
    TypeAlias,
    TypeVar,
)

from attrs import define

if TYPE_CHECKING:
    Unset: TypeAlias = None
else:
    Unset = type(None)

UNSET: Unset = None

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


class ResponseLike(Protocol):
    """What ``Request.parse`` reads from an answer (an ``httpx.Response`` fits)."""

    @property
    def status_code(self) -> int: ...

    @property
    def content(self) -> bytes: ...

    @property
    def text(self) -> str: ...

    @property
    def headers(self) -> Mapping[str, str]: ...

    def json(self, **kwargs: Any) -> Any: ...


T = TypeVar("T", covariant=True)


class Request(Generic[T]):
    """One request of an operation: method, path (relative to the server's base URL), query, headers and body,
    plus ``parse``, which turns a success (2xx) answer into ``T``. Error answers are the sender's to handle."""

    __slots__ = (
        "content",
        "files",
        "headers",
        "json",
        "method",
        "params",
        "parse",
        "url",
    )

    def __init__(
        self,
        method: str,
        url: str,
        parse: Callable[[ResponseLike], T],
        *,
        params: dict[str, Any] | None = None,
        headers: dict[str, Any] | None = None,
        json: Any = None,
        content: Any = None,
        files: Any = None,
    ) -> None:
        self.method = method
        self.url = url
        self.parse = parse
        self.params = params or None
        self.headers = headers or None
        self.json = json
        self.content = content
        self.files = files

    def __repr__(self) -> str:
        return f"Request({self.method} {self.url})"


__all__ = [
    "UNSET",
    "File",
    "FileTypes",
    "Request",
    "RequestFiles",
    "ResponseLike",
    "Unset",
]
