"""The network transport under the SDK's one ``httpx.AsyncClient``: an httpcore connection pool on asyncio.

:class:`PooledTransport` is an ``httpx.AsyncHTTPTransport`` for direct HTTP/1.1 connections whose
httpcore connection pool differs from the stock one in two ways that matter for throughput under
concurrency:

* it runs on :class:`facade._asyncio_backend.AsyncioBackend` instead of httpcore's anyio backend,
  so asking an idle connection whether the server closed it costs an attribute read instead of
  anyio's attribute machinery and a ``poll()``;
* its bookkeeping between requests is linear in the number of connections
  (:class:`_LinearConnectionPool`), where httpcore 1.0's is quadratic.

Everything else is httpx's own: turning the request into an httpcore one, mapping httpcore's
exceptions to httpx's, wrapping the response body. Staying an ``httpx.AsyncHTTPTransport`` also
keeps test tools that patch that class (vcrpy) or httpcore's pool (respx) working.

Proxies are not handled here: :func:`facade.http.build_http_client` routes proxied URLs to the
standard ``httpx.AsyncHTTPTransport``.
"""

from __future__ import annotations

import ssl
import time
from typing import TYPE_CHECKING, Any

import httpcore
import httpx

from ._asyncio_backend import AsyncioBackend

if TYPE_CHECKING:
    from httpcore._async.connection_pool import AsyncPoolRequest

__all__ = ["PooledTransport"]

# Seconds between checks of every idle connection for expiry (each one is also checked when handed out).
_SWEEP_INTERVAL = 1.0


class _LinearConnectionPool(httpcore.AsyncConnectionPool):
    """httpcore's pool with its request-to-connection assignment done in linear time.

    httpcore 1.0's ``_assign_requests_to_connections`` runs on every request start and end. It
    rebuilds a list of all connections for every idle connection (quadratic) and rescans all
    connections for every queued request. With the 50-or-so connections of a busy client that
    bookkeeping costs more than the HTTP exchange itself (about 0.5 ms per pass with 50 idle
    connections, against 15 µs here). This override applies the same rules in one pass over the
    pool's requests and one over its connections, looking only at connections no request holds:

    1. drop closed connections; close expired ones (keep-alive timeout, or the server closed an
       idle one); close the oldest idle connections beyond ``max_keepalive_connections``;
    2. give each queued request, in arrival order, an idle connection to its origin if there is
       one, else a new connection while under ``max_connections``, else make room by closing an
       idle connection to another origin.

    Expiry is checked on the idle connection about to be handed out, and on all idle connections
    at most every :data:`_SWEEP_INTERVAL` seconds (httpcore checks all of them on every pass), so
    a connection past its keep-alive time or closed by the server is never reused, and is closed
    within a second once the pool is used again.

    Two things differ on purpose, both fixes proposed upstream (encode/httpcore#1035, #1111):
    an idle HTTP/1.1 connection goes to one queued request only (httpcore hands it to all of
    them, and all but one fail over and rescan the pool), and a connection already handed to a
    request that has not started on it yet is neither handed out again nor evicted. The
    keep-alive limit counts idle connections (httpcore counts all of them).

    It relies on the pool's internal attributes (``_connections``, ``_requests``, the limits,
    ``_close_connections``) and on ``AsyncPoolRequest``, which are the same in every httpcore
    1.0.x release from 1.0.5 on. :class:`PooledTransport` uses it only with those releases and
    httpcore's own pool otherwise.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._next_sweep = 0.0

    def _assign_requests_to_connections(self) -> list[httpcore.AsyncConnectionInterface]:
        if self._http2:  # multiplexed connections are shared by requests: keep httpcore's rules
            return super()._assign_requests_to_connections()
        closing: list[httpcore.AsyncConnectionInterface] = []
        # A connection held by a request in the pool is busy: the request is running on it, or was
        # given it and has not started yet (an HTTP/1.1 connection still looks idle then), or is
        # opening it. Busy connections are neither handed out nor evicted, and need no checks: a
        # connection only changes state while busy, and stops being busy (its request leaves the
        # pool) only once it is idle again or closed.
        busy: set[int] = set()
        queued: list[AsyncPoolRequest] = []
        for pool_request in self._requests:
            connection = pool_request.connection
            if connection is None:
                queued.append(pool_request)
            else:
                busy.add(id(connection))
        # Whether idle connections have expired (keep-alive timeout, or the server closed them) is
        # checked when one is handed out, and for all of them at most every _SWEEP_INTERVAL.
        now = time.monotonic()
        sweep = now >= self._next_sweep
        if sweep:
            self._next_sweep = now + _SWEEP_INTERVAL
        kept: list[httpcore.AsyncConnectionInterface] = []
        spare: list[httpcore.AsyncConnectionInterface] = []  # idle and not busy, oldest first
        for connection in self._connections:
            if id(connection) in busy:
                kept.append(connection)
            elif connection.is_available():  # open and idle
                if sweep and connection.has_expired():
                    closing.append(connection)
                else:
                    kept.append(connection)
                    spare.append(connection)
            elif not connection.is_closed():  # closed includes "failed to open": drop those
                kept.append(connection)  # opened for a request that went away before using it
        surplus = len(spare) - self._max_keepalive_connections
        if surplus > 0:
            evicted = {id(c) for c in spare[:surplus]}
            closing.extend(spare[:surplus])
            del spare[:surplus]
            kept = [c for c in kept if id(c) not in evicted]
        self._connections = kept

        # Each idle connection goes to one queued request, in arrival order.
        for pool_request in queued:
            origin = pool_request.request.url.origin
            chosen = None
            index = 0
            while index < len(spare):
                candidate = spare[index]
                if not candidate.can_handle_request(origin):
                    index += 1
                    continue
                del spare[index]
                if candidate.has_expired():
                    self._connections.remove(candidate)
                    closing.append(candidate)
                    continue
                chosen = candidate
                break
            if chosen is None:
                if len(self._connections) >= self._max_connections:
                    if not spare:
                        break  # nothing left to give this request or any later one
                    # The pool is full and no idle connection goes to this origin: close the
                    # oldest idle one to make room.
                    victim = spare.pop(0)
                    self._connections.remove(victim)
                    closing.append(victim)
                chosen = self.create_connection(origin)
                self._connections.append(chosen)
            pool_request.assign_to_connection(chosen)
        return closing

    async def _close_connections(self, closing: list[httpcore.AsyncConnectionInterface]) -> None:
        # httpcore enters a cancellation shield before looking at the list; most passes close nothing.
        if closing:
            await super()._close_connections(closing)


class PooledTransport(httpx.AsyncHTTPTransport):
    """An ``httpx.AsyncHTTPTransport`` for direct HTTP/1.1 connections on a faster pool (see the module doc).

    Args:
        limits: Pool size, keep-alive size and keep-alive expiry.
        ssl_context: TLS settings for ``https://`` origins (default: httpx's, which honours
            ``SSL_CERT_FILE`` / ``SSL_CERT_DIR``).
        network_backend: Backend to open connections with (default :class:`AsyncioBackend`).
    """

    def __init__(
        self,
        *,
        limits: httpx.Limits,
        ssl_context: ssl.SSLContext | None = None,
        network_backend: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        context = ssl_context if ssl_context is not None else httpx.create_ssl_context(trust_env=True)
        super().__init__(verify=context, limits=limits, trust_env=True, http1=True, http2=False)
        # httpx keeps the httpcore pool it sends through in `_pool` (every 0.x release); put ours
        # in its place. Were it ever elsewhere, this stays a standard transport: slower, still correct.
        if type(getattr(self, "_pool", None)) is httpcore.AsyncConnectionPool:
            pool_class = _LinearConnectionPool if _linear_pool_supported() else httpcore.AsyncConnectionPool
            self._pool = pool_class(
                ssl_context=context,
                max_connections=limits.max_connections,
                max_keepalive_connections=limits.max_keepalive_connections,
                keepalive_expiry=limits.keepalive_expiry,
                http1=True,
                http2=False,
                network_backend=network_backend if network_backend is not None else AsyncioBackend(),
            )

    @property
    def pool(self) -> httpcore.AsyncConnectionPool:
        """The httpcore connection pool requests go through."""
        pool = self._pool
        assert isinstance(pool, httpcore.AsyncConnectionPool)
        return pool


def _linear_pool_supported(version: str = httpcore.__version__) -> bool:
    """Whether :class:`_LinearConnectionPool` matches this httpcore's pool internals (1.0.5 to 1.0.x)."""
    parts = version.split(".")
    try:
        major, minor, patch = int(parts[0]), int(parts[1]), int(parts[2])
    except (IndexError, ValueError):
        return False
    return (major, minor) == (1, 0) and patch >= 5
