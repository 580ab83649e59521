"""What the daemon's Go request handling does to a request, reproduced for the emulator's toolbox handlers.

- `decode_struct`: gin's ``ShouldBindJSON`` into a Go struct (``encoding/json``): the first JSON value of the
  body is decoded (anything after it is ignored), keys match field names exactly or case-insensitively,
  ``null`` leaves a field as it was, a value of the wrong JSON type is an error, an empty body is ``EOF``.
  The error texts are Go's.
- `go_quote`: Go's ``%q`` of a string (``strconv.Quote``), used in the daemon's error messages.
- `parse_go_int` / `parse_go_float` / `parse_go_bool`: ``strconv.Atoi`` / ``ParseFloat`` / ``ParseBool``.
- `go_time`: a time as Go's ``time.Time`` marshals it to JSON (RFC 3339 with trimmed nanoseconds).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
_WHITESPACE = " \t\r\n"


class GoJsonError(Exception):
    """A decoding error, with Go's message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class GoStruct:
    """A Go struct type for decoding: its (package-qualified) name and its JSON fields with their Go types.

    A field's type is one of ``"int"``, ``"string"``, ``"bool"``, ``"float64"``, ``"[]string"``, ``"any"``,
    another `GoStruct`, or a `GoPointer` to one.
    """

    name: str
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def short_name(self) -> str:
        return self.name.rsplit(".", 1)[-1]


@dataclass(frozen=True)
class GoPointer:
    """A pointer to a struct (``*T``): ``null`` or absent stays ``None``."""

    target: GoStruct


def zero_value(kind: Any) -> Any:
    """Go's zero value of a field type."""
    if kind == "int":
        return 0
    if kind == "float64":
        return 0.0
    if kind == "string":
        return ""
    if kind == "bool":
        return False
    if isinstance(kind, GoStruct):
        return {name: zero_value(sub) for name, sub in kind.fields.items()}
    return None  # "[]string" (nil), "any" (nil), pointers


def decode_struct(raw: bytes, struct: GoStruct) -> dict[str, Any]:
    """Decode a request body into ``struct`` as ``json.NewDecoder(body).Decode(&value)`` does.

    Returns every field (absent ones at their zero value); raises `GoJsonError` with Go's message.
    """
    text = raw.decode("utf-8", errors="replace")
    start = len(text) - len(text.lstrip(_WHITESPACE))
    if start == len(text):
        raise GoJsonError("EOF")
    try:
        value, _ = json.JSONDecoder(object_pairs_hook=_Pairs, parse_float=_Float).raw_decode(text, start)
    except json.JSONDecodeError as exc:
        raise GoJsonError(_syntax_message(exc)) from exc
    result = zero_value(struct)
    if value is None:
        return dict(result)
    errors: list[str] = []
    if not isinstance(value, _Pairs):
        raise GoJsonError(f"json: cannot unmarshal {_json_kind(value)} into Go value of type {struct.name}")
    _fill(result, value, struct, struct.short_name, "", errors)
    if errors:
        raise GoJsonError(errors[0])
    return dict(result)


class _Pairs(list[tuple[str, Any]]):
    """A JSON object as its key/value pairs in order (duplicates kept, as Go sees them)."""


class _Float(float):
    """A JSON number with a fraction or exponent, remembering how it was written (Go quotes it in errors)."""

    literal: str

    def __new__(cls, literal: str) -> _Float:
        number = super().__new__(cls, literal)
        number.literal = literal
        return number


def _json_kind(value: Any) -> str:
    if isinstance(value, _Pairs):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "bool"
    return "number"


def _field_for(struct: GoStruct, key: str) -> str | None:
    if key in struct.fields:
        return key
    folded = key.lower()
    return next((name for name in struct.fields if name.lower() == folded), None)


def _fill(target: dict[str, Any], pairs: _Pairs, struct: GoStruct, owner: str, prefix: str, errors: list[str]) -> None:
    for key, value in pairs:
        name = _field_for(struct, key)
        if name is None or value is None:
            continue
        target[name] = _convert(target[name], value, struct.fields[name], owner, prefix + name, errors)


def _type_error(value: Any, kind_name: str, owner: str, path: str, literal: bool = False) -> str:
    described = _json_kind(value)
    if literal:
        described = f"number {value.literal if isinstance(value, _Float) else value}"
    return f"json: cannot unmarshal {described} into Go struct field {owner}.{path} of type {kind_name}"


def _convert(current: Any, value: Any, kind: Any, owner: str, path: str, errors: list[str]) -> Any:
    if kind == "any":
        return _plain(value)
    if isinstance(kind, GoPointer):
        if not isinstance(value, _Pairs):
            errors.append(_type_error(value, kind.target.short_name, owner, path))
            return current
        inner = current if isinstance(current, dict) else zero_value(kind.target)
        _fill(inner, value, kind.target, owner, path + ".", errors)
        return inner
    if isinstance(kind, GoStruct):
        if not isinstance(value, _Pairs):
            errors.append(_type_error(value, kind.name, owner, path))
            return current
        _fill(current, value, kind, owner, path + ".", errors)
        return current
    if kind == "[]string":
        if not isinstance(value, list) or isinstance(value, _Pairs):
            errors.append(_type_error(value, "[]string", owner, path))
            return current
        items: list[str] = []
        for item in value:
            if item is None:
                items.append("")
            elif isinstance(item, str):
                items.append(item)
            else:
                errors.append(_type_error(item, "string", owner, path))
                items.append("")
        return items
    if kind == "string":
        if isinstance(value, str):
            return value
    elif kind == "bool":
        if isinstance(value, bool):
            return value
    elif kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            if _INT64_MIN <= value <= _INT64_MAX:
                return value
            errors.append(_type_error(value, "int", owner, path, literal=True))
            return current
        if isinstance(value, float):
            errors.append(_type_error(value, "int", owner, path, literal=True))
            return current
    elif kind == "float64" and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    errors.append(_type_error(value, kind if isinstance(kind, str) else "value", owner, path))
    return current


def _plain(value: Any) -> Any:
    if isinstance(value, _Pairs):
        return {key: _plain(item) for key, item in value}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


_SYNTAX_CONTEXTS = {
    "Expecting value": "looking for beginning of value",
    "Expecting property name enclosed in double quotes": "looking for beginning of object key string",
    "Expecting ':' delimiter": "after object key",
    "Expecting ',' delimiter": "after object key:value pair",
}


def _syntax_message(exc: json.JSONDecodeError) -> str:
    if exc.pos >= len(exc.doc.rstrip(_WHITESPACE)):
        return "unexpected EOF"
    char = exc.doc[exc.pos]
    context = _SYNTAX_CONTEXTS.get(exc.msg, "looking for beginning of value")
    if context == "after object key:value pair" and _inside_array(exc.doc, exc.pos):
        context = "after array element"
    if char in "\"'":
        quoted = "'\\''" if char == "'" else "'\"'"
    else:
        quoted = "'" + go_quote(char)[1:-1] + "'"
    return f"invalid character {quoted} {context}"


def _inside_array(doc: str, pos: int) -> bool:
    depth: list[str] = []
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
        elif char in "[{":
            depth.append(char)
        elif char in "]}" and depth:
            depth.pop()
    return bool(depth) and depth[-1] == "["


# --- strconv --------------------------------------------------------------------------------------------
_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}


def go_quote(text: str) -> str:
    """Go's ``strconv.Quote`` (what ``%q`` prints for a string)."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char == " " or (char.isprintable() and not 0xD800 <= code <= 0xDFFF):
            out.append(char)
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


_GO_INT = re.compile(r"[+-]?[0-9]+")
_GO_DECIMAL_FLOAT = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_GO_HEX_FLOAT = re.compile(r"[+-]?0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?[0-9]+")
_GO_SPECIAL_FLOAT = re.compile(r"([+-]?)(inf|infinity)|nan", re.IGNORECASE)


def parse_go_int(raw: str) -> int | None:
    """``strconv.Atoi``: the integer, or None where Go reports an error (syntax or out of int64 range)."""
    if not _GO_INT.fullmatch(raw):
        return None
    value = int(raw)
    return value if _INT64_MIN <= value <= _INT64_MAX else None


def parse_go_float(raw: str) -> float | None:
    """``strconv.ParseFloat(raw, 64)``: the number, or None where Go reports an error (syntax or range)."""
    special = _GO_SPECIAL_FLOAT.fullmatch(raw)
    if special:
        if raw.lower() == "nan":
            return math.nan
        return -math.inf if special.group(1) == "-" else math.inf
    if _GO_HEX_FLOAT.fullmatch(raw):
        value = float.fromhex(raw)
    elif _GO_DECIMAL_FLOAT.fullmatch(raw):
        value = float(raw)
    else:
        return None
    return None if math.isinf(value) else value


_GO_TRUE = {"1", "t", "T", "TRUE", "true", "True"}
_GO_FALSE = {"0", "f", "F", "FALSE", "false", "False"}


def parse_go_bool(raw: str) -> bool | None:
    """``strconv.ParseBool``: the value, or None where Go reports an error."""
    if raw in _GO_TRUE:
        return True
    if raw in _GO_FALSE:
        return False
    return None


def go_int(value: float) -> int:
    """Go's ``int(f)`` of a float64 on amd64: truncation toward zero; NaN and overflow give MinInt64."""
    if math.isnan(value) or math.isinf(value) or not _INT64_MIN <= value <= _INT64_MAX:
        return _INT64_MIN
    return int(value)


def go_time(moment: datetime | int) -> str:
    """A UTC time (a datetime, or nanoseconds since the epoch) as Go's ``time.Time`` marshals it."""
    if isinstance(moment, datetime):
        moment = moment.astimezone(UTC)
        seconds = int(moment.replace(microsecond=0).timestamp())
        nanos = moment.microsecond * 1000
    else:
        seconds, nanos = divmod(moment, 1_000_000_000)
    text = datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S")
    fraction = f"{nanos:09d}".rstrip("0")
    return f"{text}.{fraction}Z" if fraction else f"{text}Z"
