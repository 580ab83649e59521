"""facade._http: the one call path (retries, error mapping, parsing, the shared client)."""

from __future__ import annotations

import gc
import gzip
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from daytona_openapi.types import Request

from facade._config import SDK_SOURCE, DaytonaConfig, resolve_config
from facade._errors import (
    DaytonaConnectionError,
    DaytonaError,
    DaytonaNotFoundError,
    DaytonaRateLimitError,
    DaytonaServerError,
    DaytonaTimeoutError,
)
from facade._http import Endpoint, build_client, check
from facade._polling import FakeClock, use_clock


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


def endpoint(script: Script, max_attempts: int = 3, **config: Any) -> Endpoint:
    resolved = resolve_config(DaytonaConfig(api_key="sk-1", api_url="https://api.example/api", **config), environ={})
    return Endpoint(build_client(resolved, httpx.MockTransport(script)), resolved.api_url, max_attempts=max_attempts)


def request(method: str = "GET", path: str = "/sandbox", **kwargs: Any) -> Request[int]:
    return Request(method, path, lambda response: response.status_code, **kwargs)


async def send(script: Script, req: Request[int] | None = None, **options: Any) -> int:
    api = endpoint(script, **options.pop("endpoint", {}))
    try:
        return await api.send(req or request(), "Failed: ", **options)
    finally:
        await api.http.aclose()


async def test_get_is_retried_after_503(clock: FakeClock) -> None:
    script = Script(httpx.Response(503), httpx.Response(200, json={"ok": True}))
    assert await send(script) == 200
    assert len(script.requests) == 2 and len(clock.sleeps) == 1


@pytest.mark.parametrize("status", [502, 504])
async def test_get_is_retried_after_gateway_errors(clock: FakeClock, status: int) -> None:
    script = Script(httpx.Response(status), httpx.Response(200))
    assert await send(script) == 200
    assert len(script.requests) == 2


async def test_post_is_not_retried_after_503(clock: FakeClock) -> None:
    script = Script(httpx.Response(503), httpx.Response(200))
    with pytest.raises(DaytonaServerError):
        await send(script, request("POST", json={"name": "x"}))
    assert len(script.requests) == 1 and clock.sleeps == []


async def test_post_is_retried_when_the_connection_could_not_be_opened(clock: FakeClock) -> None:
    script = Script(httpx.ConnectError("refused"), httpx.Response(201))
    assert await send(script, request("POST", json={"name": "x"})) == 201
    assert len(script.requests) == 2 and script.requests[1].content == b'{"name":"x"}'


async def test_post_is_not_retried_when_the_connection_broke_after_sending(clock: FakeClock) -> None:
    script = Script(httpx.RemoteProtocolError("server disconnected"), httpx.Response(201))
    with pytest.raises(DaytonaConnectionError, match=r"^Failed: Connection failed during POST"):
        await send(script, request("POST", json={}))
    assert len(script.requests) == 1


async def test_get_is_retried_when_the_connection_broke(clock: FakeClock) -> None:
    script = Script(httpx.RemoteProtocolError("server disconnected"), httpx.Response(200))
    assert await send(script) == 200
    assert len(script.requests) == 2


class CutBody(httpx.AsyncByteStream):
    """An answer body that breaks after its first bytes (the connection was reset mid-body)."""

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield b'{"id": "sb'
        raise httpx.ReadError("connection reset mid-body")


async def test_get_whose_answer_is_cut_mid_body_is_retried(clock: FakeClock) -> None:
    script = Script(httpx.Response(200, stream=CutBody()), httpx.Response(200, json={}))
    assert await send(script) == 200
    assert len(script.requests) == 2 and len(clock.sleeps) == 1


async def test_post_whose_answer_is_cut_mid_body_is_not_retried(clock: FakeClock) -> None:
    script = Script(httpx.Response(201, stream=CutBody()), httpx.Response(201))
    with pytest.raises(DaytonaConnectionError, match=r"^Failed: Connection failed during POST"):
        await send(script, request("POST", json={}))
    assert len(script.requests) == 1


async def test_read_timeout_is_not_retried(clock: FakeClock) -> None:
    script = Script(httpx.ReadTimeout("slow"), httpx.Response(200))
    with pytest.raises(DaytonaTimeoutError):
        await send(script)
    assert len(script.requests) == 1


async def test_429_waits_for_retry_after_on_the_clock(clock: FakeClock) -> None:
    script = Script(httpx.Response(429, headers={"Retry-After": "7"}), httpx.Response(200))
    assert await send(script) == 200
    assert clock.sleeps == [7.0]


async def test_retry_after_above_the_cap_is_returned_to_the_caller(clock: FakeClock) -> None:
    script = Script(httpx.Response(429, headers={"Retry-After": "3600"}), httpx.Response(200))
    with pytest.raises(DaytonaRateLimitError) as caught:
        await send(script)
    assert caught.value.retry_after == 3600.0
    assert len(script.requests) == 1 and clock.sleeps == []


async def test_attempts_are_bounded(clock: FakeClock) -> None:
    script = Script(httpx.Response(503))
    with pytest.raises(DaytonaServerError):
        await send(script)
    assert len(script.requests) == 3 and len(clock.sleeps) == 2


async def test_max_attempts_is_configurable(clock: FakeClock) -> None:
    script = Script(httpx.ConnectError("refused"))
    with pytest.raises(DaytonaConnectionError):
        await send(script, endpoint={"max_attempts": 5})
    assert len(script.requests) == 5


async def test_backoff_grows_between_attempts(clock: FakeClock) -> None:
    script = Script(httpx.Response(503))
    with pytest.raises(DaytonaServerError):
        await send(script, endpoint={"max_attempts": 4})
    assert len(clock.sleeps) == 3
    assert clock.sleeps[0] < clock.sleeps[1] < clock.sleeps[2]


async def test_streamed_request_body_is_never_retried(clock: FakeClock) -> None:
    async def body() -> AsyncIterator[bytes]:
        yield b"chunk"

    script = Script(httpx.ConnectError("refused"), httpx.Response(200))
    with pytest.raises(DaytonaConnectionError):
        await send(script, request("PUT", "/files/upload", content=body()))
    assert len(script.requests) == 1


async def test_retry_option_can_force_or_disable_retries(clock: FakeClock) -> None:
    forced = Script(httpx.Response(503), httpx.Response(200))
    assert await send(forced, request("POST", "/sandbox/x/start"), retry=True) == 200
    assert len(forced.requests) == 2
    disabled = Script(httpx.Response(503), httpx.Response(200))
    with pytest.raises(DaytonaServerError):
        await send(disabled, retry=False)
    assert len(disabled.requests) == 1


async def test_the_client_sends_default_headers_to_the_endpoint_url(clock: FakeClock) -> None:
    script = Script(httpx.Response(200))
    await send(script, request(params={"a": "1"}, headers={"X-Extra": "y"}))
    sent = script.requests[-1]
    assert str(sent.url) == "https://api.example/api/sandbox?a=1"
    assert sent.headers["Authorization"] == "Bearer sk-1"
    assert sent.headers["X-Daytona-Source"] == SDK_SOURCE
    assert sent.headers["X-Extra"] == "y"
    assert "X-Daytona-SDK-Version" in sent.headers


async def test_a_sent_request_leaves_no_reference_cycle_for_the_garbage_collector(clock: FakeClock) -> None:
    # httpx binds a response's body stream to the response (a cycle): left to the collector, its runs cost a
    # tenth of a get's CPU. Endpoint.send breaks it once the answer is parsed, so refcounting frees it all.
    resolved = resolve_config(DaytonaConfig(api_key="sk-1", api_url="https://api.example/api"), environ={})
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json={"ok": True}))  # keeps nothing
    api = Endpoint(build_client(resolved, transport), resolved.api_url)
    try:
        await api.send(request())  # the first call loads code: not measured
        gc.collect()
        gc.set_debug(gc.DEBUG_SAVEALL)
        try:
            assert await api.send(request()) == 200
            gc.collect()
            left = [type(o).__name__ for o in gc.garbage if isinstance(o, httpx.Response | httpx.Request)]
        finally:
            gc.set_debug(0)
            gc.garbage.clear()
        assert left == []
    finally:
        await api.http.aclose()


async def test_cookies_a_server_sets_are_neither_kept_nor_sent(clock: FakeClock) -> None:
    script = Script(httpx.Response(200, headers={"Set-Cookie": "session=abc; Path=/"}))
    api = endpoint(script)
    try:
        await api.send(request())
        await api.send(request())
        assert "cookie" not in script.requests[-1].headers
        assert not api.http.cookies
    finally:
        await api.http.aclose()


async def test_another_base_url_shares_the_pool(clock: FakeClock) -> None:
    script = Script(httpx.Response(200))
    api = endpoint(script)
    toolbox = api.at("https://proxy.example/toolbox/sb-1/")
    assert toolbox.http is api.http
    await toolbox.send(request(path="/files"))
    assert str(script.requests[0].url) == "https://proxy.example/toolbox/sb-1/files"
    await api.http.aclose()
    with pytest.raises(DaytonaError, match="closed"):
        await toolbox.send(request())


def test_the_client_takes_timeout_and_pool_size_from_config() -> None:
    resolved = resolve_config(DaytonaConfig(api_key="sk-1", http_timeout=12.5), environ={})
    client = build_client(resolved, httpx.MockTransport(Script(httpx.Response(200))))
    assert client.timeout == httpx.Timeout(12.5)
    assert client.follow_redirects is False


async def test_a_redirect_is_a_typed_error_naming_where_without_query(clock: FakeClock) -> None:
    script = Script(httpx.Response(301, headers={"Location": "https://user:pw@api.example/api/sandbox?token=s3"}))
    with pytest.raises(DaytonaError, match=r"redirect \(HTTP 301\) to api.example/api/sandbox$") as caught:
        await send(script)
    assert caught.value.status_code == 301 and "s3" not in caught.value.message


async def test_an_undecodable_body_is_a_typed_error(clock: FakeClock) -> None:
    script = Script(httpx.Response(200, headers={"Content-Encoding": "gzip"}, stream=httpx.ByteStream(b"not gzip")))
    with pytest.raises(DaytonaError, match=r"^Failed: HTTP error"):
        await send(script)
    good = Script(httpx.Response(200, headers={"Content-Encoding": "gzip"}, content=gzip.compress(b"{}")))
    assert await send(good) == 200


async def test_a_body_of_the_wrong_shape_is_a_typed_error(clock: FakeClock) -> None:
    def parse(response: Any) -> int:
        return int(response.json()["missing"])

    script = Script(httpx.Response(200, json={}))
    with pytest.raises(DaytonaError, match=r"^Failed: unexpected response body \(KeyError"):
        await send(script, Request("GET", "/x", parse))


async def test_check_maps_error_answers_and_passes_success() -> None:
    response = httpx.Response(404, json={"statusCode": 404, "message": "Sandbox sb-1 not found", "code": "NOT_FOUND"})
    with pytest.raises(DaytonaNotFoundError) as info:
        await check(response, "Failed to get sandbox: ")
    assert info.value.message == "Failed to get sandbox: Sandbox sb-1 not found"
    assert info.value.error_code == "NOT_FOUND"
    await check(httpx.Response(204), "")
    with pytest.raises(DaytonaRateLimitError) as limited:
        await check(httpx.Response(429, headers={"Retry-After": "30"}), "")
    assert limited.value.retry_after == 30.0


async def test_a_streamed_error_body_is_read_for_the_message(clock: FakeClock) -> None:
    script = Script(httpx.Response(500, json={"message": "internal failure"}))
    api = endpoint(script, max_attempts=1)
    with pytest.raises(DaytonaServerError, match="internal failure"):
        async with api.stream(request()):
            pass
    await api.http.aclose()
