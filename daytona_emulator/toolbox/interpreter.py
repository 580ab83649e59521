"""`/process/interpreter/*`: the daemon's interpreter controller
(``apps/daemon/pkg/toolbox/process/interpreter/controller.go``).

Context errors are gin's ``AbortWithError``: the status alone, with an empty body (gin writes the status at once,
so the error middleware, which never overwrites a written answer, adds nothing). The execute WebSocket takes one
JSON message ``{code, contextId?, envs?, timeout?}`` and streams ``{type, text, name, value, traceback}`` frames
(``stdout``, ``stderr``, ``error``, then ``control`` ``completed``/``interrupted``), then closes (see
interpreter_context.py); a bad request is closed with a code and reason before anything runs.
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
from daytona_emulator.toolbox.interpreter_context import (
    DEFAULT_CONTEXT,
    LANGUAGE,
    CloseFrame,
    ContextError,
    ExecutionClient,
    InterpreterContext,
)
from daytona_emulator.toolbox.paths import HOME
from daytona_emulator.toolbox.websocket_upgrade import accept_like_the_daemon

DEFAULT_TIMEOUT_SECONDS = 600

_CREATE_FIELDS = (go_wire.Field("cwd", "string", pointer=True), go_wire.Field("language", "string", pointer=True))
_EXECUTE_FIELDS = (
    go_wire.Field("code", "string"),
    go_wire.Field("contextId", "string", pointer=True),
    go_wire.Field("timeout", "int64", pointer=True),
    go_wire.Field("envs", "string_map", pointer=True),
)


async def list_contexts(request: Request) -> Response:
    workspace = await workspace_of(request)
    contexts = [context.info() for context in workspace.interpreters.user_contexts()]
    return go_wire.GoJSONResponse({"contexts": contexts})


async def create_context(request: Request) -> Response:
    workspace = await workspace_of(request)
    try:
        raw = await request.body()
        body = go_wire.bind(raw, "CreateContextRequest", "interpreter.CreateContextRequest", _CREATE_FIELDS)
    except go_wire.GoJSONError:
        return go_wire.aborted(400)  # "invalid request payload: ..."
    language = LANGUAGE if body["language"] is None else body["language"]
    if language != LANGUAGE:
        return go_wire.aborted(400)  # "unsupported language: ..."
    cwd = HOME if body["cwd"] is None else body["cwd"]
    try:
        context = await workspace.interpreters.create(cwd, language)
    except ContextError:
        return go_wire.aborted(500)
    return go_wire.GoJSONResponse(context.info())


async def delete_context(request: Request) -> Response:
    workspace = await workspace_of(request)
    context_id = request.path_params["id"]
    if context_id == DEFAULT_CONTEXT:
        return go_wire.aborted(400)  # "cannot delete default context"
    if not await workspace.interpreters.delete(context_id):
        return go_wire.aborted(404)  # "context with ID '...' not found"
    return go_wire.GoJSONResponse({"message": "Context deleted successfully"})


async def _refuse(websocket: WebSocket, code: int, reason: str) -> None:
    """The daemon's ``writeWSError``: a close frame with the reason, then the connection is dropped."""
    with contextlib.suppress(Exception):
        await websocket.close(code=code, reason=reason)


async def _first_message(websocket: WebSocket) -> str | bytes | None:
    message: dict[str, Any] = await websocket.receive()
    if message["type"] == "websocket.disconnect":
        return None
    return message.get("text") if message.get("text") is not None else message.get("bytes") or b""


@websocket_endpoint
async def execute(websocket: WebSocket) -> None:
    workspace = await workspace_of(websocket)
    await accept_like_the_daemon(websocket)
    try:
        payload = await _first_message(websocket)
    except WebSocketDisconnect:
        payload = None
    if payload is None:
        await _refuse(websocket, 1002, "failed to read first message")
        return
    try:
        request = go_wire.unmarshal(payload, "ExecuteRequest", "interpreter.ExecuteRequest", _EXECUTE_FIELDS)
    except go_wire.GoJSONError:
        await _refuse(websocket, 1002, "invalid JSON payload")
        return
    if request["code"] == "":
        await _refuse(websocket, 1008, "code is required")
        return
    timeout: float | None = DEFAULT_TIMEOUT_SECONDS
    if request["timeout"] is not None:
        if request["timeout"] < 0:
            await _refuse(websocket, 1008, "timeout must be greater than or equal to 0")
            return
        timeout = request["timeout"] or None
    context: InterpreterContext
    if request["contextId"] is None:
        try:
            context = await workspace.interpreters.default(HOME)
        except ContextError as exc:
            await _refuse(websocket, 1011, f"failed to get default context: {exc}")
            return
    else:
        try:
            context = await workspace.interpreters.get(request["contextId"])
        except ContextError:
            await _refuse(websocket, 1008, f"context not found: {request['contextId']}")
            return
    if not context.active:
        await _refuse(websocket, 1008, "context is not active")
        return
    client = ExecutionClient()
    workspace.interpreters.run(context, request["code"], request["envs"], timeout, client)
    await _stream(websocket, client)


async def _stream(websocket: WebSocket, client: ExecutionClient) -> None:
    """Send the run's frames, then its close; what the client sends meanwhile is read and ignored. If the
    client goes away, the run goes on without it."""

    async def send() -> CloseFrame:
        while True:
            item = await client.next()
            if isinstance(item, CloseFrame):
                return item
            await websocket.send_text(item)

    async def drain() -> None:
        while (await websocket.receive())["type"] != "websocket.disconnect":
            pass

    sender, reader = asyncio.ensure_future(send()), asyncio.ensure_future(drain())
    try:
        done, _ = await asyncio.wait({sender, reader}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (sender, reader):
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, WebSocketDisconnect):
                    await task
    if sender in done and sender.exception() is None:
        frame = sender.result()
        with contextlib.suppress(Exception):
            await websocket.close(code=frame.code, reason=frame.reason)


def routes() -> list[BaseRoute]:
    return [
        Route("/process/interpreter/context", list_contexts, methods=["GET"]),
        Route("/process/interpreter/context", create_context, methods=["POST"]),
        Route("/process/interpreter/context/{id}", delete_context, methods=["DELETE"]),
        WebSocketRoute("/process/interpreter/execute", execute),
    ]
