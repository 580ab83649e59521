"""Error answers shaped like the real service's, shared by the control plane and the toolbox.

The control plane (``/api/...``) answers every error through the API's exception filter
(``apps/api/src/filters/all-exceptions.filter.ts``): exactly ``path`` (the request URL with its
query string), ``timestamp``, ``statusCode``, ``error`` (the status phrase) and ``message``.
Other paths (the toolbox) keep the daemon-like body built by :func:`error_body`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any

from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse, Response

API_PREFIX = "/api/"
UNEXPECTED_ERROR = "An unexpected error occurred."


class EmulatorHTTPError(Exception):
    """Raised by a handler to answer with the API's JSON error body.

    ``raw_body`` replaces the whole body (for answers that do not pass through the exception
    filter, such as the body parser's ``Invalid JSON in request body``).
    """

    def __init__(
        self,
        status: int,
        message: str,
        code: str | None = None,
        headers: dict[str, str] | None = None,
        raw_body: dict[str, Any] | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.headers = headers or {}
        self.raw_body = raw_body

    def response(self, conn: HTTPConnection | None = None) -> Response:
        """The answer for this error (the control plane's JSON body; subclasses render other services')."""
        body = self.raw_body if self.raw_body is not None else error_body(self.status, self.message, conn, self.code)
        return JSONResponse(body, status_code=self.status, headers=self.headers)


def _now_iso() -> str:
    """``new Date().toISOString()``: UTC with milliseconds and a ``Z``."""
    now = datetime.now(UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def is_api_path(conn: HTTPConnection | None) -> bool:
    """Whether the request went to the control plane (answered through the API's exception filter)."""
    return conn is not None and (conn.url.path.startswith(API_PREFIX) or conn.url.path == API_PREFIX.rstrip("/"))


def request_url(conn: HTTPConnection) -> str:
    """Express's ``request.url``: the path and, when there is one, the raw query string."""
    query = conn.scope.get("query_string", b"").decode("latin-1")
    return conn.url.path + (f"?{query}" if query else "")


def api_error_body(status: int, message: str, conn: HTTPConnection | None = None) -> dict[str, Any]:
    """The body of ``AllExceptionsFilter``: exactly path, timestamp, statusCode, error and message."""
    return {
        "path": request_url(conn) if conn is not None else "",
        "timestamp": _now_iso(),
        "statusCode": status,
        "error": status_phrase(status),
        "message": message,
    }


def error_body(
    status: int, message: str, conn: HTTPConnection | None = None, code: str | None = None
) -> dict[str, Any]:
    """The error body for ``conn``: the API filter's shape on ``/api`` paths, the daemon-like one elsewhere."""
    if is_api_path(conn):
        return api_error_body(status, message, conn)
    body: dict[str, Any] = {
        "statusCode": status,
        "message": message,
        "error": status_phrase(status),
        "timestamp": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
    }
    if code:
        body["code"] = code
    if conn is not None:
        body["path"] = conn.url.path
        body["method"] = conn.scope.get("method", "GET")
    return body


def status_phrase(status: int) -> str:
    """Node's ``STATUS_CODES[status]`` (the HTTP reason phrase)."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def error_response(exc: EmulatorHTTPError, conn: HTTPConnection | None = None) -> Response:
    return exc.response(conn)


def not_found(what: str) -> EmulatorHTTPError:
    """404 ``{what} not found``."""
    return EmulatorHTTPError(404, f"{what} not found", code="NOT_FOUND")


def bad_request(message: str) -> EmulatorHTTPError:
    """400 with ``message`` (the service's ``BadRequestError`` / ``SandboxError``)."""
    return EmulatorHTTPError(400, message, code="BAD_REQUEST")


def conflict(message: str) -> EmulatorHTTPError:
    """409 with ``message`` (``ConflictException``)."""
    return EmulatorHTTPError(409, message, code="CONFLICT")


def state_change_in_progress() -> EmulatorHTTPError:
    """409 ``StateChangeInProgressError``: the sandbox is between states (``pending``)."""
    return EmulatorHTTPError(409, "Sandbox state change in progress", code="CONFLICT")


def forbidden(message: str) -> EmulatorHTTPError:
    """403 with ``message`` (``ForbiddenException``)."""
    return EmulatorHTTPError(403, message, code="FORBIDDEN")


def unprocessable(message: str) -> EmulatorHTTPError:
    """422 with ``message`` (``HttpException(..., UNPROCESSABLE_ENTITY)``)."""
    return EmulatorHTTPError(422, message, code="UNPROCESSABLE_ENTITY")


def unexpected_error() -> EmulatorHTTPError:
    """500 ``An unexpected error occurred.``: what the filter answers for any non-HTTP exception."""
    return EmulatorHTTPError(500, UNEXPECTED_ERROR, code="INTERNAL_SERVER_ERROR")


def invalid_json_body() -> EmulatorHTTPError:
    """400 from the body parser's error handler, sent without passing through the exception filter."""
    message = "Invalid JSON in request body"
    return EmulatorHTTPError(400, message, raw_body={"message": message, "error": "Bad Request", "statusCode": 400})
