"""Parameter types for ``sandbox.computer_use``, and the checks run on input before anything is sent.

This module imports nothing from the generated client, so ``from facade import ScreenshotRegion``
stays cheap.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import DaytonaValidationError

__all__ = ["ScreenshotOptions", "ScreenshotRegion"]


def check_int(name: str, value: Any, *, minimum: int | None = None, positive: bool = False) -> int:
    """Return ``value`` if it is an ``int`` (not a ``bool``) within range.

    Raises:
        TypeError: If ``value`` is not an int.
        DaytonaValidationError: If it is below ``minimum`` (or not > 0 when ``positive``).
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if positive and value <= 0:
        raise DaytonaValidationError(f"{name} must be greater than 0, got {value}")
    if minimum is not None and value < minimum:
        raise DaytonaValidationError(f"{name} must be at least {minimum}, got {value}")
    return value


def check_bool(name: str, value: Any) -> bool:
    """Return ``value`` if it is a ``bool``; raise ``TypeError`` otherwise."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be a bool, not {type(value).__name__}")
    return value


def check_str(name: str, value: Any, *, allow_empty: bool = False) -> str:
    """Return ``value`` if it is a ``str`` (non-blank unless ``allow_empty``).

    Raises:
        TypeError: If ``value`` is not a str.
        DaytonaValidationError: If it is empty or only whitespace and that is not allowed.
    """
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    if not allow_empty and not value.strip():
        raise DaytonaValidationError(f"{name} must not be empty")
    return value


def check_choice(name: str, value: Any, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices`` (exact match).

    Raises:
        TypeError: If ``value`` is not a str.
        DaytonaValidationError: If it is not one of ``choices``.
    """
    options = tuple(choices)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    if value not in options:
        raise DaytonaValidationError(f"{name} must be one of {', '.join(map(repr, options))}, got {value!r}")
    return value


def check_str_list(name: str, value: Any) -> list[str]:
    """Return a new list holding the strings of ``value`` (a list or tuple of str).

    The caller's list is copied, never kept or changed.

    Raises:
        TypeError: If ``value`` is a plain string, not a list/tuple, or holds a non-str item.
        DaytonaValidationError: If an item is empty.
    """
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise TypeError(f"{name} must be a list of str, not {type(value).__name__}")
    return [check_str(f"{name}[{i}]", item) for i, item in enumerate(value)]


@dataclass(frozen=True, slots=True)
class ScreenshotRegion:
    """A rectangle of the screen, in pixels.

    Attributes:
        x: Left edge (>= 0).
        y: Top edge (>= 0).
        width: Width (> 0).
        height: Height (> 0).

    Raises:
        TypeError: If a field is not an int.
        DaytonaValidationError: If ``x``/``y`` are negative or ``width``/``height`` not positive.
    """

    x: int
    y: int
    width: int
    height: int

    def __post_init__(self) -> None:
        check_int("ScreenshotRegion.x", self.x, minimum=0)
        check_int("ScreenshotRegion.y", self.y, minimum=0)
        check_int("ScreenshotRegion.width", self.width, positive=True)
        check_int("ScreenshotRegion.height", self.height, positive=True)


@dataclass(slots=True, kw_only=True)
class ScreenshotOptions:
    """How a compressed screenshot is made. Every field left as None is not sent.

    Attributes:
        show_cursor: Draw the mouse pointer into the image (query ``showCursor``).
        fmt: Image encoding, e.g. ``"png"`` or ``"jpeg"`` (query ``format``).
        quality: Compression quality, 0..100 (query ``quality``).
        scale: Factor by which the image is scaled, > 0 (query ``scale``).

    Fields are checked when the object is built and again when it is used (it is mutable).

    Raises:
        TypeError: If a field has the wrong type.
        DaytonaValidationError: If ``fmt`` is blank, ``quality`` is outside 0..100 or ``scale``
            is not a finite number > 0.
    """

    show_cursor: bool | None = None
    fmt: str | None = None
    quality: int | None = None
    scale: float | None = None

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Check every field (see the class docstring for what raises)."""
        if self.show_cursor is not None:
            check_bool("ScreenshotOptions.show_cursor", self.show_cursor)
        if self.fmt is not None:
            check_str("ScreenshotOptions.fmt", self.fmt)
        if self.quality is not None:
            check_int("ScreenshotOptions.quality", self.quality, minimum=0)
            if self.quality > 100:
                raise DaytonaValidationError(f"ScreenshotOptions.quality must be at most 100, got {self.quality}")
        if self.scale is not None:
            scale: Any = self.scale
            if isinstance(scale, bool) or not isinstance(scale, int | float):
                raise TypeError(f"ScreenshotOptions.scale must be a number, not {type(scale).__name__}")
            if not math.isfinite(scale) or scale <= 0:
                raise DaytonaValidationError(f"ScreenshotOptions.scale must be a finite number > 0, got {scale}")
