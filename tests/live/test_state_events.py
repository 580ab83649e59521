"""The client side of the notification gateway (``facade._events``) against the emulator's gateway.

Every wait is bounded by ``CEILING`` through ``asyncio.wait_for``; a ``pause`` asked for longer than the
ceiling can only end in time by the news it waits for.
"""

from __future__ import annotations

import asyncio

import pytest
from _live_support import create_started_sandbox, delete_sandbox

from daytona_emulator.server import RunningEmulator
from facade._events import StateEvents

CEILING = 60.0
FOREVER = 10 * CEILING


def events_for(emulator: RunningEmulator, token: str | None = None) -> StateEvents:
    return StateEvents(emulator.base_url, token or emulator.api_key)


async def until(condition: object, what: str) -> None:
    """Yield to the loop until ``condition()`` holds (bounded by the ceiling)."""

    async def poll() -> None:
        while not condition():  # type: ignore[operator]  # noqa: ASYNC110 (the hub has no event to wait on)
            await asyncio.sleep(0.01)

    try:
        await asyncio.wait_for(poll(), CEILING)
    except TimeoutError:
        pytest.fail(f"{what} within {CEILING} s")


async def test_a_watch_connects_and_wakes_on_its_sandboxs_state_change(emulator: RunningEmulator) -> None:
    sandbox = create_started_sandbox(emulator)
    events = events_for(emulator)
    try:
        async with events.watch(sandbox["id"]) as watch:
            await asyncio.wait_for(watch.pause(FOREVER), CEILING)  # the connection itself is news
            assert watch.live
            stopping = asyncio.get_running_loop().run_in_executor(None, _stop, emulator, sandbox["id"])
            await asyncio.wait_for(watch.pause(FOREVER), CEILING)
            await stopping
            pushed = watch.take()
            assert pushed is not None and pushed["id"] == sandbox["id"], "the event carries the sandbox"
            assert watch.take() is None, "handed over once"
        assert not events.live, "the connection closes with the last watch"
    finally:
        delete_sandbox(emulator, sandbox["id"])


async def test_an_event_bigger_than_aiohttps_default_message_limit_keeps_the_connection(
    emulator: RunningEmulator,
) -> None:
    # Events carry the whole record (a big Dockerfile in build info, here a 5 MiB label): aiohttp refuses
    # WebSocket messages over 4 MiB by default, which dropped the connection and left the wait to polls.
    sandbox = create_started_sandbox(emulator, {"labels": {"big": "x" * (5 << 20)}})
    hub, events = emulator.state.notifications, events_for(emulator)
    try:
        async with events.watch(sandbox["id"]) as watch:
            await asyncio.wait_for(watch.pause(FOREVER), CEILING)
            assert watch.live
            connections = hub._listeners
            stopping = asyncio.get_running_loop().run_in_executor(None, _stop, emulator, sandbox["id"])
            await asyncio.wait_for(watch.pause(FOREVER), CEILING)
            await stopping
            pushed = watch.take()
            assert pushed is not None and pushed["id"] == sandbox["id"], "the big event was received"
            assert watch.live and hub._listeners == connections, "on the same connection"
    finally:
        delete_sandbox(emulator, sandbox["id"])


async def test_a_watch_sleeps_through_other_sandboxes_changes(emulator: RunningEmulator) -> None:
    mine, other = create_started_sandbox(emulator), create_started_sandbox(emulator)
    events = events_for(emulator)
    try:
        async with events.watch(mine["id"]) as watch:
            await asyncio.wait_for(watch.pause(FOREVER), CEILING)
            assert watch.live
            await asyncio.get_running_loop().run_in_executor(None, _stop, emulator, other["id"])
            await watch.pause(0.2)  # no news about mine: the full pause
            assert watch.take() is None, "no record was pushed for this sandbox"
    finally:
        delete_sandbox(emulator, mine["id"])
        delete_sandbox(emulator, other["id"])


async def test_watches_share_one_connection_opened_while_they_last(emulator: RunningEmulator) -> None:
    hub, events = emulator.state.notifications, events_for(emulator)
    before = hub._listeners
    async with events.watch("a") as first, events.watch("b") as second:
        await asyncio.wait_for(first.pause(FOREVER), CEILING)
        assert first.live and second.live
        assert hub._listeners == before + 1, "one connection for both watches"
        async with events.watch("c") as third:
            assert third.live and hub._listeners == before + 1, "a third watch reuses it"
    assert not events.live
    await until(lambda: hub._listeners == before, "the gateway sees the connection close")


async def test_a_refused_handshake_leaves_watches_polling(emulator: RunningEmulator) -> None:
    events = events_for(emulator, token="not-a-key")
    async with events.watch("x") as watch:
        await asyncio.wait_for(watch.pause(FOREVER), CEILING)  # the refusal wakes the wait to poll
        assert not watch.live


async def test_an_unreachable_gateway_leaves_watches_polling() -> None:
    events = StateEvents("http://127.0.0.1:9/api", "key")
    async with events.watch("x") as watch:
        await asyncio.wait_for(watch.pause(FOREVER), CEILING)
        assert not watch.live


def test_the_token_is_not_in_the_repr() -> None:
    events = StateEvents("https://app.daytona.io/api", "dtn_secret_key_123456", organization_id="org-1")
    assert "dtn_secret" not in repr(events)
    assert events._path == "/api/socket.io" and events._url == "https://app.daytona.io?organizationId=org-1"


def _stop(emulator: RunningEmulator, sandbox_id: str) -> None:
    import httpx

    headers = {"Authorization": f"Bearer {emulator.api_key}"}
    with httpx.Client(base_url=emulator.base_url, headers=headers, timeout=CEILING) as api:
        api.post(f"/sandbox/{sandbox_id}/stop").raise_for_status()


# ---- waits of the facade on the gateway -------------------------------------------------------------------


async def _stop_and_count_polls(daytona: object, sandbox: object, sent: object) -> int:
    before = len(sent.matching("GET", f"/sandbox/{sandbox.id}"))  # type: ignore[attr-defined]
    await sandbox.stop(timeout=CEILING)  # type: ignore[attr-defined]
    assert sandbox.state == "stopped"  # type: ignore[attr-defined]
    return len(sent.matching("GET", f"/sandbox/{sandbox.id}")) - before  # type: ignore[attr-defined]


async def test_a_wait_learns_the_new_state_from_the_gateway_not_from_polls(
    daytona: object, sandbox: object, sent: object, slow_transitions: object
) -> None:
    slow_transitions(3.0)  # type: ignore[operator]  # polling alone would ask about 7 times in 3 s
    polls = await _stop_and_count_polls(daytona, sandbox, sent)
    assert polls <= 2, f"{polls} polls: the first one, and one once the gateway is connected"


async def test_a_refused_gateway_leaves_the_wait_to_polls(
    daytona: object, sandbox: object, sent: object, slow_transitions: object, emulator: RunningEmulator
) -> None:
    slow_transitions(1.0)  # type: ignore[operator]
    emulator.state.faults.add("GET", r"^/api/socket\.io/$", status=503, times=None)
    polls = await _stop_and_count_polls(daytona, sandbox, sent)
    assert polls >= 3, "without the gateway the wait polls until the state changes"


async def test_a_silent_gateway_leaves_the_wait_to_its_safety_polls(
    daytona: object, sandbox: object, sent: object, slow_transitions: object, emulator: RunningEmulator
) -> None:
    slow_transitions(0.5)  # type: ignore[operator]
    emulator.state.notifications.muted = True
    try:
        polls = await _stop_and_count_polls(daytona, sandbox, sent)
    finally:
        emulator.state.notifications.muted = False
    assert polls >= 2
