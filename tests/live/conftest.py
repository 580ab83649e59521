"""Fixtures for the facade's live tests: in-process emulators per session, one facade client per test.

- ``emulator``: the running emulator (session scope). Tests may change its timing through
  ``slow_transitions`` and plan failures through ``daytona_emulator.state.faults``.
- ``instant_emulator``: a second one whose lifecycle transitions and builds take no time (session
  scope), for the tests that make their sandboxes with plain httpx (``_live_support.started_sandbox``).
- ``daytona``: a facade ``AsyncDaytona`` pointed at ``emulator``, with a ``Sent`` recorder attached
  that keeps every request the client sends (method, URL, parsed JSON body).
- ``journal``: what the emulator received since the test started (method, path, query, headers).
- ``offline``: a client whose transport records what is sent, for bad-input tests (assert it stays empty).
- ``offline_toolbox``: a toolbox context whose transport fails the test if anything is sent.

The helper classes and functions live in ``_live_support``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator

import pytest
from _live_support import Journal, NothingSent, Sent, attach_recorder, config_for, fail_if_called, mock_toolbox

from daytona_emulator.server import RunningEmulator, running_emulator
from daytona_emulator.settings import EmulatorSettings
from facade import AsyncDaytona, AsyncSandbox
from tests._ctx import ToolboxContext

API_KEY = "facade-live-key"
TRANSITION_DELAY = 0.05
BUILD_DURATION = 0.4
EMULATOR_FIXTURES = ("emulator", "instant_emulator")


@pytest.fixture(scope="session")
def emulator() -> Iterator[RunningEmulator]:
    settings = EmulatorSettings(api_key=API_KEY, transition_delay=TRANSITION_DELAY, build_duration=BUILD_DURATION)
    with running_emulator(settings) as running:
        yield running


@pytest.fixture(scope="session")
def instant_emulator() -> Iterator[RunningEmulator]:
    with running_emulator(EmulatorSettings(transition_delay=0, build_duration=0)) as running:
        yield running


@pytest.fixture
async def daytona(emulator: RunningEmulator) -> AsyncIterator[AsyncDaytona]:
    client = AsyncDaytona(config_for(emulator))
    client.sent = attach_recorder(client)  # type: ignore[attr-defined]
    try:
        yield client
    finally:
        await client.close()


@pytest.fixture
def sent(daytona: AsyncDaytona) -> Sent:
    recorder: Sent = daytona.sent  # type: ignore[attr-defined]
    return recorder


@pytest.fixture
def journal(emulator: RunningEmulator) -> Journal:
    emulator.state.requests.clear()
    return Journal(emulator)


@pytest.fixture(autouse=True)
def _no_leftover_faults(request: pytest.FixtureRequest) -> Iterator[None]:
    """Clear the faults a test planned on the emulator(s) it used, without starting any other."""
    used = [request.getfixturevalue(name) for name in EMULATOR_FIXTURES if name in request.fixturenames]
    yield
    for running in used:
        running.state.faults.clear()


@pytest.fixture
def slow_transitions(emulator: RunningEmulator) -> Iterator[Callable[[float], None]]:
    """Call with a delay (seconds) to slow every lifecycle transition for this test."""
    settings = emulator.state.settings
    original = settings.transition_delay

    def set_delay(delay: float) -> None:
        settings.transition_delay = delay

    yield set_delay
    settings.transition_delay = original


@pytest.fixture
async def sandbox(daytona: AsyncDaytona) -> AsyncIterator[AsyncSandbox]:
    """A started sandbox, deleted after the test."""
    created = await daytona.create()
    try:
        yield created
    finally:
        try:
            await created.delete(timeout=60)
        except Exception:  # already deleted by the test
            pass


@pytest.fixture
async def offline(emulator: RunningEmulator) -> AsyncIterator[tuple[AsyncDaytona, NothingSent]]:
    transport = NothingSent()
    client = AsyncDaytona._from_transport(config_for(emulator), transport)
    try:
        yield client, transport
    finally:
        await client.close()


@pytest.fixture
async def offline_toolbox() -> AsyncIterator[ToolboxContext]:
    toolbox, api = mock_toolbox(fail_if_called)
    try:
        yield toolbox
    finally:
        await api.aclose()
