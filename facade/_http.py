"""The one call path: every request the SDK makes goes through :class:`Endpoint`.

An endpoint is a base URL (the API, or one sandbox's toolbox) on the client's single pooled
``httpx.AsyncClient``. It sends a generated operation's typed request (``op.request(...)``, a
``daytona_openapi.types.Request[T]``) and returns ``T``, so mypy checks the arguments against the
operation's signature and the result as its return type::

    sandbox = await ctx.send(sandbox_api.get_sandbox.request(sandbox_id), "Failed to get sandbox: ")

Per-call options are parameters of the same path: the error ``prefix``, the ``timeout``, ``retry``
and a ``parse`` that replaces the operation's own. :meth:`Endpoint.stream` yields the answer with its
body unread (transfers, logs) and :meth:`Endpoint.websocket` opens a WebSocket; all three share the
retry rules and map every failure with :func:`facade._errors.as_daytona_error` /
:func:`facade._errors.error_from_response`.

Retries (at most 3 attempts, 0.25 s growing x2 to 2 s with jitter, on the polling clock):

* idempotent methods (GET, HEAD, OPTIONS, TRACE, PUT, DELETE) on connection failures (connect errors
  and timeouts, broken or reset connections) and on 429, 502, 503 and 504 answers, honouring
  ``Retry-After`` up to 20 s (a longer one is returned to the caller as the error's ``retry_after``);
* other methods only when the connection could not be opened (the request was never sent);
* ``retry=True`` / ``False`` overrides the method rule; a streamed request body is never repeated.
"""

from __future__ import annotations

import base64
import logging
import secrets
import weakref
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

import httpx

from ._config import ResolvedConfig, default_headers
from ._errors import DaytonaError, as_daytona_error, error_from_response, parse_retry_after, redact_secrets
from ._polling import BackoffPolicy, get_default_clock

if TYPE_CHECKING:
    import aiohttp
    from daytona_openapi.types import Request, ResponseLike
    from httpx_ws import AsyncWebSocketSession

T = TypeVar("T")
#: A request's timeout: an ``httpx.Timeout``, seconds, None (no limit) or ``"default"`` (the client's).
Timeout = httpx.Timeout | float | None | Literal["default"]

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"})
RETRY_STATUSES = frozenset({429, 502, 503, 504})
RETRY_POLICY = BackoffPolicy(initial=0.25, multiplier=2.0, max_interval=2.0, jitter=0.1)
MAX_RETRY_AFTER = 20.0
#: Seconds an idle pooled connection is kept: shorter than common server idle timeouts (Node.js and
#: uvicorn close after 5 s), so a request never picks a connection the server is about to drop.
KEEPALIVE_EXPIRY = 4.0
#: Most bytes of an error body read to build the error message.
MAX_ERROR_BODY = 64 * 1024
_ALWAYS = (httpx.ConnectError, httpx.ConnectTimeout)  # the request was certainly not sent
_IF_IDEMPOTENT = (*_ALWAYS, httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError)
_WS_HEADERS = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13"}


class _RedactSecrets(logging.Filter):
    """Keeps tokens out of httpx's log lines: it logs every request's URL at INFO, and SSH tokens travel in
    query strings, signed preview tokens in paths."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact_secrets(record.getMessage()), None
        return True


logging.getLogger("httpx").addFilter(_RedactSecrets())


def build_client(resolved: ResolvedConfig, transport: httpx.AsyncBaseTransport | None = None) -> httpx.AsyncClient:
    """The pooled client of one ``AsyncDaytona``: default headers, the configured timeout, no redirects followed,
    ``connection_pool_maxsize`` connections (idle ones expire after 4 s). Requests go through
    ``httpx_aiohttp.AiohttpTransport`` on an aiohttp session that honours environment proxies (the fastest
    option measured, see docs/architecture.md), or through ``transport`` when one is given (tests)."""
    http = _Client(
        headers=default_headers(resolved), timeout=httpx.Timeout(resolved.http_timeout),
        transport=transport or _Aiohttp(resolved.connection_pool_maxsize), follow_redirects=False, trust_env=False,
    )  # fmt: skip
    if transport is None:
        _WS_CLIENTS[http] = None
    return http


class _Aiohttp(httpx.AsyncBaseTransport):
    """httpx-aiohttp's transport, made on the first request (aiohttp's import costs tens of milliseconds)."""

    def __init__(self, size: int | None) -> None:
        self._size, self._inner = size, cast(httpx.AsyncBaseTransport | None, None)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._inner is None:
            import ssl

            from httpx_aiohttp import AiohttpTransport

            # The transport's own TLS context serves only sessions it makes itself; ours (made by the factory)
            # verifies with aiohttp's default one. A bare verifying context spares loading certifi's CA bundle
            # (about 20 ms) for a context nothing uses.
            self._inner = AiohttpTransport(
                verify=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT), client=lambda: _aiohttp_session(self._size)
            )
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        if self._inner is not None:
            await self._inner.aclose()


class _NoCookies(httpx.Cookies):
    """Cookies that stay empty: the API uses none, and httpx wraps every answer and its request in urllib's
    types for the cookie jar (a tenth of a ``get``'s CPU)."""

    def extract_cookies(self, response: httpx.Response) -> None:
        pass


class _Client(httpx.AsyncClient):
    """httpx's client, with :class:`_NoCookies` as its cookies."""

    @property
    def cookies(self) -> httpx.Cookies:
        return _NO_COOKIES

    @cookies.setter
    def cookies(self, cookies: object) -> None:
        pass  # nothing is kept


_NO_COOKIES = _NoCookies()


def _aiohttp_session(size: int | None) -> aiohttp.ClientSession:
    """The aiohttp session behind the transport; it reads proxy settings from the environment only when some
    are set (looking them up on every request costs a third of the client's CPU)."""
    import urllib.request

    import aiohttp

    connector = aiohttp.TCPConnector(limit=size or 0, keepalive_timeout=KEEPALIVE_EXPIRY)
    return aiohttp.ClientSession(connector=connector, trust_env=bool(urllib.request.getproxies()))


def websocket_client(http: httpx.AsyncClient) -> httpx.AsyncClient:
    """The client that opens WebSockets for ``http``: ``http`` itself, unless its transport cannot hand a
    connection over (aiohttp's), then one stock-httpx client made on first use and closed with ``http``."""
    if http not in _WS_CLIENTS:
        return http
    if (ws := _WS_CLIENTS[http]) is None:
        ws = _WS_CLIENTS[http] = httpx.AsyncClient(headers=http.headers, timeout=http.timeout, trust_env=True)
    return ws


_WS_CLIENTS: weakref.WeakKeyDictionary[httpx.AsyncClient, httpx.AsyncClient | None] = weakref.WeakKeyDictionary()


async def close(http: httpx.AsyncClient) -> None:
    """Close ``http`` and its WebSocket client, if one was made (idempotent)."""
    await http.aclose()
    if (ws := _WS_CLIENTS.pop(http, None)) is not None:
        await ws.aclose()


def timeout_with(http: httpx.AsyncClient, read: float | None) -> httpx.Timeout:
    """The client's timeouts with another read timeout (None: none)."""
    return httpx.Timeout(connect=http.timeout.connect, read=read, write=http.timeout.write, pool=http.timeout.pool)


async def release(response: httpx.Response) -> None:
    """Close ``response`` and break its reference cycle (httpx binds the body stream to the response), so that it
    is freed at once rather than by the garbage collector, whose runs cost about a tenth of a ``get``'s CPU."""
    await response.aclose()
    response.stream = _RELEASED


_RELEASED = httpx.ByteStream(b"")


async def check(response: httpx.Response, prefix: str, ok: range = range(200, 300)) -> None:
    """Raise the :class:`DaytonaError` for an answer whose status is not in ``ok`` (its body, at most
    64 KiB, read for the message; the response is then closed)."""
    if response.status_code in ok:
        return
    body = bytearray()
    try:
        async for chunk in response.aiter_bytes():
            body += chunk
            if len(body) >= MAX_ERROR_BODY:
                break
    except (httpx.StreamError, httpx.TransportError, httpx.DecodingError):
        pass  # keep what was read: the status alone still gives a useful error
    finally:
        await response.aclose()
    raise error_from_response(response.status_code, bytes(body[:MAX_ERROR_BODY]), response.headers, prefix=prefix)


class Endpoint:
    """One base URL (``{api_url}`` or ``{toolbox_proxy_url}/{sandbox_id}``) on the shared pooled client."""

    def __init__(self, http: httpx.AsyncClient, base_url: str, *, max_attempts: int = 3) -> None:
        self.http = http
        self.base_url = base_url.rstrip("/")
        self.max_attempts = max_attempts

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` (which starts with a slash) on this endpoint."""
        return self.base_url + path

    def at(self, base_url: str) -> Endpoint:
        """Another base URL on the same pool (e.g. a sandbox's toolbox)."""
        return Endpoint(self.http, base_url, max_attempts=self.max_attempts)

    async def send(
        self, req: Request[T], prefix: str = "", *, timeout: Timeout = "default", retry: bool | None = None,
        parse: Callable[[ResponseLike], T] | None = None,
    ) -> T:  # fmt: skip
        """Send ``req`` and return its parsed success answer (``parse`` instead of the operation's own).

        Raises:
            DaytonaError: The subclass for the status, or for the transport, decoding or parsing failure.
        """
        response = await self._open(req, prefix, timeout, retry, read=True)
        try:
            return (parse or req.parse)(response)
        except Exception as exc:
            raise as_daytona_error(exc, prefix) from exc
        finally:
            await release(response)

    @asynccontextmanager
    async def stream(
        self, req: Request[Any], prefix: str = "", *, timeout: Timeout = "default", retry: bool | None = None,
        headers: dict[str, str] | None = None,
    ) -> AsyncIterator[httpx.Response]:  # fmt: skip
        """Send ``req`` and yield its success answer with the body not yet read; httpx failures while it is
        read are raised as DaytonaErrors."""
        response = await self._open(req, prefix, timeout, retry, headers)
        try:
            yield response
        except httpx.HTTPError as exc:
            raise as_daytona_error(exc, prefix) from exc
        finally:
            await release(response)

    @asynccontextmanager
    async def websocket(self, req: Request[Any], prefix: str = "") -> AsyncIterator[AsyncWebSocketSession]:
        """Open the WebSocket of ``req`` (a GET upgraded on the pool, with the default headers and retries).

        A refused upgrade raises the status's error with the server's message. The session is closed
        when the block ends; exceptions of the block come out as raised (not as exception groups).
        """
        from httpx_ws import AsyncWebSocketSession  # deferred: only loaded when a socket is opened

        key = {"Sec-WebSocket-Key": base64.b64encode(secrets.token_bytes(16)).decode()}
        ws_http = websocket_client(self.http)
        response = await self._open(req, prefix, "default", None, _WS_HEADERS | key, range(101, 300), ws_http)
        if response.status_code != 101:
            await response.aclose()
            message = f"{prefix}the toolbox did not open a WebSocket (HTTP {response.status_code})"
            raise DaytonaError(message, status_code=response.status_code)
        try:
            async with AsyncWebSocketSession(response.extensions["network_stream"], response=response) as session:
                yield session
        except BaseExceptionGroup as group:  # httpx-ws reads in a task group, which wraps what leaves the block
            inner: BaseException = group
            while isinstance(inner, BaseExceptionGroup) and len(inner.exceptions) == 1:
                inner = inner.exceptions[0]
            if isinstance(inner, BaseExceptionGroup):
                raise
            raise inner from inner.__cause__
        finally:
            await response.aclose()

    async def _open(
        self, req: Request[Any], prefix: str, timeout: Timeout, retry: bool | None,
        headers: dict[str, str] | None = None, ok: range = range(200, 300), client: httpx.AsyncClient | None = None,
        read: bool = False,
    ) -> httpx.Response:  # fmt: skip
        """Send with retries; return the answer once its status is in ``ok``, else raise. With ``read`` the body
        is read here, so that an idempotent request whose answer is cut mid-body is retried too."""
        http = client or self.http
        if self.http.is_closed:
            raise DaytonaError(f"{prefix}the AsyncDaytona client is closed; use sandboxes only inside its lifetime")
        if req.headers:
            headers = {**req.headers, **(headers or {})}
        try:
            request = http.build_request(
                req.method, self.base_url + req.url, params=req.params, headers=headers, json=req.json,
                content=req.content, files=req.files,
                timeout=httpx.USE_CLIENT_DEFAULT if timeout == "default" else timeout,
            )  # fmt: skip
        except Exception as exc:
            raise as_daytona_error(exc, prefix) from exc
        idempotent = retry if retry is not None else request.method in IDEMPOTENT_METHODS
        may_retry = retry is not False and isinstance(request.stream, httpx.ByteStream)
        attempt = 1
        while True:
            last = attempt >= self.max_attempts or not may_retry
            try:
                response = await http.send(request, stream=True)
            except httpx.HTTPError as exc:
                if last or not isinstance(exc, _IF_IDEMPOTENT if idempotent else _ALWAYS):
                    raise as_daytona_error(exc, prefix) from exc
                delay = RETRY_POLICY.delay(attempt - 1)
            else:
                if last or not idempotent or response.status_code not in RETRY_STATUSES:
                    await check(response, prefix, ok)
                    try:
                        if read:
                            await response.aread()
                        return response
                    except httpx.HTTPError as exc:  # the answer was cut mid-body
                        await response.aclose()
                        if last or not idempotent or not isinstance(exc, _IF_IDEMPOTENT):
                            raise as_daytona_error(exc, prefix) from exc
                        delay = RETRY_POLICY.delay(attempt - 1)
                else:
                    retry_after = parse_retry_after(response.headers.get("retry-after"))
                    if retry_after is not None and retry_after > MAX_RETRY_AFTER:
                        await check(response, prefix, ok)  # the caller sees the answer and its Retry-After
                    delay = RETRY_POLICY.delay(attempt - 1) if retry_after is None else retry_after
                    await response.aclose()
            await get_default_clock().sleep(delay)
            attempt += 1
