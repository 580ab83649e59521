"""Helpers for the command-execution, session and isolation fidelity tests (plain HTTP and WebSockets)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import httpx
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from daytona_emulator.server import RunningEmulator

WAIT_CEILING = 60.0
SDK_0190 = {"X-Daytona-SDK-Version": "0.190.0"}
OUT, ERR = "\x01\x01\x01", "\x02\x02\x02"


def execute(toolbox: httpx.Client, command: str, **body: Any) -> dict[str, Any]:
    """``POST /process/execute``; the answer must be 200."""
    response = toolbox.post("/process/execute", json={"command": command, **body})
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def session_exec(
    toolbox: httpx.Client, session_id: str, command: str, headers: dict[str, str] | None = None, **body: Any
) -> httpx.Response:
    return toolbox.post(f"/process/session/{session_id}/exec", json={"command": command, **body}, headers=headers)


def wait_until(predicate: Callable[[], Any], what: str, ceiling: float = WAIT_CEILING) -> Any:
    """Poll `predicate` until it returns something truthy (fails the test after `ceiling` seconds)."""
    deadline = time.monotonic() + ceiling
    while True:
        found = predicate()
        if found:
            return found
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def wait_for_exit(toolbox: httpx.Client, session_id: str, command_id: str) -> dict[str, Any]:
    """Poll ``GET .../command/{id}`` until the command has an exit code."""

    def finished() -> dict[str, Any] | None:
        command: dict[str, Any] = toolbox.get(f"/process/session/{session_id}/command/{command_id}").json()
        return command if "exitCode" in command else None

    result: dict[str, Any] = wait_until(finished, f"command {command_id} to finish")
    return result


def websocket_url(toolbox: httpx.Client, path: str) -> str:
    return str(toolbox.base_url).rstrip("/").replace("http://", "ws://", 1) + path


def read_websocket(
    emulator: RunningEmulator,
    toolbox: httpx.Client,
    path: str,
    headers: dict[str, str] | None = None,
    subprotocols: list[str] | None = None,
) -> tuple[bytes, int | None, str | None]:
    """Open the WebSocket at `path`, read every frame until the server closes it.

    Returns (the frames' bytes joined, the close code, the accepted subprotocol)."""
    received = bytearray()
    with connect(
        websocket_url(toolbox, path),
        additional_headers={"Authorization": f"Bearer {emulator.api_key}", **(headers or {})},
        subprotocols=subprotocols,  # type: ignore[arg-type]
        open_timeout=WAIT_CEILING,
        close_timeout=WAIT_CEILING,
    ) as ws:
        try:
            while True:
                frame = ws.recv(timeout=WAIT_CEILING)
                received.extend(frame.encode() if isinstance(frame, str) else frame)
        except ConnectionClosed as closed:
            code = closed.rcvd.code if closed.rcvd is not None else None
        return bytes(received), code, ws.subprotocol


def run_in_interpreter(emulator: RunningEmulator, toolbox: httpx.Client, code: str) -> str:
    """Run `code` in the sandbox's default interpreter context and return what it printed on stdout."""
    printed: list[str] = []
    with connect(
        websocket_url(toolbox, "/process/interpreter/execute"),
        additional_headers={"Authorization": f"Bearer {emulator.api_key}"},
        open_timeout=WAIT_CEILING,
    ) as ws:
        ws.send(json.dumps({"code": code}))
        try:
            while True:
                frame = json.loads(ws.recv(timeout=WAIT_CEILING))
                if frame.get("type") == "stdout":
                    printed.append(frame.get("text", ""))
                if frame.get("type") in ("error", "completed", "control"):
                    break
        except ConnectionClosed:
            pass
    return "".join(printed)
