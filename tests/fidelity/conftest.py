"""Fixtures for the emulator's fidelity tests: each test checks one rule of Daytona v0.190.0 and names the
upstream source file that defines it with ``@pytest.mark.upstream("apps/...")``.

- ``emulator``: one in-process emulator for the session (short lifecycle delays).
- ``api``: a plain ``httpx.Client`` on its control plane (``/api``), with the bearer token.
- ``anon``: the same without any credentials.
- ``new_sandbox``: a factory; ``new_sandbox(**body)`` creates a sandbox (``POST /sandbox``), waits until it
  is ``started`` and returns its JSON; every sandbox it made is deleted after the test.
- ``toolbox``: ``toolbox(sandbox)`` is a plain ``httpx.Client`` on that sandbox's toolbox
  (``{toolboxProxyUrl}/{id}``).

Area-specific helpers live in ``tests/fidelity/_<area>_support.py`` modules, not here.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from daytona_emulator.server import RunningEmulator, running_emulator
from daytona_emulator.settings import EmulatorSettings

API_KEY = "fidelity-key"
WAIT_CEILING = 60.0


@pytest.fixture(scope="session")
def emulator() -> Iterator[RunningEmulator]:
    settings = EmulatorSettings(api_key=API_KEY, transition_delay=0.05, build_duration=0.3)
    with running_emulator(settings) as running:
        yield running


def _client(base_url: str, api_key: str | None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    return httpx.Client(base_url=base_url, headers=headers, timeout=WAIT_CEILING)


@pytest.fixture
def api(emulator: RunningEmulator) -> Iterator[httpx.Client]:
    with _client(emulator.base_url, emulator.api_key) as client:
        yield client


@pytest.fixture
def anon(emulator: RunningEmulator) -> Iterator[httpx.Client]:
    with _client(emulator.base_url, None) as client:
        yield client


def wait_for_state(api: httpx.Client, sandbox_id: str, *states: str, ceiling: float = WAIT_CEILING) -> dict[str, Any]:
    """Poll ``GET /sandbox/{id}`` until its state is one of ``states`` (fails the test after ``ceiling`` s)."""
    deadline = time.monotonic() + ceiling
    while True:
        sandbox: dict[str, Any] = api.get(f"/sandbox/{sandbox_id}").raise_for_status().json()
        if sandbox["state"] in states:
            return sandbox
        assert time.monotonic() < deadline, f"sandbox {sandbox_id} stuck in {sandbox['state']}, wanted {states}"
        time.sleep(0.02)


@pytest.fixture
def new_sandbox(api: httpx.Client) -> Iterator[Callable[..., dict[str, Any]]]:
    made: list[str] = []

    def create(**body: Any) -> dict[str, Any]:
        response = api.post("/sandbox", json=body)
        assert response.status_code in (200, 201), response.text
        made.append(response.json()["id"])
        return wait_for_state(api, response.json()["id"], "started")

    yield create
    for sandbox_id in made:
        api.delete(f"/sandbox/{sandbox_id}")


@pytest.fixture
def toolbox(emulator: RunningEmulator) -> Iterator[Callable[[dict[str, Any]], httpx.Client]]:
    clients: list[httpx.Client] = []

    def open_toolbox(sandbox: dict[str, Any]) -> httpx.Client:
        client = _client(f"{sandbox['toolboxProxyUrl'].rstrip('/')}/{sandbox['id']}", emulator.api_key)
        clients.append(client)
        return client

    yield open_toolbox
    for client in clients:
        client.close()
