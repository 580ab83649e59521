"""Fixtures for the emulator's tests: one in-process emulator per session, one official client per test."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from daytona import AsyncDaytona, DaytonaConfig

from daytona_emulator.server import RunningEmulator, running_emulator
from daytona_emulator.settings import EmulatorSettings

API_KEY = "test-emulator-key"
TRANSITION_DELAY = 0.1
# Longer than the official SDK's 1 s snapshot poll, so it sees a build in progress and streams its logs.
BUILD_DURATION = 1.3


@pytest.fixture(scope="session")
def emulator() -> Iterator[RunningEmulator]:
    settings = EmulatorSettings(api_key=API_KEY, transition_delay=TRANSITION_DELAY, build_duration=BUILD_DURATION)
    with running_emulator(settings) as running:
        yield running


@pytest.fixture
async def daytona(emulator: RunningEmulator) -> AsyncIterator[AsyncDaytona]:
    client = AsyncDaytona(DaytonaConfig(api_key=emulator.api_key, api_url=emulator.base_url, target="us"))
    try:
        yield client
    finally:
        await client.close()
