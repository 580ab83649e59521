"""The control plane's private helpers: build-log following (line splitting) and whole-operation deadlines."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from facade._errors import DaytonaTimeoutError, DaytonaValidationError
from facade._http import Endpoint
from facade._polling import Deadline, FakeClock
from facade._services import emit


async def _followed(chunks: list[bytes]) -> list[str]:
    """The lines ``follow_log`` passes on for a finite log stream sent in ``chunks``."""
    import httpx

    from facade._services import follow_log

    async def body() -> AsyncIterator[bytes]:
        for chunk in chunks:
            yield chunk

    async def never() -> bool:
        return False

    lines: list[str] = []
    async with httpx.AsyncClient(transport=httpx.MockTransport(lambda r: httpx.Response(200, content=body()))) as http:
        await follow_log(Endpoint(http, "http://api.invalid/api"), "http://logs.invalid/b", lines.append, never, "")
    return lines


async def test_follow_log_gives_the_same_lines_however_the_text_is_chunked() -> None:
    text = b"#0 one\r\n#1 two\n#2 three\rfour\nlast"
    expected = await _followed([text])
    assert expected == ["#0 one", "#1 two", "#2 three", "four", "last"]
    for size in (1, 2, 3, 7):
        assert await _followed([text[start : start + size] for start in range(0, len(text), size)]) == expected, size


async def test_follow_log_keeps_empty_lines_and_adds_none_after_a_complete_last_line() -> None:
    assert await _followed([b"a\n\nb\n"]) == ["a", "", "b"]


async def test_emit_awaits_async_callbacks() -> None:
    seen: list[str] = []

    async def callback(line: str) -> None:
        await asyncio.sleep(0)
        seen.append(line)

    await emit(callback, "x")
    await emit(seen.append, "y")
    assert seen == ["x", "y"]


def test_deadline_rejects_negative_timeouts_and_treats_zero_as_none() -> None:
    with pytest.raises(DaytonaValidationError):
        Deadline(-1, "x")
    assert Deadline(0, "x").remaining() is None
    assert Deadline(None, "x").budget() is None


def test_deadline_counts_on_the_given_clock() -> None:
    clock = FakeClock()
    deadline = Deadline(10, "sandbox 'a' to start", clock)
    clock.advance(4)
    assert deadline.budget("starting") == pytest.approx(6)
    clock.advance(6)
    with pytest.raises(DaytonaTimeoutError) as info:
        deadline.budget("starting")
    assert info.value.last_state == "starting"
    assert str(info.value) == "Timed out after 10 s waiting for sandbox 'a' to start (last state: starting)"


async def test_deadline_run_cancels_a_step_that_outlives_it() -> None:
    deadline = Deadline(0.05, "slow step")
    cancelled = asyncio.Event()

    async def slow() -> None:
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    with pytest.raises(DaytonaTimeoutError):
        await deadline.run(slow, "creating")
    assert cancelled.is_set()


async def test_deadline_run_does_not_start_a_step_when_time_is_up() -> None:
    clock = FakeClock()
    deadline = Deadline(1, "x", clock)
    clock.advance(2)
    started = False

    async def step() -> None:
        nonlocal started
        started = True

    with pytest.raises(DaytonaTimeoutError):
        await deadline.run(step)
    assert not started


async def test_follow_log_stops_an_endless_stream_once_the_build_is_over_twice() -> None:
    import httpx

    from facade._services import follow_log

    requests: list[httpx.Request] = []

    async def endless() -> AsyncIterator[bytes]:
        yield b"step 1\nstep "
        yield b"2\n"
        await asyncio.sleep(3600)  # a server that never closes the follow stream
        yield b"never"

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, content=endless())

    answers = iter([False, True, True])
    checks = 0

    async def is_finished() -> bool:
        nonlocal checks
        checks += 1
        return next(answers)

    lines: list[str] = []
    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
        api = Endpoint(http, "http://api.invalid/api")
        await asyncio.wait_for(
            follow_log(api, "http://logs.invalid/b?x=1", lines.append, is_finished, "", idle_seconds=0.02), timeout=60
        )
    assert lines == ["step 1", "step 2"]
    assert checks == 3  # False, then True twice in a row
    assert requests[0].url.params["follow"] == "true" and requests[0].url.params["x"] == "1"


async def test_follow_log_maps_an_http_error_status() -> None:
    import httpx

    from facade._errors import DaytonaNotFoundError
    from facade._services import follow_log

    async def never() -> bool:
        return False

    transport = httpx.MockTransport(lambda request: httpx.Response(404, json={"message": "no log"}))
    async with httpx.AsyncClient(transport=transport) as http:
        with pytest.raises(DaytonaNotFoundError, match=r"^Failed to get build logs: no log$"):
            api = Endpoint(http, "http://api.invalid/api")
            await follow_log(api, "http://logs.invalid/b", print, never, "Failed to get build logs: ")
