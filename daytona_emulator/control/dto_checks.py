"""Request validation the way the API's global ``ValidationPipe`` (class-validator) does it.

Each DTO property has a list of checks in the order class-validator registers them (decorators apply
bottom-up); every failing check adds its message; the 400 answer joins all messages with ``", "``
(the exception filter's join of the pipe's message array). ``optional`` mirrors ``@IsOptional()``:
a property that is ``null`` or absent is not checked at all.

Values are JSON values as Python sees them; JavaScript's ``typeof x === 'number'`` is "int or float but
not bool". Query strings go through :func:`js_number` first where the DTO has ``@Type(() => Number)``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from daytona_emulator.errors import bad_request

MISSING: Any = object()

# The rules behind @IsSafeDisplayString (apps/api/src/common/validators/is-safe-string.validator.ts).
_HTML_TAG = re.compile(r"<[a-zA-Z/][^>]*>?")
_URL = re.compile(
    r"https?://|ftps?://|sftp://|ssh://|wss?://|file://|ldaps?://|javascript:|data:|mailto:|tel:|www\.", re.IGNORECASE
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# validator.js isISO8601 (non-strict), which class-validator's @IsDateString uses.
_ISO8601 = re.compile(
    r"^([+-]?\d{4}(?!\d{2}\b))((-?)((0[1-9]|1[0-2])(\3([12]\d|0[1-9]|3[01]))?|W([0-4]\d|5[0-3])(-?[1-7])?"
    r"|(00[1-9]|0[1-9]\d|[12]\d{2}|3([0-5]\d|6[1-6])))([T\s]((([01]\d|2[0-3])((:?)[0-5]\d)?|24:?00)"
    r"([.,]\d+(?!:))?)?(\17[0-5]\d([.,]\d+)?)?([zZ]|([+-])([01]\d|2[0-3]):?([0-5]\d)?)?)?)?$"
)

# What JavaScript's Number(string) accepts (after trimming whitespace).
_JS_DECIMAL = re.compile(r"^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|Infinity)$")
_JS_RADIX = re.compile(r"^0([xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)$")


def is_js_number(value: Any) -> bool:
    """``typeof value === 'number'`` (NaN and infinities included)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def js_number(value: Any) -> Any:
    """class-transformer's ``@Type(() => Number)``: ``Number(value)`` for strings, element-wise for arrays."""
    if isinstance(value, list):
        return [js_number(v) for v in value]
    if not isinstance(value, str):
        return value
    text = value.strip(" \t\n\r\x0b\x0c\u00a0\ufeff")
    if text == "":
        return 0
    if _JS_RADIX.match(text):
        return int(text, 0)
    if not _JS_DECIMAL.match(text):
        return math.nan
    number = float(text.replace("Infinity", "inf"))
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


# ---- single checks: (message template, predicate) ------------------------------------------------

Predicate = Callable[[Any], bool]


@dataclass(frozen=True)
class Check:
    message: str  # "{p}" is the property name
    ok: Predicate
    each: bool = False  # class-validator's {each: true}: arrays are checked element by element


def _finite_number(v: Any) -> bool:
    return is_js_number(v) and math.isfinite(v)


def is_string(each: bool = False) -> Check:
    return Check("{p} must be a string", lambda v: isinstance(v, str), each)


def is_number() -> Check:
    return Check("{p} must be a number conforming to the specified constraints", _finite_number)


def is_int() -> Check:
    return Check("{p} must be an integer number", lambda v: _finite_number(v) and float(v).is_integer())


def minimum(bound: float) -> Check:
    return Check(f"{{p}} must not be less than {bound:g}", lambda v: is_js_number(v) and v >= bound)


def maximum(bound: float) -> Check:
    return Check(f"{{p}} must not be greater than {bound:g}", lambda v: is_js_number(v) and v <= bound)


def is_array() -> Check:
    return Check("{p} must be an array", lambda v: isinstance(v, list))


def is_object() -> Check:
    return Check("{p} must be an object", lambda v: isinstance(v, dict))


def is_enum(values: Sequence[str], each: bool = False) -> Check:
    allowed = list(values)
    return Check(f"{{p}} must be one of the following values: {', '.join(allowed)}", lambda v: v in allowed, each)


def array_min_size(size: int) -> Check:
    return Check(f"{{p}} must contain at least {size} elements", lambda v: isinstance(v, list) and len(v) >= size)


def array_max_size(size: int) -> Check:
    return Check(f"{{p}} must contain no more than {size} elements", lambda v: isinstance(v, list) and len(v) <= size)


def is_date_string() -> Check:
    return Check("{p} must be a valid ISO 8601 date string", lambda v: isinstance(v, str) and bool(_ISO8601.match(v)))


def is_safe_display_string() -> Check:
    def ok(v: Any) -> bool:
        if v is None:
            return True
        if not isinstance(v, str):
            return False
        return not (_HTML_TAG.search(v) or _URL.search(v) or _CONTROL.search(v))

    return Check("{p} must not contain HTML tags, URLs, or control characters", ok)


# ---- properties and DTOs -------------------------------------------------------------------------


@dataclass(frozen=True)
class Prop:
    """One DTO property: its checks in registration order, and whether it is ``@IsOptional()``."""

    name: str
    checks: tuple[Check, ...]
    optional: bool = False
    transform: Callable[[Any], Any] | None = None


@dataclass
class Checked:
    """The DTO after transformation: property values as the handler sees them (absent ones omitted)."""

    values: dict[str, Any] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


def _failed(check: Check, value: Any) -> bool:
    if check.each and isinstance(value, list):
        return not all(check.ok(v) for v in value)
    return not check.ok(value)


def messages(source: dict[str, Any], props: Iterable[Prop]) -> tuple[list[str], Checked]:
    """Every failing check's message, in class-validator's order, and the transformed values."""
    found: list[str] = []
    checked = Checked()
    for prop in props:
        value = source.get(prop.name, MISSING)
        if value is not MISSING and prop.transform is not None:
            value = prop.transform(value)
        if value is not MISSING:
            checked.values[prop.name] = value
        if prop.optional and (value is MISSING or value is None):
            continue
        subject = None if value is MISSING else value
        for check in prop.checks:
            if _failed(check, subject):
                prefix = "each value in " if check.each else ""
                found.append(prefix + check.message.format(p=prop.name))
    return found, checked


def validate(source: dict[str, Any], props: Iterable[Prop]) -> Checked:
    """The transformed DTO, or a 400 with every failing check's message joined by ``", "``."""
    found, checked = messages(source, props)
    if found:
        raise bad_request(", ".join(found))
    return checked


def query_source(params: Any) -> dict[str, Any]:
    """Query parameters as Express's parser gives them: one value a string, repeated ones a list."""
    source: dict[str, Any] = {}
    for key in params:
        values = params.getlist(key)
        source[key] = values[0] if len(values) == 1 else list(values)
    return source
