"""Waiting: one poll-until-state helper used by every wait, plus the clock it sleeps on.

Every wait in the SDK (sandbox start/stop/resize, snapshot build, ...) calls
:func:`wait_for_state`. It sleeps through a :class:`Clock`, so tests and cassette replay can
install a :class:`FakeClock` (:func:`set_default_clock` / :func:`use_clock`) and run waits
instantly and deterministically. The HTTP retry layer sleeps through the same clock.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Awaitable, Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol, TypeVar, runtime_checkable

from .errors import DaytonaStateError, DaytonaTimeoutError, DaytonaValidationError

__all__ = [
    "DEFAULT_POLL_POLICY",
    "DEFAULT_TERMINAL_STATES",
    "BackoffPolicy",
    "Clock",
    "FakeClock",
    "MonotonicClock",
    "get_default_clock",
    "set_default_clock",
    "use_clock",
    "validate_timeout",
    "wait_for_state",
]

T = TypeVar("T")

#: States that end a wait with an error, unless the caller passes its own set.
DEFAULT_TERMINAL_STATES: tuple[str, ...] = ("error", "build_failed")


@runtime_checkable
class Clock(Protocol):
    """Time source and sleep used by waits and retries."""

    def now(self) -> float:
        """Current time in seconds (monotonic; only differences matter)."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` seconds."""
        ...


class MonotonicClock:
    """The real clock: ``time.monotonic()`` and ``asyncio.sleep``."""

    def now(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        import asyncio  # deferred: keeps importing this module cheap

        await asyncio.sleep(max(0.0, seconds))

    def __repr__(self) -> str:
        return "MonotonicClock()"


class FakeClock:
    """A clock for tests and cassette replay: ``sleep`` moves time forward without waiting.

    Each ``sleep`` still yields once to the event loop, so other tasks get to run. Every
    requested duration is recorded in :attr:`sleeps`.
    """

    def __init__(self, start: float = 0.0) -> None:
        self._now = float(start)
        self.sleeps: list[float] = []

    def now(self) -> float:
        return self._now

    async def sleep(self, seconds: float) -> None:
        import asyncio  # deferred: keeps importing this module cheap

        seconds = max(0.0, seconds)
        self.sleeps.append(seconds)
        self._now += seconds
        await asyncio.sleep(0)

    def advance(self, seconds: float) -> None:
        """Move time forward by ``seconds`` without sleeping (e.g. to simulate a slow request)."""
        self._now += max(0.0, seconds)

    def __repr__(self) -> str:
        return f"FakeClock(now={self._now!r})"


_default_clock: Clock = MonotonicClock()


def get_default_clock() -> Clock:
    """The clock used when a wait or retry is not given one."""
    return _default_clock


def set_default_clock(clock: Clock) -> Clock:
    """Install ``clock`` as the process-wide default and return the previous one (to restore it)."""
    global _default_clock
    previous = _default_clock
    _default_clock = clock
    return previous


@contextmanager
def use_clock(clock: Clock) -> Iterator[Clock]:
    """Use ``clock`` as the default inside a ``with`` block, then restore the previous default."""
    previous = set_default_clock(clock)
    try:
        yield clock
    finally:
        set_default_clock(previous)


@dataclass(frozen=True, kw_only=True)
class BackoffPolicy:
    """Delays between attempts: ``initial``, then times ``multiplier`` per attempt, at most ``max_interval``.

    Each delay is then spread by up to ``±jitter`` (a fraction) and clamped to
    ``max_interval``, so many clients polling at once do not move in lock-step.

    Attributes:
        initial: First delay in seconds.
        multiplier: Growth factor per attempt (>= 1).
        max_interval: Cap on any delay, in seconds.
        jitter: Relative spread, 0.1 meaning ±10 %; 0 disables it.
    """

    initial: float = 0.1
    multiplier: float = 1.5
    max_interval: float = 1.0
    jitter: float = 0.1

    def __post_init__(self) -> None:
        if not (self.initial >= 0 and self.max_interval >= self.initial and self.multiplier >= 1):
            raise DaytonaValidationError("BackoffPolicy needs 0 <= initial <= max_interval and multiplier >= 1")
        if not 0 <= self.jitter < 1:
            raise DaytonaValidationError("BackoffPolicy.jitter must be in [0, 1)")

    def base_delay(self, attempt: int) -> float:
        """Delay before retry number ``attempt`` (0-based), without jitter."""
        if attempt <= 0:
            return self.initial
        # Grow step by step; stop early once the cap is reached (avoids huge powers).
        delay = self.initial
        for _ in range(attempt):
            delay *= self.multiplier
            if delay >= self.max_interval:
                return self.max_interval
        return delay

    def delay(self, attempt: int, rand: Callable[[], float] = random.random) -> float:
        """Delay before retry number ``attempt`` (0-based), with jitter, never above ``max_interval``.

        ``rand`` returns a float in [0, 1); pass a fixed function for reproducible delays.
        """
        base = self.base_delay(attempt)
        if self.jitter:
            base *= 1 + self.jitter * (2 * rand() - 1)
        return min(max(0.0, base), self.max_interval)


#: Polling schedule of waits: 0.1 s, growing x1.5 per poll, capped at 1 s, ±10 % jitter.
DEFAULT_POLL_POLICY = BackoffPolicy()


def validate_timeout(timeout: float | None, name: str = "timeout") -> float | None:
    """Check a user-supplied timeout and return it as a deadline length.

    Returns None when there is no deadline (``None``, ``0`` or infinity), else the value as
    a float.

    Raises:
        DaytonaValidationError: If ``timeout`` is negative, NaN or not a number.
    """
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or math.isnan(timeout):
        raise DaytonaValidationError(f"{name} must be a non-negative number or None, got {timeout!r}")
    if timeout < 0:
        raise DaytonaValidationError(f"{name} must be a non-negative number or None, got {timeout!r}")
    if timeout == 0 or math.isinf(timeout):
        return None
    return float(timeout)


async def wait_for_state(
    fetch: Callable[[], Awaitable[T]],
    *,
    state_of: Callable[[T], str | None],
    done: Callable[[str | None], bool],
    terminal: Collection[str] = DEFAULT_TERMINAL_STATES,
    error_reason_of: Callable[[T], str | None],
    timeout: float | None,
    what: str,
    clock: Clock | None = None,
    policy: BackoffPolicy | None = None,
) -> T:
    """Fetch a resource repeatedly until its state satisfies ``done``, and return the last fetch.

    The first fetch happens immediately; later ones follow ``policy`` (default: 0.1 s growing
    x1.5 to 1 s, ±10 % jitter). The last sleep is shortened so that a final fetch happens at
    the deadline. ``done`` is checked before ``terminal``. Exceptions raised by ``fetch``
    propagate unchanged; a single fetch is bounded by the HTTP timeout, not by this deadline.

    Args:
        fetch: Coroutine function returning the current resource.
        state_of: Extracts the state string (or None) from a fetched resource.
        done: True when the wanted state is reached.
        terminal: States that mean failure and end the wait at once.
        error_reason_of: Extracts the service's error reason from a fetched resource.
        timeout: Seconds to wait; None or 0 waits forever.
        what: What is awaited, for messages, e.g. ``"sandbox 'abc' to start"``.
        clock: Time source and sleep (default: :func:`get_default_clock`).
        policy: Poll schedule (default: :data:`DEFAULT_POLL_POLICY`).

    Raises:
        DaytonaValidationError: If ``timeout`` is negative (before anything is fetched).
        DaytonaStateError: If a terminal state is reached (carries ``state`` and ``error_reason``).
        DaytonaTimeoutError: If the deadline passes first (``last_state`` is the last state seen).
    """
    limit = validate_timeout(timeout)
    clock = clock if clock is not None else get_default_clock()
    policy = policy if policy is not None else DEFAULT_POLL_POLICY
    deadline = None if limit is None else clock.now() + limit
    attempt = 0
    last_chance = False
    while True:
        value = await fetch()
        state = state_of(value)
        if done(state):
            return value
        if state is not None and state in terminal:
            reason = error_reason_of(value)
            raise DaytonaStateError(
                f"Failed waiting for {what}: it reached state '{state}'"
                + (f" (error reason: {reason})" if reason else " (no error reason given)"),
                state=state,
                error_reason=reason,
            )
        pause = policy.delay(attempt)
        attempt += 1
        if deadline is not None:
            remaining = deadline - clock.now()
            if last_chance or remaining <= 0:
                raise DaytonaTimeoutError(
                    f"Timed out after {limit:g} s waiting for {what} (last state: {state or 'unknown'})",
                    last_state=state,
                )
            if pause >= remaining:
                # Sleep up to the deadline, fetch one last time, then give up.
                pause = remaining
                last_chance = True
        await clock.sleep(pause)
