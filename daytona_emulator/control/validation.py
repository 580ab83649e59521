"""class-validator's checks and messages, as the API's global ``ValidationPipe`` reports them.

A DTO is checked property by property in declaration order; each property's constraints run in the order
class-validator registered them (stacked decorators register bottom-up, so the one nearest the property
comes first). Every failed constraint adds its message; the exception filter joins them with ``", "``
and the answer is 400. ``@IsOptional()`` skips a property that is absent or null.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from daytona_emulator.errors import bad_request

Rule = Callable[[Any, str], str | None]
MISSING = object()

# apps/api/src/common/validators/is-safe-string.validator.ts
_HTML_TAG = re.compile(r"<[a-zA-Z/][^>]*>?")
_URL = re.compile(
    r"https?://|ftps?://|sftp://|ssh://|wss?://|file://|ldaps?://|javascript:|data:|mailto:|tel:|www\.",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]")


def is_number_value(value: Any) -> bool:
    """class-validator's ``isNumber``: a finite number (booleans are not numbers)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def is_safe_display_string(value: Any) -> bool:
    """``IsSafeDisplayString``: no HTML tags, no URLs or URL schemes, no control characters."""
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    return not (_HTML_TAG.search(value) or _URL.search(value) or _CONTROL.search(value))


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def is_string(value: Any, prop: str) -> str | None:
    return None if isinstance(value, str) else f"{prop} must be a string"


def is_number(value: Any, prop: str) -> str | None:
    return None if is_number_value(value) else f"{prop} must be a number conforming to the specified constraints"


def is_int(value: Any, prop: str) -> str | None:
    ok = is_number_value(value) and float(value).is_integer()
    return None if ok else f"{prop} must be an integer number"


def is_boolean(value: Any, prop: str) -> str | None:
    return None if isinstance(value, bool) else f"{prop} must be a boolean value"


def is_object(value: Any, prop: str) -> str | None:
    return None if isinstance(value, dict) else f"{prop} must be an object"


def is_array(value: Any, prop: str) -> str | None:
    return None if isinstance(value, list) else f"{prop} must be an array"


def is_date(value: Any, prop: str) -> str | None:
    return None if isinstance(value, datetime) else f"{prop} must be a Date instance"


def is_not_empty(value: Any, prop: str) -> str | None:
    return None if value not in ("", None) else f"{prop} should not be empty"


def safe_display(value: Any, prop: str) -> str | None:
    if is_safe_display_string(value):
        return None
    return f"{prop} must not contain HTML tags, URLs, or control characters"


def minimum(bound: float) -> Rule:
    def rule(value: Any, prop: str) -> str | None:
        ok = is_number_value(value) and value >= bound
        return None if ok else f"{prop} must not be less than {_fmt(bound)}"

    return rule


def maximum(bound: float) -> Rule:
    def rule(value: Any, prop: str) -> str | None:
        ok = is_number_value(value) and value <= bound
        return None if ok else f"{prop} must not be greater than {_fmt(bound)}"

    return rule


def array_min_size(size: int) -> Rule:
    def rule(value: Any, prop: str) -> str | None:
        ok = isinstance(value, list) and len(value) >= size
        return None if ok else f"{prop} must contain at least {size} elements"

    return rule


def is_enum(values: Iterable[str], message: str | None = None) -> Rule:
    allowed = list(values)

    def rule(value: Any, prop: str) -> str | None:
        if value in allowed:
            return None
        return message or f"{prop} must be one of the following values: {', '.join(allowed)}"

    return rule


def each(inner: Rule, message: str | None = None) -> Rule:
    """``{ each: true }``: the rule holds for every element of an array (or for the value itself)."""

    def rule(value: Any, prop: str) -> str | None:
        items = value if isinstance(value, list) else [value]
        for item in items:
            failed = inner(item, prop)
            if failed is not None:
                return message or f"each value in {failed}"
        return None

    return rule


class Checks:
    """Collects failed constraints over one DTO; :meth:`done` raises the 400 if any failed."""

    def __init__(self, data: dict[str, Any], prefix: str = "") -> None:
        self.data = data
        self.prefix = prefix
        self.messages: list[str] = []

    def value(self, name: str) -> Any:
        return self.data.get(name, MISSING)

    def optional(self, name: str, *rules: Rule) -> None:
        """``@IsOptional()`` then ``rules`` (in class-validator's order)."""
        value = self.data.get(name)
        if value is None:
            return
        self.required(name, *rules)

    def defined(self, name: str, *rules: Rule) -> None:
        """``@ValidateIf(value !== undefined)`` then ``rules``: only an absent property is skipped (null is not)."""
        if name in self.data:
            self.required(name, *rules)

    def required(self, name: str, *rules: Rule) -> None:
        value = self.data.get(name)
        prop = f"{self.prefix}{name}"
        for rule in rules:
            failed = rule(value, prop)
            if failed is not None:
                self.messages.append(failed)

    def nested_list(self, name: str, check_item: Callable[[Checks], None]) -> None:
        """``@ValidateNested({ each: true })`` over an array of objects; messages are prefixed ``name.i.``."""
        items = self.data.get(name)
        if not isinstance(items, list):
            return
        for index, item in enumerate(items):
            prefix = f"{self.prefix}{name}.{index}."
            if not isinstance(item, dict):
                self.messages.append(f"nested property {self.prefix}{name} must be either object or array")
                continue
            child = Checks(item, prefix)
            check_item(child)
            self.messages.extend(child.messages)

    def done(self) -> None:
        if self.messages:
            raise bad_request(", ".join(self.messages))
