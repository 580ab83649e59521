"""The one input-check module: every argument a user passes is checked here, before anything is sent.

One rule everywhere: a value of the wrong type raises ``TypeError``; a value of the right type that
is not allowed (empty or blank text, text that is not valid UTF-8 such as the lone surrogates
``os.listdir`` returns for undecodable names, a NUL character, a number out of range, an unknown
choice) raises :class:`~facade.DaytonaValidationError`. Both messages start with the argument's name.
Each checker returns the value (``optional=True`` lets None through unchanged).
"""

import math
import os
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import TypeVar, cast

from ._errors import DaytonaValidationError

T = TypeVar("T")
V = TypeVar("V")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SURROGATE = re.compile("[\ud800-\udfff]")


def bad(name: str, problem: str) -> DaytonaValidationError:
    """The error for a bad value of argument ``name``."""
    return DaytonaValidationError(f"{name} {problem}")


def instance(value: object, name: str, cls: type[T] | tuple[type, ...], what: str = "") -> T:
    """``value`` if it is an instance of ``cls`` (a ``bool`` only where ``cls`` is ``bool``), else ``TypeError``."""
    classes = cls if isinstance(cls, tuple) else (cls,)
    if not isinstance(value, cls) or (isinstance(value, bool) and bool not in classes):
        what = what or " or ".join(c.__name__ for c in classes)
        raise TypeError(f"{name} must be {what}, got {type(value).__name__}")
    return value  # type: ignore[return-value]


def text(value: V, name: str, *, optional: bool = False, empty: bool = False, line: bool = False) -> V:
    """A string: not empty or blank (unless ``empty``), valid UTF-8, no NUL (nor CR/LF with ``line``)."""
    if value is not None or not optional:
        got = instance(value, name, str, "a str")
        if not empty and not got.strip():
            raise bad(name, "must not be empty")
        if not got.isascii() and _SURROGATE.search(got):  # the only code points UTF-8 cannot encode
            raise bad(name, f"is not valid UTF-8 text: {value!r}")
        if "\x00" in got or (line and ("\n" in got or "\r" in got)):
            raise bad(name, f"must not contain {'NUL or line breaks' if line else 'NUL characters'}: {value!r}")
    return value


def texts(*, optional: bool = False, empty: bool = False, **values: V) -> tuple[V, ...]:
    """Several :func:`text` arguments at once (checked in order, named by their keywords), as a tuple."""
    return tuple(text(value, name, optional=optional, empty=empty) for name, value in values.items())


def integers(*, minimum: int | None = None, optional: bool = False, **values: V) -> tuple[V, ...]:
    """Several :func:`integer` arguments at once, as a tuple."""
    return tuple(integer(value, name, minimum=minimum, optional=optional) for name, value in values.items())


def integer(
    value: V, name: str, *, minimum: int | None = None, maximum: int | None = None, optional: bool = False
) -> V:
    """An ``int`` (``bool`` refused) within ``minimum``..``maximum``."""
    if value is not None or not optional:
        got = instance(value, name, int, "an int")
        if (minimum is not None and got < minimum) or (maximum is not None and got > maximum):
            limits = f"at least {minimum}" if maximum is None else f"from {minimum} to {maximum}"
            raise bad(name, f"must be {limits}, got {value}")
    return value


def number(value: V, name: str, *, positive: bool = False, optional: bool = False) -> V:
    """A finite ``int`` or ``float`` (``bool`` refused), above 0 with ``positive``."""
    if value is not None or not optional:
        got: float = instance(value, name, (int, float), "a number")
        if not math.isfinite(got) or (positive and got <= 0):
            raise bad(name, f"must be a finite number{' above 0' if positive else ''}, got {value}")
    return value


def flag(value: V, name: str, *, optional: bool = False) -> V:
    """``True`` or ``False``."""
    if value is not None or not optional:
        instance(value, name, bool, "a bool")
    return value


def choice(value: V, name: str, options: Collection[str], *, optional: bool = False) -> V:
    """One of the strings ``options``."""
    if (value is not None or not optional) and instance(value, name, str, "a str") not in options:
        raise bad(name, f"must be one of {', '.join(map(repr, options))}, got {value!r}")
    return value


def strings(value: V, name: str, *, optional: bool = False, empty: bool = False) -> V:
    """A list or tuple of strings (each checked with :func:`text`), copied into a new list."""
    if value is None and optional:
        return value
    return cast(V, each(value, name, lambda item, at: text(item, at, empty=empty), "a list of str"))


def mapping(value: V, name: str, *, optional: bool = False, env: bool = False) -> V:
    """A mapping of strings to strings, copied into a new dict; with ``env`` the keys must be variable names."""
    if value is None and optional:
        return value
    got: Mapping[object, object] = instance(value, name, Mapping, "a mapping of str to str")
    for key, item in got.items():
        text(key, f"{name} key", empty=True)
        text(item, f"{name}[{key!r}]", empty=True)
        if env and not _ENV_NAME.fullmatch(str(key)):  # text() made sure it is a str
            raise bad(name, f"has an invalid environment variable name {key!r}")
    return cast(V, dict(got))


def timeout(value: object, name: str = "timeout") -> float | None:
    """A timeout in seconds as a limit: None for none (None, 0 or infinity); negative values are refused."""
    got: float | None = None if value is None else instance(value, name, (int, float), "a number or None")
    if got is not None and (math.isnan(got) or got < 0):
        raise bad(name, f"must be a non-negative number or None, got {value!r}")
    return None if not got or math.isinf(got) else float(got)


def callback(value: V, name: str) -> V:
    """None or something callable."""
    if value is not None and not callable(value):
        raise TypeError(f"{name} must be callable, got {type(value).__name__}")
    return value


def local_path(value: object, name: str, *, directory_ok: bool = True) -> str:
    """A local path (``str`` or path object) as a ``str``; with ``directory_ok=False`` it must not be a directory."""
    path = text(instance(os.fspath(value) if isinstance(value, os.PathLike) else value, name, str, "a str"), name)
    if not directory_ok and os.path.isdir(path):
        raise bad(name, f"{path!r} is a directory; give the path of the file to write")
    return path


def each(values: object, name: str, check: Callable[[object, str], T], what: str = "a list") -> list[T]:
    """Every item of a list or tuple checked with ``check(item, "name[i]")``, as a new list."""
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise TypeError(f"{name} must be {what}, got {type(values).__name__}")
    return [check(item, f"{name}[{i}]") for i, item in enumerate(values)]
