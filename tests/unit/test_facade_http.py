"""facade.http: the retrying transport, the shared client, and raise_for_status."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator

import httpx
import pytest

from facade.config import SDK_SOURCE, DaytonaConfig, resolve_config
from facade.errors import DaytonaNotFoundError, DaytonaRateLimitError, DaytonaServerError
from facade.http import RETRY_EXTENSION, RetryingTransport, build_http_client, raise_for_status
from facade.polling import FakeClock, use_clock

Handler = Callable[[httpx.Request], httpx.Response]


@pytest.fixture
def clock() -> Iterator[FakeClock]:
    fake = FakeClock()
    with use_clock(fake):
        yield fake


class Script:
    """A MockTransport handler that plays the given outcomes in order (the last one repeats)."""

    def __init__(self, *outcomes: httpx.Response | Exception) -> None:
        self.outcomes = list(outcomes)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        outcome = self.outcomes[min(len(self.requests) - 1, len(self.outcomes) - 1)]
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


def client_for(script: Script, **transport_options: object) -> httpx.AsyncClient:
    transport = RetryingTransport(httpx.MockTransport(script), **transport_options)  # type: ignore[arg-type]
    return httpx.AsyncClient(transport=transport, base_url="https://api.example/api")


@pytest.mark.asyncio
async def test_get_is_retried_after_503(clock: FakeClock) -> None:
    script = Script(httpx.Response(503), httpx.Response(200, json={"ok": True}))
    async with client_for(script) as client:
        response = await client.get("/sandbox")
    assert response.status_code == 200
    assert len(script.requests) == 2
    assert len(clock.sleeps) == 1


@pytest.mark.asyncio
@pytest.mark.parametrize("status", [502, 504])
async def test_get_is_retried_after_gateway_errors(clock: FakeClock, status: int) -> None:
    script = Script(httpx.Response(status), httpx.Response(200))
    async with client_for(script) as client:
        assert (await client.get("/sandbox")).status_code == 200
    assert len(script.requests) == 2


@pytest.mark.asyncio
async def test_post_is_not_retried_after_503(clock: FakeClock) -> None:
    script = Script(httpx.Response(503), httpx.Response(200))
    async with client_for(script) as client:
        response = await client.post("/sandbox", json={"name": "x"})
    assert response.status_code == 503
    assert len(script.requests) == 1
    assert clock.sleeps == []


@pytest.mark.asyncio
async def test_post_is_retried_when_the_connection_could_not_be_opened(clock: FakeClock) -> None:
    script = Script(httpx.ConnectError("refused"), httpx.Response(201))
    async with client_for(script) as client:
        response = await client.post("/sandbox", json={"name": "x"})
    assert response.status_code == 201
    assert len(script.requests) == 2
    assert script.requests[1].content == b'{"name":"x"}'


@pytest.mark.asyncio
async def test_post_is_not_retried_when_the_connection_broke_after_sending(clock: FakeClock) -> None:
    script = Script(httpx.RemoteProtocolError("server disconnected"), httpx.Response(201))
    async with client_for(script) as client:
        with pytest.raises(httpx.RemoteProtocolError):
            await client.post("/sandbox", json={})
    assert len(script.requests) == 1


@pytest.mark.asyncio
async def test_get_is_retried_when_the_connection_broke(clock: FakeClock) -> None:
    script = Script(httpx.RemoteProtocolError("server disconnected"), httpx.Response(200))
    async with client_for(script) as client:
        assert (await client.get("/sandbox")).status_code == 200
    assert len(script.requests) == 2


@pytest.mark.asyncio
async def test_read_timeout_is_not_retried(clock: FakeClock) -> None:
    script = Script(httpx.ReadTimeout("slow"), httpx.Response(200))
    async with client_for(script) as client:
        with pytest.raises(httpx.ReadTimeout):
            await client.get("/sandbox")
    assert len(script.requests) == 1


@pytest.mark.asyncio
async def test_429_waits_for_retry_after_on_the_clock(clock: FakeClock) -> None:
    script = Script(httpx.Response(429, headers={"Retry-After": "7"}), httpx.Response(200))
    async with client_for(script) as client:
        response = await client.get("/sandbox")
    assert response.status_code == 200
    assert clock.sleeps == [7.0]


@pytest.mark.asyncio
async def test_retry_after_above_the_cap_is_returned_to_the_caller(clock: FakeClock) -> None:
    script = Script(httpx.Response(429, headers={"Retry-After": "3600"}), httpx.Response(200))
    async with client_for(script, max_retry_after=20.0) as client:
        response = await client.get("/sandbox")
    assert response.status_code == 429
    assert len(script.requests) == 1
    assert clock.sleeps == []


@pytest.mark.asyncio
async def test_attempts_are_bounded(clock: FakeClock) -> None:
    script = Script(httpx.Response(503))
    async with client_for(script) as client:
        response = await client.get("/sandbox")
    assert response.status_code == 503
    assert len(script.requests) == 3
    assert len(clock.sleeps) == 2


@pytest.mark.asyncio
async def test_max_attempts_is_configurable(clock: FakeClock) -> None:
    script = Script(httpx.ConnectError("refused"))
    async with client_for(script, max_attempts=5) as client:
        with pytest.raises(httpx.ConnectError):
            await client.get("/sandbox")
    assert len(script.requests) == 5


@pytest.mark.asyncio
async def test_backoff_grows_between_attempts(clock: FakeClock) -> None:
    script = Script(httpx.Response(503))
    async with client_for(script, max_attempts=4) as client:
        await client.get("/sandbox")
    assert len(clock.sleeps) == 3
    assert clock.sleeps[0] < clock.sleeps[1] < clock.sleeps[2]


@pytest.mark.asyncio
async def test_streamed_request_body_is_never_retried(clock: FakeClock) -> None:
    async def body() -> AsyncIterator[bytes]:
        yield b"chunk"

    script = Script(httpx.ConnectError("refused"), httpx.Response(200))
    async with client_for(script) as client:
        with pytest.raises(httpx.ConnectError):
            await client.put("/files/upload", content=body())
    assert len(script.requests) == 1


@pytest.mark.asyncio
async def test_extension_can_force_or_disable_retries(clock: FakeClock) -> None:
    forced = Script(httpx.Response(503), httpx.Response(200))
    async with client_for(forced) as client:
        response = await client.post("/sandbox/x/start", extensions={RETRY_EXTENSION: True})
    assert response.status_code == 200
    assert len(forced.requests) == 2

    disabled = Script(httpx.Response(503), httpx.Response(200))
    async with client_for(disabled) as client:
        response = await client.get("/sandbox", extensions={RETRY_EXTENSION: False})
    assert response.status_code == 503
    assert len(disabled.requests) == 1


@pytest.mark.asyncio
async def test_built_client_sends_default_headers_to_the_api_url(clock: FakeClock) -> None:
    resolved = resolve_config(DaytonaConfig(api_key="sk-1", api_url="https://api.example/api"), environ={})
    script = Script(httpx.Response(503), httpx.Response(200))
    async with build_http_client(resolved, transport=httpx.MockTransport(script)) as client:
        response = await client.get("/sandbox")
    assert response.status_code == 200  # retried through the built-in RetryingTransport
    request = script.requests[-1]
    assert str(request.url) == "https://api.example/api/sandbox"
    assert request.headers["Authorization"] == "Bearer sk-1"
    assert request.headers["X-Daytona-Source"] == SDK_SOURCE
    assert "X-Daytona-SDK-Version" in request.headers


@pytest.mark.asyncio
async def test_built_client_uses_absolute_urls_as_given(clock: FakeClock) -> None:
    resolved = resolve_config(DaytonaConfig(api_key="sk-1"), environ={})
    script = Script(httpx.Response(200))
    async with build_http_client(resolved, transport=httpx.MockTransport(script)) as client:
        await client.get("https://proxy.example/toolbox/sb-1/files")
    assert str(script.requests[0].url) == "https://proxy.example/toolbox/sb-1/files"


def test_built_client_takes_timeout_from_config() -> None:
    resolved = resolve_config(DaytonaConfig(api_key="sk-1", http_timeout=12.5), environ={})
    client = build_http_client(resolved, transport=httpx.MockTransport(Script(httpx.Response(200))))
    assert client.timeout == httpx.Timeout(12.5)
    assert client.follow_redirects is False


@pytest.mark.asyncio
async def test_built_client_without_transport_wraps_the_network_transport() -> None:
    resolved = resolve_config(DaytonaConfig(api_key="sk-1"), environ={})
    async with build_http_client(resolved) as client:
        transport = client._transport
        assert isinstance(transport, RetryingTransport)
        assert isinstance(transport.wrapped, httpx.AsyncHTTPTransport)


@pytest.mark.asyncio
async def test_raise_for_status_maps_error_answers() -> None:
    response = httpx.Response(404, json={"statusCode": 404, "message": "Sandbox sb-1 not found", "code": "NOT_FOUND"})
    with pytest.raises(DaytonaNotFoundError) as info:
        await raise_for_status(response, "Failed to get sandbox: ")
    assert info.value.message == "Failed to get sandbox: Sandbox sb-1 not found"
    assert info.value.error_code == "NOT_FOUND"


@pytest.mark.asyncio
async def test_raise_for_status_passes_success() -> None:
    await raise_for_status(httpx.Response(204))
    await raise_for_status(httpx.Response(200, json={}))


@pytest.mark.asyncio
async def test_raise_for_status_reads_a_streamed_body(clock: FakeClock) -> None:
    script = Script(httpx.Response(500, json={"message": "internal failure"}))
    async with client_for(script, max_attempts=1) as client:
        async with client.stream("GET", "/sandbox") as response:
            with pytest.raises(DaytonaServerError, match="internal failure"):
                await raise_for_status(response)


@pytest.mark.asyncio
async def test_raise_for_status_keeps_retry_after_of_a_429() -> None:
    with pytest.raises(DaytonaRateLimitError) as info:
        await raise_for_status(httpx.Response(429, headers={"Retry-After": "30"}))
    assert info.value.retry_after == 30.0
