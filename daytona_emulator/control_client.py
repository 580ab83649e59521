"""Fault injection and the other test hooks of a running emulator, from Python, over HTTP.

    control = EmulatorControl(emulator.root_url, emulator.api_key)
    control.fail("POST", r"/api/sandbox$", status=503)          # the next create answers 503
    control.delay("GET", r"/toolbox/.*/files/download", 2.0)    # the next download waits 2 s
    control.cut("GET", r"/files/download", after_bytes=100)     # ... or stops after 100 bytes
    control.clear_faults()

Each call is one request to the emulator's ``/api/_emulator/...`` routes (not part of Daytona's API; every
field is described in :mod:`daytona_emulator.control.faults`). Paths are regular expressions searched in
the request's path: the control plane is under ``/api/...``, a sandbox's toolbox under
``/toolbox/<sandbox id>/...``. The client is synchronous, so it works from sync and async tests alike (the
emulator runs in its own process or thread). TCP-level faults (resets, early closes, stalls, refused
connections) are :class:`daytona_emulator.faultproxy.FaultProxy`'s.
"""

from __future__ import annotations

from typing import Any

import httpx

JSON = dict[str, Any]


class EmulatorControlError(RuntimeError):
    """The emulator refused a control request (e.g. an impossible fault); the message is its answer."""


class PlannedFault:
    """A fault the emulator holds: its ``id`` and how often it has acted (:attr:`hits`) or matched (:attr:`seen`)."""

    def __init__(self, control: EmulatorControl, description: JSON) -> None:
        self._control = control
        self.id = int(description["id"])
        self.description = description

    def _current(self) -> JSON:
        for fault in self._control.faults():
            if fault["id"] == self.id:
                return fault
        raise EmulatorControlError(f"fault {self.id} is no longer planned")

    @property
    def hits(self) -> int:
        """How many requests it has acted on so far."""
        return int(self._current()["hits"])

    @property
    def seen(self) -> int:
        """How many matching requests it has seen so far (acted on or not)."""
        return int(self._current()["seen"])

    def remove(self) -> None:
        """Take it back (the requests after this one are served normally)."""
        self._control._call("DELETE", f"/_emulator/faults/{self.id}")

    def __repr__(self) -> str:
        d = self.description
        return f"PlannedFault(id={self.id}, {d['method']} {d['path']!r} -> {d['kind']} {d['status']})"


class EmulatorControl:
    """The test hooks of the emulator at ``root_url`` (``http://127.0.0.1:<port>``)."""

    def __init__(self, root_url: str, api_key: str, timeout: float = 30.0) -> None:
        self._http = httpx.Client(
            base_url=f"{root_url.rstrip('/')}/api", headers={"Authorization": f"Bearer {api_key}"}, timeout=timeout
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> EmulatorControl:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(self, method: str, path: str, body: JSON | None = None) -> Any:
        response = self._http.request(method, path, json=body)
        if response.is_error:
            raise EmulatorControlError(f"{method} /api{path}: {response.status_code} {response.text}")
        return response.json() if response.content else None

    # ---- planning faults ------------------------------------------------------------------------------

    def plan(self, method: str, path: str, **fields: Any) -> PlannedFault:
        """Plan any fault: ``fields`` are the JSON fields of ``POST /api/_emulator/faults`` (camelCase)."""
        return PlannedFault(self, self._call("POST", "/_emulator/faults", {"method": method, "path": path, **fields}))

    def fail(
        self,
        method: str,
        path: str,
        status: int = 429,
        *,
        times: int | None = 1,
        body: Any = None,
        empty_body: bool = False,
        headers: dict[str, str] | None = None,
        query: str | None = None,
        nth: int = 1,
        probability: float = 1.0,
        seed: int | None = None,
        after: bool = False,
    ) -> PlannedFault:
        """Answer matching requests with ``status`` instead of the server (the API's error body unless ``body``
        or ``empty_body`` say otherwise). ``times`` None: every time; ``nth``: from the Nth match on;
        ``probability``/``seed``: a reproducible share of them; ``after``: the server acts first (its effect
        happens), then the client gets the failure."""
        fields: JSON = {
            "status": status,
            "times": times,
            "headers": headers or {},
            "nth": nth,
            "probability": probability,
            "seed": seed,
            "after": after,
            "query": query,
            "emptyBody": empty_body,
        }
        if body is not None:
            fields["body"] = body
        return self.plan(method, path, **fields)

    def rate_limit(self, method: str, path: str, retry_after: int = 1, *, times: int | None = 1) -> PlannedFault:
        """Answer 429 with ``Retry-After: retry_after`` (the service's throttler answer)."""
        return self.fail(method, path, 429, times=times, headers={"Retry-After": str(retry_after)})

    def delay(
        self, method: str, path: str, seconds: float, *, times: int | None = 1, after: bool = False
    ) -> PlannedFault:
        """Hold matching requests ``seconds`` before the server handles them (``after``: before answering)."""
        return self.plan(method, path, status=None, delay=seconds, times=times, after=after)

    def cut(self, method: str, path: str, after_bytes: int, *, times: int | None = 1) -> PlannedFault:
        """Let the server answer, then stop its body after ``after_bytes`` bytes and close the connection."""
        return self.plan(method, path, kind="cut", after=True, cutAfter=after_bytes, times=times)

    def redirect(
        self, method: str, path: str, location: str, status: int = 302, *, times: int | None = 1
    ) -> PlannedFault:
        """Answer with a redirect to ``location``."""
        return self.plan(method, path, kind="redirect", status=status, location=location, times=times)

    def corrupt_gzip(self, method: str, path: str, *, times: int | None = 1) -> PlannedFault:
        """Answer 200 with ``Content-Encoding: gzip`` and a body that is no valid gzip."""
        return self.plan(method, path, kind="gzip", times=times)

    def faults(self) -> list[JSON]:
        """Every planned fault, with its ``hits`` and ``seen`` counts."""
        return list(self._call("GET", "/_emulator/faults"))

    def clear_faults(self) -> None:
        """Remove every planned fault."""
        self._call("DELETE", "/_emulator/faults")

    # ---- other hooks ----------------------------------------------------------------------------------

    def requests(self) -> list[JSON]:
        """The emulator's journal of the requests it received (oldest first)."""
        return list(self._call("GET", "/_emulator/requests"))

    def clear_requests(self) -> None:
        self._call("DELETE", "/_emulator/requests")

    def force_error(self, sandbox: str, reason: str = "Injected error", *, recoverable: bool = True) -> JSON:
        """Put the sandbox (ID or name) into the ``error`` state; returns the sandbox as the API shows it."""
        result: JSON = self._call(
            "POST", f"/_emulator/sandboxes/{sandbox}/error", {"reason": reason, "recoverable": recoverable}
        )
        return result

    def settings(
        self,
        *,
        transition_delay: float | None = None,
        build_duration: float | None = None,
        notifications_muted: bool | None = None,
    ) -> JSON:
        """Change the seconds each lifecycle transition / image build takes, or mute the notification gateway
        (clients connect, no event comes); returns the settings now in force."""
        body: JSON = {}
        if transition_delay is not None:
            body["transitionDelay"] = transition_delay
        if build_duration is not None:
            body["buildDuration"] = build_duration
        if notifications_muted is not None:
            body["notificationsMuted"] = notifications_muted
        result: JSON = self._call("PATCH", "/_emulator/settings", body)
        return result
