"""An httpcore network backend on plain asyncio transports, for the SDK's connection pool.

httpcore's default backend goes through anyio. That is correct but costly on the hot path: before
every request the pool asks each idle connection ``get_extra_info("is_readable")`` (has the server
closed it?), which anyio answers by building its typed-attribute table and polling the socket. Here
each connection is an :class:`asyncio.Protocol` that already knows whether bytes or an EOF arrived
while it sat idle, so that question costs an attribute read, and reads/writes are a buffer and a
future instead of anyio's stream layers.

Only what httpcore's :class:`httpcore.AsyncNetworkBackend` contract asks for is implemented: TCP and
Unix-socket connects (with connect timeouts and socket options), TLS via ``loop.start_tls`` (SNI and
the ALPN protocols httpcore sets on the context), reads and writes with timeouts, and the
``get_extra_info`` keys httpcore uses. Errors are raised as httpcore's own exceptions
(:class:`httpcore.ConnectError`, :class:`httpcore.ReadTimeout`, ...), which the transport maps to
httpx's. It runs only under asyncio (the SDK is asyncio-only).
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Iterable
from typing import Any

import httpcore

__all__ = ["AsyncioBackend", "AsyncioStream"]

# Unread bytes a connection buffers before it stops reading from the socket (httpcore reads 64 KiB
# at a time, so this keeps a few reads ready without letting a fast server fill memory).
_READ_BUFFER_LIMIT = 256 * 1024
# Delay between connection attempts to the addresses of a host (RFC 8305 "Happy Eyeballs"), as anyio.
_HAPPY_EYEBALLS_DELAY = 0.25

_SocketOption = tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]


def _expire(waiter: asyncio.Future[None], error: Exception) -> None:
    """Timer callback: fail ``waiter`` with ``error`` unless it is already done."""
    if not waiter.done():
        waiter.set_exception(error)


class _ConnectionProtocol(asyncio.Protocol):
    """Receives one connection's bytes into a buffer and tracks EOF, loss and write flow control."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.eof = False  # the peer sent EOF or the connection was lost
        self.lost = False  # connection_lost was called
        self.error: BaseException | None = None  # why the connection was lost, if by an error
        self.over_ssl = False
        self.reading_paused = False
        self._read_waiter: asyncio.Future[None] | None = None
        self._write_paused = False
        self._drain_waiter: asyncio.Future[None] | None = None

    # ---- asyncio callbacks ---------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        self._wake_reader()
        if len(self.buffer) > _READ_BUFFER_LIMIT and not self.reading_paused and self.transport is not None:
            try:
                self.transport.pause_reading()
            except (AttributeError, NotImplementedError, RuntimeError):  # pragma: no cover - closing transport
                pass
            else:
                self.reading_paused = True

    def eof_received(self) -> bool:
        self.eof = True
        self._wake_reader()
        # Keep a plain TCP connection half-open (httpcore closes it); TLS transports ignore this.
        return not self.over_ssl

    def connection_lost(self, exc: Exception | None) -> None:
        self.lost = True
        self.eof = True
        if exc is not None:
            self.error = exc
        self._wake_reader()
        self._wake_drainer()

    def pause_writing(self) -> None:
        self._write_paused = True

    def resume_writing(self) -> None:
        self._write_paused = False
        self._wake_drainer()

    # ---- used by the stream --------------------------------------------------------------------

    def _wake_reader(self) -> None:
        waiter = self._read_waiter
        if waiter is not None:
            self._read_waiter = None
            if not waiter.done():
                waiter.set_result(None)

    def _wake_drainer(self) -> None:
        waiter = self._drain_waiter
        if waiter is not None:
            self._drain_waiter = None
            if not waiter.done():
                waiter.set_result(None)

    async def wait_readable(self, timeout: float | None) -> None:
        """Wait until bytes or EOF arrive; raise :class:`httpcore.ReadTimeout` after ``timeout`` seconds."""
        if self._read_waiter is not None:
            raise httpcore.ReadError("another read is already waiting on this connection")
        if self.reading_paused and self.transport is not None:
            self.reading_paused = False
            self.transport.resume_reading()
        waiter = self._read_waiter = self._loop.create_future()
        timer = (
            self._loop.call_later(timeout, _expire, waiter, httpcore.ReadTimeout("timed out"))
            if timeout is not None
            else None
        )
        try:
            await waiter
        finally:
            self._read_waiter = None
            if timer is not None:
                timer.cancel()

    async def drain(self, timeout: float | None) -> None:
        """Wait until the transport takes more bytes; raise :class:`httpcore.WriteTimeout` on ``timeout``."""
        while self._write_paused and not self.lost:
            waiter = self._drain_waiter = self._loop.create_future()
            timer = (
                self._loop.call_later(timeout, _expire, waiter, httpcore.WriteTimeout("timed out"))
                if timeout is not None
                else None
            )
            try:
                await waiter
            finally:
                self._drain_waiter = None
                if timer is not None:
                    timer.cancel()


class AsyncioStream(httpcore.AsyncNetworkStream):
    """One connection (plain or TLS) as httpcore's network stream."""

    def __init__(self, protocol: _ConnectionProtocol, transport: asyncio.Transport) -> None:
        self._protocol = protocol
        self._transport = transport

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        protocol = self._protocol
        if not protocol.buffer and not protocol.eof:
            await protocol.wait_readable(timeout)
        buffer = protocol.buffer
        if not buffer:
            if protocol.error is not None:
                raise httpcore.ReadError(str(protocol.error) or type(protocol.error).__name__)
            return b""  # EOF: httpcore turns it into "server disconnected"
        if len(buffer) <= max_bytes:
            data = bytes(buffer)
            buffer.clear()
        else:
            data = bytes(buffer[:max_bytes])
            del buffer[:max_bytes]
        if protocol.reading_paused and len(buffer) <= _READ_BUFFER_LIMIT and not protocol.lost:
            protocol.reading_paused = False
            self._transport.resume_reading()
        return data

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        protocol = self._protocol
        if protocol.lost or self._transport.is_closing():
            error = protocol.error
            raise httpcore.WriteError(str(error) if error is not None else "connection closed")
        self._transport.write(buffer)
        await protocol.drain(timeout)
        if protocol.lost and protocol.error is not None:
            raise httpcore.WriteError(str(protocol.error) or type(protocol.error).__name__)

    async def aclose(self) -> None:
        transport = self._transport
        if self._protocol.over_ssl or transport.get_write_buffer_size():
            # Like httpcore's anyio backend: no TLS close_notify exchange (a dead peer could keep the
            # socket open for 30 s), and no waiting to flush bytes a peer may never read (after a
            # write timeout): the connection is being dropped, so drop it now.
            transport.abort()
        else:
            transport.close()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(timeout):
                transport = await loop.start_tls(
                    self._transport, self._protocol, ssl_context, server_hostname=server_hostname
                )
        except TimeoutError as exc:
            self._transport.abort()
            raise httpcore.ConnectTimeout(str(exc) or "TLS handshake timed out") from exc
        except (OSError, ssl.SSLError, EOFError) as exc:
            self._transport.abort()
            raise httpcore.ConnectError(str(exc) or type(exc).__name__) from exc
        if transport is None:  # pragma: no cover - only when the loop is closing
            self._transport.abort()
            raise httpcore.ConnectError("the connection was closed during the TLS handshake")
        assert isinstance(transport, asyncio.Transport)
        self._protocol.transport = transport
        self._protocol.over_ssl = True
        return AsyncioStream(self._protocol, transport)

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            # For an idle HTTP/1.1 connection any byte or an EOF means the server is closing it.
            protocol = self._protocol
            return bool(protocol.buffer) or protocol.eof
        if info == "ssl_object":
            return self._transport.get_extra_info("ssl_object")
        if info == "client_addr":
            return self._transport.get_extra_info("sockname")
        if info == "server_addr":
            return self._transport.get_extra_info("peername")
        if info == "socket":
            return self._transport.get_extra_info("socket")
        return None


def _apply_socket_options(transport: asyncio.Transport, options: Iterable[_SocketOption] | None) -> None:
    if not options:
        return
    sock = transport.get_extra_info("socket")
    for option in options:
        sock.setsockopt(*option)


class AsyncioBackend(httpcore.AsyncNetworkBackend):
    """httpcore network backend on asyncio protocols (asyncio event loops only)."""

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[_SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        protocol = _ConnectionProtocol(loop)
        try:
            async with asyncio.timeout(timeout):
                transport, _ = await loop.create_connection(
                    lambda: protocol,
                    host,
                    port,
                    local_addr=(local_address, 0) if local_address else None,
                    happy_eyeballs_delay=_HAPPY_EYEBALLS_DELAY,
                )
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(str(exc) or "connect timed out") from exc
        except OSError as exc:  # refused, unreachable, DNS failure (socket.gaierror), ...
            raise httpcore.ConnectError(str(exc) or type(exc).__name__) from exc
        assert isinstance(transport, asyncio.Transport)
        try:
            _apply_socket_options(transport, socket_options)
        except OSError as exc:
            transport.abort()
            raise httpcore.ConnectError(str(exc)) from exc
        return AsyncioStream(protocol, transport)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[_SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        protocol = _ConnectionProtocol(loop)
        try:
            async with asyncio.timeout(timeout):
                transport, _ = await loop.create_unix_connection(lambda: protocol, path)
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(str(exc) or "connect timed out") from exc
        except OSError as exc:
            raise httpcore.ConnectError(str(exc) or type(exc).__name__) from exc
        assert isinstance(transport, asyncio.Transport)
        try:
            _apply_socket_options(transport, socket_options)
        except OSError as exc:
            transport.abort()
            raise httpcore.ConnectError(str(exc)) from exc
        return AsyncioStream(protocol, transport)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
