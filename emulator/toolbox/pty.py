"""`/process/pty/*`: pseudo-terminal sessions and their WebSocket."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.websockets import WebSocket

from emulator.toolbox.common import close_websocket, json_body, until_disconnected, websocket_endpoint, workspace_of
from emulator.toolbox.pty_session import PtyExit, validate_size


async def list_ptys(request: Request) -> Response:
    workspace = await workspace_of(request)
    return JSONResponse({"sessions": [session.to_json() for session in workspace.ptys.sessions.values()]})


async def create_pty(request: Request) -> Response:
    workspace = await workspace_of(request)
    session = await workspace.ptys.create(await json_body(request))
    return JSONResponse({"sessionId": session.id}, status_code=201)


async def get_pty(request: Request) -> Response:
    workspace = await workspace_of(request)
    return JSONResponse(workspace.ptys.get(request.path_params["sessionId"]).to_json())


async def delete_pty(request: Request) -> Response:
    workspace = await workspace_of(request)
    await workspace.ptys.delete(request.path_params["sessionId"])
    return JSONResponse({"message": "PTY session deleted"})


async def resize_pty(request: Request) -> Response:
    workspace = await workspace_of(request)
    session = workspace.ptys.get(request.path_params["sessionId"])
    body = await json_body(request)
    validate_size(body.get("cols"), body.get("rows"))
    session.resize(body["cols"], body["rows"])
    return JSONResponse(session.to_json())


@websocket_endpoint
async def connect_pty(websocket: WebSocket) -> None:
    """Protocol: a `connected` control message first, terminal output as binary frames, client input as
    binary (or text) frames, and a close whose reason is JSON `{"exitCode": n}` once the shell exits."""
    workspace = await workspace_of(websocket)
    session = workspace.ptys.get(websocket.path_params["sessionId"])
    await websocket.accept()
    try:
        await session.start()
    except OSError as exc:
        await websocket.send_text(json.dumps({"type": "control", "status": "error", "error": str(exc)}))
        await close_websocket(websocket, 1011, "failed to start the terminal")
        return
    await websocket.send_text(json.dumps({"type": "control", "status": "connected"}))
    queue = session.attach()
    finished: list[PtyExit] = []

    async def pump() -> None:
        while True:
            item = await queue.get()
            if isinstance(item, PtyExit):
                finished.append(item)
                return
            await websocket.send_bytes(item)

    async def on_message(message: dict[str, Any]) -> None:
        if message.get("bytes"):
            session.write(message["bytes"])
        elif message.get("text"):
            session.write(message["text"].encode())

    try:
        if await until_disconnected(websocket, pump(), on_message):
            await close_websocket(websocket, 1000, finished[0].close_reason() if finished else "")
    finally:
        session.detach(queue)


def routes() -> list[BaseRoute]:
    return [
        Route("/process/pty", list_ptys, methods=["GET"]),
        Route("/process/pty", create_pty, methods=["POST"]),
        Route("/process/pty/{sessionId}", get_pty, methods=["GET"]),
        Route("/process/pty/{sessionId}", delete_pty, methods=["DELETE"]),
        WebSocketRoute("/process/pty/{sessionId}/connect", connect_pty),
        Route("/process/pty/{sessionId}/resize", resize_pty, methods=["POST"]),
    ]
