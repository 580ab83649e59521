"""facade.polling: Deadline.wait with a fake clock, backoff schedule, timeout validation."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import pytest

from facade._checks import timeout as validate_timeout
from facade._errors import DaytonaError, DaytonaStateError, DaytonaTimeoutError, DaytonaValidationError
from facade._polling import (
    BackoffPolicy,
    Deadline,
    FakeClock,
    MonotonicClock,
    get_default_clock,
    set_default_clock,
    use_clock,
)


@dataclass
class Snapshot:
    state: str | None
    error_reason: str | None = None


class Sequence:
    """A fetch function returning the given states in order (the last one repeats)."""

    def __init__(self, *states: str | None, reason: str | None = None) -> None:
        self.states = list(states)
        self.reason = reason
        self.calls = 0

    async def __call__(self) -> Snapshot:
        state = self.states[min(self.calls, len(self.states) - 1)]
        self.calls += 1
        return Snapshot(state, self.reason)


def waiter(
    fetch: Callable[[], Awaitable[Snapshot]], *, timeout: float | None = 60, clock: FakeClock | None = None,
    **kwargs: object,
) -> Awaitable[Snapshot]:  # fmt: skip
    options: dict[str, object] = {
        "state_of": lambda s: s.state,
        "done": lambda state: state == "started",
        "error_reason_of": lambda s: s.error_reason,
    }
    options.update(kwargs)
    return Deadline(timeout, "sandbox 'sb-1' to start", clock).wait(fetch, **options)  # type: ignore[arg-type]


@pytest.mark.asyncio
async def test_returns_the_fetch_that_reached_the_wanted_state() -> None:
    clock = FakeClock()
    fetch = Sequence("creating", "starting", "started")
    result = await waiter(fetch, clock=clock)
    assert result.state == "started"
    assert fetch.calls == 3
    assert len(clock.sleeps) == 2


@pytest.mark.asyncio
async def test_already_done_returns_without_sleeping() -> None:
    clock = FakeClock()
    fetch = Sequence("started")
    await waiter(fetch, clock=clock)
    assert fetch.calls == 1
    assert clock.sleeps == []


@pytest.mark.asyncio
async def test_terminal_state_stops_at_once_with_the_server_reason() -> None:
    clock = FakeClock()
    fetch = Sequence("creating", "error", "started", reason="disk quota exceeded")
    with pytest.raises(DaytonaStateError) as info:
        await waiter(fetch, clock=clock)
    error = info.value
    assert isinstance(error, DaytonaError)
    assert error.state == "error"
    assert error.error_reason == "disk quota exceeded"
    assert "disk quota exceeded" in str(error)
    assert "sandbox 'sb-1' to start" in str(error)
    assert fetch.calls == 2


@pytest.mark.asyncio
async def test_build_failed_is_terminal_by_default() -> None:
    with pytest.raises(DaytonaStateError):
        await waiter(Sequence("pending_build", "build_failed"), clock=FakeClock())


@pytest.mark.asyncio
async def test_timeout_reports_what_timeout_and_last_state() -> None:
    clock = FakeClock()
    fetch = Sequence("creating", "starting")
    with pytest.raises(DaytonaTimeoutError) as info:
        await waiter(fetch, clock=clock, timeout=5)
    error = info.value
    assert error.last_state == "starting"
    assert "sandbox 'sb-1' to start" in error.message
    assert "5 s" in error.message
    assert "starting" in error.message
    assert clock.now() == pytest.approx(5.0)  # slept exactly up to the deadline, not past it


@pytest.mark.asyncio
async def test_a_last_fetch_happens_at_the_deadline() -> None:
    clock = FakeClock()
    calls_at: list[float] = []

    async def fetch() -> Snapshot:
        calls_at.append(clock.now())
        return Snapshot("started" if clock.now() >= 2.0 else "starting")

    result = await waiter(fetch, clock=clock, timeout=2, policy=BackoffPolicy(initial=1.5, max_interval=1.5, jitter=0))
    assert result.state == "started"
    assert calls_at == [0.0, 1.5, 2.0]


@pytest.mark.asyncio
async def test_negative_timeout_raises_before_any_fetch() -> None:
    fetch = Sequence("started")
    with pytest.raises(DaytonaValidationError):
        await waiter(fetch, clock=FakeClock(), timeout=-1)
    assert fetch.calls == 0


@pytest.mark.asyncio
@pytest.mark.parametrize("limit", [None, 0])
async def test_none_or_zero_timeout_waits_without_deadline(limit: float | None) -> None:
    clock = FakeClock()
    fetch = Sequence(*(["starting"] * 500), "started")
    result = await waiter(fetch, clock=clock, timeout=limit)
    assert result.state == "started"
    assert clock.now() > 400  # far beyond any default deadline


@pytest.mark.asyncio
async def test_poll_intervals_grow_and_are_capped() -> None:
    clock = FakeClock()
    await waiter(Sequence(*(["starting"] * 20), "started"), clock=clock)
    sleeps = clock.sleeps
    assert 0.09 <= sleeps[0] <= 0.11  # 0.1 s ±10 %
    assert sleeps[3] > sleeps[0] * 2  # grew (0.3375 s nominal)
    assert max(sleeps) <= 1.0  # never above the cap
    assert all(0.9 <= s <= 1.0 for s in sleeps[10:])  # settled at the cap, with jitter


def test_backoff_schedule_without_jitter() -> None:
    policy = BackoffPolicy(initial=0.1, multiplier=1.5, max_interval=1.0, jitter=0)
    delays = [policy.delay(n) for n in range(8)]
    assert delays[:6] == pytest.approx([0.1, 0.15, 0.225, 0.3375, 0.50625, 0.759375])
    assert delays[6:] == [1.0, 1.0]


def test_backoff_jitter_stays_within_bounds() -> None:
    policy = BackoffPolicy(initial=0.5, multiplier=1.0, max_interval=1.0, jitter=0.1)
    assert policy.delay(0, rand=lambda: 0.0) == pytest.approx(0.45)
    assert policy.delay(0, rand=lambda: 0.999999) == pytest.approx(0.55, abs=1e-5)
    capped = BackoffPolicy(initial=1.0, max_interval=1.0, jitter=0.1)
    assert capped.delay(5, rand=lambda: 0.999999) == 1.0


def test_invalid_backoff_policy_is_rejected() -> None:
    with pytest.raises(DaytonaValidationError):
        BackoffPolicy(initial=2.0, max_interval=1.0)
    with pytest.raises(DaytonaValidationError):
        BackoffPolicy(jitter=1.5)


@pytest.mark.asyncio
async def test_default_clock_is_used_and_can_be_replaced() -> None:
    fake = FakeClock()
    with use_clock(fake):
        assert get_default_clock() is fake
        await waiter(Sequence("starting", "started"))
    assert len(fake.sleeps) == 1
    assert isinstance(get_default_clock(), MonotonicClock)


def test_set_default_clock_returns_the_previous_one() -> None:
    fake = FakeClock()
    previous = set_default_clock(fake)
    try:
        assert get_default_clock() is fake
    finally:
        assert set_default_clock(previous) is fake
    assert get_default_clock() is previous


def test_validate_timeout() -> None:
    assert validate_timeout(None) is None
    assert validate_timeout(0) is None
    assert validate_timeout(float("inf")) is None
    assert validate_timeout(5) == 5.0
    for bad in (-0.5, float("nan")):
        with pytest.raises(DaytonaValidationError, match="timeout"):
            validate_timeout(bad)
    for wrong in (True, "10"):  # one rule: a wrong type is a TypeError
        with pytest.raises(TypeError, match="timeout"):
            validate_timeout(wrong)  # type: ignore[arg-type]


@pytest.mark.asyncio
async def test_fake_clock_sleep_advances_time_without_waiting() -> None:
    clock = FakeClock(start=100.0)
    await clock.sleep(3600)
    assert clock.now() == 3700.0
    assert clock.sleeps == [3600]
