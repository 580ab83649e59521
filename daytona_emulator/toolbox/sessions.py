"""`/process/session/*`: long-lived shell sessions, their commands, logs (plain or followed over WebSocket).

Status codes, messages and body shapes follow apps/daemon/pkg/toolbox/process/session/*.go and the session
service (apps/daemon/pkg/session/*.go); the output format depends on the client's SDK version (sdk_version.py).
"""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.websockets import WebSocket

from daytona_emulator.toolbox import daemon_errors
from daytona_emulator.toolbox.common import close_websocket, until_disconnected, websocket_endpoint, workspace_of
from daytona_emulator.toolbox.daemon_errors import AbortedRequest, DaemonError, UntypedDaemonError
from daytona_emulator.toolbox.go_binding import BOOL, STRING, BindError, Field, Struct, bind
from daytona_emulator.toolbox.sdk_version import is_combined_output, sdk_subprotocol, sdk_version, skip_server_demux
from daytona_emulator.toolbox.shell_session import (
    DAEMON_SESSIONS_DIR,
    ENTRYPOINT_COMMAND,
    ENTRYPOINT_SESSION,
    STDOUT_PREFIX,
    SessionCommand,
    demux,
    strip_markers,
)

CREATE_SESSION = Struct(
    "CreateSessionRequest", "session.CreateSessionRequest", (Field("sessionId", "SessionId", STRING, required=True),)
)
SESSION_EXECUTE = Struct(
    "SessionExecuteRequest",
    "session.SessionExecuteRequest",
    (
        Field("command", "Command", STRING, required=True),
        Field("runAsync", "RunAsync", BOOL),
        Field("async", "Async", BOOL),
        Field("suppressInputEcho", "SuppressInputEcho", BOOL),
    ),
)
SEND_INPUT = Struct(
    "SessionSendInputRequest", "session.SessionSendInputRequest", (Field("data", "Data", STRING, required=True),)
)
# After a followed command has ended, its log stream closes once no more output came for this long.
_FOLLOW_QUIET_SECONDS = 1.0
_WS_CHUNK = 65536


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _logs_response(request: Request, log: bytes, *, combined: bool) -> Response:
    """JSON with the streams split for SDKs >= 0.167 (unless combined), else the log as plain text."""
    version = sdk_version(request.headers)
    if combined:
        log = strip_markers(log)
    if not skip_server_demux(version) and not combined:
        stdout, stderr = demux(log)
        return JSONResponse({"output": _text(log), "stdout": _text(stdout), "stderr": _text(stderr)})
    return PlainTextResponse(_text(log))


async def list_sessions(request: Request) -> Response:
    workspace = await workspace_of(request)
    return JSONResponse([session.to_json() for session in workspace.sessions.sessions.values()])


async def create_session(request: Request) -> Response:
    workspace = await workspace_of(request)
    try:
        body = bind(await request.body(), CREATE_SESSION)
    except BindError as exc:
        raise daemon_errors.invalid_body(str(exc)) from exc
    if body["sessionId"] == ENTRYPOINT_SESSION:
        raise daemon_errors.bad_request("provided session ID is reserved and cannot be created/overridden")
    await workspace.sessions.create(body["sessionId"])
    return Response(status_code=201)


async def get_session(request: Request) -> Response:
    workspace = await workspace_of(request)
    return JSONResponse(workspace.sessions.get(request.path_params["sessionId"]).to_json())


async def delete_session(request: Request) -> Response:
    workspace = await workspace_of(request)
    if request.path_params["sessionId"] == ENTRYPOINT_SESSION:
        raise daemon_errors.bad_request("can't delete entrypoint session")
    await workspace.sessions.delete(request.path_params["sessionId"])
    return Response(status_code=204)


async def get_entrypoint(request: Request) -> Response:
    workspace = await workspace_of(request)
    return JSONResponse(workspace.sessions.get(ENTRYPOINT_SESSION).to_json())


async def entrypoint_logs(request: Request) -> Response:
    workspace = await workspace_of(request)
    command = _entrypoint_command(workspace.sessions)
    return _logs_response(request, command.log.raw(), combined=False)


def _entrypoint_command(sessions: Any) -> SessionCommand:
    command: SessionCommand = sessions.command(ENTRYPOINT_SESSION, ENTRYPOINT_COMMAND)
    return command


async def execute(request: Request) -> Response:
    workspace = await workspace_of(request)
    session_id = request.path_params["sessionId"]
    if session_id == ENTRYPOINT_SESSION:
        raise daemon_errors.bad_request("can't execute command in entrypoint session")
    try:
        body = bind(await request.body(), SESSION_EXECUTE)
    except BindError as exc:
        raise AbortedRequest(400, f"invalid request body: {exc}") from exc
    if not body["command"].strip():
        raise AbortedRequest(400, "command cannot be empty")
    run_async = bool(body.get("runAsync") or body.get("async"))
    version = sdk_version(request.headers)
    combined = is_combined_output(version, request.headers)
    try:  # every failure of the session service reaches the client as an untyped 500
        session = workspace.sessions.get(session_id)
        entry = await session.execute(
            body["command"], run_async=run_async, suppress_echo=bool(body.get("suppressInputEcho"))
        )
        if run_async:
            return JSONResponse(
                {"cmdId": entry.id, "output": None, "stdout": None, "stderr": None, "exitCode": None}, status_code=202
            )
        await session.wait(entry)
    except DaemonError as exc:
        raise UntypedDaemonError(f"failed to execute command: {exc.message}") from exc
    entry.exit_code_seen = True
    log = entry.log.raw()
    answer: dict[str, Any] = {"cmdId": entry.id, "output": None, "stdout": None, "stderr": None}
    if combined:
        answer["output"] = _text(strip_markers(log))
    else:
        answer["output"] = _text(log)
        if not skip_server_demux(version):
            stdout, stderr = demux(log)
            answer["stdout"], answer["stderr"] = _text(stdout), _text(stderr)
    answer["exitCode"] = entry.exit_code
    return JSONResponse(answer)


async def get_command(request: Request) -> Response:
    workspace = await workspace_of(request)
    command = workspace.sessions.command(request.path_params["sessionId"], request.path_params["commandId"])
    return JSONResponse(command.to_json())


async def send_input(request: Request) -> Response:
    workspace = await workspace_of(request)
    session_id, command_id = request.path_params["sessionId"], request.path_params["commandId"]
    if session_id == ENTRYPOINT_SESSION:
        raise daemon_errors.bad_request("can't send input to entrypoint session")
    try:
        body = bind(await request.body(), SEND_INPUT)
    except BindError as exc:
        raise daemon_errors.invalid_body(str(exc)) from exc
    command = workspace.sessions.command(session_id, command_id)
    if command.exit_code is not None and command.exit_code_seen:
        raise daemon_errors.gone(f"command has already completed with exit code {command.exit_code}")
    data = body["data"] if body["data"].endswith("\n") else body["data"] + "\n"
    try:
        await command.write_input(data.encode())
    except OSError as exc:  # the command has ended: its input pipe is gone
        pipe = f"{DAEMON_SESSIONS_DIR}/{session_id}/{command_id}/input.pipe"
        raise daemon_errors.internal(f"failed to open input pipe: open {pipe}: no such file or directory") from exc
    if not command.suppress_echo:
        command.log.append(STDOUT_PREFIX + data.encode())
    return Response(status_code=204)


async def command_logs(request: Request) -> Response:
    workspace = await workspace_of(request)
    command = workspace.sessions.command(request.path_params["sessionId"], request.path_params["commandId"])
    return _logs_response(request, command.log.raw(), combined=is_combined_output(*_version(request)))


def _version(conn: Request | WebSocket) -> tuple[str, Any]:
    return sdk_version(conn.headers), conn.headers


async def _stream(websocket: WebSocket, command: SessionCommand, *, follow: bool, combined: bool) -> None:
    """Send the log as binary frames (markers stripped when combined); with follow, until the command ends."""
    await websocket.accept(subprotocol=sdk_subprotocol(websocket.headers) or None)

    async def pump() -> None:
        sent = 0

        async def send_new() -> None:
            nonlocal sent
            data = command.log.raw()[sent:]
            sent += len(data)
            payload = strip_markers(data) if combined else data
            for start in range(0, len(payload), _WS_CHUNK):
                await websocket.send_bytes(payload[start : start + _WS_CHUNK])

        while True:
            changed = command.log.changed()
            await send_new()
            if not follow:
                return
            if command.done.is_set() and command.streams_closed:
                return
            quiet = _FOLLOW_QUIET_SECONDS if command.done.is_set() else None
            try:
                await asyncio.wait_for(changed.wait(), quiet)
            except TimeoutError:
                await send_new()
                return

    if await until_disconnected(websocket, pump()):
        await close_websocket(websocket, 1000)


@websocket_endpoint
async def command_logs_ws(websocket: WebSocket) -> None:
    workspace = await workspace_of(websocket)
    command = workspace.sessions.command(websocket.path_params["sessionId"], websocket.path_params["commandId"])
    follow = websocket.query_params.get("follow") == "true"
    await _stream(websocket, command, follow=follow, combined=is_combined_output(*_version(websocket)))


@websocket_endpoint
async def entrypoint_logs_ws(websocket: WebSocket) -> None:
    workspace = await workspace_of(websocket)
    command = _entrypoint_command(workspace.sessions)
    follow = websocket.query_params.get("follow") == "true"
    await _stream(websocket, command, follow=follow, combined=False)


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
