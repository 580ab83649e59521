"""What every request passes first: the request journal (and the answer recorder, when one is installed),
bearer-token auth, then planned faults."""

from __future__ import annotations

import asyncio

from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket

from emulator.control.faults import Fault, RequestEntry
from emulator.errors import EmulatorHTTPError, error_body, error_response
from emulator.recording import ResponseWatcher
from emulator.state import EmulatorState

ADMIN_PREFIX = "/api/_emulator"
# Control-plane routes marked @Public() upstream: authentication is skipped entirely (even a bad token).
PUBLIC_PATHS = frozenset({"/api/health", "/api/config", "/api/shared-regions"})


def bearer_token(conn: HTTPConnection) -> str | None:
    scheme, _, token = conn.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


class GatewayMiddleware:
    def __init__(self, app: ASGIApp, state: EmulatorState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        conn = HTTPConnection(scope)
        method = scope.get("method", "GET") if scope["type"] == "http" else "GET"
        path: str = scope["path"]
        self.state.requests.add(
            RequestEntry(method, path, scope.get("query_string", b"").decode("latin-1"), dict(conn.headers.items()))
        )
        watcher: ResponseWatcher | None = None
        recorder = self.state.response_recorder
        if recorder is not None and not path.startswith(ADMIN_PREFIX):
            # As sent (a %2F stays inside its segment, e.g. a snapshot named daytonaio/sandbox:0.5.0).
            raw_path = scope.get("raw_path") or path.encode()
            watcher = recorder.watch(scope["type"], method, raw_path.decode("latin-1"), send)
            send = watcher
        token = bearer_token(conn)
        # Toolbox requests authenticate at the toolbox gateway (the proxy's own rules: emulator/toolbox/gateway.py).
        toolbox = path == "/toolbox" or path.startswith("/toolbox/")
        if not toolbox and path not in PUBLIC_PATHS and (token is None or not self.state.settings.accepts_token(token)):
            message = "Unauthorized" if token is None else "Invalid API key"
            await self._refuse(scope, receive, send, error_response(EmulatorHTTPError(401, message), conn))
            return
        if not path.startswith(ADMIN_PREFIX):
            fault = self.state.faults.take(method, path)
            if fault is not None:
                if fault.delay:
                    await asyncio.sleep(fault.delay)
                if fault.status is not None:
                    if watcher is not None and fault.body is not None:
                        watcher.ignore()  # a body chosen by the test, not the API's
                    await self._refuse(scope, receive, send, _fault_response(fault, conn))
                    return
        await self.app(scope, receive, send)

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, response: Response) -> None:
        if scope["type"] == "http":
            await response(scope, receive, send)
            return
        websocket = WebSocket(scope, receive, send)
        if "websocket.http.response" in scope.get("extensions", {}):
            await websocket.send_denial_response(response)
        else:
            await websocket.close(code=1008)


def _fault_response(fault: Fault, conn: HTTPConnection) -> Response:
    body = fault.body if fault.body is not None else error_body(fault.status or 500, "Injected fault", conn)
    if fault.status == 429 and fault.body is None:
        body["message"] = "ThrottlerException: Too Many Requests"
    return JSONResponse(body, status_code=fault.status or 500, headers=fault.headers)
