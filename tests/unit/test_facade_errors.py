"""facade.errors: status mapping, message/code/Retry-After extraction, secrets kept out."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import pytest

from facade._errors import (
    DaytonaAuthenticationError,
    DaytonaAuthorizationError,
    DaytonaConflictError,
    DaytonaConnectionError,
    DaytonaError,
    DaytonaNotFoundError,
    DaytonaRateLimitError,
    DaytonaServerError,
    DaytonaTimeoutError,
    DaytonaValidationError,
    as_daytona_error,
    error_from_response,
    parse_retry_after,
    redact_secrets,
)


def api_body(message: object, **extra: object) -> bytes:
    return json.dumps({"statusCode": 400, "message": message, **extra}).encode()


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, DaytonaValidationError),
        (401, DaytonaAuthenticationError),
        (403, DaytonaAuthorizationError),
        (404, DaytonaNotFoundError),
        (409, DaytonaConflictError),
        (422, DaytonaValidationError),
        (429, DaytonaRateLimitError),
        (500, DaytonaServerError),
        (502, DaytonaServerError),
        (503, DaytonaServerError),
        (504, DaytonaServerError),
        (418, DaytonaError),
    ],
)
def test_each_status_maps_to_its_error_class(status: int, cls: type[DaytonaError]) -> None:
    error = error_from_response(status, api_body("boom"), {})
    assert type(error) is cls
    assert isinstance(error, DaytonaError)
    assert error.status_code == status


def test_message_and_code_come_from_json_body_with_prefix() -> None:
    body = api_body("Sandbox abc not found", code="NOT_FOUND", error="Not Found")
    error = error_from_response(404, body, {"Content-Type": "application/json"}, prefix="Failed to get sandbox: ")
    assert error.message == "Failed to get sandbox: Sandbox abc not found"
    assert str(error) == error.message
    assert error.error_code == "NOT_FOUND"
    assert error.headers == {"content-type": "application/json"}


def test_error_code_falls_back_to_error_code_then_error_field() -> None:
    assert error_from_response(400, api_body("x", error_code="E1", error="Bad Request"), {}).error_code == "E1"
    assert error_from_response(400, api_body("x", error="Bad Request"), {}).error_code == "Bad Request"
    assert error_from_response(400, api_body("x"), {}).error_code is None


def test_list_of_messages_is_joined() -> None:
    error = error_from_response(400, api_body(["name must be a string", "cpu must be positive"]), {})
    assert error.message == "name must be a string; cpu must be positive"


def test_non_json_body_is_used_as_text() -> None:
    error = error_from_response(502, b"<html>Bad gateway from proxy</html>", {})
    assert error.message == "<html>Bad gateway from proxy</html>"
    assert error.error_code is None


def test_empty_body_gives_status_and_reason() -> None:
    assert error_from_response(503, b"", {}).message == "HTTP 503 Service Unavailable"


def test_huge_body_is_truncated() -> None:
    error = error_from_response(500, b"x" * 100_000, {})
    assert len(error.message) < 3000
    assert error.message.endswith("(truncated)")


def test_rate_limit_reads_retry_after_seconds() -> None:
    error = error_from_response(429, api_body("slow down"), {"Retry-After": "7"})
    assert isinstance(error, DaytonaRateLimitError)
    assert error.retry_after == 7.0


def test_rate_limit_without_retry_after_has_none() -> None:
    error = error_from_response(429, api_body("slow down"), {})
    assert isinstance(error, DaytonaRateLimitError)
    assert error.retry_after is None


def test_parse_retry_after_accepts_seconds_and_http_dates() -> None:
    now = datetime(2015, 10, 21, 7, 28, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("1.5") == 1.5
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now=now) == 30.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now=now) == 0.0  # in the past
    assert parse_retry_after("soon") is None
    assert parse_retry_after("-5") is None
    assert parse_retry_after(None) is None


def test_secrets_in_body_never_reach_the_message() -> None:
    body = api_body("Rejected header Authorization: Bearer sk-live-123456 for api_key=abcdef token: 'tok-999'")
    error = error_from_response(401, body, {"Authorization": "Bearer sk-live-123456", "Set-Cookie": "s=1"})
    text = f"{error} {error!r} {error.headers}"
    for secret in ("sk-live-123456", "abcdef", "tok-999", "s=1"):
        assert secret not in text
    assert "authorization" not in error.headers
    assert "set-cookie" not in error.headers


def test_redact_secrets_keeps_ordinary_text() -> None:
    assert redact_secrets("Invalid token provided") == "Invalid token provided"
    assert redact_secrets("Bearer abc.def-ghi") == "Bearer ***"


def test_connect_error_becomes_connection_error_without_query() -> None:
    request = httpx.Request("GET", "https://api.example/api/sandbox?token=secret-q")
    exc = httpx.ConnectError("[Errno 111] Connection refused", request=request)
    error = as_daytona_error(exc, prefix="Failed to list sandboxes: ")
    assert type(error) is DaytonaConnectionError
    assert error.message.startswith(
        "Failed to list sandboxes: Connection failed during GET https://api.example/api/sandbox"
    )
    assert "secret-q" not in error.message
    assert error.__cause__ is exc


def test_timeouts_become_timeout_errors() -> None:
    request = httpx.Request("POST", "https://api.example/api/sandbox")
    error = as_daytona_error(httpx.ReadTimeout("timed out", request=request))
    assert type(error) is DaytonaTimeoutError
    assert "ReadTimeout" in error.message


def test_pool_timeout_names_the_pool_setting() -> None:
    error = as_daytona_error(httpx.PoolTimeout("no free connection"))
    assert isinstance(error, DaytonaTimeoutError)
    assert "connection_pool_maxsize" in error.message


def test_as_daytona_error_adds_prefix_and_keeps_class_and_attributes() -> None:
    original = DaytonaRateLimitError("slow down", 429, {"Retry-After": "3"}, "RATE", retry_after=3.0)
    wrapped = as_daytona_error(original, "Failed to start sandbox: ")
    assert type(wrapped) is DaytonaRateLimitError
    assert wrapped.message == "Failed to start sandbox: slow down"
    assert wrapped.retry_after == 3.0
    assert wrapped.status_code == 429
    assert original.message == "slow down"  # the original is not changed


def test_as_daytona_error_maps_builtin_exceptions() -> None:
    assert type(as_daytona_error(TimeoutError())) is DaytonaTimeoutError
    assert type(as_daytona_error(ConnectionResetError("reset"))) is DaytonaConnectionError
    other = as_daytona_error(RuntimeError("odd"), "p: ")
    assert type(other) is DaytonaError
    assert other.message == "p: odd"
    assert other.status_code is None
