"""What every request passes first: the request journal (and the answer recorder, when one is installed),
the control plane's front rules (body parser, routing, bearer-token auth), then planned faults
(:mod:`daytona_emulator.control.faults`, answered by :mod:`daytona_emulator.fault_answers`).

The control plane (``/api``) follows the order of the real service (NestJS on Express):

1. the JSON body parser: a malformed ``application/json`` body is 400 ``Invalid JSON in request body``
   before anything else (``apps/api/src/common/modules/body-parser-error.module.ts``);
2. routing: an unknown path or method is 404 ``Cannot METHOD url`` without any authentication;
3. ``GlobalAuthGuard``: every route but the ``@Public()`` ones (``GET /health``, ``/config``,
   ``/shared-regions``) needs a valid bearer token; a missing or unknown one is 401 ``Invalid credentials``;
4. the auth-context guards: machine keys (SSH gateway, health check) open only their own routes, user keys
   do not open those (403 ``Invalid authentication context``).

Other paths (the toolbox) keep their own simpler rule: a valid user key, else 401. The notification
gateway (Socket.IO under ``/api/socket.io/``) is Engine.IO's, not Nest's: none of the above applies to it;
it authenticates in its own handshake (:mod:`daytona_emulator.notification_gateway`).
"""

from __future__ import annotations

import json
import re

from starlette.datastructures import QueryParams
from starlette.requests import HTTPConnection
from starlette.responses import Response
from starlette.routing import BaseRoute, Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket

from daytona_emulator.control.faults import RequestEntry
from daytona_emulator.control.http import AUTH_ROLE_KEY
from daytona_emulator.errors import EmulatorHTTPError, error_response, invalid_json_body, request_url
from daytona_emulator.fault_answers import answer_after, answer_before
from daytona_emulator.notification_gateway import is_socketio_path
from daytona_emulator.recording import ResponseWatcher
from daytona_emulator.state import EmulatorState

ADMIN_PREFIX = "/api/_emulator"
API_ROOT = "/api"
INVALID_CREDENTIALS = "Invalid credentials"
INVALID_AUTH_CONTEXT = "Invalid authentication context"

# Served in the place of Daytona's proxy (not operations of openapi.yaml): not recorded.
_PROXY_PATH = re.compile(r"^/sandboxes/[^/]+/build-logs$")
# @Public() handlers: no authentication at all (apps/api/src/health/health.controller.ts,
# apps/api/src/config/config.controller.ts, apps/api/src/region/controllers/region.controller.ts).
_PUBLIC = (
    ("GET", re.compile(r"^/api/health/?$")),
    ("*", re.compile(r"^/api/config(/.*)?$")),
    ("*", re.compile(r"^/api/shared-regions(/.*)?$")),
)
# Routes guarded by a machine auth context instead of an organization's.
_MACHINE_ONLY = (
    ("GET", re.compile(r"^/api/sandbox/ssh-access/validate/?$"), frozenset({"ssh-gateway"})),
    ("GET", re.compile(r"^/api/health/ready/?$"), frozenset({"health-check"})),
)
# OrGuard([OrganizationAuthContextGuard, ProxyAuthContextGuard, SshGatewayAuthContextGuard]) routes.
_USER_OR_GATEWAY = (
    ("GET", re.compile(r"^/api/sandbox/[^/]+/?$")),
    ("POST", re.compile(r"^/api/sandbox/[^/]+/last-activity/?$")),
)


def bearer_token(conn: HTTPConnection) -> str | None:
    """The token passport-http-bearer would read: ``Authorization: Bearer <token>`` (scheme in any case,
    exactly two parts) or the ``access_token`` query parameter."""
    header = conn.headers.get("authorization")
    if header is not None:
        parts = header.split(" ")
        if len(parts) == 2 and parts[0].lower() == "bearer" and parts[1]:
            return parts[1]
        return None
    token = QueryParams(conn.scope.get("query_string", b"")).get("access_token")
    return token or None


def _matches(rules: tuple[tuple[str, re.Pattern[str]], ...], method: str, path: str) -> bool:
    return any(m in ("*", method) and pattern.match(path) for m, pattern in rules)


def route_exists(routes: list[BaseRoute], scope: Scope) -> bool:
    """Whether some route answers this method and path (a Mount is looked into)."""
    for route in routes:
        match, child = route.matches(scope)
        if match == Match.NONE:
            continue
        if isinstance(route, Mount):
            if route_exists(route.routes, {**scope, **child}):
                return True
            continue
        if match == Match.FULL:
            return True
    return False


def _is_json_content(conn: HTTPConnection) -> bool:
    media = conn.headers.get("content-type", "").split(";")[0].strip().lower()
    return media == "application/json"


def _strict_json_ok(raw: bytes) -> bool:
    """body-parser's ``json()`` in strict mode: empty, or an object or array that parses."""
    text = raw.strip()
    if not text:
        return True
    if text[:1] not in (b"{", b"["):
        return False
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


async def _read_body(receive: Receive) -> tuple[bytes, Message | None]:
    """Read the whole request body; returns it and the disconnect message if the client left."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"".join(chunks), message
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks), None


def _replay(body: bytes, disconnect: Message | None, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        if disconnect is not None:
            return disconnect
        return await receive()

    return replay


class GatewayMiddleware:
    def __init__(self, app: ASGIApp, state: EmulatorState, routes: list[BaseRoute] | None = None) -> None:
        self.app = app
        self.state = state
        self.routes = routes

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
        if recorder is not None and not path.startswith(ADMIN_PREFIX) and not _PROXY_PATH.match(path):
            # As sent (a %2F stays inside its segment, e.g. a snapshot named daytonaio/sandbox:0.5.0).
            raw_path = scope.get("raw_path") or path.encode()
            watcher = recorder.watch(scope["type"], method, raw_path.decode("latin-1"), send)
            send = watcher
        is_api = path == API_ROOT or path.startswith(API_ROOT + "/")
        # Toolbox requests authenticate at the toolbox gateway (the proxy's rules: daytona_emulator/toolbox/gateway.py).
        is_toolbox = path == "/toolbox" or path.startswith("/toolbox/")
        refusal: EmulatorHTTPError | None = None
        if is_socketio_path(path):
            pass  # Engine.IO answers before Nest (no body parser, routing or guard); auth is in the handshake
        elif is_api and scope["type"] == "http":
            refusal, receive = await self._api_front(scope, receive, conn, method, path)
        elif not is_toolbox:
            refusal = self._toolbox_auth(conn)
        if refusal is not None:
            await self._refuse(scope, receive, send, error_response(refusal, conn))
            return
        if not path.startswith(ADMIN_PREFIX):
            fault = self.state.faults.take(method, path, scope.get("query_string", b"").decode("latin-1"))
            if fault is not None:
                if fault.after and scope["type"] == "http":
                    await answer_after(fault, self.app, scope, receive, send, watcher)
                    return
                if await answer_before(fault, scope, receive, send, watcher):
                    return
        await self.app(scope, receive, send)

    async def _api_front(
        self, scope: Scope, receive: Receive, conn: HTTPConnection, method: str, path: str
    ) -> tuple[EmulatorHTTPError | None, Receive]:
        """Body parser, routing, authentication and auth-context rules of the control plane."""
        if _is_json_content(conn):
            body, disconnect = await _read_body(receive)
            receive = _replay(body, disconnect, receive)
            if not _strict_json_ok(body):
                return invalid_json_body(), receive
        if self.routes is not None and not route_exists(self.routes, scope):
            return EmulatorHTTPError(404, f"Cannot {method} {request_url(conn)}"), receive
        if _matches(_PUBLIC, method, path):
            return None, receive
        token = bearer_token(conn)
        role = None if token is None else self.state.settings.token_role(token)
        if role is None:
            return EmulatorHTTPError(401, INVALID_CREDENTIALS), receive
        scope[AUTH_ROLE_KEY] = role
        if path.startswith(ADMIN_PREFIX):
            return (None if role == "user" else EmulatorHTTPError(403, INVALID_AUTH_CONTEXT)), receive
        for rule_method, pattern, roles in _MACHINE_ONLY:
            if rule_method == method and pattern.match(path):
                return (None if role in roles else EmulatorHTTPError(403, INVALID_AUTH_CONTEXT)), receive
        if role == "user" or (role == "ssh-gateway" and _matches(_USER_OR_GATEWAY, method, path)):
            return None, receive
        return EmulatorHTTPError(403, INVALID_AUTH_CONTEXT), receive

    def _toolbox_auth(self, conn: HTTPConnection) -> EmulatorHTTPError | None:
        scheme, _, value = conn.headers.get("authorization", "").partition(" ")
        token = value.strip() if scheme.lower() == "bearer" and value.strip() else None
        if token is None or not self.state.settings.accepts_token(token):
            return EmulatorHTTPError(401, "Unauthorized" if token is None else "Invalid API key")
        return None

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
