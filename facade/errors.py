"""Exceptions raised by the facade, and the functions that build them.

Every failure the SDK reports is a :class:`DaytonaError`. The subclass says what kind of
failure it was, so callers can catch exactly what they care about::

    try:
        sandbox = await daytona.get("my-sandbox")
    except DaytonaNotFoundError:
        ...

HTTP error answers are turned into these classes by :func:`error_from_response`, transport
failures (connection refused, timeouts, broken connections) by :func:`error_from_transport`,
and anything else that escapes a call by :func:`as_daytona_error`.

Secrets never end up in a message: bearer tokens, API keys and similar ``key=value`` pairs
found in server text are replaced by ``***``, and credential headers are dropped from
:attr:`DaytonaError.headers`.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:  # httpx is only needed for type hints here; it is imported lazily below.
    import httpx

__all__ = [
    "DaytonaAuthenticationError",
    "DaytonaAuthorizationError",
    "DaytonaConflictError",
    "DaytonaConnectionError",
    "DaytonaError",
    "DaytonaNotFoundError",
    "DaytonaRateLimitError",
    "DaytonaServerError",
    "DaytonaStateError",
    "DaytonaTimeoutError",
    "DaytonaValidationError",
    "as_daytona_error",
    "error_from_response",
    "error_from_transport",
    "parse_retry_after",
    "redact_secrets",
]

#: Longest message taken from an error body (an HTML error page can be large).
MAX_MESSAGE_CHARS = 2000

#: Headers never kept on an error, whatever their case.
_SENSITIVE_HEADERS = frozenset(
    {
        "authorization",
        "proxy-authorization",
        "cookie",
        "set-cookie",
        "x-api-key",
        "x-daytona-api-key",
    }
)

# "Bearer <token>" anywhere in a text.
_BEARER_RE = re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9\-._~+/=]+")
# key=value / key: value / "key": "value" for keys that name a credential.
_KEY_VALUE_RE = re.compile(
    r"""(?ix)
    (?P<key>["']?\b(?:authorization|api[_-]?key|access[_-]?token|refresh[_-]?token|jwt[_-]?token|
        jwt|token|secret|password|session[_-]?token)\b["']?)
    (?P<sep>\s*[:=]\s*)
    (?P<quote>["']?)
    (?P<value>(?:bearer\s+)?[^\s"',;&}]+)
    """
)


def redact_secrets(text: str) -> str:
    """Return ``text`` with bearer tokens and credential ``key=value`` pairs replaced by ``***``.

    Used on every message built from a server answer or an underlying exception, so that a
    proxy or server echoing the request's ``Authorization`` header cannot leak it.
    """
    text = _BEARER_RE.sub(lambda m: m.group(1) + "***", text)
    return _KEY_VALUE_RE.sub(lambda m: f"{m.group('key')}{m.group('sep')}{m.group('quote')}***", text)


def _clean_headers(headers: Mapping[str, Any] | None) -> dict[str, str]:
    """Copy ``headers`` with lower-case names, dropping credential headers."""
    if not headers:
        return {}
    return {str(k).lower(): str(v) for k, v in headers.items() if str(k).lower() not in _SENSITIVE_HEADERS}


class DaytonaError(Exception):
    """Base class of every error the SDK raises.

    Attributes:
        message: Human-readable explanation (already free of secrets).
        status_code: HTTP status of the answer that caused the error, or None when there was
            no answer (client-side validation, transport failure, timeout of a wait).
        error_code: Machine-readable code from the error body (``code``, ``error_code`` or
            ``error``), when the server gave one.
        headers: Response headers (lower-case names; credential headers removed).
    """

    message: str
    status_code: int | None
    error_code: str | None
    headers: dict[str, str]

    def __init__(
        self,
        message: str,
        status_code: int | None = None,
        headers: Mapping[str, Any] | None = None,
        error_code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.error_code = error_code
        self.headers = _clean_headers(headers)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        parts = [repr(self.message)]
        if self.status_code is not None:
            parts.append(f"status_code={self.status_code}")
        if self.error_code is not None:
            parts.append(f"error_code={self.error_code!r}")
        return f"{type(self).__name__}({', '.join(parts)})"

    def with_prefix(self, prefix: str) -> Self:
        """Return a copy of this error (same class and attributes) whose message starts with ``prefix``.

        The copy keeps the original's ``__cause__``, so tracebacks still show where it came
        from. An empty prefix returns ``self`` unchanged.
        """
        if not prefix:
            return self
        clone = copy.copy(self)
        clone.message = prefix + self.message
        clone.args = (clone.message,)
        clone.headers = dict(self.headers)
        clone.__cause__ = self.__cause__
        return clone


class DaytonaNotFoundError(DaytonaError):
    """The requested resource does not exist (HTTP 404)."""


class DaytonaAuthenticationError(DaytonaError):
    """No valid credentials: missing configuration, or HTTP 401 from the service."""


class DaytonaAuthorizationError(DaytonaError):
    """The credentials are valid but not allowed to do this (HTTP 403)."""


class DaytonaValidationError(DaytonaError):
    """Bad input, found by the SDK before sending anything or by the service (HTTP 400/422)."""


class DaytonaConflictError(DaytonaError):
    """The request conflicts with the resource's current state (HTTP 409), e.g. a name in use."""


class DaytonaRateLimitError(DaytonaError):
    """Too many requests (HTTP 429).

    Attributes:
        retry_after: Seconds the service asked the client to wait before retrying, taken
            from the ``Retry-After`` header (seconds or HTTP-date), or None if it gave none.
    """

    retry_after: float | None

    def __init__(
        self,
        message: str,
        status_code: int | None = None,
        headers: Mapping[str, Any] | None = None,
        error_code: str | None = None,
        *,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, status_code, headers, error_code)
        self.retry_after = retry_after


class DaytonaTimeoutError(DaytonaError):
    """An operation did not finish in time: a wait's deadline passed, or an HTTP request timed out.

    Attributes:
        last_state: For waits, the last state the resource was seen in before the deadline
            (None if it was never fetched, or for HTTP timeouts).
    """

    last_state: str | None

    def __init__(
        self,
        message: str,
        status_code: int | None = None,
        headers: Mapping[str, Any] | None = None,
        error_code: str | None = None,
        *,
        last_state: str | None = None,
    ) -> None:
        super().__init__(message, status_code, headers, error_code)
        self.last_state = last_state


class DaytonaStateError(DaytonaError):
    """A wait stopped because the resource reached a failure state (e.g. ``error``, ``build_failed``).

    Attributes:
        state: The failure state reached.
        error_reason: The reason the service gave for it, if any.
    """

    state: str | None
    error_reason: str | None

    def __init__(self, message: str, *, state: str | None = None, error_reason: str | None = None) -> None:
        super().__init__(message)
        self.state = state
        self.error_reason = error_reason


class DaytonaServerError(DaytonaError):
    """The service failed to handle the request (HTTP 5xx)."""


class DaytonaConnectionError(DaytonaError):
    """The request could not be delivered or its answer not received (DNS, refused, reset...)."""


_STATUS_TO_CLASS: dict[int, type[DaytonaError]] = {
    400: DaytonaValidationError,
    401: DaytonaAuthenticationError,
    403: DaytonaAuthorizationError,
    404: DaytonaNotFoundError,
    409: DaytonaConflictError,
    422: DaytonaValidationError,
    429: DaytonaRateLimitError,
}


def _class_for_status(status: int) -> type[DaytonaError]:
    cls = _STATUS_TO_CLASS.get(status)
    if cls is not None:
        return cls
    if 500 <= status <= 599:
        return DaytonaServerError
    return DaytonaError


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Parse a ``Retry-After`` header value into seconds to wait.

    Accepts a non-negative number of seconds (``"120"``, ``"1.5"``) or an HTTP-date
    (``"Wed, 21 Oct 2015 07:28:00 GMT"``; a date in the past gives 0). Returns None for a
    missing or unparsable value. ``now`` (timezone-aware) is only for tests.
    """
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        if math.isfinite(seconds) and seconds >= 0:
            return seconds
        return None
    from email.utils import parsedate_to_datetime  # deferred: costly import, rarely needed

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = now if now is not None else datetime.now(UTC)
    return max(0.0, (when - current).total_seconds())


def _truncate(text: str) -> str:
    if len(text) <= MAX_MESSAGE_CHARS:
        return text
    return text[:MAX_MESSAGE_CHARS] + "... (truncated)"


def _message_and_code(status: int, body: bytes) -> tuple[str, str | None]:
    """Pull a message and an error code out of an error body."""
    import json  # deferred: only needed on the error path

    text = body.decode("utf-8", errors="replace").strip()
    parsed: Any = None
    if text:
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = None
    message: str | None = None
    code: str | None = None
    if isinstance(parsed, dict):
        raw_message = parsed.get("message")
        if isinstance(raw_message, str) and raw_message.strip():
            message = raw_message.strip()
        elif isinstance(raw_message, list) and raw_message:
            message = "; ".join(str(item) for item in raw_message)
        elif isinstance(parsed.get("detail"), str):
            message = str(parsed["detail"])
        for key in ("code", "error_code", "error"):
            candidate = parsed.get(key)
            if isinstance(candidate, str) and candidate:
                code = candidate
                break
        if message is None and isinstance(parsed.get("error"), str) and parsed["error"]:
            message = str(parsed["error"])
    if message is None:
        message = text
    if not message:
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = "Error"
        message = f"HTTP {status} {phrase}"
    return _truncate(redact_secrets(message)), code


def error_from_response(
    status: int,
    body: bytes,
    headers: Mapping[str, str],
    *,
    prefix: str = "",
) -> DaytonaError:
    """Build the error for an HTTP error answer.

    The class comes from the status (400/422 validation, 401 authentication, 403
    authorization, 404 not found, 409 conflict, 429 rate limit, 5xx server, anything else the
    base class). The message is the body's ``message`` (a list of messages is joined with
    ``"; "``), else its text, else ``"HTTP <status> <reason>"``; ``prefix`` is put in front.
    The code is the body's ``code``, ``error_code`` or ``error``. For 429 the ``Retry-After``
    header is parsed into ``retry_after``. Secrets in the body are redacted and credential
    headers dropped. The error is returned, not raised.
    """
    message, code = _message_and_code(status, body)
    cls = _class_for_status(status)
    full_message = prefix + message
    if cls is DaytonaRateLimitError:
        retry_after = parse_retry_after(_header(headers, "retry-after"))
        return DaytonaRateLimitError(full_message, status, headers, code, retry_after=retry_after)
    return cls(full_message, status, headers, code)


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    if value is not None:
        return value
    for key, candidate in headers.items():
        if key.lower() == name:
            return candidate
    return None


#: Path segments that carry a secret (the signed preview token in ``.../signed-preview-url/{token}/expire``).
_TOKEN_PATH_RE = re.compile(r"(/signed-preview-url/)[^/]+")


def _safe_target(exc: BaseException) -> str:
    """`` during METHOD scheme://host/path`` for the request behind an httpx error (no query), or ``""``."""
    try:
        request = exc.request  # type: ignore[attr-defined]
    except (AttributeError, RuntimeError):  # httpx raises RuntimeError when no request is attached
        return ""
    try:
        url = request.url
        path = _TOKEN_PATH_RE.sub(r"\1***", url.path)
        return f" during {request.method} {url.scheme}://{url.netloc.decode('ascii', 'replace')}{path}"
    except Exception:  # pragma: no cover - defensive: never fail while building an error
        return ""


def error_from_transport(exc: httpx.HTTPError, prefix: str = "") -> DaytonaError:
    """Build the error for a request that got no HTTP answer.

    Timeouts (``httpx.TimeoutException``) become :class:`DaytonaTimeoutError`; waiting too long
    for a free pooled connection (``httpx.PoolTimeout``) says so and names the
    ``connection_pool_maxsize`` setting. Every other transport failure
    (``httpx.TransportError``) becomes :class:`DaytonaConnectionError`. Other ``httpx``
    errors (an undecodable body, too many redirects, ...) become the base
    :class:`DaytonaError`. The message names the request's method and URL without its query
    string; ``exc`` is attached as ``__cause__``. The error is returned, not raised.
    """
    import httpx  # deferred: keeps `import facade.errors` cheap

    detail = redact_secrets(str(exc)) or type(exc).__name__
    target = _safe_target(exc)
    error: DaytonaError
    if isinstance(exc, httpx.PoolTimeout):
        error = DaytonaTimeoutError(
            f"{prefix}Timed out waiting for a free connection from the pool{target}; "
            "too many requests are in flight (raise DaytonaConfig.connection_pool_maxsize or limit concurrency)"
        )
    elif isinstance(exc, httpx.TimeoutException):
        error = DaytonaTimeoutError(f"{prefix}Request timed out{target} ({type(exc).__name__}: {detail})")
    elif isinstance(exc, httpx.TransportError):
        error = DaytonaConnectionError(f"{prefix}Connection failed{target} ({type(exc).__name__}: {detail})")
    else:
        error = DaytonaError(f"{prefix}HTTP error{target} ({type(exc).__name__}: {detail})")
    error.__cause__ = exc
    return error


def as_daytona_error(exc: BaseException, prefix: str = "") -> DaytonaError:
    """Convert any exception that escaped a call into a :class:`DaytonaError` with ``prefix``.

    A :class:`DaytonaError` keeps its class (its message gets the prefix); httpx errors go
    through :func:`error_from_transport`; ``TimeoutError`` becomes
    :class:`DaytonaTimeoutError`, ``ConnectionError`` :class:`DaytonaConnectionError`; anything
    else the base class. ``exc`` is attached as ``__cause__``. Returned, not raised.
    """
    if isinstance(exc, DaytonaError):
        return exc.with_prefix(prefix)
    import httpx  # deferred

    if isinstance(exc, httpx.HTTPError):
        return error_from_transport(exc, prefix)
    detail = redact_secrets(str(exc)) or type(exc).__name__
    error: DaytonaError
    if isinstance(exc, TimeoutError):
        error = DaytonaTimeoutError(f"{prefix}{detail}")
    elif isinstance(exc, ConnectionError):
        error = DaytonaConnectionError(f"{prefix}{detail}")
    else:
        error = DaytonaError(f"{prefix}{detail}")
    error.__cause__ = exc
    return error
