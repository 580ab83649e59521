"""Fault injection: make chosen requests fail, stall, or get a broken answer on purpose, for testing clients.

A fault is planned with ``state.faults.add(method, path_regex, ...)`` (Python) or ``POST /api/_emulator/faults``
(JSON, camelCase keys: ``{"method", "path", "query", "status", "headers", "body", "emptyBody", "times",
"nth", "probability", "seed", "delay", "after", "kind", "location", "cutAfter"}``); ``GET`` lists them
(with ``hits`` and ``seen``), ``DELETE`` removes them all, ``DELETE /api/_emulator/faults/{id}`` one.

Which requests (every planned fault is tried in order; the first that acts wins):

- ``method`` (``*`` for any; a WebSocket handshake is ``GET``) and ``path_regex`` (``re.search`` in the path),
  and ``query_regex`` (``re.search`` in the raw query string, e.g. ``follow=true``), when given;
- ``nth``: acts from the Nth matching request on (the N-1 before it are served normally);
- ``probability`` with ``seed``: acts on that share of the matching requests, drawn from ``random.Random(seed)``
  (the same requests in the same order give the same choices);
- ``times``: how many times it acts (``None``: every time).

When: ``after=False`` (default) answers in the place of the server, which never sees the request;
``after=True`` lets the server handle it first (its effect happens), then the client gets the fault
instead of the real answer, or (``kind="cut"``) the real answer cut mid-body. ``delay`` seconds pass before
the answer (before the request is handled, or after it with ``after=True``); with ``status=None`` and the
default kind, the request is only delayed and then answered normally.

What the client gets (``kind``):

- ``"status"`` (default): ``status`` (default 429) with ``body`` (a JSON value), or without any body
  (``empty_body=True``), or else the API's error body (``Injected fault``; a 429's is the throttler's message);
- ``"redirect"``: a 3xx ``status`` (default 302) with ``Location: location`` and an empty body;
- ``"gzip"``: ``status`` (default 200), ``Content-Encoding: gzip`` and a body that is no valid gzip;
- ``"cut"``: the answer's body stops after ``cut_after`` bytes and the connection is closed (its
  ``Content-Length`` announces the whole body). With ``after=True`` the real answer is cut (a shorter one
  is passed whole); otherwise the answer of kind ``"status"`` is.

``headers`` are added to the answer. Answers that are not the API's own error body (a chosen ``body``,
an empty one, redirects, corrupt gzip, cut answers) are left out of the session's answer recorder.
WebSocket handshakes take ``delay`` and a refusal (the fault's answer as the HTTP denial); ``after`` does
not apply to them (a fault on the path ``/api/socket.io/$`` refuses the notification gateway's handshake). A
silent notification gateway (clients connect, no event comes) is ``state.notifications.muted = True``
(``PATCH /api/_emulator/settings {"notificationsMuted": true}``). TCP-level faults (reset, early close,
stall, refused connections) are :mod:`daytona_emulator.faultproxy`'s.
"""

from __future__ import annotations

import logging
import random
import re
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from daytona_emulator.errors import bad_request

KINDS = ("status", "redirect", "gzip", "cut")
# The status each kind answers with when none is given.
DEFAULT_STATUS = {"status": 429, "redirect": 302, "gzip": 200, "cut": 200}


class _Default:
    """The ``status`` argument left out: the kind's default."""

    def __repr__(self) -> str:
        return "DEFAULT"


DEFAULT = _Default()


@dataclass
class Fault:
    """One planned fault (see the module docstring for every field's meaning)."""

    id: int
    method: str
    path_regex: str
    status: int | None = 429
    headers: dict[str, str] = field(default_factory=dict)
    times: int | None = 1
    delay: float = 0.0
    body: Any = None
    hits: int = 0
    query_regex: str | None = None
    nth: int = 1
    probability: float = 1.0
    seed: int | None = None
    after: bool = False
    kind: str = "status"
    location: str | None = None
    cut_after: int = 0
    empty_body: bool = False
    seen: int = 0  # matching requests so far (``hits``: the ones it acted on)

    def __post_init__(self) -> None:
        self._pattern = re.compile(self.path_regex)
        self._query = None if self.query_regex is None else re.compile(self.query_regex)
        self._random = random.Random(self.seed)

    def matches(self, method: str, path: str, query: str = "") -> bool:
        if self.method not in ("*", method.upper()) or self._pattern.search(path) is None:
            return False
        return self._query is None or self._query.search(query) is not None

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.hits >= self.times

    def _acts_on_this_one(self) -> bool:
        """Counts a matching request; whether the fault acts on it (``nth``, then ``probability``)."""
        self.seen += 1
        if self.seen < self.nth:
            return False
        return self.probability >= 1.0 or self._random.random() < self.probability

    @property
    def recorded(self) -> bool:
        """Whether its answer is the API's own error body (worth checking against openapi.yaml)."""
        return self.kind == "status" and self.body is None and not self.empty_body

    def describe(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "method": self.method,
            "path": self.path_regex,
            "query": self.query_regex,
            "status": self.status,
            "headers": self.headers,
            "times": self.times,
            "nth": self.nth,
            "probability": self.probability,
            "seed": self.seed,
            "delay": self.delay,
            "after": self.after,
            "kind": self.kind,
            "location": self.location,
            "cutAfter": self.cut_after,
            "body": self.body,
            "emptyBody": self.empty_body,
            "hits": self.hits,
            "seen": self.seen,
        }


class FaultInjector:
    """Thread-safe list of planned faults; the first live match that acts wins and is consumed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._next_id = 1

    def add(
        self,
        method: str,
        path_regex: str,
        status: int | _Default | None = DEFAULT,
        headers: dict[str, str] | None = None,
        times: int | None = 1,
        delay: float = 0.0,
        body: Any = None,
        *,
        query_regex: str | None = None,
        nth: int = 1,
        probability: float = 1.0,
        seed: int | None = None,
        after: bool = False,
        kind: str = "status",
        location: str | None = None,
        cut_after: int = 0,
        empty_body: bool = False,
    ) -> Fault:
        """Plan a fault (see the module docstring); raises ValueError for a fault that cannot be."""
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}")
        code = DEFAULT_STATUS[kind] if isinstance(status, _Default) else status
        if code is not None and not 100 <= code <= 599:
            raise ValueError("status must be an HTTP status code")
        if code is None and kind != "status":
            raise ValueError(f"a {kind} fault needs a status")
        if kind == "redirect" and (code is None or not 300 <= code <= 399 or not location):
            raise ValueError("a redirect needs a 3xx status and a location")
        if times is not None and times < 1:
            raise ValueError("times must be at least 1 (or None for always)")
        if nth < 1:
            raise ValueError("nth must be at least 1")
        if not 0.0 < probability <= 1.0:
            raise ValueError("probability must be in (0, 1]")
        if delay < 0 or cut_after < 0:
            raise ValueError("delay and cut_after must be non-negative")
        if empty_body and body is not None:
            raise ValueError("a fault has a body or an empty body, not both")
        with self._lock:
            fault = Fault(
                id=self._next_id,
                method=method.upper(),
                path_regex=path_regex,
                status=code,
                headers=dict(headers or {}),
                times=times,
                delay=delay,
                body=body,
                query_regex=query_regex,
                nth=nth,
                probability=probability,
                seed=seed,
                after=after,
                kind=kind,
                location=location,
                cut_after=cut_after,
                empty_body=empty_body,
            )
            self._next_id += 1
            self._faults.append(fault)
            return fault

    def add_from_json(self, data: dict[str, Any]) -> Fault:
        """``POST /api/_emulator/faults``: the same fields in camelCase (``path`` is required)."""
        try:
            status = data.get("status", DEFAULT)
            times = data.get("times", 1)
            seed = data.get("seed")
            return self.add(
                method=str(data.get("method", "*")),
                path_regex=str(data["path"]),
                status=status if status is None or isinstance(status, _Default) else int(status),
                headers={str(k): str(v) for k, v in (data.get("headers") or {}).items()},
                times=None if times is None else int(times),
                delay=float(data.get("delay", 0.0)),
                body=data.get("body"),
                query_regex=None if data.get("query") is None else str(data["query"]),
                nth=int(data.get("nth", 1)),
                probability=float(data.get("probability", 1.0)),
                seed=None if seed is None else int(seed),
                after=_flag(data.get("after", False)),
                kind=str(data.get("kind", "status")),
                location=None if data.get("location") is None else str(data["location"]),
                cut_after=int(data.get("cutAfter", 0)),
                empty_body=_flag(data.get("emptyBody", False)),
            )
        except KeyError as exc:
            raise bad_request("path is required") from exc
        except (TypeError, ValueError, re.error) as exc:
            raise bad_request(f"invalid fault: {exc}") from exc

    def take(self, method: str, path: str, query: str = "") -> Fault | None:
        """The fault that acts on this request, if any (its ``hits`` counts it)."""
        with self._lock:
            for fault in self._faults:
                if not fault.exhausted and fault.matches(method, path, query) and fault._acts_on_this_one():
                    fault.hits += 1
                    return fault
            return None

    def remove(self, fault_id: int) -> bool:
        with self._lock:
            before = len(self._faults)
            self._faults = [f for f in self._faults if f.id != fault_id]
            return len(self._faults) != before

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def items(self) -> list[Fault]:
        with self._lock:
            return list(self._faults)


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("after and emptyBody must be booleans")
    return value


# ---- answers cut on purpose --------------------------------------------------------------------------------

_CUT_MESSAGE = "ASGI callable returned without completing response."
_expected_cuts = 0
_cuts_lock = threading.Lock()


def expect_cut() -> None:
    """An answer is left incomplete on purpose: the server's one error line about it is not logged."""
    global _expected_cuts
    with _cuts_lock:
        _expected_cuts += 1


class _ExpectedCutFilter(logging.Filter):
    """Drops uvicorn's error line for an answer a fault cut (only as many as were cut on purpose)."""

    def filter(self, record: logging.LogRecord) -> bool:
        global _expected_cuts
        if record.getMessage() != _CUT_MESSAGE:
            return True
        with _cuts_lock:
            if _expected_cuts > 0:
                _expected_cuts -= 1
                return False
        return True


def quiet_expected_cuts() -> None:
    logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _ExpectedCutFilter) for f in logger.filters):
        logger.addFilter(_ExpectedCutFilter())


@dataclass
class RequestEntry:
    method: str
    path: str
    query: str
    headers: dict[str, str]


class RequestJournal:
    """The most recent requests the emulator received (for asserting on client behaviour)."""

    def __init__(self, maxlen: int = 2000) -> None:
        self._lock = threading.Lock()
        self._entries: deque[RequestEntry] = deque(maxlen=maxlen)

    def add(self, entry: RequestEntry) -> None:
        with self._lock:
            self._entries.append(entry)

    def entries(self) -> list[RequestEntry]:
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
