"""Fault injection: make chosen requests fail (or stall) on purpose, for testing clients."""

from __future__ import annotations

import re
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from emulator.errors import bad_request


@dataclass
class Fault:
    """Answer the next ``times`` requests matching ``method`` and ``path_regex`` with ``status``.

    ``path_regex`` is searched (``re.search``) in the request path, e.g. ``/api/sandbox/[^/]+/start$``.
    ``method`` is an HTTP method or ``*``; WebSocket handshakes count as ``GET``. ``times=None``
    means every matching request. ``delay`` seconds pass before answering; with ``status=None``
    the request is only delayed and then served normally. ``body`` replaces the API error body.
    """

    id: int
    method: str
    path_regex: str
    status: int | None = 429
    headers: dict[str, str] = field(default_factory=dict)
    times: int | None = 1
    delay: float = 0.0
    body: Any = None
    hits: int = 0

    def __post_init__(self) -> None:
        self._pattern = re.compile(self.path_regex)

    def matches(self, method: str, path: str) -> bool:
        return self.method in ("*", method.upper()) and self._pattern.search(path) is not None

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.hits >= self.times

    def describe(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "method": self.method,
            "path": self.path_regex,
            "status": self.status,
            "headers": self.headers,
            "times": self.times,
            "delay": self.delay,
            "body": self.body,
            "hits": self.hits,
        }


class FaultInjector:
    """Thread-safe list of planned faults; the first live match wins and is consumed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._next_id = 1

    def add(
        self,
        method: str,
        path_regex: str,
        status: int | None = 429,
        headers: dict[str, str] | None = None,
        times: int | None = 1,
        delay: float = 0.0,
        body: Any = None,
    ) -> Fault:
        if status is not None and not 100 <= status <= 599:
            raise ValueError("status must be an HTTP status code")
        if times is not None and times < 1:
            raise ValueError("times must be at least 1 (or None for always)")
        if delay < 0:
            raise ValueError("delay must be non-negative")
        with self._lock:
            fault = Fault(
                id=self._next_id,
                method=method.upper(),
                path_regex=path_regex,
                status=status,
                headers=dict(headers or {}),
                times=times,
                delay=delay,
                body=body,
            )
            self._next_id += 1
            self._faults.append(fault)
            return fault

    def add_from_json(self, data: dict[str, Any]) -> Fault:
        try:
            return self.add(
                method=str(data.get("method", "*")),
                path_regex=str(data["path"]),
                status=None if data.get("status", 429) is None else int(data.get("status", 429)),
                headers={str(k): str(v) for k, v in (data.get("headers") or {}).items()},
                times=None if data.get("times", 1) is None else int(data.get("times", 1)),
                delay=float(data.get("delay", 0.0)),
                body=data.get("body"),
            )
        except KeyError as exc:
            raise bad_request("path is required") from exc
        except (TypeError, ValueError, re.error) as exc:
            raise bad_request(f"invalid fault: {exc}") from exc

    def take(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if not fault.exhausted and fault.matches(method, path):
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
