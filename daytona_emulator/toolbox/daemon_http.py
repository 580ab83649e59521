"""How the toolbox daemon (a Go gin server) turns errors and unknown routes into answers.

- A handler that calls gin's ``AbortWithError(status, err)`` writes the status line at once, so the error
  middleware (`libs/common-go/pkg/errors/middleware.go`) leaves the answer alone: the client gets the status
  with an EMPTY body and no Content-Type. :class:`DaemonAbort` is that answer (the files and port handlers
  use it for every error).
- A handler that only records an error (``c.Error(err)``) gets the middleware's JSON body
  ``{statusCode, message, code?, timestamp, path, method}``, where ``path`` is the daemon's own path (the
  part after ``/toolbox/{sandboxId}``) and ``code`` comes from the error class (``NOT_FOUND``,
  ``BAD_REQUEST``, ...; omitted for a plain error, which is a 500). Any other ``EmulatorHTTPError`` raised by
  a toolbox handler is rendered this way.
- An unknown route is gin's 404: ``text/plain`` ``404 page not found``; a path that only differs by a trailing
  slash from a route of the same method is redirected (301 for GET, 307 otherwise) and the proxy puts the
  ``/toolbox/{sandboxId}`` prefix in front of the ``Location``.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import HTTPConnection
from starlette.responses import Response
from starlette.routing import BaseRoute, Match, Router
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket

from daytona_emulator.errors import EmulatorHTTPError

GO_NOT_FOUND_BODY = "404 page not found"


class DaemonAbort(EmulatorHTTPError):
    """gin's ``AbortWithError``: the status alone, with an empty body (the message is for logs only)."""

    def __init__(self, status: int, message: str = "") -> None:
        super().__init__(status, message)


# ---- the error classes of libs/common-go/pkg/errors/http.go, with their message prefixes --------------------


def not_found(message: str) -> EmulatorHTTPError:
    return EmulatorHTTPError(404, f"not found: {message}", code="NOT_FOUND")


def bad_request(message: str) -> EmulatorHTTPError:
    return EmulatorHTTPError(400, f"bad request: {message}", code="BAD_REQUEST")


def conflict(message: str) -> EmulatorHTTPError:
    return EmulatorHTTPError(409, f"conflict: {message}", code="CONFLICT")


def unauthorized(message: str) -> EmulatorHTTPError:
    return EmulatorHTTPError(401, f"unauthorized: {message}", code="UNAUTHORIZED")


def forbidden(message: str) -> EmulatorHTTPError:
    return EmulatorHTTPError(403, f"forbidden: {message}", code="FORBIDDEN")


def invalid_body(message: str) -> EmulatorHTTPError:
    return EmulatorHTTPError(400, f"invalid body request: {message}", code="INVALID_REQUEST_BODY")


def internal(message: str) -> EmulatorHTTPError:
    """A ``CustomError(500, message, "INTERNAL_SERVER_ERROR")`` (what the git handlers make of unknown errors)."""
    return EmulatorHTTPError(500, message, code="INTERNAL_SERVER_ERROR")


# ---- bodies -----------------------------------------------------------------------------------------------------


def go_timestamp(moment_ns: int | None = None) -> str:
    """A Go ``time.Time`` as JSON (RFC 3339 with nanoseconds, trailing zeros trimmed) in UTC, e.g.
    ``2025-01-02T03:04:05.12345Z``."""
    nanos = time.time_ns() if moment_ns is None else moment_ns
    seconds, fraction = divmod(nanos, 1_000_000_000)
    base = datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S")
    digits = f"{fraction:09d}".rstrip("0")
    return f"{base}.{digits}Z" if digits else f"{base}Z"


def go_error_body(status: int, message: str, code: str | None, path: str, method: str) -> dict[str, Any]:
    """common-go's ``ErrorResponse`` in its field order (``code`` omitted when empty)."""
    body: dict[str, Any] = {"statusCode": status, "message": message}
    if code:
        body["code"] = code
    body["timestamp"] = go_timestamp()
    body["path"] = path
    body["method"] = method
    return body


_GO_JSON_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def go_marshal(value: Any) -> bytes:
    """Go's ``json.Marshal``: compact, with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _GO_JSON_ESCAPES:
        text = text.replace(raw, escaped)
    return text.encode()


def go_json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """gin's ``c.JSON``: ``json.Marshal`` output with ``application/json; charset=utf-8``."""
    return Response(go_marshal(body), status_code=status, headers=headers, media_type="application/json; charset=utf-8")


def daemon_path(scope: Scope) -> str:
    """The path the daemon sees: what follows ``/toolbox/{sandboxId}`` (the runner strips the prefix)."""
    path: str = scope.get("path", "/")
    parts = path.split("/", 3)  # "", "toolbox", id, rest
    return "/" + parts[3] if len(parts) > 3 else "/"


def daemon_error_response(exc: EmulatorHTTPError, scope: Scope) -> Response:
    if isinstance(exc, DaemonAbort):
        return Response(b"", status_code=exc.status, headers=exc.headers)
    method = scope.get("method", "GET")
    body = go_error_body(exc.status, exc.message, exc.code, daemon_path(scope), method)
    return go_json(body, exc.status, exc.headers)


# ---- the router ---------------------------------------------------------------------------------------------------


class DaemonRouter:
    """The toolbox routes behind ``/toolbox/{sandboxId}``, answering errors and unknown routes as the daemon."""

    def __init__(self, routes: list[BaseRoute]) -> None:
        self.routes = routes
        self.router = Router(routes=routes, redirect_slashes=False, default=self._no_route)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            handlers, status_handlers = scope.get("starlette.exception_handlers", ({}, {}))
            scope["starlette.exception_handlers"] = (
                {**handlers, EmulatorHTTPError: self._make_error_handler(handlers.get(EmulatorHTTPError))},
                status_handlers,
            )
        if scope["type"] == "http" and not any(route.matches(scope)[0] == Match.FULL for route in self.routes):
            await self._no_route(scope, receive, send)  # gin has no 405: a known path with another method is a 404
            return
        await self.router(scope, receive, send)

    @staticmethod
    def _make_error_handler(fallback: Any) -> Any:
        async def handle(conn: HTTPConnection, exc: Exception) -> Response | None:
            assert isinstance(exc, EmulatorHTTPError)
            if isinstance(conn, WebSocket):
                return await fallback(conn, exc) if fallback is not None else None
            own = getattr(type(exc), "response", None)
            if own is not None and own is not getattr(EmulatorHTTPError, "response", None):
                return exc.response(conn)  # type: ignore[attr-defined, no-any-return]  # renders itself
            return daemon_error_response(exc, conn.scope)

        return handle

    def _redirect_target(self, scope: Scope) -> str | None:
        """The path with its trailing slash added or removed, when a route of this method matches that."""
        path: str = scope["path"]
        prefix, _, relative = path.partition("/toolbox/")
        sandbox_id, _, rest = relative.partition("/")
        local = "/" + rest
        if local == "/":
            return None
        alternative = local[:-1] if local.endswith("/") else local + "/"
        probe = {**scope, "path": alternative, "root_path": ""}
        for route in self.routes:
            match, _ = route.matches(probe)
            if match == Match.FULL:
                return f"{prefix}/toolbox/{sandbox_id}{alternative}"
        return None

    async def _no_route(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            websocket = WebSocket(scope, receive, send)
            await websocket.close(code=1008)
            return
        if scope["type"] != "http":
            raise HTTPException(404)
        target = self._redirect_target(scope)
        if target is not None:
            query = scope.get("query_string", b"").decode("latin-1")
            location = target + (f"?{query}" if query else "")
            method = scope.get("method", "GET")
            if method == "GET":
                body = f'<a href="{_html_escape(location)}">Moved Permanently</a>.\n\n'
                response: Response = Response(
                    body, 301, headers={"Location": location}, media_type="text/html; charset=utf-8"
                )
            else:
                response = Response(b"", 307, headers={"Location": location})
            await response(scope, receive, send)
            return
        await Response(GO_NOT_FOUND_BODY, 404, headers={"Content-Type": "text/plain"})(scope, receive, send)


def _html_escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;").replace("'", "&#39;")
    )
