"""WebSocket and process helpers for the PTY and interpreter fidelity tests (httpx-ws, sync API).

Every wait is on an event (a frame, a close, a file, a process) with a generous ceiling, never a sleep.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from httpx_ws import WebSocketDisconnect, WebSocketNetworkError, WebSocketSession, connect_ws
from wsproto.events import BytesMessage, TextMessage

HOME = "/home/daytona"
WAIT_CEILING = 60.0  # seconds any wait may take on a busy machine before the test fails


@contextlib.contextmanager
def websocket(client: httpx.Client, path: str, **kwargs: Any) -> Iterator[WebSocketSession]:
    """A WebSocket on the sandbox's toolbox (``client`` is the ``toolbox`` fixture's client)."""
    with connect_ws(path, client, keepalive_ping_interval_seconds=None, **kwargs) as ws:
        yield ws


@dataclass
class Ending:
    """How a WebSocket ended: its close frame (code, reason), or ``dropped`` when the connection was cut
    without one; with every message received before."""

    messages: list[str | bytes] = field(default_factory=list)
    code: int | None = None
    reason: str = ""
    dropped: bool = False

    @property
    def texts(self) -> list[str]:
        return [m for m in self.messages if isinstance(m, str)]

    @property
    def output(self) -> bytes:
        return b"".join(m for m in self.messages if isinstance(m, bytes))

    @property
    def frames(self) -> list[dict[str, Any]]:
        """The text messages, parsed as JSON."""
        return [json.loads(text) for text in self.texts]


def next_message(ws: WebSocketSession, ceiling: float = WAIT_CEILING) -> str | bytes:
    """The next text or binary message (WebSocketDisconnect / WebSocketNetworkError when the socket ends)."""
    deadline = time.monotonic() + ceiling
    while True:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"no message within {ceiling} s"
        try:
            event = ws.receive(timeout=remaining)
        except queue.Empty:
            continue
        if isinstance(event, TextMessage):
            return event.data
        if isinstance(event, BytesMessage):
            return bytes(event.data)


def read_until_end(ws: WebSocketSession, ceiling: float = WAIT_CEILING) -> Ending:
    """Every message until the server closes (or drops) the connection."""
    ending = Ending()
    deadline = time.monotonic() + ceiling
    while True:
        try:
            ending.messages.append(next_message(ws, max(deadline - time.monotonic(), 0.001)))
        except WebSocketDisconnect as closed:
            ending.code, ending.reason = closed.code, closed.reason
            return ending
        except WebSocketNetworkError:
            ending.dropped = True
            return ending


def read_until(ws: WebSocketSession, needle: bytes, ceiling: float = WAIT_CEILING) -> bytes:
    """Terminal output (binary messages) until ``needle`` has appeared; returns all of it."""
    seen = bytearray()
    deadline = time.monotonic() + ceiling
    while needle not in seen:
        message = next_message(ws, max(deadline - time.monotonic(), 0.001))
        if isinstance(message, bytes):
            seen += message
    return bytes(seen)


def wait_for(predicate: Callable[[], Any], what: str, ceiling: float = WAIT_CEILING) -> Any:
    """Poll ``predicate`` until it returns something truthy (fails the test after ``ceiling`` s)."""
    deadline = time.monotonic() + ceiling
    while True:
        value = predicate()
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


def sandbox_file(emulator: Any, sandbox: dict[str, Any], sandbox_path: str) -> Path:
    """Where a sandbox path lives on this machine."""
    workspace = emulator.state.workspaces[sandbox["id"]]
    path: Path = workspace.paths.host(sandbox_path)
    return path


def processes_with(marker: str) -> list[int]:
    """Live (not zombie) processes whose command line contains ``marker``."""
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/cmdline", "rb") as cmdline:
                command = cmdline.read()
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                state = stat.read().rsplit(b")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if marker.encode() in command and state != b"Z":
            found.append(int(entry.name))
    return found
