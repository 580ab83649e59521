"""One caller-given timeout shared by every step of a multi-request operation.

``AsyncDaytona.create`` or ``AsyncSandbox.start`` send a request, maybe stream a build log, then
wait for a state: the caller's ``timeout`` covers all of it. A :class:`Deadline` is made first
(which checks the timeout before anything is sent), bounds each HTTP step by the time left and
hands the rest to :func:`facade.polling.wait_for_state`. Time is read from the polling
:class:`~facade.polling.Clock`, so a :class:`~facade.polling.FakeClock` makes waits instant.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from .errors import DaytonaTimeoutError
from .polling import Clock, get_default_clock, validate_timeout

__all__ = ["Deadline"]

T = TypeVar("T")


class Deadline:
    """The time left of one operation's ``timeout``.

    Args:
        timeout: Seconds the whole operation may take; None or 0 means no limit.
        what: What is awaited, for messages, e.g. ``"sandbox 'abc' to start"``.
        clock: Time source (default: the polling default clock at construction time).

    Raises:
        DaytonaValidationError: If ``timeout`` is negative or not a number.
    """

    def __init__(self, timeout: float | None, what: str, clock: Clock | None = None) -> None:
        self.limit = validate_timeout(timeout)
        self.what = what
        self.clock = clock if clock is not None else get_default_clock()
        self._end = None if self.limit is None else self.clock.now() + self.limit

    def remaining(self) -> float | None:
        """Seconds left (may be zero or negative once expired), or None without a limit."""
        if self._end is None:
            return None
        return self._end - self.clock.now()

    def expired(self, last_state: str | None = None) -> DaytonaTimeoutError:
        """The error for this deadline having passed, naming the last state seen."""
        state = f" (last state: {last_state})" if last_state else ""
        limit = self.limit if self.limit is not None else 0.0
        return DaytonaTimeoutError(f"Timed out after {limit:g} s waiting for {self.what}{state}", last_state=last_state)

    def wait_budget(self, last_state: str | None = None) -> float | None:
        """The timeout to give a wait: the time left, or None without a limit.

        Raises:
            DaytonaTimeoutError: If no time is left.
        """
        left = self.remaining()
        if left is None:
            return None
        if left <= 0:
            raise self.expired(last_state)
        return left

    async def run(self, step: Callable[[], Awaitable[T]], last_state: str | None = None) -> T:
        """Run one step (e.g. an HTTP request) within the time left.

        ``step`` is only called when time is left. If it is still running when the deadline
        passes it is cancelled and :class:`DaytonaTimeoutError` is raised.
        """
        left = self.wait_budget(last_state)
        if left is None:
            return await step()
        try:
            async with asyncio.timeout(left):
                return await step()
        except TimeoutError as exc:
            raise self.expired(last_state) from exc
