"""Small helpers shared by the toolbox handlers: finding the workspace, reading input, WebSocket plumbing."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from starlette.requests import HTTPConnection, Request
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from daytona_emulator.errors import EmulatorHTTPError, bad_request, error_response

if TYPE_CHECKING:
    from daytona_emulator.toolbox.workspace import SandboxWorkspace, StartOptions

T = TypeVar("T")


async def workspace_of(conn: HTTPConnection) -> SandboxWorkspace:
    """The started workspace of the sandbox named in the path (the control plane raises 404/409 itself).

    The first request to a sandbox starts its workspace: its namespaces and its entrypoint."""
    state = conn.app.state.emulator
    sandbox_id = conn.path_params["sandboxId"]
    found = state.workspace_for(sandbox_id)
    if inspect.isawaitable(found):
        found = await found
    workspace: SandboxWorkspace = found
    if workspace.closed:
        raise EmulatorHTTPError(409, "sandbox is not running", code="CONFLICT")
    await workspace.start(_start_options(state, sandbox_id))
    return workspace


def _start_options(state: Any, sandbox_id: str) -> StartOptions:
    """What the control plane knows of a sandbox that matters to its processes (read defensively: the
    control plane's records are not this package's)."""
    from daytona_emulator.toolbox.workspace import DEFAULT_ENTRYPOINT, StartOptions

    settings = getattr(state, "settings", None)
    options = StartOptions(isolate=bool(getattr(settings, "sandbox_isolation", True)))
    data_dir = getattr(state, "data_dir", None)
    if data_dir is not None:
        options.hide.append(Path(data_dir))
    sandbox = getattr(state, "sandboxes", {}).get(sandbox_id)
    snapshot_name = getattr(sandbox, "snapshot", None)
    options.snapshot = snapshot_name or ""
    snapshot = next(
        (s for s in getattr(state, "snapshots", {}).values() if getattr(s, "name", None) == snapshot_name), None
    )
    entrypoint = getattr(snapshot, "entrypoint", None)
    options.entrypoint = tuple(entrypoint) if entrypoint else DEFAULT_ENTRYPOINT
    return options


async def json_body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except ValueError as exc:
        raise bad_request(f"invalid JSON body: {exc}") from exc
    if not isinstance(body, dict):
        raise bad_request("the request body must be a JSON object")
    return body


def required(data: dict[str, Any] | Any, name: str, kind: type[T] = str) -> T:  # type: ignore[assignment]
    """A required field of a JSON body or query mapping, checked for type."""
    value = data.get(name)
    if value is None or (kind is str and value == ""):
        raise bad_request(f"{name} is required")
    if kind is int and isinstance(value, str):
        value = parse_int(value, name)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise bad_request(f"{name} must be of type {kind.__name__}")
    return value


def optional(data: dict[str, Any], name: str, kind: type[T], default: T | None = None) -> T | None:
    value = data.get(name)
    if value is None:
        return default
    if kind is int and isinstance(value, str):
        value = parse_int(value, name)
    if kind is float and isinstance(value, int | str) and not isinstance(value, bool):
        try:
            value = float(value)
        except ValueError as exc:
            raise bad_request(f"{name} must be a number") from exc
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise bad_request(f"{name} must be of type {kind.__name__}")
    return value


def parse_int(raw: str, name: str) -> int:
    try:
        return int(raw)
    except ValueError as exc:
        raise bad_request(f"{name} must be an integer") from exc


def query_bool(request: HTTPConnection, name: str, default: bool = False) -> bool:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no"):
        return False
    raise bad_request(f"{name} must be true or false")


def string_map(value: Any, name: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise bad_request(f"{name} must be an object of strings")
    return value


def now_iso() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


async def reject_websocket(websocket: WebSocket, exc: EmulatorHTTPError) -> None:
    """Refuse a WebSocket with the API's JSON error (as an HTTP answer when the server allows it)."""
    if "websocket.http.response" in websocket.scope.get("extensions", {}):
        await websocket.send_denial_response(error_response(exc, websocket))
        return
    await websocket.close(code=1008, reason=exc.message[:120])


def websocket_endpoint(handler: Callable[[WebSocket], Awaitable[None]]) -> Callable[[WebSocket], Awaitable[None]]:
    """Wrap a WebSocket handler so an EmulatorHTTPError raised before accepting refuses the handshake."""

    async def endpoint(websocket: WebSocket) -> None:
        try:
            await handler(websocket)
        except EmulatorHTTPError as exc:
            if websocket.application_state == WebSocketState.CONNECTING:
                await reject_websocket(websocket, exc)
            elif websocket.application_state == WebSocketState.CONNECTED:
                with contextlib.suppress(Exception):
                    await websocket.close(code=1011, reason=exc.message[:120])
        except WebSocketDisconnect:
            pass

    endpoint.__name__ = handler.__name__
    return endpoint


async def until_disconnected(websocket: WebSocket, work: Awaitable[None], on_message: Any = None) -> bool:
    """Run `work` while watching the client; returns False if the client went away first.

    Messages the client sends meanwhile go to `on_message(message)` (an async callable), if given.
    """

    async def watch() -> None:
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                return
            if on_message is not None:
                await on_message(message)

    work_task = asyncio.ensure_future(work)
    watch_task = asyncio.ensure_future(watch())
    try:
        done, _ = await asyncio.wait({work_task, watch_task}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (work_task, watch_task):
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
    if work_task in done:
        work_task.result()
        return True
    return False


async def close_websocket(websocket: WebSocket, code: int = 1000, reason: str = "") -> None:
    if websocket.application_state == WebSocketState.CONNECTED:
        with contextlib.suppress(Exception):
            await websocket.close(code=code, reason=reason)
