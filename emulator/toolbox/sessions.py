"""`/process/session/*`: long-lived shell sessions, their commands, logs (plain or followed over WebSocket)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.websockets import WebSocket

from emulator.errors import bad_request
from emulator.toolbox.common import (
    close_websocket,
    json_body,
    optional,
    query_bool,
    required,
    until_disconnected,
    websocket_endpoint,
    workspace_of,
)
from emulator.toolbox.shell_session import (
    ENTRYPOINT_SESSION,
    STDERR,
    STDOUT,
    SessionCommand,
    entrypoint_session,
)

STREAM_PREFIX = {STDOUT: b"\x01\x01\x01", STDERR: b"\x02\x02\x02"}
# SDKs older than this read command logs as plain text; newer ones expect JSON with separate streams.
_JSON_LOGS_SINCE = (0, 167, 0)


def _wants_json_logs(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    if "application/json" not in accept and "text/plain" in accept:
        return False
    version = request.headers.get("x-daytona-sdk-version", "")
    try:
        parsed = tuple(int(part) for part in version.split("-")[0].split(".")[:3])
    except ValueError:
        return True
    return not parsed or parsed >= _JSON_LOGS_SINCE


def _logs_response(request: Request, command: SessionCommand | None) -> Response:
    output = command.log.text() if command else ""
    if not _wants_json_logs(request):
        return PlainTextResponse(output)
    stdout = command.log.text(STDOUT) if command else ""
    stderr = command.log.text(STDERR) if command else ""
    return JSONResponse({"output": output, "stdout": stdout, "stderr": stderr})


async def list_sessions(request: Request) -> Response:
    workspace = await workspace_of(request)
    return JSONResponse([session.to_json() for session in workspace.sessions.sessions.values()])


async def create_session(request: Request) -> Response:
    workspace = await workspace_of(request)
    body = await json_body(request)
    await workspace.sessions.create(required(body, "sessionId", str))
    return Response(status_code=201)


async def get_session(request: Request) -> Response:
    workspace = await workspace_of(request)
    return JSONResponse(workspace.sessions.get(request.path_params["sessionId"]).to_json())


async def delete_session(request: Request) -> Response:
    workspace = await workspace_of(request)
    await workspace.sessions.delete(request.path_params["sessionId"])
    return Response(status_code=204)


async def get_entrypoint(request: Request) -> Response:
    await workspace_of(request)
    return JSONResponse(entrypoint_session())


async def entrypoint_logs(request: Request) -> Response:
    await workspace_of(request)
    return _logs_response(request, None)


async def execute(request: Request) -> Response:
    workspace = await workspace_of(request)
    session = workspace.sessions.get(request.path_params["sessionId"])
    body = await json_body(request)
    command = required(body, "command", str)
    if not command.strip():
        raise bad_request("command cannot be empty")
    run_async = bool(optional(body, "runAsync", bool) or optional(body, "async", bool))
    entry = await session.execute(command, bool(optional(body, "suppressInputEcho", bool)))
    if run_async:
        return JSONResponse({"cmdId": entry.id}, status_code=202)
    await entry.done.wait()
    return JSONResponse(
        {
            "cmdId": entry.id,
            "output": entry.log.text(),
            "stdout": entry.log.text(STDOUT),
            "stderr": entry.log.text(STDERR),
            "exitCode": entry.exit_code,
        }
    )


async def get_command(request: Request) -> Response:
    workspace = await workspace_of(request)
    command = workspace.sessions.command(request.path_params["sessionId"], request.path_params["commandId"])
    return JSONResponse(command.to_json())


async def send_input(request: Request) -> Response:
    workspace = await workspace_of(request)
    if request.path_params["sessionId"] == ENTRYPOINT_SESSION:
        raise bad_request("can't send input to entrypoint session")
    command = workspace.sessions.command(request.path_params["sessionId"], request.path_params["commandId"])
    body = await json_body(request)
    command.write_input(required(body, "data", str))
    return Response(status_code=204)


async def command_logs(request: Request) -> Response:
    workspace = await workspace_of(request)
    command = workspace.sessions.command(request.path_params["sessionId"], request.path_params["commandId"])
    return _logs_response(request, command)


async def _stream(websocket: WebSocket, command: SessionCommand | None, follow: bool) -> None:
    """Send the log as prefixed binary frames; with follow, keep going until the command ends."""
    await websocket.accept()
    if command is None:
        await close_websocket(websocket, 1000)
        return

    async def pump() -> None:
        sent = 0
        while True:
            changed = command.log.changed()
            while sent < len(command.log.chunks):
                stream, data = command.log.chunks[sent]
                sent += 1
                await websocket.send_bytes(STREAM_PREFIX[stream] + data)
            if not follow or command.done.is_set():
                return
            await changed.wait()

    if await until_disconnected(websocket, pump()):
        await close_websocket(websocket, 1000)


@websocket_endpoint
async def command_logs_ws(websocket: WebSocket) -> None:
    workspace = await workspace_of(websocket)
    command = workspace.sessions.command(websocket.path_params["sessionId"], websocket.path_params["commandId"])
    await _stream(websocket, command, query_bool(websocket, "follow"))


@websocket_endpoint
async def entrypoint_logs_ws(websocket: WebSocket) -> None:
    await workspace_of(websocket)
    await _stream(websocket, None, query_bool(websocket, "follow"))


def routes() -> list[BaseRoute]:
    return [
        Route("/process/session", list_sessions, methods=["GET"]),
        Route("/process/session", create_session, methods=["POST"]),
        Route("/process/session/entrypoint", get_entrypoint, methods=["GET"]),
        Route("/process/session/entrypoint/logs", entrypoint_logs, methods=["GET"]),
        WebSocketRoute("/process/session/entrypoint/logs", entrypoint_logs_ws),
        Route("/process/session/{sessionId}", get_session, methods=["GET"]),
        Route("/process/session/{sessionId}", delete_session, methods=["DELETE"]),
        Route("/process/session/{sessionId}/exec", execute, methods=["POST"]),
        Route("/process/session/{sessionId}/command/{commandId}", get_command, methods=["GET"]),
        Route("/process/session/{sessionId}/command/{commandId}/input", send_input, methods=["POST"]),
        Route("/process/session/{sessionId}/command/{commandId}/logs", command_logs, methods=["GET"]),
        WebSocketRoute("/process/session/{sessionId}/command/{commandId}/logs", command_logs_ws),
    ]
