"""Errors answered the way the sandbox daemon's toolbox answers them.

The daemon (gin) renders every error a handler records through the common error middleware
(libs/common-go/pkg/errors/middleware.go, installed by apps/daemon/pkg/toolbox/server.go): a typed error
becomes ``{statusCode, message, code, timestamp, path, method}`` with the message prefixed by its class
("bad request: ...", "not found: ..."); an untyped one falls to the server's default handler, a 500 whose
body has only ``statusCode``, ``message``, a zero ``timestamp`` and an empty ``path``; and a handler that
aborted with a bare status (``AbortWithError``) answers that status with an empty body. ``path`` is the
path the daemon saw, i.e. without the proxy's ``/toolbox/{sandboxId}`` prefix.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse, Response

from daytona_emulator.errors import EmulatorHTTPError

_GO_ZERO_TIME = "0001-01-01T00:00:00Z"


def daemon_path(conn: HTTPConnection | None) -> str:
    """The request path as the daemon sees it (the toolbox proxy strips ``/toolbox/{sandboxId}``)."""
    if conn is None:
        return ""
    path = conn.url.path
    sandbox_id = conn.path_params.get("sandboxId")
    prefix = f"/toolbox/{sandbox_id}"
    if sandbox_id and path.startswith(prefix):
        return path[len(prefix) :] or "/"
    return path


def go_timestamp() -> str:
    """Now, as Go's encoding/json writes a UTC ``time.Time``."""
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


class DaemonError(EmulatorHTTPError):
    """A typed error of the daemon: class-prefixed message, machine code, timestamp, path and method."""

    def response(self, conn: HTTPConnection | None = None) -> Response:
        body: dict[str, Any] = {"statusCode": self.status, "message": self.message}
        if self.code:
            body["code"] = self.code
        body["timestamp"] = go_timestamp()
        body["path"] = daemon_path(conn)
        if conn is not None:
            body["method"] = conn.scope.get("method", "GET")
        return JSONResponse(body, status_code=self.status, headers=self.headers)


class UntypedDaemonError(EmulatorHTTPError):
    """An error no class matched: the daemon's default handler answers 500 with a bare body."""

    def __init__(self, message: str) -> None:
        super().__init__(500, message)

    def response(self, conn: HTTPConnection | None = None) -> Response:
        body = {"statusCode": 500, "message": self.message, "timestamp": _GO_ZERO_TIME, "path": ""}
        return JSONResponse(body, status_code=500)


class AbortedRequest(EmulatorHTTPError):
    """A handler that aborted with a status: that status, an empty body and no Content-Type."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(status, reason)

    def response(self, conn: HTTPConnection | None = None) -> Response:
        return Response(status_code=self.status)


def bad_request(message: str) -> DaemonError:
    return DaemonError(400, f"bad request: {message}", code="BAD_REQUEST")


def invalid_body(message: str) -> DaemonError:
    return DaemonError(400, f"invalid body request: {message}", code="INVALID_REQUEST_BODY")


def not_found(message: str) -> DaemonError:
    return DaemonError(404, f"not found: {message}", code="NOT_FOUND")


def conflict(message: str) -> DaemonError:
    return DaemonError(409, f"conflict: {message}", code="CONFLICT")


def gone(message: str) -> DaemonError:
    return DaemonError(410, f"gone: {message}", code="GONE")


def request_timeout(message: str) -> DaemonError:
    return DaemonError(408, f"request timeout: {message}", code="REQUEST_TIMEOUT")


def internal(message: str) -> DaemonError:
    return DaemonError(500, f"internal server error: {message}", code="INTERNAL_SERVER_ERROR")
