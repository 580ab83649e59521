"""An optional record of the answers the emulator sends: status, Content-Type and small JSON bodies.

Off by default. A :class:`ResponseRecorder` passed to :func:`install` is attached to every emulator
created afterwards in this process (``EmulatorState.response_recorder``); the test suite installs one for
the whole session and checks every recorded answer against openapi.yaml when the session ends.

Only what a check needs is kept: JSON bodies up to ``max_body`` bytes (other bodies are not kept, so file
downloads and log streams cost nothing), and each distinct answer once (polling repeats the same ones).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from starlette.types import Message, Send

MAX_JSON_BODY = 1_000_000
WEBSOCKET_ACCEPTED = 101
# What uvicorn answers a handshake the app closed without accepting (and without an HTTP answer).
WEBSOCKET_REFUSED = 403


@dataclass(frozen=True, slots=True)
class RecordedResponse:
    method: str
    path: str
    status: int
    content_type: str | None
    body: bytes | None  # a JSON body of at most ``max_body`` bytes, or b"" for an empty one, else None
    websocket: bool = False


def _is_json(content_type: str | None) -> bool:
    kind = (content_type or "").split(";", 1)[0].strip().lower()
    return kind == "application/json" or kind.endswith("+json")


class ResponseRecorder:
    """Thread-safe set of distinct answers (the server thread adds, the test thread reads)."""

    def __init__(self, max_body: int = MAX_JSON_BODY) -> None:
        self.max_body = max_body
        self._lock = threading.Lock()
        self._seen: dict[RecordedResponse, int] = {}

    def add(self, response: RecordedResponse) -> None:
        with self._lock:
            self._seen[response] = self._seen.get(response, 0) + 1

    def responses(self) -> list[RecordedResponse]:
        """Every distinct answer recorded, in the order first seen."""
        with self._lock:
            return list(self._seen)

    def count(self) -> int:
        """How many answers were recorded (repeats included)."""
        with self._lock:
            return sum(self._seen.values())

    def clear(self) -> None:
        with self._lock:
            self._seen.clear()

    def watch(self, scope_type: str, method: str, path: str, send: Send) -> ResponseWatcher:
        """A ``send`` that passes every message on and records the answer it carries."""
        return ResponseWatcher(self, scope_type == "websocket", method, path, send)


class ResponseWatcher:
    """Wraps an ASGI ``send``; ``ignore()`` drops the answer (a deliberately malformed injected fault)."""

    __slots__ = ("_body", "_content_type", "_done", "_recorder", "_send", "_status", "method", "path", "websocket")

    def __init__(self, recorder: ResponseRecorder, websocket: bool, method: str, path: str, send: Send) -> None:
        self._recorder = recorder
        self._send = send
        self.websocket = websocket
        self.method = method
        self.path = path
        self._status = 0
        self._content_type: str | None = None
        self._body: bytearray | None = None
        self._done = False

    def ignore(self) -> None:
        self._done = True

    def _record(self, body: bytes | None) -> None:
        self._done = True
        self._recorder.add(
            RecordedResponse(self.method, self.path, self._status, self._content_type, body, self.websocket)
        )

    async def __call__(self, message: Message) -> None:
        if not self._done:
            self._observe(message)
        await self._send(message)

    def _observe(self, message: Message) -> None:
        kind = message["type"]
        if kind in ("http.response.start", "websocket.http.response.start"):
            self._status = int(message["status"])
            headers: Any = message.get("headers") or []
            self._content_type = next(
                (bytes(v).decode("latin-1") for k, v in headers if bytes(k).lower() == b"content-type"), None
            )
            length = next((bytes(v) for k, v in headers if bytes(k).lower() == b"content-length"), None)
            too_long = length is not None and length.isdigit() and int(length) > self._recorder.max_body
            if _is_json(self._content_type) and not too_long:
                self._body = bytearray()
            else:  # the body is not kept: record now (a stream may never end), noting only an empty one
                self._record(b"" if length == b"0" else None)
        elif kind in ("http.response.body", "websocket.http.response.body"):
            if self._body is not None:
                self._body.extend(message.get("body", b""))
                if len(self._body) > self._recorder.max_body:
                    self._body = None
                    self._record(None)
                    return
            if not message.get("more_body", False):
                self._record(None if self._body is None else bytes(self._body))
        elif kind == "websocket.accept":
            self._status = WEBSOCKET_ACCEPTED
            self._record(None)
        elif kind == "websocket.close":
            self._status = WEBSOCKET_REFUSED
            self._record(None)


_lock = threading.Lock()
_installed: ResponseRecorder | None = None


def install(recorder: ResponseRecorder) -> None:
    """Attach ``recorder`` to every emulator created from now on in this process."""
    global _installed
    with _lock:
        _installed = recorder


def uninstall(recorder: ResponseRecorder) -> None:
    global _installed
    with _lock:
        if _installed is recorder:
            _installed = None


def installed() -> ResponseRecorder | None:
    """The recorder new emulators attach to, if one is installed."""
    return _installed
