"""gin's ``ShouldBindJSON`` into a Go struct, with the daemon's validator (`apps/daemon/pkg/toolbox/validator.go`).

Decoding follows ``encoding/json``: keys match field names exactly or case-insensitively (a later key wins),
unknown keys are ignored, ``null`` leaves a field at its zero value, a value of the wrong JSON kind is an
``UnmarshalTypeError`` (``json: cannot unmarshal number into Go struct field GitAddRequest.path of type
string``). Then ``validate:"required"`` fields are checked: a string must be non-empty, a slice or pointer
non-nil. The errors read as Go's do; callers wrap them (``invalid request body: ...``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class GoField:
    """One struct field: its Go name, its JSON name, its Go type and whether it is ``validate:"required"``."""

    go_name: str
    json_name: str
    go_type: str  # "string", "*string", "[]string", "bool", "*bool"
    required: bool = False


class BindError(Exception):
    """A decoding or validation failure, with Go's text."""


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _go_quote_char(ch: str) -> str:
    if ch == "'":
        return "'\\''"
    if ch == '"':
        return "'\"'"
    if ch.isprintable():
        return f"'{ch}'"
    return "'" + json.dumps(ch)[1:-1] + "'"


def _syntax_error(text: str, exc: json.JSONDecodeError) -> str:
    if exc.pos >= len(text.rstrip()):
        return "unexpected EOF"
    return f"invalid character {_go_quote_char(text[exc.pos])} looking for beginning of value"


def go_decode(text: str) -> Any:
    """The first JSON value of ``text`` (a Go ``json.Decoder`` ignores what follows it)."""
    start = len(text) - len(text.lstrip(" \t\r\n"))
    value, _ = json.JSONDecoder().raw_decode(text, start)
    return value


def bind(raw: bytes, struct: str, fields: tuple[GoField, ...]) -> dict[str, Any]:
    """The decoded and validated values by JSON name (zero values for absent fields)."""
    text = raw.decode("utf-8", errors="replace")
    if not text.strip():
        raise BindError("EOF")
    try:
        body = go_decode(text)
    except json.JSONDecodeError as exc:
        raise BindError(_syntax_error(text, exc)) from exc
    values: dict[str, Any] = {f.json_name: _zero(f.go_type) for f in fields}
    if body is None:
        body = {}
    if not isinstance(body, dict):
        raise BindError(f"json: cannot unmarshal {_json_kind(body)} into Go value of type {struct}")
    first_error: str | None = None
    for key, value in body.items():
        field = next((f for f in fields if key == f.json_name), None) or next(
            (f for f in fields if key.lower() == f.json_name.lower()), None
        )
        if field is None or value is None:
            if field is not None and field.go_type.startswith(("*", "[]")):
                values[field.json_name] = None
            continue
        decoded, error = _decode(value, field, struct)
        if error is not None:
            first_error = first_error or error
            continue
        values[field.json_name] = decoded
    if first_error is not None:
        raise BindError(first_error)
    failures = [
        f"Key: '{struct.split('.')[-1]}.{f.go_name}' Error:Field validation for '{f.go_name}' failed on the "
        "'required' tag"
        for f in fields
        if f.required and _is_zero(values[f.json_name], f.go_type)
    ]
    if failures:
        raise BindError("\n".join(failures))
    return values


def _zero(go_type: str) -> Any:
    return {"string": "", "bool": False}.get(go_type)


def _is_zero(value: Any, go_type: str) -> bool:
    if go_type in ("string", "bool"):
        return not value
    return value is None


def _decode(value: Any, field: GoField, struct: str) -> tuple[Any, str | None]:
    short = struct.split(".")[-1]
    element = field.go_type.removeprefix("*")

    def mismatch(kind: str, of_type: str) -> str:
        return f"json: cannot unmarshal {kind} into Go struct field {short}.{field.json_name} of type {of_type}"

    if element == "string":
        return (value, None) if isinstance(value, str) else (None, mismatch(_json_kind(value), "string"))
    if element == "bool":
        return (value, None) if isinstance(value, bool) else (None, mismatch(_json_kind(value), "bool"))
    if element == "[]string":
        if not isinstance(value, list):
            return None, mismatch(_json_kind(value), "[]string")
        items = []
        for item in value:
            if item is None:
                items.append("")
            elif isinstance(item, str):
                items.append(item)
            else:
                return None, mismatch(_json_kind(item), "string")
        return items, None
    raise ValueError(f"unsupported Go type {field.go_type}")
