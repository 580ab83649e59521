"""The emulator as one ASGI app: the control plane under ``/api`` (with the notification gateway, Socket.IO at
``/api/socket.io/``), the toolbox under ``/toolbox/{sandboxId}``."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount
from starlette.websockets import WebSocket, WebSocketState

from daytona_emulator.control import control_routes
from daytona_emulator.control.sandbox_routes import proxy_routes as sandbox_proxy_routes
from daytona_emulator.control.snapshot_http import proxy_routes as snapshot_proxy_routes
from daytona_emulator.errors import (
    UNEXPECTED_ERROR,
    EmulatorHTTPError,
    error_body,
    error_response,
    is_api_path,
    request_url,
)
from daytona_emulator.gateway import GatewayMiddleware
from daytona_emulator.notification_gateway import SOCKETIO_PATH, NotificationGateway
from daytona_emulator.settings import EmulatorSettings
from daytona_emulator.state import EmulatorState

log = logging.getLogger("emulator")


def _toolbox_routes() -> list[BaseRoute] | None:
    try:
        from daytona_emulator.toolbox import toolbox_routes
    except ImportError as exc:  # the toolbox half may not be there (yet)
        log.warning("toolbox routes unavailable: %s", exc)
        return None
    return toolbox_routes()


def _toolbox_gateway(state: EmulatorState) -> list[Middleware]:
    """The proxy's and runner's rules for toolbox requests (when the toolbox half is there)."""
    try:
        from daytona_emulator.toolbox.gateway import ToolboxGateway
    except ImportError:
        return []
    return [Middleware(ToolboxGateway, state=state)]


async def _emulator_error(conn: HTTPConnection, exc: Exception) -> Response | None:
    assert isinstance(exc, EmulatorHTTPError)
    if isinstance(conn, WebSocket):
        await _close_websocket(conn, exc)
        return None
    return error_response(exc, conn)


async def _close_websocket(websocket: WebSocket, exc: EmulatorHTTPError) -> None:
    """Before the handshake: an HTTP error answer (or a refusal); after it: a close frame with the reason."""
    if websocket.application_state == WebSocketState.CONNECTING:
        if "websocket.http.response" in websocket.scope.get("extensions", {}):
            await websocket.send_denial_response(error_response(exc, websocket))
        else:
            await websocket.close(code=1008, reason=exc.message[:120])
    elif websocket.application_state == WebSocketState.CONNECTED:
        code = 1011 if exc.status >= 500 else 4000 + exc.status
        await websocket.close(code=code, reason=exc.message[:120])


async def _http_error(conn: HTTPConnection, exc: Exception) -> Response:
    """Routing errors. On ``/api`` an unknown path or method is Nest's 404 ``Cannot METHOD url`` (Express has
    no 405); elsewhere the status stays as Starlette decided."""
    assert isinstance(exc, HTTPException)
    status, message, headers = exc.status_code, exc.detail, exc.headers
    if status == 405 and is_api_path(conn):
        status, headers = 404, None
    if status == 404:
        url = request_url(conn) if is_api_path(conn) else conn.url.path
        message = f"Cannot {conn.scope.get('method', 'GET')} {url}"
    return JSONResponse(error_body(status, message, conn), status_code=status, headers=headers)


async def _server_error(conn: HTTPConnection, exc: Exception) -> Response:
    log.exception("unhandled error in %s", conn.url.path, exc_info=exc)
    message = UNEXPECTED_ERROR if is_api_path(conn) else f"Internal server error: {exc}"
    return JSONResponse(error_body(500, message, conn), status_code=500)


def create_app(settings: EmulatorSettings, state: EmulatorState | None = None) -> Starlette:
    """Build the emulator app; ``app.state.emulator`` is its :class:`EmulatorState`."""
    state = state or EmulatorState(settings)

    notifications = NotificationGateway(state)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        await state.start()
        notifications.start()
        try:
            yield
        finally:
            await notifications.aclose()
            await state.aclose()

    routes: list[BaseRoute] = [
        # Engine.IO's path, before the control plane's (it answers before Nest does).
        Mount(SOCKETIO_PATH.rstrip("/"), app=notifications),
        Mount("/api", routes=control_routes()),
        *sandbox_proxy_routes(),
        *snapshot_proxy_routes(),
    ]
    toolbox = _toolbox_routes()
    if toolbox is not None:
        from daytona_emulator.toolbox.daemon_http import DaemonRouter

        routes.append(Mount("/toolbox/{sandboxId}", app=DaemonRouter(toolbox)))
    handlers: dict[Any, Any] = {
        EmulatorHTTPError: _emulator_error,
        HTTPException: _http_error,
        Exception: _server_error,
    }
    app = Starlette(
        routes=routes,
        middleware=[Middleware(GatewayMiddleware, state=state, routes=routes), *_toolbox_gateway(state)],
        exception_handlers=handlers,
        lifespan=lifespan,
    )
    app.state.emulator = state
    app.state.notifications = notifications
    return app
