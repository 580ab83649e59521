"""An ``AsyncDaytona`` on an ``httpx.MockTransport`` that knows one canned sandbox.

``GET /sandbox/sb-1`` answers with the sandbox (state and resources as configured); every other
request is recorded in ``unexpected`` and answered 500, so a test can prove that bad input raised
before anything else was sent. ``states`` can script what successive GETs return.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx

from facade import AsyncDaytona, DaytonaConfig
from facade._polling import FakeClock

SANDBOX_ID = "sb-1"
TOOLBOX = "http://toolbox.invalid/toolbox"


def sandbox_json(state: str = "started", **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": SANDBOX_ID,
        "organizationId": "org",
        "name": "canned",
        "user": "daytona",
        "env": {},
        "labels": {"code-toolbox-language": "python"},
        "public": False,
        "networkBlockAll": False,
        "target": "us",
        "cpu": 2,
        "gpu": 0,
        "memory": 4,
        "disk": 10,
        "toolboxProxyUrl": TOOLBOX,
        "state": state,
    }
    data.update(overrides)
    return data


class CannedApi:
    def __init__(self, states: list[str] | None = None, **overrides: Any) -> None:
        self._states: Iterator[str] | None = iter(states) if states else None
        self._last = (states or ["started"])[0]
        self.overrides = overrides
        self.gets = 0
        self.unexpected: list[httpx.Request] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET" and request.url.path.endswith(f"/sandbox/{SANDBOX_ID}"):
            self.gets += 1
            if self._states is not None:
                self._last = next(self._states, self._last)
            return httpx.Response(200, json=sandbox_json(self._last, **self.overrides))
        self.unexpected.append(request)
        return httpx.Response(500, json={"message": "unexpected request in an offline test"})


def offline_client(api: CannedApi, clock: FakeClock | None = None) -> AsyncDaytona:
    config = DaytonaConfig(api_key="offline-key", api_url="http://api.invalid/api", target="us")
    return AsyncDaytona._from_transport(config, httpx.MockTransport(api.handler), clock=clock)
