"""Fixtures for the facade's live tests: one in-process emulator per session, one facade client per test.

- ``emulator``: the running emulator (session scope). Tests may change its timing through
  ``slow_transitions`` and plan failures through ``emulator.state.faults``.
- ``daytona``: a facade ``AsyncDaytona`` pointed at it, with a ``Sent`` recorder attached that
  keeps every request the client sends (method, URL, parsed JSON body).
- ``journal``: what the emulator received since the test started (method, path, query, headers).
- ``offline``: a client whose transport fails the test if anything is sent, for bad-input tests.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from emulator.control.faults import RequestEntry
from emulator.server import RunningEmulator, running_emulator
from emulator.settings import EmulatorSettings
from facade import AsyncDaytona, AsyncSandbox, DaytonaConfig

API_KEY = "facade-live-key"
TRANSITION_DELAY = 0.05
BUILD_DURATION = 0.4


@pytest.fixture(scope="session")
def emulator() -> Iterator[RunningEmulator]:
    settings = EmulatorSettings(api_key=API_KEY, transition_delay=TRANSITION_DELAY, build_duration=BUILD_DURATION)
    with running_emulator(settings) as running:
        yield running


def config_for(emulator: RunningEmulator, **overrides: Any) -> DaytonaConfig:
    values: dict[str, Any] = {"api_key": emulator.api_key, "api_url": emulator.base_url, "target": "us"}
    values.update(overrides)
    return DaytonaConfig(**values)


@dataclass
class SentRequest:
    method: str
    url: httpx.URL
    body: Any

    @property
    def path(self) -> str:
        return self.url.path

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(self.url.query.decode(), keep_blank_values=True)


@dataclass
class Sent:
    """Every request a facade client sent (recorded by an httpx request hook)."""

    requests: list[SentRequest] = field(default_factory=list)

    async def hook(self, request: httpx.Request) -> None:
        body: Any = None
        if isinstance(request.stream, httpx.ByteStream):
            raw = request.content
            if raw:
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = raw
        self.requests.append(SentRequest(request.method, request.url, body))

    def matching(self, method: str, path_suffix: str) -> list[SentRequest]:
        return [r for r in self.requests if r.method == method and r.path.endswith(path_suffix)]

    def one(self, method: str, path_suffix: str) -> SentRequest:
        found = self.matching(method, path_suffix)
        assert len(found) == 1, f"expected one {method} *{path_suffix}, got {[(r.method, r.path) for r in found]}"
        return found[0]


def attach_recorder(client: AsyncDaytona) -> Sent:
    sent = Sent()
    client._ctx.http.event_hooks["request"].append(sent.hook)
    return sent


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


class Journal:
    """The emulator's request journal, from the moment the fixture was created."""

    def __init__(self, emulator: RunningEmulator) -> None:
        self._emulator = emulator
        self._start = len(emulator.state.requests.entries())

    def entries(self) -> list[RequestEntry]:
        return self._emulator.state.requests.entries()[self._start :]

    def matching(self, method: str, path_suffix: str) -> list[RequestEntry]:
        return [e for e in self.entries() if e.method == method and e.path.endswith(path_suffix)]


@pytest.fixture
def journal(emulator: RunningEmulator) -> Journal:
    emulator.state.requests.clear()
    return Journal(emulator)


@pytest.fixture(autouse=True)
def _no_leftover_faults(emulator: RunningEmulator) -> Iterator[None]:
    yield
    emulator.state.faults.clear()


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
            await created.delete(timeout=10)
        except Exception:  # already deleted by the test
            pass


class NothingSent(httpx.AsyncBaseTransport):
    """A transport that records requests; tests assert it stayed empty."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(500, json={"message": "this test must not send requests"})


@pytest.fixture
async def offline(emulator: RunningEmulator) -> AsyncIterator[tuple[AsyncDaytona, NothingSent]]:
    transport = NothingSent()
    client = AsyncDaytona._from_transport(config_for(emulator), transport)
    try:
        yield client, transport
    finally:
        await client.close()
