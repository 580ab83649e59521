"""A small incremental ``multipart/form-data`` parser and the header helpers it needs.

The toolbox's bulk download answers with a multipart body that can hold files of any size, so
it is parsed as it arrives: :meth:`MultipartParser.feed` takes whatever bytes the network
produced (any chunk size, a delimiter may be split across chunks) and returns events —
:class:`PartBegin` (the part's headers), :class:`PartData` (a piece of its body) and
:class:`PartEnd`. Only a delimiter's length of bytes is ever held back, so memory stays
constant whatever the size of the parts. :meth:`MultipartParser.close` checks that the
closing delimiter was seen (a cut-short body raises :class:`MultipartError`).

The module has no dependencies beyond the standard library.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote

__all__ = [
    "MultipartError",
    "MultipartParser",
    "PartBegin",
    "PartData",
    "PartEnd",
    "PartEvent",
    "PartHeaders",
    "boundary_from_content_type",
    "parse_options_header",
    "quote_header_value",
]

#: Most bytes the header block of one part may take.
DEFAULT_MAX_HEADER_SIZE = 64 * 1024
#: Longest boundary accepted (RFC 2046 says 70; be lenient with servers that exceed it).
MAX_BOUNDARY_LENGTH = 200

_CRLF = b"\r\n"
_TRANSPORT_PADDING = b" \t"


class MultipartError(ValueError):
    """The body is not valid multipart, or it ended before its closing delimiter."""


@dataclass(frozen=True)
class PartHeaders:
    """The headers of one part, with the fields the toolbox uses pulled out.

    Attributes:
        headers: Every header, by lower-case name (the last one wins when repeated).
        name: The ``name`` parameter of ``Content-Disposition``, or None.
        filename: The ``filename`` parameter of ``Content-Disposition`` (``filename*`` wins),
            or None.
        content_type: The ``Content-Type`` header, or None.
        content_length: The ``Content-Length`` header as an int, or None if absent or invalid.
    """

    headers: dict[str, str]
    name: str | None
    filename: str | None
    content_type: str | None
    content_length: int | None


@dataclass(frozen=True, slots=True)
class PartBegin:
    """A part starts; its body follows as :class:`PartData` events."""

    part: PartHeaders


@dataclass(frozen=True, slots=True)
class PartData:
    """A piece of the current part's body (never empty)."""

    data: bytes


@dataclass(frozen=True, slots=True)
class PartEnd:
    """The current part's body is complete."""


PartEvent = PartBegin | PartData | PartEnd

_PART_END = PartEnd()

# Parser states.
_PREAMBLE = 0  # before the first delimiter
_AFTER_DELIMITER = 1  # just after a delimiter: "--" (close) or padding + CRLF (a part follows)
_HEADERS = 2  # reading a part's header block
_BODY = 3  # reading a part's body
_END = 4  # after the close delimiter: the epilogue is ignored


def _decode_header_text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _split_params(value: str) -> list[str]:
    """Split a header value on ``;`` outside quoted strings."""
    pieces: list[str] = []
    current: list[str] = []
    in_quotes = False
    escaped = False
    for char in value:
        if escaped:
            current.append(char)
            escaped = False
        elif in_quotes and char == "\\":
            current.append(char)
            escaped = True
        elif char == '"':
            current.append(char)
            in_quotes = not in_quotes
        elif char == ";" and not in_quotes:
            pieces.append("".join(current))
            current = []
        else:
            current.append(char)
    pieces.append("".join(current))
    return pieces


def _unquote_param(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        inner = value[1:-1]
        out: list[str] = []
        escaped = False
        for char in inner:
            if escaped:
                out.append(char)
                escaped = False
            elif char == "\\":
                escaped = True
            else:
                out.append(char)
        return "".join(out)
    return value


def _decode_extended(value: str) -> str | None:
    """Decode an RFC 5987 ``charset'lang'percent-encoded`` value, or None if it is not one."""
    parts = value.split("'", 2)
    if len(parts) != 3:
        return None
    charset = parts[0] or "utf-8"
    try:
        return unquote(parts[2], encoding=charset, errors="strict")
    except (LookupError, UnicodeDecodeError):
        return None


def parse_options_header(value: str) -> tuple[str, dict[str, str]]:
    """Split a header such as ``form-data; name="file"; filename="a \\"b\\".txt"``.

    Returns the lower-cased main value and its parameters (lower-case names, values with
    quotes and backslash escapes removed). An RFC 5987 ``name*=utf-8''...`` parameter is
    decoded and replaces the plain ``name`` one.
    """
    pieces = _split_params(value)
    main = pieces[0].strip().lower()
    params: dict[str, str] = {}
    extended: dict[str, str] = {}
    for piece in pieces[1:]:
        key, sep, raw = piece.partition("=")
        if not sep:
            continue
        key = key.strip().lower()
        if not key:
            continue
        if key.endswith("*"):
            decoded = _decode_extended(_unquote_param(raw))
            if decoded is not None:
                extended[key[:-1]] = decoded
            continue
        params[key] = _unquote_param(raw)
    params.update(extended)
    return main, params


def quote_header_value(value: str) -> str:
    """Quote ``value`` for a ``Content-Disposition`` parameter (backslash-escapes ``\\`` and ``"``).

    The caller must make sure ``value`` holds no CR, LF or NUL (they cannot be carried in a header).
    """
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def boundary_from_content_type(content_type: str | None) -> bytes:
    """The boundary of a ``multipart/*`` ``Content-Type`` header value.

    Raises:
        MultipartError: If the type is not multipart or has no usable boundary.
    """
    main, params = parse_options_header(content_type or "")
    if not main.startswith("multipart/"):
        raise MultipartError(f"expected a multipart response, got Content-Type {main or 'none'!r}")
    boundary = params.get("boundary", "")
    if not boundary:
        raise MultipartError(f"the {main} Content-Type has no boundary")
    try:
        encoded = boundary.encode("ascii")
    except UnicodeEncodeError as exc:
        raise MultipartError("the multipart boundary is not ASCII") from exc
    _check_boundary(encoded)
    return encoded


def _check_boundary(boundary: bytes) -> None:
    if not 1 <= len(boundary) <= MAX_BOUNDARY_LENGTH:
        raise MultipartError(f"multipart boundary must be 1 to {MAX_BOUNDARY_LENGTH} bytes long")
    if b"\r" in boundary or b"\n" in boundary:
        raise MultipartError("multipart boundary must not contain CR or LF")


def _parse_header_block(block: bytes) -> PartHeaders:
    headers: dict[str, str] = {}
    last: str | None = None
    for line in block.split(_CRLF):
        if not line:
            continue
        if line[:1] in (b" ", b"\t") and last is not None:  # obsolete line folding
            headers[last] += " " + _decode_header_text(line.strip())
            continue
        name, sep, value = line.partition(b":")
        if not sep:
            raise MultipartError(f"malformed part header line {line[:80]!r}")
        last = _decode_header_text(name.strip()).lower()
        headers[last] = _decode_header_text(value.strip())
    disposition_params: dict[str, str] = {}
    if "content-disposition" in headers:
        _, disposition_params = parse_options_header(headers["content-disposition"])
    length: int | None = None
    raw_length = headers.get("content-length")
    if raw_length is not None:
        try:
            length = int(raw_length)
        except ValueError:
            length = None
        if length is not None and length < 0:
            length = None
    return PartHeaders(
        headers=headers,
        name=disposition_params.get("name"),
        filename=disposition_params.get("filename"),
        content_type=headers.get("content-type"),
        content_length=length,
    )


class MultipartParser:
    """Incremental parser of one multipart body.

    Feed it the body in chunks of any size with :meth:`feed`; each call returns the events
    that the new bytes completed. Call :meth:`close` once the body has ended. Memory use is
    bounded by the chunk size plus the delimiter length (and ``max_header_size`` while a part's
    headers are read).

    Args:
        boundary: The boundary from the ``Content-Type`` header (see
            :func:`boundary_from_content_type`).
        max_header_size: Most bytes one part's header block may take.

    Raises:
        MultipartError: From the constructor for an invalid boundary; from :meth:`feed` for a
            malformed body; from :meth:`close` for a body cut short.
    """

    def __init__(self, boundary: bytes | str, *, max_header_size: int = DEFAULT_MAX_HEADER_SIZE) -> None:
        raw = boundary.encode("ascii") if isinstance(boundary, str) else bytes(boundary)
        _check_boundary(raw)
        self._delimiter = _CRLF + b"--" + raw
        self._max_header_size = max_header_size
        # The body's first delimiter has no CRLF in front of it; pretending there is one lets
        # every delimiter be found the same way.
        self._pending = _CRLF
        self._state = _PREAMBLE
        self._in_part = False

    @property
    def finished(self) -> bool:
        """True once the closing delimiter has been read."""
        return self._state == _END

    def feed(self, data: bytes | bytearray | memoryview) -> list[PartEvent]:
        """Parse the next bytes of the body and return the events they complete."""
        if self._state == _END or not data:
            return []
        buf = self._pending + bytes(data) if self._pending else bytes(data)
        self._pending = b""
        events: list[PartEvent] = []
        delimiter = self._delimiter
        pos = 0
        size = len(buf)
        while True:
            state = self._state
            if state == _BODY:
                found = buf.find(delimiter, pos)
                if found >= 0:
                    if found > pos:
                        events.append(PartData(buf[pos:found]))
                    events.append(_PART_END)
                    self._in_part = False
                    pos = found + len(delimiter)
                    self._state = _AFTER_DELIMITER
                    continue
                safe = self._safe_end(buf, pos)
                if safe > pos:
                    events.append(PartData(buf[pos:safe] if pos or safe < size else buf))
                self._pending = buf[safe:]
                return events
            if state == _PREAMBLE:
                found = buf.find(delimiter, pos)
                if found < 0:
                    # Preamble text is dropped; keep only what may start a delimiter.
                    self._pending = buf[self._safe_end(buf, pos) :]
                    return events
                pos = found + len(delimiter)
                self._state = _AFTER_DELIMITER
                continue
            if state == _AFTER_DELIMITER:
                if size - pos < 2:
                    self._pending = buf[pos:]
                    return events
                if buf[pos : pos + 2] == b"--":
                    self._state = _END
                    return events
                cursor = pos
                while cursor < size and buf[cursor] in _TRANSPORT_PADDING:
                    cursor += 1
                if cursor - pos > 1024:
                    raise MultipartError("too much padding after a multipart delimiter")
                if size - cursor < 2:
                    self._pending = buf[pos:]
                    return events
                if buf[cursor : cursor + 2] != _CRLF:
                    raise MultipartError("malformed multipart delimiter line")
                pos = cursor + 2
                self._state = _HEADERS
                continue
            if state == _HEADERS:
                if size - pos < 2:
                    self._pending = buf[pos:]
                    return events
                if buf[pos : pos + 2] == _CRLF:  # a part with no headers at all
                    block_end, body_start = pos, pos + 2
                else:
                    found = buf.find(b"\r\n\r\n", pos)
                    if found < 0:
                        if size - pos > self._max_header_size:
                            raise MultipartError("a multipart part's headers are too large")
                        self._pending = buf[pos:]
                        return events
                    block_end, body_start = found, found + 4
                if block_end - pos > self._max_header_size:
                    raise MultipartError("a multipart part's headers are too large")
                events.append(PartBegin(_parse_header_block(buf[pos:block_end])))
                self._in_part = True
                pos = body_start
                self._state = _BODY
                continue
            return events  # pragma: no cover - _END is handled on entry

    def _safe_end(self, buf: bytes, start: int) -> int:
        """Index from which ``buf`` may hold the beginning of a delimiter (``len(buf)`` if none)."""
        delimiter = self._delimiter
        size = len(buf)
        candidate = buf.find(b"\r", max(start, size - len(delimiter) + 1))
        while candidate >= 0:
            if delimiter.startswith(buf[candidate:]):
                return candidate
            candidate = buf.find(b"\r", candidate + 1)
        return size

    def close(self) -> None:
        """Declare the end of the body.

        Raises:
            MultipartError: If the closing delimiter was not received (the body was cut short).
        """
        if self._state != _END:
            where = "inside a part" if self._in_part else "before the closing delimiter"
            raise MultipartError(f"the multipart body ended {where} (truncated response)")
