"""facade._transport and facade._asyncio_backend: the pooled network transport under the shared client.

These tests talk to small HTTP/1.1 servers that each test starts on the loopback interface (nothing
leaves the machine): keep-alive reuse, a connection the server closed while idle, a connection the
server drops under a request (retried for GET only), timeouts and connect failures mapped to httpx's
exceptions, TLS with SNI and ALPN, back-pressure on large bodies, cancellation, and the pool's limits.
"""

from __future__ import annotations

import asyncio
import hashlib
import shutil
import ssl
import subprocess
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpcore
import httpx
import pytest

from facade._asyncio_backend import AsyncioBackend
from facade._transport import PooledTransport, _linear_pool_supported, _LinearConnectionPool
from facade.config import DaytonaConfig, resolve_config
from facade.http import RetryingTransport, build_http_client
from facade.polling import FakeClock, use_clock

# What a handler answers: bytes to write (then keep the connection open), one of the actions below,
# or (bytes, CLOSE) to write the bytes and then close the connection.
CLOSE = "close"  # close the connection without answering
HANG = "hang"  # never answer


def ok(body: bytes = b"hello", *, extra: bytes = b"") -> bytes:
    return b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n%s\r\n%s" % (len(body), extra, body)


Handler = Callable[[int, int, str, bytes], Awaitable[bytes | str | tuple[bytes, str]]]


class LoopbackServer:
    """An HTTP/1.1 server on 127.0.0.1 whose answers come from ``handler(connection, n, request_line, body)``.

    ``connection`` counts accepted connections from 1 and ``n`` requests on that connection from 1.
    """

    def __init__(self, handler: Handler, ssl_context: ssl.SSLContext | None = None, host: str = "127.0.0.1") -> None:
        self.handler = handler
        self.ssl_context = ssl_context
        self.host = host
        self.connections = 0
        self.requests: list[tuple[int, str]] = []
        self.writers: list[asyncio.StreamWriter] = []
        self.port = 0
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    async def __aenter__(self) -> LoopbackServer:
        self._server = await asyncio.start_server(self._serve, self.host, 0, ssl=self.ssl_context)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._server.wait_closed()

    def url(self, path: str = "/", scheme: str = "http", host: str = "127.0.0.1") -> str:
        return f"{scheme}://{host}:{self.port}{path}"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            await self._converse(reader, writer)
        except asyncio.CancelledError:
            pass  # the test is over (asyncio's stream server would log a cancelled handler as an error)
        finally:
            writer.close()

    async def _converse(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        connection = self.connections
        self.writers.append(writer)
        number = 0
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, ConnectionError):
                return
            lines = head.decode("latin-1").split("\r\n")
            length = 0
            for line in lines[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            body = await reader.readexactly(length) if length else b""
            number += 1
            self.requests.append((connection, lines[0]))
            answer = await self.handler(connection, number, lines[0], body)
            if answer == CLOSE:
                return
            if answer == HANG:
                await asyncio.sleep(3600)
            if isinstance(answer, tuple):
                writer.write(answer[0])
                await writer.drain()
                return
            assert isinstance(answer, bytes)
            writer.write(answer)
            await writer.drain()


async def always_ok(connection: int, number: int, line: str, body: bytes) -> bytes:
    return ok()


def transport(**limits: Any) -> PooledTransport:
    options: dict[str, Any] = {"max_connections": 10, "max_keepalive_connections": 10, "keepalive_expiry": 4.0}
    options.update(limits)
    return PooledTransport(limits=httpx.Limits(**options))


@asynccontextmanager
async def client_on(pool: httpx.AsyncBaseTransport, timeout: float = 5.0) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=pool, timeout=timeout) as client:
        yield client


@pytest.fixture
def clock() -> Iterator[FakeClock]:
    fake = FakeClock()
    with use_clock(fake):
        yield fake


# ---- keep-alive and the pool ----------------------------------------------------------------------


async def test_keep_alive_connection_is_reused() -> None:
    async with LoopbackServer(always_ok) as server, client_on(transport()) as client:
        for _ in range(5):
            response = await client.get(server.url("/sandbox/x"))
            assert response.status_code == 200
            assert response.text == "hello"
    assert server.connections == 1
    assert [line for _, line in server.requests] == ["GET /sandbox/x HTTP/1.1"] * 5


async def test_concurrent_requests_never_open_more_than_max_connections() -> None:
    async def slow(connection: int, number: int, line: str, body: bytes) -> bytes:
        await asyncio.sleep(0.005)
        return ok()

    pool = transport(max_connections=3, max_keepalive_connections=3)
    async with LoopbackServer(slow) as server, client_on(pool) as client:
        responses = await asyncio.gather(*(client.get(server.url()) for _ in range(40)))
        assert [r.status_code for r in responses] == [200] * 40
        assert len(pool.pool.connections) <= 3
    assert server.connections == 3
    assert len(server.requests) == 40


async def test_idle_connections_beyond_the_keep_alive_limit_are_closed() -> None:
    async def slow(connection: int, number: int, line: str, body: bytes) -> bytes:
        await asyncio.sleep(0.02)
        return ok()

    pool = transport(max_connections=4, max_keepalive_connections=1)
    async with LoopbackServer(slow) as server, client_on(pool) as client:
        await asyncio.gather(*(client.get(server.url()) for _ in range(4)))
        assert server.connections == 4
        assert len(pool.pool.connections) == 1


async def test_connection_idle_past_the_keep_alive_expiry_is_not_reused() -> None:
    pool = transport(keepalive_expiry=0.05)
    async with LoopbackServer(always_ok) as server, client_on(pool) as client:
        assert (await client.get(server.url())).status_code == 200
        await asyncio.sleep(0.1)
        assert (await client.get(server.url())).status_code == 200
        assert len(pool.pool.connections) == 1
    assert server.connections == 2


async def test_expired_idle_connections_are_closed_even_when_not_handed_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("facade._transport._SWEEP_INTERVAL", 0.0)

    async def slow(connection: int, number: int, line: str, body: bytes) -> bytes:
        await asyncio.sleep(0.02)
        return ok()

    pool = transport(keepalive_expiry=0.05)
    async with (
        LoopbackServer(slow) as first,
        LoopbackServer(always_ok) as second,
        client_on(pool) as client,
    ):
        await asyncio.gather(*(client.get(first.url()) for _ in range(3)))
        assert len(pool.pool.connections) == 3
        await asyncio.sleep(0.1)
        assert (await client.get(second.url())).status_code == 200  # no connection to `first` is handed out
        assert len(pool.pool.connections) == 1  # yet the three expired ones were closed


async def test_a_full_pool_closes_an_idle_connection_to_make_room_for_another_origin() -> None:
    pool = transport(max_connections=1, max_keepalive_connections=1)
    async with (
        LoopbackServer(always_ok) as first,
        LoopbackServer(always_ok) as second,
        client_on(pool) as client,
    ):
        assert (await client.get(first.url())).status_code == 200
        assert (await client.get(second.url())).status_code == 200
        assert (await client.get(first.url())).status_code == 200
        assert len(pool.pool.connections) == 1
    assert (first.connections, second.connections) == (2, 1)


async def test_requests_waiting_for_a_connection_are_served_in_arrival_order() -> None:
    async def slow(connection: int, number: int, line: str, body: bytes) -> bytes:
        await asyncio.sleep(0.002)
        return ok()

    pool = transport(max_connections=1, max_keepalive_connections=1)
    async with LoopbackServer(slow) as server, client_on(pool) as client:
        await asyncio.gather(*(client.get(server.url(f"/{i}")) for i in range(10)))
    assert [line for _, line in server.requests] == [f"GET /{i} HTTP/1.1" for i in range(10)]
    assert server.connections == 1


async def test_pool_bookkeeping_runs_about_twice_per_request(monkeypatch: pytest.MonkeyPatch) -> None:
    # httpcore's own assignment can hand one idle connection to several queued requests, which then
    # fail over and rescan the pool; here each idle connection goes to exactly one request.
    calls = 0
    original = _LinearConnectionPool._assign_requests_to_connections

    def counting(self: _LinearConnectionPool) -> list[httpcore.AsyncConnectionInterface]:
        nonlocal calls
        calls += 1
        return original(self)

    monkeypatch.setattr(_LinearConnectionPool, "_assign_requests_to_connections", counting)
    pool = transport(max_connections=5, max_keepalive_connections=5)
    assert isinstance(pool.pool, _LinearConnectionPool)
    async with LoopbackServer(always_ok) as server, client_on(pool) as client:
        await asyncio.gather(*(client.get(server.url()) for _ in range(50)))
    assert calls <= 2 * 50 + 5


# ---- connections the server closes --------------------------------------------------------------


async def test_connection_closed_by_the_server_while_idle_is_not_reused() -> None:
    async def close_after_answering(connection: int, number: int, line: str, body: bytes) -> bytes:
        return ok(extra=b"")  # no "Connection: close": the client believes it may reuse the connection

    async with LoopbackServer(close_after_answering) as server:
        pool = transport()
        async with client_on(pool) as client:  # no retries: a stale connection would fail the request
            assert (await client.get(server.url())).status_code == 200
            for writer in server.writers:  # the server drops its idle connections
                writer.close()
            # Loopback delivers the FIN in its own time; the client can only see the close once it has.
            deadline = time.monotonic() + 60
            while not all(connection.has_expired() for connection in pool.pool.connections):
                assert time.monotonic() < deadline, "the client never saw the server's close"
                await asyncio.sleep(0.01)
            assert (await client.get(server.url())).status_code == 200
        assert server.connections == 2


async def test_get_is_retried_when_the_server_drops_a_reused_connection(clock: FakeClock) -> None:
    async def drop_second_request(connection: int, number: int, line: str, body: bytes) -> bytes | str:
        return CLOSE if (connection, number) == (1, 2) else ok()

    async with LoopbackServer(drop_second_request) as server:
        client = httpx.AsyncClient(transport=RetryingTransport(transport()), timeout=5)
        async with client:
            assert (await client.get(server.url())).status_code == 200
            assert (await client.get(server.url())).status_code == 200  # dropped, then retried
        assert server.connections == 2
        assert len(clock.sleeps) == 1


async def test_post_is_not_retried_when_the_server_drops_a_reused_connection(clock: FakeClock) -> None:
    async def drop_second_request(connection: int, number: int, line: str, body: bytes) -> bytes | str:
        return CLOSE if (connection, number) == (1, 2) else ok()

    async with LoopbackServer(drop_second_request) as server:
        client = httpx.AsyncClient(transport=RetryingTransport(transport()), timeout=5)
        async with client:
            assert (await client.post(server.url(), content=b"{}")).status_code == 200
            with pytest.raises(httpx.RemoteProtocolError):
                await client.post(server.url(), content=b"{}")
        assert clock.sleeps == []
        assert len(server.requests) == 2


async def test_truncated_body_raises_an_httpx_error() -> None:
    async def truncated(connection: int, number: int, line: str, body: bytes) -> tuple[bytes, str]:
        return b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b", CLOSE

    async with LoopbackServer(truncated) as server, client_on(transport()) as client:
        with pytest.raises(httpx.RemoteProtocolError):
            await client.get(server.url())


# ---- timeouts and connect failures ----------------------------------------------------------------


async def hang(connection: int, number: int, line: str, body: bytes) -> str:
    return HANG


async def test_read_timeout_becomes_httpx_read_timeout() -> None:
    async with LoopbackServer(hang) as server, client_on(transport(), timeout=0.1) as client:
        with pytest.raises(httpx.ReadTimeout):
            await client.get(server.url())


async def test_write_timeout_becomes_httpx_write_timeout_and_drops_the_connection() -> None:
    body = b"x" * (32 * 1024 * 1024)
    received = 0
    done = asyncio.Event()
    timed_out = asyncio.Event()

    async def reads_late(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal received
        try:
            await timed_out.wait()  # starts reading only after the client's write timeout
            while chunk := await reader.read(1 << 20):
                received += len(chunk)
        except ConnectionError:
            pass
        finally:
            writer.close()
            done.set()

    server = await asyncio.start_server(reads_late, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        async with client_on(transport(), timeout=0.2) as client:
            with pytest.raises(httpx.WriteTimeout):
                await client.post(f"http://127.0.0.1:{port}/", content=body)
            timed_out.set()
            await asyncio.wait_for(done.wait(), 60)
    finally:
        server.close()
    # The connection was dropped at the timeout, not kept open to send the rest of the body.
    assert received < len(body)


async def test_connect_timeout_becomes_httpx_connect_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    loop = asyncio.get_running_loop()

    async def never_connects(*args: Any, **kwargs: Any) -> Any:
        await asyncio.sleep(3600)

    monkeypatch.setattr(loop, "create_connection", never_connects)
    async with client_on(transport(), timeout=0.1) as client:
        with pytest.raises(httpx.ConnectTimeout):
            await client.get("http://127.0.0.1:9/")


async def test_tls_handshake_timeout_becomes_httpx_connect_timeout() -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reader.read()  # accepts TCP, never speaks TLS; ends when the client hangs up
        finally:
            writer.close()

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        async with client_on(transport(), timeout=0.2) as client:
            with pytest.raises(httpx.ConnectTimeout):
                await client.get(f"https://127.0.0.1:{port}/")
    finally:
        server.close()


async def test_pool_timeout_becomes_httpx_pool_timeout() -> None:
    pool = transport(max_connections=1, max_keepalive_connections=1)
    async with LoopbackServer(always_ok) as server, client_on(pool) as client:
        async with client.stream("GET", server.url()):  # holds the only connection
            with pytest.raises(httpx.PoolTimeout):
                await client.get(server.url(), timeout=httpx.Timeout(5, pool=0.05))


async def test_refused_connection_becomes_httpx_connect_error() -> None:
    server = await asyncio.start_server(always_ok, "127.0.0.1", 0)  # type: ignore[arg-type]
    port = server.sockets[0].getsockname()[1]
    server.close()
    await server.wait_closed()
    async with client_on(transport()) as client:
        with pytest.raises(httpx.ConnectError):
            await client.get(f"http://127.0.0.1:{port}/")


async def test_unknown_host_becomes_httpx_connect_error() -> None:
    async with client_on(transport()) as client:
        with pytest.raises(httpx.ConnectError):
            await client.get("http://no-such-host.invalid/")


# ---- cancellation and large bodies ----------------------------------------------------------------


async def test_cancelled_request_leaves_the_pool_usable() -> None:
    arrived = asyncio.Event()

    async def first_hangs(connection: int, number: int, line: str, body: bytes) -> bytes | str:
        if line.startswith("GET /slow"):
            arrived.set()
            return HANG
        return ok()

    pool = transport(max_connections=1, max_keepalive_connections=1)
    async with LoopbackServer(first_hangs) as server, client_on(pool) as client:
        task = asyncio.create_task(client.get(server.url("/slow")))
        await asyncio.wait_for(arrived.wait(), 60)  # cancelled while the server holds it
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        response = await client.get(server.url("/fast"))
        assert response.status_code == 200
        assert "0 active, 0 queued" in repr(pool.pool)


async def test_large_body_arrives_whole_through_a_slow_reader() -> None:
    payload = bytes(range(256)) * (8 * 4096)  # 8 MiB, more than the read buffer limit

    async def big(connection: int, number: int, line: str, body: bytes) -> bytes:
        return ok(payload)

    async with LoopbackServer(big) as server, client_on(transport()) as client:
        digest = hashlib.sha256()
        async with client.stream("GET", server.url()) as response:
            async for chunk in response.aiter_raw():
                digest.update(chunk)
                await asyncio.sleep(0)  # let the socket get ahead so reading is paused and resumed
        assert digest.hexdigest() == hashlib.sha256(payload).hexdigest()
        assert (await client.get(server.url())).content == payload  # same connection, still in sync
    assert server.connections == 1


async def test_large_request_body_is_sent_whole() -> None:
    payload = b"0123456789abcdef" * (4 * 65536)  # 4 MiB

    async def echo_digest(connection: int, number: int, line: str, body: bytes) -> bytes:
        return ok(hashlib.sha256(body).hexdigest().encode())

    async with LoopbackServer(echo_digest) as server, client_on(transport()) as client:
        response = await client.put(server.url(), content=payload)
        assert response.text == hashlib.sha256(payload).hexdigest()


# ---- TLS ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for ``localhost`` and 127.0.0.1 (made with the openssl command)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


async def test_https_sends_sni_negotiates_http11_and_reuses_the_connection(certificate: tuple[Path, Path]) -> None:
    cert, key = certificate
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    server_context.set_alpn_protocols(["h2", "http/1.1"])
    names: list[str | None] = []
    server_context.sni_callback = lambda sslobj, name, context: names.append(name)  # type: ignore[assignment,func-returns-value]

    pool = PooledTransport(
        limits=httpx.Limits(max_connections=5, max_keepalive_connections=5, keepalive_expiry=4),
        ssl_context=ssl.create_default_context(cafile=str(cert)),
    )
    async with LoopbackServer(always_ok, ssl_context=server_context) as server, client_on(pool) as client:
        first = await client.get(server.url(scheme="https", host="localhost"))
        second = await client.get(server.url(scheme="https", host="localhost"))
        assert (first.status_code, second.status_code) == (200, 200)
        ssl_object = first.extensions["network_stream"].get_extra_info("ssl_object")
        assert ssl_object is not None
        assert ssl_object.selected_alpn_protocol() == "http/1.1"
    assert names == ["localhost"]
    assert server.connections == 1


async def test_https_rejects_an_untrusted_certificate(certificate: tuple[Path, Path]) -> None:
    cert, key = certificate
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    async with LoopbackServer(always_ok, ssl_context=server_context) as server, client_on(transport()) as client:
        with pytest.raises(httpx.ConnectError):
            await client.get(server.url(scheme="https", host="localhost"))


def test_default_tls_context_verifies_certificates_and_host_names() -> None:
    pool = transport()
    context = pool.pool._ssl_context
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname is True


# ---- how the client is built ----------------------------------------------------------------------


def test_transport_is_an_httpx_transport_that_request_patchers_still_see() -> None:
    # vcrpy (cassette replay) patches httpx.AsyncHTTPTransport.handle_async_request and respx
    # patches httpcore's pool: both only work while neither method is overridden.
    assert issubclass(PooledTransport, httpx.AsyncHTTPTransport)
    assert PooledTransport.handle_async_request is httpx.AsyncHTTPTransport.handle_async_request
    assert _LinearConnectionPool.handle_async_request is httpcore.AsyncConnectionPool.handle_async_request


def test_pool_uses_the_asyncio_backend_and_the_linear_pool() -> None:
    pool = transport()
    assert isinstance(pool.pool, _LinearConnectionPool)
    assert isinstance(pool.pool._network_backend, AsyncioBackend)


@pytest.mark.parametrize(
    ("version", "expected"),
    [("1.0.9", True), ("1.0.5", True), ("1.0.4", False), ("1.1.0", False), ("2.0.0", False), ("1.0", False)],
)
def test_linear_pool_is_used_only_with_the_httpcore_releases_it_matches(version: str, expected: bool) -> None:
    assert _linear_pool_supported(version) is expected


async def test_built_client_sends_through_the_pooled_transport() -> None:
    async def echo_headers(connection: int, number: int, line: str, body: bytes) -> bytes:
        return ok(line.encode())

    async with LoopbackServer(echo_headers) as server:
        resolved = resolve_config(DaytonaConfig(api_key="sk-1", api_url=server.url("/api")), environ={})
        async with build_http_client(resolved) as client:
            assert (await client.get("/sandbox/sb-1")).text == "GET /api/sandbox/sb-1 HTTP/1.1"
            assert (await client.get("/sandbox/sb-2")).status_code == 200
    assert server.connections == 1


async def test_proxied_urls_use_the_standard_httpx_transport(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.invalid:3128")
    resolved = resolve_config(DaytonaConfig(api_key="sk-1"), environ={})
    async with build_http_client(resolved) as client:
        proxied = client._transport_for_url(httpx.URL("https://app.daytona.io/api"))
        direct = client._transport_for_url(httpx.URL("http://localhost:3000/api"))
        assert isinstance(proxied, RetryingTransport) and isinstance(proxied.wrapped, httpx.AsyncHTTPTransport)
        assert isinstance(direct, RetryingTransport) and isinstance(direct.wrapped, PooledTransport)


async def test_empty_generated_params_and_headers_are_left_out_of_the_request() -> None:
    # httpx re-parses the URL to merge even an empty query, so empty ones are not passed on.
    from daytona_openapi.api.sandbox import get_sandbox

    from facade._api import ApiContext
    from facade.errors import DaytonaNotFoundError

    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(404, json={"message": "no"})

    resolved = resolve_config(DaytonaConfig(api_key="sk-1", api_url="https://api.example/api"), environ={})
    ctx = ApiContext(resolved, transport=httpx.MockTransport(handler))
    try:
        plain = ctx._request_kwargs(get_sandbox, ("sb-1",), {})
        assert "params" not in plain and "headers" not in plain
        assert plain["url"] == "https://api.example/api/sandbox/sb-1"
        verbose = ctx._request_kwargs(get_sandbox, ("sb-1",), {"verbose": True, "x_daytona_organization_id": "org"})
        assert verbose["params"] == {"verbose": True}
        assert verbose["headers"] == {"X-Daytona-Organization-ID": "org"}
        with pytest.raises(DaytonaNotFoundError):
            await ctx.call(get_sandbox, "sb-1", verbose=True)
        assert str(sent[0].url) == "https://api.example/api/sandbox/sb-1?verbose=true"
    finally:
        await ctx.aclose()
