"""Request bodies bound the way the daemon's gin handlers bind them (``c.ShouldBindJSON``).

gin decodes the body with Go's encoding/json into a typed struct, then runs go-playground/validator on the
``validate`` tags (apps/daemon/pkg/toolbox/validator.go). What a client can observe of that, reproduced here:

- an empty body fails with ``EOF``, malformed JSON with Go's syntax message, trailing data is ignored;
- keys match struct fields exactly or, failing that, case-insensitively (Go's rule); unknown keys are ignored;
- ``null`` leaves a field at its zero value; a value of the wrong JSON type fails with
  ``json: cannot unmarshal <kind> into Go struct field <Struct>.<jsonName> of type <goType>``
  (decoding goes on, the first such error is the one reported);
- then every ``required`` field holding its zero value fails, one line per field:
  ``Key: '<Struct>.<Field>' Error:Field validation for '<Field>' failed on the 'required' tag``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

STRING, BOOL, UINT32, STRING_MAP, STRING_LIST = "string", "bool", "uint32", "map[string]string", "[]string"
_UINT32_MAX = 2**32 - 1


class BindError(Exception):
    """The body could not be bound; ``str(exc)`` is gin's error text."""


@dataclass(frozen=True)
class Field:
    json_name: str
    go_name: str
    go_type: str
    required: bool = False


@dataclass(frozen=True)
class Struct:
    name: str  # as the validator names it: ExecuteRequest
    qualified: str  # as encoding/json names it: process.ExecuteRequest
    fields: tuple[Field, ...]


def bind(raw: bytes, struct: Struct) -> dict[str, Any]:
    """Decode and validate ``raw`` into a dict keyed by JSON field name (absent/null fields are left out)."""
    value = _decode(raw)
    if value is None:
        values: dict[str, Any] = {}
    elif isinstance(value, dict):
        values = _fields(value, struct)
    else:
        raise BindError(f"json: cannot unmarshal {_kind(value)} into Go value of type {struct.qualified}")
    missing = [f for f in struct.fields if f.required and not values.get(f.json_name)]
    if missing:
        raise BindError("\n".join(_required_message(struct, f) for f in missing))
    return values


def _required_message(struct: Struct, field: Field) -> str:
    name = field.go_name
    return f"Key: '{struct.name}.{name}' Error:Field validation for '{name}' failed on the 'required' tag"


def _decode(raw: bytes) -> Any:
    text = raw.decode("utf-8", "replace")
    start = len(text) - len(text.lstrip(" \t\r\n"))
    if start == len(text):
        raise BindError("EOF")
    try:
        value, _ = json.JSONDecoder().raw_decode(text, start)
    except json.JSONDecodeError as exc:
        raise BindError(_syntax_message(exc)) from exc
    return value


def _quote(char: str) -> str:
    """A character as Go's JSON scanner quotes it in messages."""
    if char == "'":
        return "'\\''"
    if char == '"':
        return "'\"'"
    return f"'{char}'" if char.isprintable() else repr(char)


def _syntax_message(exc: json.JSONDecodeError) -> str:
    if exc.pos >= len(exc.doc) or exc.msg.startswith("Unterminated"):
        return "unexpected EOF"
    char = exc.doc[exc.pos]
    quoted = _quote(char)
    literal = {"t": "true", "f": "false", "n": "null"}.get(char)
    if literal is not None and exc.msg.startswith("Expecting value"):
        for index, expected in enumerate(literal):
            position = exc.pos + index
            if position >= len(exc.doc):
                return "unexpected EOF"
            if exc.doc[position] != expected:
                found = _quote(exc.doc[position])
                return f"invalid character {found} in literal {literal} (expecting {_quote(expected)})"
    if exc.msg.startswith("Expecting ':'"):
        return f"invalid character {quoted} after object key"
    if exc.msg.startswith("Expecting ','"):
        return f"invalid character {quoted} after object key:value pair"
    if exc.msg.startswith("Expecting property name"):
        return f"invalid character {quoted} looking for beginning of object key string"
    if exc.msg.startswith("Invalid control character"):
        return f"invalid character {quoted} in string literal"
    return f"invalid character {quoted} looking for beginning of value"


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _fields(body: dict[str, Any], struct: Struct) -> dict[str, Any]:
    values: dict[str, Any] = {}
    first_error: str | None = None
    for key, value in body.items():
        field = next((f for f in struct.fields if f.json_name == key), None) or next(
            (f for f in struct.fields if f.json_name.lower() == key.lower()), None
        )
        if field is None:
            continue
        if value is None:  # null leaves the field as it was
            continue
        converted, error = _convert(value, field, struct.name)
        if error is not None:
            first_error = first_error or error
            continue
        values[field.json_name] = converted
    if first_error is not None:
        raise BindError(first_error)
    return values


def _type_error(what: str, struct_name: str, field: Field, go_type: str) -> str:
    return f"json: cannot unmarshal {what} into Go struct field {struct_name}.{field.json_name} of type {go_type}"


def _convert(value: Any, field: Field, struct_name: str) -> tuple[Any, str | None]:
    if field.go_type == STRING:
        if isinstance(value, str):
            return value, None
        return None, _type_error(_kind(value), struct_name, field, STRING)
    if field.go_type == BOOL:
        if isinstance(value, bool):
            return value, None
        return None, _type_error(_kind(value), struct_name, field, BOOL)
    if field.go_type == UINT32:
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= _UINT32_MAX:
            return value, None
        if isinstance(value, int | float) and not isinstance(value, bool):
            return None, _type_error(f"number {json.dumps(value)}", struct_name, field, UINT32)
        return None, _type_error(_kind(value), struct_name, field, UINT32)
    if field.go_type == STRING_MAP:
        if not isinstance(value, dict):
            return None, _type_error(_kind(value), struct_name, field, STRING_MAP)
        bad = next((v for v in value.values() if v is not None and not isinstance(v, str)), None)
        if bad is not None:
            return None, _type_error(_kind(bad), struct_name, field, STRING)
        return {k: (v if v is not None else "") for k, v in value.items()}, None
    if field.go_type == STRING_LIST:
        if not isinstance(value, list):
            return None, _type_error(_kind(value), struct_name, field, STRING_LIST)
        bad = next((v for v in value if v is not None and not isinstance(v, str)), None)
        if bad is not None:
            return None, _type_error(_kind(bad), struct_name, field, STRING)
        return [v if v is not None else "" for v in value], None
    raise AssertionError(f"unknown Go type {field.go_type}")
