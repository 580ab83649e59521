"""The one HTTP client the SDK uses, its retry layer, and HTTP error mapping.

:func:`build_http_client` makes a single pooled ``httpx.AsyncClient`` shared by every API and
toolbox call of one ``AsyncDaytona``; direct connections use :mod:`facade._transport` (httpcore's
pool on asyncio). Its transport is wrapped in :class:`RetryingTransport`,
which retries what is safe to retry:

* idempotent methods (GET, HEAD, OPTIONS, TRACE, PUT, DELETE) on connection failures
  (connect errors and timeouts, broken or reset connections) and on 429, 502, 503 and 504
  answers, honouring ``Retry-After`` up to a cap;
* other methods (POST, PATCH) only when the connection could not be opened, i.e. the request
  was never sent (``httpx.ConnectError``, ``httpx.ConnectTimeout``);
* never a request whose body is a stream (it cannot be replayed).

A request can override the method rule with ``extensions={RETRY_EXTENSION: True | False}``.
Attempts are bounded (3 in all by default) and spaced by a growing, jittered delay; sleeping
goes through the polling :class:`~facade.polling.Clock`, so tests never really wait.
"""

from __future__ import annotations

import logging

import httpx

from .config import ResolvedConfig, default_headers
from .errors import DaytonaValidationError, error_from_response, parse_retry_after
from .polling import BackoffPolicy, Clock, get_default_clock

__all__ = [
    "DEFAULT_KEEPALIVE_EXPIRY",
    "DEFAULT_MAX_ATTEMPTS",
    "DEFAULT_MAX_RETRY_AFTER",
    "DEFAULT_RETRY_POLICY",
    "IDEMPOTENT_METHODS",
    "RETRY_EXTENSION",
    "RETRY_STATUSES",
    "RetryingTransport",
    "build_http_client",
    "raise_for_status",
    "safe_url",
]

logger = logging.getLogger("facade.http")

#: Methods that may be repeated without changing the result.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"})
#: Answers after which an idempotent request is tried again.
RETRY_STATUSES = frozenset({429, 502, 503, 504})
#: Attempts per request, the first one included.
DEFAULT_MAX_ATTEMPTS = 3
#: Delays between attempts when the server gives no ``Retry-After``: 0.25 s, 0.5 s, ... up to 2 s.
DEFAULT_RETRY_POLICY = BackoffPolicy(initial=0.25, multiplier=2.0, max_interval=2.0, jitter=0.1)
#: Longest ``Retry-After`` the client waits for by itself; a longer one is returned to the caller.
DEFAULT_MAX_RETRY_AFTER = 20.0
#: Seconds an idle pooled connection is kept. Shorter than common server idle timeouts
#: (Node.js and uvicorn close after 5 s), so a request never picks a connection the server
#: is about to drop.
DEFAULT_KEEPALIVE_EXPIRY = 4.0
#: Request extension that overrides the retry rule: True retries like an idempotent request,
#: False disables retries.
RETRY_EXTENSION = "daytona_retry"
#: Most bytes of an error body read to build the error message.
MAX_ERROR_BODY_BYTES = 64 * 1024

# Failures where the request may have reached the server: only repeated for idempotent requests.
_RETRYABLE_IF_IDEMPOTENT: tuple[type[httpx.TransportError], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.ReadError,
    httpx.WriteError,
    httpx.RemoteProtocolError,
)
# Failures where the request was certainly not sent: repeated for any method.
_RETRYABLE_ALWAYS: tuple[type[httpx.TransportError], ...] = (httpx.ConnectError, httpx.ConnectTimeout)


def safe_url(url: httpx.URL) -> str:
    """``scheme://host[:port]/path`` of ``url``: no user info and no query (which may hold tokens)."""
    host = url.host
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = f":{url.port}" if url.port is not None else ""
    return f"{url.scheme}://{host}{port}{url.path}"


class RetryingTransport(httpx.AsyncBaseTransport):
    """An ``httpx`` transport that retries another transport's requests when that is safe.

    See the module documentation for the rules. When attempts run out, the last answer is
    returned (or the last transport error raised) unchanged, for the caller to map.

    Args:
        wrapped: The transport that really sends requests.
        max_attempts: Attempts per request including the first (>= 1).
        policy: Delays between attempts when the server gives no ``Retry-After``.
        max_retry_after: Longest ``Retry-After`` (seconds) honoured by waiting; an answer asking
            for longer is returned at once.
        clock: Sleep used between attempts (default: the polling default clock, looked up at
            each sleep so tests can install a fake one).
    """

    def __init__(
        self,
        wrapped: httpx.AsyncBaseTransport,
        *,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        policy: BackoffPolicy | None = None,
        max_retry_after: float = DEFAULT_MAX_RETRY_AFTER,
        clock: Clock | None = None,
    ) -> None:
        if max_attempts < 1:
            raise DaytonaValidationError("max_attempts must be at least 1")
        self.wrapped = wrapped
        self.max_attempts = max_attempts
        self.policy = policy if policy is not None else DEFAULT_RETRY_POLICY
        self.max_retry_after = max_retry_after
        self._clock = clock

    def _sleep_clock(self) -> Clock:
        return self._clock if self._clock is not None else get_default_clock()

    @staticmethod
    def _replayable(request: httpx.Request) -> bool:
        # Bodies given as bytes/str/json/form are a ByteStream and can be sent again;
        # generators, files and multipart streams cannot be trusted to replay.
        return isinstance(request.stream, httpx.ByteStream)

    @staticmethod
    def _idempotent(request: httpx.Request) -> bool:
        override = request.extensions.get(RETRY_EXTENSION)
        if isinstance(override, bool):
            return override
        return request.method.upper() in IDEMPOTENT_METHODS

    def _retry_allowed(self, request: httpx.Request) -> bool:
        return request.extensions.get(RETRY_EXTENSION) is not False and self._replayable(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` through the wrapped transport, retrying as described above."""
        may_retry = self._retry_allowed(request)
        idempotent = self._idempotent(request)
        attempt = 1
        while True:
            try:
                response = await self.wrapped.handle_async_request(request)
            except httpx.TransportError as exc:
                retryable = _RETRYABLE_IF_IDEMPOTENT if idempotent else _RETRYABLE_ALWAYS
                if not (may_retry and attempt < self.max_attempts and isinstance(exc, retryable)):
                    raise
                delay = self.policy.delay(attempt - 1)
                self._log_retry(request, attempt, delay, type(exc).__name__)
            else:
                if not (
                    may_retry and idempotent and attempt < self.max_attempts and response.status_code in RETRY_STATUSES
                ):
                    return response
                retry_after = parse_retry_after(response.headers.get("retry-after"))
                if retry_after is not None and retry_after > self.max_retry_after:
                    return response  # the caller sees the answer and its Retry-After
                delay = retry_after if retry_after is not None else self.policy.delay(attempt - 1)
                await response.aclose()
                self._log_retry(request, attempt, delay, f"HTTP {response.status_code}")
            await self._sleep_clock().sleep(delay)
            attempt += 1

    def _log_retry(self, request: httpx.Request, attempt: int, delay: float, reason: str) -> None:
        logger.debug(
            "Retrying %s %s after %s (attempt %d of %d, waiting %.2f s)",
            request.method,
            safe_url(request.url),
            reason,
            attempt + 1,
            self.max_attempts,
            delay,
        )

    async def aclose(self) -> None:
        """Close the wrapped transport (its pooled connections)."""
        await self.wrapped.aclose()


def _environment_proxies() -> dict[str, str | None]:
    """Proxy mounts from HTTP(S)_PROXY / ALL_PROXY / NO_PROXY, as httpx itself reads them."""
    try:
        from httpx._utils import get_environment_proxies
    except ImportError:  # pragma: no cover - httpx moved its helper; run without env proxies
        return {}
    return get_environment_proxies()


def _network_transport(limits: httpx.Limits) -> httpx.AsyncBaseTransport:
    """The transport for direct connections: :class:`facade._transport.PooledTransport`."""
    from ._transport import PooledTransport  # deferred: imports httpcore, only needed for a real client

    return PooledTransport(limits=limits)


def build_http_client(
    resolved: ResolvedConfig,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
) -> httpx.AsyncClient:
    """Create the pooled HTTP client for one ``AsyncDaytona``.

    The client has ``base_url`` set to the API URL (relative paths go to the API; absolute
    URLs such as the toolbox proxy are used as given), the default headers of
    :func:`facade.config.default_headers`, the configured per-request timeout, no redirect
    following, and a connection pool of ``connection_pool_maxsize`` connections whose idle
    connections expire after :data:`DEFAULT_KEEPALIVE_EXPIRY` seconds. Every transport is
    wrapped in :class:`RetryingTransport`.

    Direct connections go through :class:`facade._transport.PooledTransport` (httpcore's pool on
    an asyncio network backend, with linear-time pool bookkeeping). URLs that the environment's
    ``HTTP(S)_PROXY`` / ``ALL_PROXY`` send through a proxy use the standard
    ``httpx.AsyncHTTPTransport`` with that proxy, with the same limits.

    Args:
        resolved: The resolved configuration.
        transport: A transport to send requests with instead of the network one (tests pass
            ``httpx.MockTransport``); environment proxies are then ignored.
        max_attempts: Attempts per request, the first included.

    Returns:
        The client; the caller owns it and must ``await client.aclose()``.
    """
    limits = httpx.Limits(
        max_connections=resolved.connection_pool_maxsize,
        max_keepalive_connections=resolved.connection_pool_maxsize,
        keepalive_expiry=DEFAULT_KEEPALIVE_EXPIRY,
    )
    mounts: dict[str, httpx.AsyncBaseTransport | None] = {}
    if transport is None:
        inner: httpx.AsyncBaseTransport = _network_transport(limits)
        for pattern, proxy in _environment_proxies().items():
            mounts[pattern] = (
                RetryingTransport(
                    httpx.AsyncHTTPTransport(proxy=proxy, limits=limits, trust_env=True), max_attempts=max_attempts
                )
                if proxy
                else None  # NO_PROXY entry: use the direct transport
            )
    else:
        inner = transport
    return httpx.AsyncClient(
        base_url=resolved.api_url,
        headers=default_headers(resolved),
        timeout=httpx.Timeout(resolved.http_timeout),
        transport=RetryingTransport(inner, max_attempts=max_attempts),
        mounts=mounts or None,
        follow_redirects=False,
        trust_env=False,
    )


async def _read_error_body(response: httpx.Response) -> bytes:
    try:
        return response.content[:MAX_ERROR_BODY_BYTES]
    except httpx.ResponseNotRead:
        pass
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in response.aiter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size >= MAX_ERROR_BODY_BYTES:
                break
    except (httpx.StreamError, httpx.TransportError, httpx.DecodingError):
        pass  # keep what was read: the status alone still gives a useful error
    finally:
        await response.aclose()
    return b"".join(chunks)[:MAX_ERROR_BODY_BYTES]


async def raise_for_status(response: httpx.Response, prefix: str = "") -> None:
    """Raise the matching :class:`~facade.errors.DaytonaError` if ``response`` is not a 2xx answer.

    A streamed response's body is read (at most 64 KiB) to build the message, then the
    response is closed. ``prefix`` is put in front of the message.

    Raises:
        DaytonaError: The subclass chosen by :func:`facade.errors.error_from_response`.
    """
    if 200 <= response.status_code < 300:
        return
    body = await _read_error_body(response)
    raise error_from_response(response.status_code, body, response.headers, prefix=prefix)
