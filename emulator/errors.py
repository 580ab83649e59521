"""Error answers shaped like the real service's, shared by the control plane and the toolbox."""

from __future__ import annotations

from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any

from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse, Response


class EmulatorHTTPError(Exception):
    """Raised by a handler to answer with the API's JSON error body."""

    def __init__(self, status: int, message: str, code: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.headers = headers or {}

    def response(self, conn: HTTPConnection | None = None) -> Response:
        """The answer for this error (the control plane's JSON body; subclasses render other services')."""
        return JSONResponse(
            error_body(self.status, self.message, conn, self.code), status_code=self.status, headers=self.headers
        )


def error_body(
    status: int, message: str, conn: HTTPConnection | None = None, code: str | None = None
) -> dict[str, Any]:
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
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def error_response(exc: EmulatorHTTPError, conn: HTTPConnection | None = None) -> Response:
    return exc.response(conn)


def not_found(what: str) -> EmulatorHTTPError:
    return EmulatorHTTPError(404, f"{what} not found", code="NOT_FOUND")


def bad_request(message: str) -> EmulatorHTTPError:
    return EmulatorHTTPError(400, message, code="BAD_REQUEST")


def conflict(message: str) -> EmulatorHTTPError:
    return EmulatorHTTPError(409, message, code="CONFLICT")
