"""Helpers shared by the facade's live tests (tests/live/conftest.py holds only the fixtures).

A plain module, imported as ``from _live_support import ...``: importing from ``conftest`` would pick
whichever ``conftest`` module pytest loaded last (tests/emulator has one too).

- ``config_for``, ``Sent``/``attach_recorder``, ``Journal``, ``NothingSent``: a facade client on the
  emulator, what it sent, what the emulator received, a transport that must stay unused.
- ``create_started_sandbox``/``delete_sandbox``/``started_sandbox``: a started sandbox made through the
  emulator's control plane with plain httpx, and a ``ToolboxContext`` for it, for tests that build
  one toolbox service directly.
- ``mock_toolbox``/``fail_if_called``: a ``ToolboxContext`` on an ``httpx.MockTransport``.
- ``assert_rejected_before_sending``: bad input raises and nothing reaches the wire.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn, TypeVar
from urllib.parse import parse_qs

import httpx
import pytest

from daytona_emulator.control.faults import RequestEntry
from daytona_emulator.server import RunningEmulator
from facade import AsyncDaytona, DaytonaConfig
from facade._config import resolve_config
from tests._ctx import ApiContext, ToolboxContext

MOCK_TOOLBOX_URL = "http://toolbox.invalid/toolbox"
MOCK_SANDBOX_ID = "sbx-1"

ServiceT = TypeVar("ServiceT")


# --------------------------------------------------------------------------- facade clients on the emulator


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


class Journal:
    """The emulator's request journal, from the moment the fixture was created."""

    def __init__(self, emulator: RunningEmulator) -> None:
        self._emulator = emulator
        self._start = len(emulator.state.requests.entries())

    def entries(self) -> list[RequestEntry]:
        return self._emulator.state.requests.entries()[self._start :]

    def matching(self, method: str, path_suffix: str) -> list[RequestEntry]:
        return [e for e in self.entries() if e.method == method and e.path.endswith(path_suffix)]


class NothingSent(httpx.AsyncBaseTransport):
    """A transport that records requests; tests assert it stayed empty."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(500, json={"message": "this test must not send requests"})


async def assert_rejected_before_sending(
    offline: tuple[AsyncDaytona, NothingSent],
    service: Callable[[ToolboxContext], ServiceT],
    call: Callable[[ServiceT], Awaitable[Any]],
    error: type[BaseException],
) -> None:
    """``call`` on a toolbox service of the ``offline`` client raises ``error`` and sends nothing."""
    client, transport = offline
    with pytest.raises(error):
        await call(service(client._ctx.at(f"{MOCK_TOOLBOX_URL}/sb-1")))
    assert transport.requests == []


# --------------------------------------------------------------------------- sandboxes made with plain httpx


def _control_plane(emulator: RunningEmulator) -> httpx.Client:
    headers = {"Authorization": f"Bearer {emulator.api_key}"}
    return httpx.Client(base_url=emulator.base_url, headers=headers, timeout=60)


def create_started_sandbox(emulator: RunningEmulator, body: dict[str, Any] | None = None) -> dict[str, Any]:
    """Create a sandbox (``body``: the ``POST /sandbox`` body) through the control plane; wait until it is started."""
    with _control_plane(emulator) as client:
        response = client.post("/sandbox", json=body or {})
        assert response.status_code in (200, 201), response.text
        sandbox: dict[str, Any] = response.json()
        deadline = time.monotonic() + 60
        while sandbox["state"] != "started":
            assert time.monotonic() < deadline, f"sandbox stuck in {sandbox['state']}"
            time.sleep(0.05)
            sandbox = client.get(f"/sandbox/{sandbox['id']}").raise_for_status().json()
        return sandbox


def delete_sandbox(emulator: RunningEmulator, sandbox_id: str) -> None:
    with _control_plane(emulator) as client:
        client.delete(f"/sandbox/{sandbox_id}")


def api_context(emulator: RunningEmulator) -> ApiContext:
    """A facade ``ApiContext`` on the emulator (close it with ``aclose``)."""
    return ApiContext(resolve_config(DaytonaConfig(api_key=emulator.api_key, api_url=emulator.base_url)))


@dataclass
class StartedSandbox:
    """A started sandbox: its control-plane record, a ``ToolboxContext`` for it, its files on the host."""

    record: dict[str, Any]
    toolbox: ToolboxContext
    root: Path

    def host(self, sandbox_path: str) -> Path:
        """Where ``sandbox_path`` lives on the emulator's disk."""
        return self.root / sandbox_path.lstrip("/")


@asynccontextmanager
async def started_sandbox(emulator: RunningEmulator) -> AsyncIterator[StartedSandbox]:
    """A started sandbox and a toolbox context for it; both are gone after the block."""
    record = create_started_sandbox(emulator)
    api = api_context(emulator)
    try:
        toolbox = api.toolbox(record["toolboxProxyUrl"], record["id"])
        yield StartedSandbox(record, toolbox, emulator.state.sandbox_root(record["id"]))
    finally:
        await api.aclose()
        delete_sandbox(emulator, record["id"])


# --------------------------------------------------------------------------- toolbox contexts on a mock transport


def fail_if_called(request: httpx.Request) -> NoReturn:
    """A ``MockTransport`` handler for tests in which nothing may be sent."""
    pytest.fail(f"nothing should have been sent, got {request.method} {request.url}")


def mock_toolbox(handler: Callable[[httpx.Request], httpx.Response]) -> tuple[ToolboxContext, ApiContext]:
    """A toolbox context whose requests ``handler`` answers; close the ``ApiContext`` when done."""
    api = ApiContext(
        resolve_config(DaytonaConfig(api_key="mock-key", api_url="http://api.invalid/api")),
        transport=httpx.MockTransport(handler),
    )
    return api.toolbox(MOCK_TOOLBOX_URL, MOCK_SANDBOX_ID), api
