"""JSON as the daemon's Go code reads and writes it, for the PTY and interpreter handlers.

- Request bodies go through gin's ``ShouldBindJSON``: encoding/json's ``Decoder`` reads the *first* JSON value
  (trailing bytes are ignored), matches object keys to struct fields exactly or else case-insensitively,
  ignores unknown keys, keeps decoding after a type mismatch and reports the first one.
- WebSocket messages go through ``json.Unmarshal``: the same, but the whole message must be one value.
- Answers go through ``json.Marshal``: compact, ``<``, ``>`` and ``&`` escaped, struct fields in declaration
  order (callers build dicts in that order), map keys sorted (callers sort them), times in RFC 3339 with
  nanoseconds and trailing zeros trimmed.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from starlette.responses import Response

_GO_TYPES = {
    "string": "string",
    "bool": "bool",
    "uint16": "uint16",
    "int64": "int64",
    "string_map": "map[string]string",
}
_HTML_UNSAFE = ("<", ">", "&", "\u2028", "\u2029")  # json.Marshal writes these as \u escapes
_UINT16_MAX = 0xFFFF
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


class GoJSONError(ValueError):
    """A request body encoding/json refuses; ``str(error)`` is Go's message."""


@dataclass(frozen=True)
class Field:
    """One field of a Go request struct: its JSON name, its kind, and whether it is a pointer (null -> None)."""

    name: str
    kind: str  # one of _GO_TYPES
    pointer: bool = False


class _Literal(str):
    """A JSON number kept as written, so integer fields can be checked the way strconv does."""


def _describe(value: Any) -> str:
    """How encoding/json names a JSON value in an UnmarshalTypeError."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, _Literal):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return "object"
    return "array"


def _context_before(doc: str, pos: int) -> str:
    """The innermost open bracket before ``pos`` (outside strings): ``{``, ``[`` or ``""``."""
    stack: list[str] = []
    in_string = escaped = False
    for char in doc[:pos]:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "{[":
            stack.append(char)
        elif char in "}]" and stack:
            stack.pop()
    return stack[-1] if stack else ""


def _quote_char(char: str) -> str:
    if char == "'":
        return "'\\''"
    if char == '"':
        return "'\"'"
    return "'" + json.dumps(char)[1:-1] + "'"


def _syntax_message(doc: str, error: json.JSONDecodeError) -> str:
    """encoding/json's wording for the syntax error Python found at the same place."""
    if error.pos >= len(doc.rstrip()) or error.msg.startswith("Unterminated string"):
        return "unexpected EOF"
    char = _quote_char(doc[error.pos])
    if error.msg.startswith("Expecting property name"):
        return f"invalid character {char} looking for beginning of object key string"
    if error.msg.startswith("Expecting ':'"):
        return f"invalid character {char} after object key"
    if error.msg.startswith("Expecting ','"):
        where = "after object key:value pair" if _context_before(doc, error.pos) == "{" else "after array element"
        return f"invalid character {char} {where}"
    if error.msg.startswith("Invalid control character"):
        return f"invalid character {char} in string literal"
    if error.msg.startswith("Invalid \\"):
        return f"invalid character {char} in string escape code"
    if error.msg.startswith("Extra data"):
        return f"invalid character {char} after top-level value"
    return f"invalid character {char} looking for beginning of value"


def _refuse_constant(name: str) -> Any:
    raise GoJSONError(f"invalid character {_quote_char(name.lstrip('-')[0])} looking for beginning of value")


def _parse(raw: bytes | str, *, stream: bool) -> Any:
    doc = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    start = len(doc) - len(doc.lstrip(" \t\r\n"))
    if start == len(doc):
        raise GoJSONError("EOF" if stream else "unexpected end of JSON input")
    decoder = json.JSONDecoder(parse_float=_Literal, parse_int=_Literal, parse_constant=_refuse_constant)
    try:
        value, end = decoder.raw_decode(doc, start)
    except json.JSONDecodeError as exc:
        message = _syntax_message(doc, exc)
        if not stream and message == "unexpected EOF":
            message = "unexpected end of JSON input"
        raise GoJSONError(message) from None
    if not stream and doc[end:].strip(" \t\r\n"):
        rest = doc[end:].lstrip(" \t\r\n")
        raise GoJSONError(f"invalid character {_quote_char(rest[0])} after top-level value")
    return value


def _zero(field: Field) -> Any:
    if field.pointer:
        return None
    return {"string": "", "bool": False, "uint16": 0, "int64": 0, "string_map": None}[field.kind]


def _convert(field: Field, value: Any) -> tuple[Any, str | None]:
    """(Go value, None) or (None, the UnmarshalTypeError's Value) for a non-null JSON value."""
    kind = field.kind
    if kind == "string":
        return (value, None) if isinstance(value, str) and not isinstance(value, _Literal) else (None, _describe(value))
    if kind == "bool":
        return (value, None) if isinstance(value, bool) else (None, _describe(value))
    if kind in ("uint16", "int64"):
        if not isinstance(value, _Literal):
            return None, _describe(value)
        text = str(value)
        digits = text[1:] if kind == "int64" and text.startswith("-") else text
        if not digits.isdigit():
            return None, f"number {text}"
        number = int(text)
        low, high = (0, _UINT16_MAX) if kind == "uint16" else (_INT64_MIN, _INT64_MAX)
        return (number, None) if low <= number <= high else (None, f"number {text}")
    raise AssertionError(kind)


def _decode_value(value: Any, struct: str, type_name: str, fields: Sequence[Field]) -> dict[str, Any]:
    result = {field.name: _zero(field) for field in fields}
    if value is None:
        return result
    if not isinstance(value, dict):
        raise GoJSONError(f"json: cannot unmarshal {_describe(value)} into Go value of type {type_name}")
    first_error: str | None = None

    def mismatch(field: Field, described: str, go_type: str | None = None) -> None:
        nonlocal first_error
        if first_error is None:
            go_type = go_type or _GO_TYPES[field.kind]
            where = f"{struct}.{field.name}"
            first_error = f"json: cannot unmarshal {described} into Go struct field {where} of type {go_type}"

    by_name = {field.name: field for field in fields}
    for key, item in value.items():
        field = by_name.get(key) or next((f for f in fields if f.name.lower() == key.lower()), None)
        if field is None:
            continue
        if item is None:
            if field.pointer:
                result[field.name] = None
            continue
        if field.kind == "string_map":
            if not isinstance(item, dict):
                mismatch(field, _describe(item))
                continue
            mapping = result[field.name] if isinstance(result[field.name], dict) else {}
            for map_key, map_value in item.items():
                if map_value is None:
                    mapping[map_key] = ""
                elif isinstance(map_value, str) and not isinstance(map_value, _Literal):
                    mapping[map_key] = str(map_value)
                else:
                    mismatch(field, _describe(map_value), "string")
            result[field.name] = mapping
            continue
        converted, described = _convert(field, item)
        if described is not None:
            mismatch(field, described)
        else:
            result[field.name] = converted if not isinstance(converted, str) else str(converted)
    if first_error is not None:
        raise GoJSONError(first_error)
    return result


def bind(raw: bytes, struct: str, type_name: str, fields: Sequence[Field]) -> dict[str, Any]:
    """gin's ``ShouldBindJSON`` into the Go struct ``type_name`` (e.g. ``pty.PTYCreateRequest``)."""
    return _decode_value(_parse(raw, stream=True), struct, type_name, fields)


def unmarshal(raw: bytes | str, struct: str, type_name: str, fields: Sequence[Field]) -> dict[str, Any]:
    """``json.Unmarshal`` of a whole message into the Go struct ``type_name``."""
    return _decode_value(_parse(raw, stream=False), struct, type_name, fields)


def unmarshal_object(raw: bytes | str) -> dict[str, Any] | None:
    """``json.Unmarshal`` into ``map[string]any``: the object, or None when it is not one."""
    try:
        value = _parse(raw, stream=False)
    except GoJSONError:
        return None
    return value if isinstance(value, dict) else None


def string_field(obj: dict[str, Any], key: str) -> str:
    """Go's ``chunk[key].(string)`` on a decoded ``map[string]any``: the string, or ``""`` for anything else."""
    value = obj.get(key)
    return str(value) if isinstance(value, str) and not isinstance(value, _Literal) else ""


def dumps(value: Any) -> str:
    """``json.Marshal`` of a value built from dicts (in the order Go writes them), lists, strings, ints, bools."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char in _HTML_UNSAFE:
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def time_now() -> str:
    """The current time as Go marshals a ``time.Time`` (RFC 3339, nanoseconds without trailing zeros, UTC)."""
    nanoseconds = time.time_ns()
    seconds, fraction = divmod(nanoseconds, 1_000_000_000)
    stamp = datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S")
    digits = f"{fraction:09d}".rstrip("0")
    return f"{stamp}.{digits}Z" if digits else f"{stamp}Z"


class GoJSONResponse(Response):
    """An answer written with gin's ``c.JSON``."""

    media_type = "application/json; charset=utf-8"

    def render(self, content: Any) -> bytes:
        return dumps(content).encode("utf-8")


def gin_error(status: int, message: str) -> GoJSONResponse:
    """``c.JSON(status, gin.H{"error": message})``: the body the PTY controller sends with its errors."""
    return GoJSONResponse({"error": message}, status_code=status)


def aborted(status: int) -> Response:
    """``ctx.AbortWithError(status, err)``: gin writes the status at once, so the error middleware adds no body."""
    return Response(status_code=status)
