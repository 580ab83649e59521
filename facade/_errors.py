"""Exceptions raised by the facade, and the one place that turns any failure into them.

Every failure the SDK reports is a :class:`DaytonaError`; the subclass says what kind it was::

    try:
        sandbox = await daytona.get("my-sandbox")
    except DaytonaNotFoundError:
        ...

:func:`error_from_response` maps an HTTP answer (status, body, headers; 3xx included) and
:func:`as_daytona_error` maps any exception (transport failures, timeouts, undecodable or unreadable
bodies, WebSocket failures, ...). The call path in :mod:`facade._http` uses these two for plain calls,
streams, transfers, logs and WebSockets alike.

Secrets never end up in a message: bearer tokens, API keys and similar ``key=value`` pairs found in
server text are replaced by ``***``, and credential headers are dropped from :attr:`DaytonaError.headers`.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:
    import httpx

    from ._sandbox import AsyncSandbox

_POOL = "too many requests: raise DaytonaConfig.connection_pool_maxsize or limit concurrency"
#: Longest message taken from an error body (an HTML error page can be large).
MAX_MESSAGE_CHARS = 2000
_KNOWN = frozenset(HTTPStatus)
_SENSITIVE_HEADERS = {"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "x-daytona-api-key"}
_BEARER_RE = re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9\-._~+/=]+")
_KEY_VALUE_RE = re.compile(  # key=value / key: value / "key": "value" for keys that name a credential
    r"""(?i)(?P<key>["']?\b(?:authorization|api[_-]?key|(?:access|refresh|jwt|session)[_-]?token|jwt|token|secret|"""
    r"""password)\b["']?)(?P<sep>\s*[:=]\s*)(?P<quote>["']?)(?P<value>(?:bearer\s+)?[^\s"',;&}]+)"""
)
# Path segments that carry a secret (the signed preview token in ``.../signed-preview-url/{token}/expire``).
_TOKEN_PATH_RE = re.compile(r"(/signed-preview-url/)[^/]+")


def redact_secrets(text: str) -> str:
    """Return ``text`` with bearer tokens, credential ``key=value`` pairs and the signed preview token of a
    ``.../signed-preview-url/{token}`` path replaced by ``***``."""
    text = _TOKEN_PATH_RE.sub(r"\1***", _BEARER_RE.sub(lambda m: m.group(1) + "***", text))
    return _KEY_VALUE_RE.sub(lambda m: f"{m.group('key')}{m.group('sep')}{m.group('quote')}***", text)


class DaytonaError(Exception):
    """Base class of every error the SDK raises.

    Attributes:
        message: Human-readable explanation (already free of secrets).
        status_code: HTTP status of the answer that caused the error, or None when there was none.
        error_code: Machine-readable code from the error body (``code``, ``error_code`` or ``error``).
        headers: Response headers (lower-case names; credential headers removed).
        sandbox: The sandbox the failed call had created (``AsyncDaytona.create`` after the service accepted
            it), for the caller to delete or wait for again; None otherwise.
    """

    sandbox: AsyncSandbox | None = None

    def __init__(
        self, message: str, status_code: int | None = None, headers: Mapping[str, object] | None = None,
        error_code: str | None = None,
    ) -> None:  # fmt: skip
        super().__init__(message)
        self.message, self.status_code, self.error_code = message, status_code, error_code
        pairs = ((str(k).lower(), str(v)) for k, v in (headers or {}).items())
        self.headers = {k: v for k, v in pairs if k not in _SENSITIVE_HEADERS}

    def __repr__(self) -> str:
        shown = {"status_code": self.status_code, "error_code": self.error_code}
        extra = "".join(f", {k}={v!r}" for k, v in shown.items() if v is not None)
        return f"{type(self).__name__}({self.message!r}{extra})"

    def with_message(self, message: str) -> Self:
        """A copy of this error (same class, attributes and cause) with another message."""
        clone = copy.copy(self)
        clone.message, clone.args, clone.__cause__ = message, (message,), self.__cause__  # copy.copy drops the cause
        return clone

    def with_prefix(self, prefix: str) -> Self:
        """A copy whose message starts with ``prefix`` (``self`` when the prefix is empty)."""
        return self.with_message(prefix + self.message) if prefix else self


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
    """Too many requests (HTTP 429). ``retry_after``: seconds the service asked to wait, or None."""

    def __init__(self, *args: Any, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.retry_after = retry_after


class DaytonaTimeoutError(DaytonaError):
    """An operation did not finish in time. ``last_state``: for waits, the last state seen (else None)."""

    def __init__(self, *args: Any, last_state: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.last_state = last_state


class DaytonaStateError(DaytonaError):
    """A wait stopped because the resource reached a failure state (``state``, with ``error_reason``)."""

    def __init__(self, message: str, *, state: str | None = None, error_reason: str | None = None) -> None:
        super().__init__(message)
        self.state, self.error_reason = state, error_reason


class DaytonaServerError(DaytonaError):
    """The service failed to handle the request (HTTP 5xx)."""


class DaytonaConnectionError(DaytonaError):
    """The request could not be delivered or its answer not received (DNS, refused, reset, ...)."""


_STATUS_CLASSES: dict[int, type[DaytonaError]] = {
    400: DaytonaValidationError, 401: DaytonaAuthenticationError, 403: DaytonaAuthorizationError,
    404: DaytonaNotFoundError, 409: DaytonaConflictError, 422: DaytonaValidationError, 429: DaytonaRateLimitError,
}  # fmt: skip


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (seconds or HTTP-date; a past date gives 0), or None."""
    from email.utils import parsedate_to_datetime  # deferred: rarely needed

    try:
        seconds = float(value or "")
    except ValueError:
        try:
            when = parsedate_to_datetime(value or "")
        except (TypeError, ValueError, IndexError):
            return None
        when = when if when.tzinfo else when.replace(tzinfo=UTC)
        return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def json_object(text: str) -> dict[str, Any]:
    """The JSON object in ``text``, or ``{}`` if it holds none."""
    import json  # deferred: only needed on error and streaming paths

    try:
        value: object = json.loads(text) if text.lstrip().startswith("{") else None
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def error_from_response(status: int, body: bytes, headers: Mapping[str, str], *, prefix: str = "") -> DaytonaError:
    """The error for an HTTP answer that is not a success (returned, not raised).

    The class comes from the status (400/422 validation, 401 authentication, 403 authorization, 404 not
    found, 409 conflict, 429 rate limit with ``retry_after``, 5xx server, anything else the base class).
    The message is the body's ``message`` (a list is joined with ``"; "``), else its text, else
    ``"HTTP <status> <reason>"``; a redirect (3xx, never followed) names where it pointed, without its
    query. ``prefix`` goes in front. Secrets in the body are redacted, credential headers dropped.
    """
    named = {k.lower(): v for k, v in headers.items()}
    if 300 <= status < 400:
        where = named.get("location", "").split("?")[0].split("#")[0].split("@")[-1] or "(no Location header)"
        return DaytonaError(f"{prefix}unexpected redirect (HTTP {status}) to {where}", status, headers)
    text = body.decode("utf-8", errors="replace").strip()
    parsed: dict[str, object] = json_object(text)
    found = {k: v.strip() for k, v in parsed.items() if isinstance(v, str) and v.strip()}
    joined = "; ".join(map(str, raw)) if isinstance(raw := parsed.get("message"), list) else ""
    message = found.get("message") or joined or found.get("detail") or found.get("error") or text
    message = message or f"HTTP {status} {HTTPStatus(status).phrase if status in _KNOWN else 'Error'}"
    message = message[:MAX_MESSAGE_CHARS] + "... (truncated)" if len(message) > MAX_MESSAGE_CHARS else message
    code = found.get("code") or found.get("error_code") or found.get("error")
    cls = _STATUS_CLASSES.get(status, DaytonaServerError if 500 <= status <= 599 else DaytonaError)
    error = cls(prefix + redact_secrets(message), status, headers, code)
    if isinstance(error, DaytonaRateLimitError):
        error.retry_after = parse_retry_after(named.get("retry-after"))
    return error


def _target(exc: httpx.HTTPError) -> str:
    """`` during METHOD scheme://host/path`` of the request behind an httpx error (no query), or ``""``."""
    try:
        request = exc.request
    except RuntimeError:  # no request attached
        return ""
    path = _TOKEN_PATH_RE.sub(r"\1***", request.url.path)
    return f" during {request.method} {request.url.scheme}://{request.url.netloc.decode(errors='replace')}{path}"


def as_daytona_error(exc: BaseException, prefix: str = "") -> DaytonaError:
    """The :class:`DaytonaError` for any exception that escaped a call (returned, not raised).

    A :class:`DaytonaError` keeps its class and gets the prefix. httpx failures: waiting too long for a
    pooled connection and other timeouts become :class:`DaytonaTimeoutError`, other transport failures
    :class:`DaytonaConnectionError`, anything else (an undecodable body, ...) the base class; the
    message names the request's method and URL without its query. WebSocket closes and network
    errors become :class:`DaytonaConnectionError`; ``ValueError``/``KeyError``/``TypeError`` (a body
    that does not have the documented shape) the base class; ``TimeoutError`` and ``ConnectionError``
    their counterparts. ``exc`` is attached as ``__cause__``.
    """
    if isinstance(exc, DaytonaError):
        return exc.with_prefix(prefix)
    import httpx  # deferred: keeps `import facade` cheap

    kind, detail = type(exc).__name__, redact_secrets(str(exc)) or type(exc).__name__
    if websocket := kind in ("WebSocketDisconnect", "WebSocketNetworkError"):
        reason: object = getattr(exc, "reason", None)
        detail = redact_secrets(reason) if isinstance(reason, str) and reason else "WebSocket connection lost"
        code: object = getattr(exc, "code", None)
        detail += f" (close code {code})" if code else ""
    where, said = _target(exc) if isinstance(exc, httpx.HTTPError) else "", f"({kind}: {detail})"
    rules: tuple[tuple[type[BaseException] | tuple[type[BaseException], ...], type[DaytonaError], str], ...] = (
        (httpx.PoolTimeout, DaytonaTimeoutError, f"Timed out waiting for a free pooled connection{where} ({_POOL})"),
        (httpx.TimeoutException, DaytonaTimeoutError, f"Request timed out{where} {said}"),
        (httpx.TransportError, DaytonaConnectionError, f"Connection failed{where} {said}"),
        (httpx.HTTPError, DaytonaError, f"HTTP error{where} {said}"),
        (type(exc) if websocket else (), DaytonaConnectionError, detail),  # a WebSocket close (httpx_ws)
        ((ValueError, KeyError, TypeError, AttributeError), DaytonaError, f"unexpected response body {said}"),
        (TimeoutError, DaytonaTimeoutError, detail),
        (ConnectionError, DaytonaConnectionError, detail),
        (BaseException, DaytonaError, detail),
    )
    error = next(cls(prefix + message) for types, cls, message in rules if isinstance(exc, types))
    error.__cause__ = exc
    return error
