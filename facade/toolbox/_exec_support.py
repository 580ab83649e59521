"""Shared helpers of the process and interpreter services: input checks, command timeouts, typed calls.

Internal: nothing here is public API.
"""

from __future__ import annotations

import inspect
import math
import re
import types
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, TypeVar

import httpx

from .._api import ToolboxContext
from ..errors import DaytonaError, DaytonaTimeoutError, DaytonaValidationError
from ..polling import validate_timeout

__all__ = [
    "COMMAND_TIMEOUT_MARGIN",
    "call_with_timeout",
    "check_env",
    "check_handler",
    "check_id",
    "check_strings",
    "check_text",
    "command_timeout",
    "expect",
    "http_timeout",
    "invoke",
    "unset_to_none",
]

T = TypeVar("T")

#: Seconds the HTTP read timeout of a command exceeds the command's own timeout, so the
#: daemon's answer (exit code and output of the stopped command) arrives before the client gives up.
COMMAND_TIMEOUT_MARGIN = 10.0

_ENV_KEY_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def check_id(value: object, name: str) -> str:
    """Return ``value`` if it is a non-blank string; raise TypeError / DaytonaValidationError otherwise."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {type(value).__name__}")
    if not value.strip():
        raise DaytonaValidationError(f"{name} must not be empty")
    return value


def check_text(value: object, name: str) -> str:
    """Return ``value`` if it is a string that is not blank (a command or code snippet)."""
    return check_id(value, name)


def check_env(value: Mapping[str, str] | None, name: str) -> dict[str, str] | None:
    """Return a copy of an environment mapping after checking its keys and values.

    Keys must be valid variable names (letters, digits, underscores; not starting with a
    digit) and values strings. None stays None. The caller's mapping is never modified.
    """
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a mapping of strings to strings, got {type(value).__name__}")
    copied: dict[str, str] = {}
    for key, item in value.items():
        if not isinstance(key, str) or not isinstance(item, str):
            raise TypeError(f"{name} must map strings to strings, got {key!r}: {type(item).__name__}")
        if not _ENV_KEY_RE.match(key):
            raise DaytonaValidationError(f"{name}: invalid environment variable name {key!r}")
        copied[key] = item
    return copied


def check_strings(value: Sequence[str] | None, name: str) -> list[str] | None:
    """Return a list copy of a sequence of strings (argv), or None."""
    if value is None:
        return None
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise TypeError(f"{name} must be a list of strings, got {type(value).__name__}")
    items = list(value)
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"{name} must be a list of strings, got an item of type {type(item).__name__}")
    return items


def command_timeout(timeout: float | None) -> tuple[int | None, float | None]:
    """Check a command timeout and return ``(wire_value, limit)``.

    ``wire_value`` is what goes in the request body: None when no timeout was given, else
    the value rounded up to whole seconds (0 is sent as 0). ``limit`` is the timeout in
    seconds, or None when there is none (None or 0).

    Raises:
        DaytonaValidationError: If ``timeout`` is negative or not a number.
    """
    limit = validate_timeout(timeout)
    if timeout is None:
        return None, None
    return math.ceil(timeout), limit


def http_timeout(http: httpx.AsyncClient, limit: float | None) -> httpx.Timeout:
    """The HTTP timeout of a request that waits for a command.

    Connect, write and pool timeouts are the client's. The read timeout is the command's
    ``limit`` plus :data:`COMMAND_TIMEOUT_MARGIN`, or none at all when the command has no
    limit (the daemon decides how long it may run; no hidden client-side cap).
    """
    base = http.timeout
    read = None if limit is None else limit + COMMAND_TIMEOUT_MARGIN
    return httpx.Timeout(connect=base.connect, read=read, write=base.write, pool=base.pool)


def _timed_operation(op: types.ModuleType, timeout: httpx.Timeout) -> types.ModuleType:
    """A stand-in for generated operation ``op`` whose requests carry ``timeout``."""
    shim = types.ModuleType(op.__name__)

    def _get_kwargs(*args: Any, **kwargs: Any) -> dict[str, Any]:
        request: dict[str, Any] = op._get_kwargs(*args, **kwargs)
        request["timeout"] = timeout
        return request

    setattr(shim, "_get_kwargs", _get_kwargs)  # noqa: B010 - module attributes are set dynamically
    setattr(shim, "_parse_response", op._parse_response)  # noqa: B010
    return shim


async def call_with_timeout(
    ctx: ToolboxContext,
    op: types.ModuleType,
    *args: Any,
    limit: float | None,
    error_prefix: str,
    **kwargs: Any,
) -> Any:
    """``ctx.call`` for an operation that waits for a command of at most ``limit`` seconds.

    The request's read timeout is ``limit`` plus a margin (none without a limit). A 408
    answer (the daemon stopped the command at its timeout) becomes DaytonaTimeoutError.
    """
    timed = _timed_operation(op, http_timeout(ctx.http, limit))
    try:
        return await ctx.call(timed, *args, error_prefix=error_prefix, **kwargs)
    except DaytonaError as exc:
        if exc.status_code == 408 and not isinstance(exc, DaytonaTimeoutError):
            raise DaytonaTimeoutError(exc.message, exc.status_code, exc.headers, exc.error_code) from exc
        raise


def unset_to_none(value: Any) -> Any:
    """Map the generated client's ``UNSET`` marker to None."""
    from daytona_openapi.types import Unset

    return None if isinstance(value, Unset) else value


def expect(value: Any, cls: type[T], what: str) -> T:
    """Return ``value`` if it is a ``cls``; otherwise raise DaytonaError naming ``what``."""
    if not isinstance(value, cls):
        raise DaytonaError(f"{what}: unexpected response from the toolbox ({type(value).__name__})")
    return value


async def invoke(handler: Callable[[T], Any], value: T) -> None:
    """Call a user callback with ``value``; await its result if it is awaitable (async callbacks)."""
    result = handler(value)
    if inspect.isawaitable(result):
        await result


def check_handler(handler: Callable[[T], None] | Callable[[T], Awaitable[None]] | None, name: str) -> None:
    """Check that ``handler`` is callable (or None)."""
    if handler is not None and not callable(handler):
        raise TypeError(f"{name} must be callable, got {type(handler).__name__}")
