"""`/process/interpreter/*`: stateful Python contexts; code runs over a WebSocket that streams its output."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.websockets import WebSocket

from emulator.errors import EmulatorHTTPError
from emulator.toolbox.common import (
    close_websocket,
    json_body,
    optional,
    string_map,
    until_disconnected,
    websocket_endpoint,
    workspace_of,
)
from emulator.toolbox.interpreter_context import DEFAULT_TIMEOUT_SECONDS, ExecutionTimeout

TIMEOUT_CLOSE_CODE = 4008


async def list_contexts(request: Request) -> Response:
    workspace = await workspace_of(request)
    return JSONResponse({"contexts": [context.to_json() for context in workspace.interpreters.user_contexts()]})


async def create_context(request: Request) -> Response:
    workspace = await workspace_of(request)
    body = await json_body(request)
    context = workspace.interpreters.create(optional(body, "cwd", str), optional(body, "language", str))
    return JSONResponse(context.to_json())


async def delete_context(request: Request) -> Response:
    workspace = await workspace_of(request)
    await workspace.interpreters.delete(request.path_params["id"])
    return JSONResponse({"message": "Context deleted"})


@websocket_endpoint
async def execute(websocket: WebSocket) -> None:
    """The client sends one JSON message `{code, contextId?, envs?, timeout?}`; output comes back as
    `{"type": "stdout"|"stderr", "text"}` frames, an `{"type": "error", ...}` frame if the code raised,
    then a normal close (1000), or close 4008 when the timeout passes."""
    workspace = await workspace_of(websocket)
    await websocket.accept()
    try:
        request: Any = json.loads(await websocket.receive_text())
        if not isinstance(request, dict) or not isinstance(request.get("code"), str):
            raise ValueError("the first message must be a JSON object with a `code` string")
        envs = string_map(request.get("envs"), "envs")
        timeout = optional(request, "timeout", int)
        context = workspace.interpreters.get(request.get("contextId"))
    except (ValueError, EmulatorHTTPError) as exc:
        await close_websocket(websocket, 1008, (getattr(exc, "message", None) or str(exc))[:120])
        return

    async def emit(frame: dict[str, Any]) -> None:
        await websocket.send_text(json.dumps(frame))

    seconds = DEFAULT_TIMEOUT_SECONDS if timeout is None else (timeout or None)
    try:
        if await until_disconnected(websocket, context.execute(request["code"], envs, seconds, emit)):
            await close_websocket(websocket, 1000)
    except ExecutionTimeout:
        await close_websocket(websocket, TIMEOUT_CLOSE_CODE, "execution timed out")


def routes() -> list[BaseRoute]:
    return [
        Route("/process/interpreter/context", list_contexts, methods=["GET"]),
        Route("/process/interpreter/context", create_context, methods=["POST"]),
        Route("/process/interpreter/context/{id}", delete_context, methods=["DELETE"]),
        WebSocketRoute("/process/interpreter/execute", execute),
    ]
