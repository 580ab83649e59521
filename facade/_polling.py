"""Waiting: the clock every wait and retry sleeps on, one poll-until-state helper, and operation deadlines.

Every wait in the SDK (sandbox start/stop/resize, snapshot build, ...) is a :meth:`Deadline.wait`: one
caller-given ``timeout`` covers every step of a multi-request operation (e.g. ``create``: request, build log,
wait). It sleeps through a :data:`Clock`, so tests and cassette replay can install a :class:`FakeClock`
(:func:`set_default_clock` / :func:`use_clock`) and run waits instantly and deterministically. The
HTTP retry layer sleeps through the same clock.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from . import _checks as check
from ._errors import DaytonaStateError, DaytonaTimeoutError

if TYPE_CHECKING:
    from ._events import Watch

T = TypeVar("T")
#: Least seconds between the safety-net polls of a wait whose notification gateway is connected.
QUIET_POLL = 5.0


class MonotonicClock:
    """The real clock: ``time.monotonic()`` and ``asyncio.sleep``."""

    now = staticmethod(time.monotonic)
    sleep = staticmethod(asyncio.sleep)  # returns at once for a negative delay


class FakeClock:
    """A clock for tests and cassette replay: ``sleep`` moves time forward without waiting.

    Each ``sleep`` still yields once to the event loop; every requested duration is kept in ``sleeps``.
    """

    def __init__(self, start: float = 0.0) -> None:
        self._now = float(start)
        self.sleeps: list[float] = []

    def now(self) -> float:
        return self._now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(max(0.0, seconds))
        self._now += max(0.0, seconds)
        await asyncio.sleep(0)

    def advance(self, seconds: float) -> None:
        """Move time forward by ``seconds`` without sleeping (e.g. to simulate a slow request)."""
        self._now += max(0.0, seconds)


#: Time source (monotonic seconds, ``now()``) and ``sleep(seconds)`` of waits and retries: the real one or a fake.
Clock = MonotonicClock | FakeClock
_default_clock: Clock = MonotonicClock()


def get_default_clock() -> Clock:
    """The clock used when a wait or retry is not given one."""
    return _default_clock


def set_default_clock(clock: Clock) -> Clock:
    """Install ``clock`` as the process-wide default and return the previous one (to restore it)."""
    global _default_clock
    previous, _default_clock = _default_clock, clock
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
    """Delays between attempts: ``initial``, times ``multiplier`` per attempt, at most ``max_interval``,
    each spread by up to ``±jitter`` (a fraction) so that many clients do not poll in lock-step."""

    initial: float = 0.1
    multiplier: float = 1.5
    max_interval: float = 1.0
    jitter: float = 0.1

    def __post_init__(self) -> None:
        if not (0 <= self.initial <= self.max_interval and self.multiplier >= 1 and 0 <= self.jitter < 1):
            raise check.bad("BackoffPolicy", "needs 0 <= initial <= max_interval, multiplier >= 1, 0 <= jitter < 1")

    def delay(self, attempt: int, rand: Callable[[], float] = random.random) -> float:
        """Delay before retry number ``attempt`` (0-based), with jitter, never above ``max_interval``."""
        base = min(self.initial * self.multiplier ** min(attempt, 64), self.max_interval)
        return min(max(0.0, base * (1 + self.jitter * (2 * rand() - 1) if self.jitter else 1)), self.max_interval)


class Deadline:
    """The time left of one operation's ``timeout`` (None or 0: no limit), read from ``clock``.

    Raises:
        TypeError / DaytonaValidationError: If ``timeout`` is not a non-negative number or None.
    """

    def __init__(self, timeout: float | None, what: str, clock: Clock | None = None) -> None:
        self.limit, self.what, self.clock = check.timeout(timeout), what, clock or get_default_clock()
        self._end = None if self.limit is None else self.clock.now() + self.limit

    def remaining(self) -> float | None:
        """Seconds left (zero or negative once expired), or None without a limit."""
        return None if self._end is None else self._end - self.clock.now()

    def expired(self, last_state: str | None = None) -> DaytonaTimeoutError:
        """The error for this deadline having passed, naming the last state seen."""
        state = f" (last state: {last_state})" if last_state else ""
        message = f"Timed out after {self.limit or 0:g} s waiting for {self.what}{state}"
        return DaytonaTimeoutError(message, last_state=last_state)

    def budget(self, last_state: str | None = None) -> float | None:
        """The time left to give a wait (None without a limit); raises the timeout error when none is left."""
        if (left := self.remaining()) is not None and left <= 0:
            raise self.expired(last_state)
        return left

    async def run(self, step: Callable[[], Awaitable[T]], last_state: str | None = None) -> T:
        """Run one step (e.g. an HTTP request) within the time left; cancelled with a timeout error when it ends."""
        try:
            async with asyncio.timeout(self.budget(last_state)):  # None: no limit
                return await step()
        except TimeoutError as exc:
            if self.limit is None:
                raise
            raise self.expired(last_state) from exc

    async def wait(
        self, fetch: Callable[[], Awaitable[T]], last_state: str | None = None, *, state_of: Callable[[T], str | None],
        done: Callable[[str | None], bool], terminal: Collection[str] = ("error", "build_failed"),
        error_reason_of: Callable[[T], object], policy: BackoffPolicy | None = None, watch: Watch | None = None,
    ) -> T:  # fmt: skip
        """Fetch a resource until its state satisfies ``done`` within the time left, and return the last fetch.

        The first fetch happens at once (unless the time is already up); later ones follow ``policy`` (default
        0.1 s growing x1.5 to 1 s, ±10 % jitter); the last sleep is shortened so that a final fetch happens at the
        deadline. ``done`` is checked before ``terminal``. Exceptions of ``fetch`` propagate. With a ``watch``
        (:mod:`facade._events`) the sleeps end early on news about the resource, and while its gateway is connected
        the polls are only a safety net, at least :data:`QUIET_POLL` apart.

        Raises:
            DaytonaStateError: If a terminal state is reached (carries ``state`` and ``error_reason``).
            DaytonaTimeoutError: If the deadline passes first (``last_state`` is the last state seen).
        """
        self.budget(last_state)
        policy, attempt, last_chance = policy or BackoffPolicy(), 0, False
        while True:
            value = await fetch()
            if done(state := state_of(value)):
                return value
            if state is not None and state in terminal:
                reason = r if isinstance(r := error_reason_of(value), str) else None
                why = f"error reason: {reason}" if reason else "no error reason given"
                message = f"Failed waiting for {self.what}: it reached state '{state}' ({why})"
                raise DaytonaStateError(message, state=state, error_reason=reason)
            quiet = QUIET_POLL if watch is not None and watch.live else 0.0  # the gateway is up: polls are a safety net
            pause, attempt = max(policy.delay(attempt), quiet), attempt + 1
            if (remaining := self.remaining()) is not None:
                if last_chance or remaining <= 0:
                    raise self.expired(state)
                pause, last_chance = min(pause, remaining), pause >= remaining
            await (self.clock.sleep(pause) if watch is None else watch.pause(pause))
