"""Helpers for the control-plane sandbox fidelity tests.

``held(emulator)`` makes the transitions planned inside it last an hour, so a sandbox stays in a
transitional state (``stopping``, ``starting``, ...) for as long as a test needs; ``finish(emulator, id)``
then applies everything planned for that sandbox at once. No test waits on a sleep.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import math
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx

from daytona_emulator.server import RunningEmulator
from tests.fidelity.conftest import WAIT_CEILING, wait_for_state

HOUR = 3600.0
ERROR_FIELDS = {"path", "timestamp", "statusCode", "error", "message"}


@contextlib.contextmanager
def held(emulator: RunningEmulator) -> Iterator[None]:
    """Transitions planned inside the block take an hour each (until :func:`finish`)."""
    settings = emulator.state.settings
    before = settings.transition_delay
    settings.transition_delay = HOUR
    try:
        yield
    finally:
        settings.transition_delay = before


def finish(emulator: RunningEmulator, sandbox_id: str) -> None:
    """Apply every step planned for the sandbox now (its transitions complete)."""
    state = emulator.state
    with state.lock:
        rec = state.sandboxes.get(sandbox_id)
        if rec is not None:
            rec.timeline.advance(math.inf)
            rec.backup.advance(math.inf)


def error(response: httpx.Response, status: int) -> str:
    """Assert an API error answer with that status and the exception filter's fields; return its message."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == ERROR_FIELDS, body
    assert body["statusCode"] == status
    return str(body["message"])


def create(api: httpx.Client, **body: Any) -> dict[str, Any]:
    """``POST /sandbox`` that must succeed; returns the answer."""
    response = api.post("/sandbox", json=body)
    assert response.status_code == 200, response.text
    return dict(response.json())


def started(api: httpx.Client, **body: Any) -> dict[str, Any]:
    """A new sandbox, once ``started``."""
    return wait_for_state(api, create(api, **body)["id"], "started")


def stopped(api: httpx.Client, **body: Any) -> dict[str, Any]:
    """A new sandbox, started then stopped."""
    sandbox = started(api, **body)
    assert api.post(f"/sandbox/{sandbox['id']}/stop").status_code == 200
    return wait_for_state(api, sandbox["id"], "stopped")


def vm_snapshot(api: httpx.Client, name: str) -> str:
    """An active ``linux-vm`` snapshot (the class that pauses and forks)."""
    existing = api.get(f"/snapshots/{name}")
    if existing.status_code == 200 and existing.json()["state"] == "active":
        return name
    if existing.status_code == 404:
        body = {"name": name, "imageName": "alpine:3.20", "sandboxClass": "linux-vm"}
        assert api.post("/snapshots", json=body).status_code in (200, 201)
    deadline = time.monotonic() + WAIT_CEILING
    while api.get(f"/snapshots/{name}").json()["state"] != "active":
        assert time.monotonic() < deadline, "the vm snapshot never became active"
        time.sleep(0.02)
    return name


def in_background(call: Callable[[], httpx.Response]) -> concurrent.futures.Future[httpx.Response]:
    """Send a request from another thread (for answers the server holds back)."""
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    future = pool.submit(call)
    pool.shutdown(wait=False)
    return future


def wait_until(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_CEILING
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


def cleanup(api: httpx.Client, emulator: RunningEmulator, *sandbox_ids: str) -> None:
    """Complete pending transitions and delete the sandboxes (children first)."""
    for sandbox_id in sandbox_ids:
        finish(emulator, sandbox_id)
        api.delete(f"/sandbox/{sandbox_id}")
        finish(emulator, sandbox_id)
