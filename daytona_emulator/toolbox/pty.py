"""`/process/pty/*`: the daemon's PTY controller (``apps/daemon/pkg/toolbox/process/pty/controller.go``).

Errors are gin's ``c.JSON(status, gin.H{"error": message})`` bodies, with the daemon's messages. Bodies are
read the way gin binds JSON (see go_wire.py); the ``binding`` tags of the resize request are not checked,
because the daemon's validator reads ``validate`` tags only.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from daytona_emulator.toolbox import go_wire
from daytona_emulator.toolbox.common import websocket_endpoint, workspace_of
from daytona_emulator.toolbox.paths import HOME
from daytona_emulator.toolbox.pty_session import CloseFrame, PtyClient, PtyError, PtySession
from daytona_emulator.toolbox.websocket_upgrade import accept_like_the_daemon

MAX_SIZE = 1000
READ_LIMIT = 64 * 1024  # the daemon's WebSocket read limit for client input

_CREATE_FIELDS = (
    go_wire.Field("id", "string"),
    go_wire.Field("cwd", "string"),
    go_wire.Field("envs", "string_map"),
    go_wire.Field("cols", "uint16", pointer=True),
    go_wire.Field("rows", "uint16", pointer=True),
    go_wire.Field("lazyStart", "bool"),
)
_RESIZE_FIELDS = (go_wire.Field("cols", "uint16"), go_wire.Field("rows", "uint16"))
_NOT_FOUND = "PTY session not found"


async def list_ptys(request: Request) -> Response:
    workspace = await workspace_of(request)
    return go_wire.GoJSONResponse({"sessions": [session.info() for session in workspace.ptys.sessions.values()]})


async def create_pty(request: Request) -> Response:
    workspace = await workspace_of(request)
    try:
        body = go_wire.bind(await request.body(), "PTYCreateRequest", "pty.PTYCreateRequest", _CREATE_FIELDS)
    except go_wire.GoJSONError as exc:
        return go_wire.gin_error(400, str(exc))
    session_id: str = body["id"]
    if session_id == "":
        return go_wire.gin_error(400, "session ID is required")
    if session_id in workspace.ptys.sessions:
        return go_wire.gin_error(409, f"PTY session with ID '{session_id}' already exists")
    envs: dict[str, str] = body["envs"] or {}
    if envs.get("TERM", "") == "":
        envs["TERM"] = "xterm-256color"
    cols = 80 if body["cols"] is None else body["cols"]
    rows = 24 if body["rows"] is None else body["rows"]
    if cols > MAX_SIZE:
        return go_wire.gin_error(400, "invalid value for cols - must be less than 1000")
    if rows > MAX_SIZE:
        return go_wire.gin_error(400, "invalid value for rows - must be less than 1000")
    session = PtySession(workspace.ptys, session_id, body["cwd"] or HOME, envs, cols, rows, body["lazyStart"])
    workspace.ptys.sessions[session_id] = session
    if not session.lazy_start:
        try:
            await session.start()
        except PtyError:
            workspace.ptys.sessions.pop(session_id, None)
            return go_wire.gin_error(500, "failed to start PTY session")
    return go_wire.GoJSONResponse({"sessionId": session_id}, status_code=201)


async def get_pty(request: Request) -> Response:
    workspace = await workspace_of(request)
    session = workspace.ptys.sessions.get(request.path_params["sessionId"])
    if session is None:
        return go_wire.gin_error(404, _NOT_FOUND)
    return go_wire.GoJSONResponse(session.info())


async def delete_pty(request: Request) -> Response:
    workspace = await workspace_of(request)
    session = workspace.ptys.sessions.pop(request.path_params["sessionId"], None)
    if session is None:
        return go_wire.gin_error(404, _NOT_FOUND)
    await session.kill()
    return go_wire.GoJSONResponse({"message": "PTY session deleted"})


async def resize_pty(request: Request) -> Response:
    workspace = await workspace_of(request)
    session_id = request.path_params["sessionId"]
    try:
        body = go_wire.bind(await request.body(), "PTYResizeRequest", "pty.PTYResizeRequest", _RESIZE_FIELDS)
    except go_wire.GoJSONError as exc:
        return go_wire.gin_error(400, str(exc))
    if body["cols"] > MAX_SIZE:
        return go_wire.gin_error(400, "cols must be less than 1000")
    if body["rows"] > MAX_SIZE:
        return go_wire.gin_error(400, "rows must be less than 1000")
    session = workspace.ptys.sessions.get(session_id)
    if session is None:
        return go_wire.gin_error(410, f"PTY session {session_id} not found")
    if not session.active and not session.lazy_start:
        return go_wire.gin_error(410, f"PTY session '{session_id}' has terminated and cannot be resized")
    try:
        session.resize(body["cols"], body["rows"])
    except PtyError as exc:
        return go_wire.gin_error(500, str(exc))
    return go_wire.GoJSONResponse(session.info())


async def _ready_session(websocket: WebSocket, session_id: str) -> PtySession:
    """The daemon's ``VerifyPTYSessionReady``: the session, started now if it is lazy and not started yet."""
    workspace = await workspace_of(websocket)
    session = workspace.ptys.sessions.get(session_id)
    if session is None:
        raise PtyError(f"PTY session {session_id} not found")
    if not session.active:
        if not session.lazy_start:
            raise PtyError(f"PTY session '{session_id}' has terminated and is no longer available")
        try:
            await session.start()
        except PtyError as exc:
            raise PtyError(f"failed to start PTY session: {exc}") from exc
    return session


@websocket_endpoint
async def connect_pty(websocket: WebSocket) -> None:
    """The upgrade always succeeds; then either ``{"type":"control","status":"connected"}`` and the terminal's
    output as binary frames, or a control error message and a dropped connection (no close frame)."""
    await workspace_of(websocket)
    await accept_like_the_daemon(websocket)
    try:
        session = await _ready_session(websocket, websocket.path_params["sessionId"])
    except PtyError as exc:
        message = {"error": f"Failed to connect to PTY session: {exc}", "status": "error", "type": "control"}
        await websocket.send_text(go_wire.dumps(message))
        return  # the daemon closes the connection without a close frame; uvicorn does the same here
    client = session.attach()
    try:
        await websocket.send_text(go_wire.dumps({"status": "connected", "type": "control"}))
        await _serve(websocket, session, client)
    finally:
        session.detach(client)


async def _serve(websocket: WebSocket, session: PtySession, client: PtyClient) -> None:
    """Pump output to the client and its input to the terminal until either side ends."""

    async def send() -> CloseFrame:
        while True:
            item = await client.next()
            if isinstance(item, CloseFrame):
                return item
            await websocket.send_bytes(item)

    async def receive() -> CloseFrame | None:
        while True:
            message: dict[str, Any] = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                return None
            data = message.get("bytes")
            if data is None:
                data = (message.get("text") or "").encode()
            if len(data) > READ_LIMIT:
                return CloseFrame(1009, "")
            session.write(data)

    sender, receiver = asyncio.ensure_future(send()), asyncio.ensure_future(receive())
    try:
        done, _ = await asyncio.wait({sender, receiver}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (sender, receiver):
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, WebSocketDisconnect):
                    await task
    finished = sender if sender in done else receiver
    try:
        frame = finished.result()
    except Exception:  # the client went away while we were sending to it
        frame = None
    if frame is not None:
        session.detach(client)
        with contextlib.suppress(Exception):
            await websocket.close(code=frame.code, reason=frame.reason)


def routes() -> list[BaseRoute]:
    return [
        Route("/process/pty", list_ptys, methods=["GET"]),
        Route("/process/pty", create_pty, methods=["POST"]),
        Route("/process/pty/{sessionId}", get_pty, methods=["GET"]),
        Route("/process/pty/{sessionId}", delete_pty, methods=["DELETE"]),
        WebSocketRoute("/process/pty/{sessionId}/connect", connect_pty),
        Route("/process/pty/{sessionId}/resize", resize_pty, methods=["POST"]),
    ]
