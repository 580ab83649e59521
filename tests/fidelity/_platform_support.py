"""Helpers for the fidelity tests of snapshots, volumes and the service-wide endpoints."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx

from tests.fidelity.conftest import WAIT_CEILING


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def wait_json(fetch: Callable[[], httpx.Response], done: Callable[[Any], bool], what: str) -> Any:
    """Poll ``fetch`` until its JSON answer satisfies ``done`` (fails after the shared ceiling)."""
    deadline = time.monotonic() + WAIT_CEILING
    while True:
        answer = fetch()
        if answer.status_code == 200 and done(answer.json()):
            return answer.json()
        assert time.monotonic() < deadline, f"timed out waiting for {what}; last answer {answer.text}"
        time.sleep(0.02)


def wait_snapshot(api: httpx.Client, snapshot_id: str, *states: str) -> dict[str, Any]:
    return wait_json(lambda: api.get(f"/snapshots/{snapshot_id}"), lambda s: s["state"] in states, f"states {states}")


def wait_volume(api: httpx.Client, volume_id: str, *states: str) -> dict[str, Any]:
    return wait_json(lambda: api.get(f"/volumes/{volume_id}"), lambda v: v["state"] in states, f"states {states}")


def error_message(answer: httpx.Response) -> str:
    return str(answer.json()["message"])


class Made:
    """What a test created, deleted after it (``snapshots`` / ``volumes`` fixtures)."""

    def __init__(self, api: httpx.Client, collection: str) -> None:
        self.api = api
        self.collection = collection
        self.ids: list[str] = []

    def __call__(self, **body: Any) -> httpx.Response:
        """POST ``/<collection>`` with ``body``; the answer as is."""
        answer = self.api.post(f"/{self.collection}", json=body)
        if answer.status_code == 200:
            self.ids.append(answer.json()["id"])
        return answer

    def clean_up(self) -> None:
        for made_id in self.ids:
            if self.collection == "volumes":
                current = self.api.get(f"/volumes/{made_id}").json()
                if current.get("state") in ("pending_create", "creating"):
                    wait_volume(self.api, made_id, "ready", "error")
            self.api.delete(f"/{self.collection}/{made_id}")
