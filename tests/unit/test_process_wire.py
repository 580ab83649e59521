"""Wire details of `sandbox.process` / `sandbox.code_interpreter` that the emulator does not produce:
charts in code-run answers, legacy answer shapes, status mapping and refused WebSocket upgrades.

Every test runs on an `httpx.MockTransport`; nothing leaves the process.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from facade import ChartType
from facade._config import DaytonaConfig, resolve_config
from facade._errors import (
    DaytonaAuthorizationError,
    DaytonaConnectionError,
    DaytonaError,
    DaytonaNotFoundError,
    DaytonaServerError,
    DaytonaTimeoutError,
)
from facade._interpreter import AsyncCodeInterpreter
from facade._polling import FakeClock, use_clock
from facade._process import (
    AsyncProcess,
    BarChart,
    BarData,
    BoxAndWhiskerChart,
    Chart,
    ChartElement,
    CodeRunParams,
    CompositeChart,
    LineChart,
    PieChart,
    PointData,
    ScatterChart,
    parse_chart,
)
from tests._ctx import ApiContext

TOOLBOX = "http://toolbox.invalid/toolbox"

Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.handler(request)


@pytest.fixture
async def make() -> AsyncIterator[Callable[[Handler], tuple[AsyncProcess, AsyncCodeInterpreter, Recorder]]]:
    contexts: list[ApiContext] = []

    def build(handler: Handler) -> tuple[AsyncProcess, AsyncCodeInterpreter, Recorder]:
        recorder = Recorder(handler)
        config = DaytonaConfig(api_key="unit-key", api_url="http://api.invalid/api", target="us")
        api = ApiContext(resolve_config(config), transport=httpx.MockTransport(recorder))
        contexts.append(api)
        toolbox = api.toolbox(TOOLBOX, "sb-1")
        return AsyncProcess(toolbox, "typescript"), AsyncCodeInterpreter(toolbox), recorder

    with use_clock(FakeClock()):  # retries of 502s and refused connections do not really wait
        yield build
    for api in contexts:
        await api.aclose()


LINE = {
    "type": "line",
    "title": "Waves",
    "png": "iVBORw0KGgo=",
    "x_label": "t",
    "y_label": "amplitude",
    "x_scale": "linear",
    "y_scale": "log",
    "x_ticks": [0, 1],
    "y_ticks": [0.5, 1.5],
    "x_tick_labels": ["0", "1"],
    "y_tick_labels": ["a", "b"],
    "elements": [{"label": "sin", "points": [[0, 0], [1, 0.84]]}],
    "dpi": 72,
}


async def test_code_run_sends_the_sandbox_language_and_parses_charts(make: Any) -> None:
    answer = {
        "exitCode": 0,
        "result": "done\n",
        "artifacts": {
            "charts": [
                LINE,
                {"type": "bar", "elements": [{"label": "a", "group": "g", "value": "3"}]},
                {"type": "composite_chart", "elements": [{"type": "pie", "title": "sub"}]},
                {"type": "radar", "title": "future kind"},
            ]
        },
    }
    process, _, recorder = make(lambda request: httpx.Response(200, json=answer))
    response = await process.code_run("plot()", CodeRunParams(argv=["x"]), timeout=5)

    sent = recorder.requests[0]
    assert (sent.method, sent.url.path) == ("POST", "/toolbox/sb-1/process/code-run")
    assert json.loads(sent.content) == {"code": "plot()", "language": "typescript", "argv": ["x"], "timeout": 5}
    assert response.exit_code == 0
    assert response.result == "done\n"
    assert response.artifacts is not None
    line, bar, composite, unknown = response.artifacts.charts or []

    assert isinstance(line, LineChart)
    assert line.type == ChartType.LINE
    assert (line.title, line.x_label, line.y_scale, line.png) == ("Waves", "t", "log", "iVBORw0KGgo=")
    assert line.x_ticks == [0, 1] and line.y_tick_labels == ["a", "b"]
    assert line.elements == [PointData(label="sin", points=[[0, 0], [1, 0.84]])]
    assert line.additional_properties == {"dpi": 72}

    assert isinstance(bar, BarChart)
    assert bar.elements == [BarData(label="a", group="g", value="3")]
    assert isinstance(composite, CompositeChart)
    assert composite.elements[0].type == "pie" and composite.elements[0].title == "sub"
    assert type(unknown) is Chart
    assert unknown.type == "radar" and unknown.elements == []


@pytest.mark.parametrize(
    ("kind", "cls"),
    [
        ("line", LineChart),
        ("scatter", ScatterChart),
        ("bar", BarChart),
        ("pie", PieChart),
        ("box_and_whisker", BoxAndWhiskerChart),
        ("composite_chart", CompositeChart),
        ("unknown", Chart),
        (None, Chart),
    ],
)
def test_parse_chart_picks_the_class_from_the_type(kind: str | None, cls: type[Chart]) -> None:
    chart = parse_chart({"type": kind, "elements": [{"label": "e"}]} if kind else {"elements": [{}]})
    assert type(chart) is cls
    assert isinstance(chart.elements[0], ChartElement)


async def test_execute_falls_back_to_the_legacy_code_field_for_the_exit_code(make: Any) -> None:
    answers = iter([{"result": "x", "code": 9}, {"result": "y"}])
    process, _, _ = make(lambda request: httpx.Response(200, json=next(answers)))
    assert (await process.exec("run")).exit_code == 9
    assert (await process.exec("run")).exit_code == -1


async def test_a_408_from_the_daemon_is_a_timeout_error(make: Any) -> None:
    process, _, _ = make(lambda request: httpx.Response(408, json={"message": "command execution timeout"}))
    with pytest.raises(DaytonaTimeoutError, match="Failed to run code: command execution timeout") as caught:
        await process.code_run("while True: pass", timeout=1)
    assert caught.value.status_code == 408


async def test_plain_text_logs_of_older_daemons_are_demultiplexed(make: Any) -> None:
    body = b"\x01\x01\x01out 1\n\x02\x02\x02err 1\n\x01\x01\x01out 2\n"
    process, _, recorder = make(
        lambda request: httpx.Response(200, content=body, headers={"content-type": "text/plain; charset=utf-8"})
    )
    logs = await process.get_session_command_logs("s", "c")
    assert logs.stdout == "out 1\nout 2\n"
    assert logs.stderr == "err 1\n"
    assert logs.output == "out 1\nerr 1\nout 2\n"
    assert recorder.requests[0].url.path == "/toolbox/sb-1/process/session/s/command/c/logs"


async def test_ids_are_escaped_in_paths(make: Any) -> None:
    process, _, recorder = make(lambda request: httpx.Response(200, json={"id": "a/b", "command": "x"}))
    await process.get_session_command("my session", "a/b")
    assert recorder.requests[0].url.raw_path == b"/toolbox/sb-1/process/session/my%20session/command/a%2Fb"


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (404, {"message": "command not found"}, DaytonaNotFoundError),
        (403, {"message": "forbidden"}, DaytonaAuthorizationError),
        (502, b"<html>bad gateway</html>", DaytonaServerError),
    ],
)
async def test_refused_websocket_upgrades_become_typed_errors(
    make: Any, status: int, body: Any, error: type[DaytonaError]
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if isinstance(body, bytes):
            return httpx.Response(status, content=body, headers={"content-type": "text/html"})
        return httpx.Response(status, json=body)

    process, interpreter, recorder = make(answer)
    with pytest.raises(error) as caught:
        await process.get_session_command_logs_async("s", "c", print, print)
    assert caught.value.status_code == status
    assert caught.value.message.startswith("Failed to get session command logs: ")
    upgrade = recorder.requests[0]
    assert upgrade.url.path == "/toolbox/sb-1/process/session/s/command/c/logs"
    assert upgrade.url.params["follow"] == "true"
    assert upgrade.headers["upgrade"] == "websocket"
    assert upgrade.headers["authorization"] == "Bearer unit-key"

    with pytest.raises(error):
        await interpreter.run_code("print(1)")
    assert recorder.requests[-1].url.path == "/toolbox/sb-1/process/interpreter/execute"


async def test_an_upgrade_answered_without_switching_protocols_is_an_error(make: Any) -> None:
    _, interpreter, _ = make(lambda request: httpx.Response(200, json={"not": "a websocket"}))
    with pytest.raises(DaytonaError, match="did not open a WebSocket") as caught:
        await interpreter.run_code("print(1)")
    assert caught.value.status_code == 200


async def test_pty_connection_failures_are_reported(make: Any) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            return httpx.Response(201, json={"sessionId": "t"})
        if request.method == "DELETE":
            return httpx.Response(200, json={"message": "deleted"})
        return httpx.Response(404, json={"message": "PTY session t not found"})

    process, _, recorder = make(answer)
    with pytest.raises(DaytonaNotFoundError, match="PTY session t not found"):
        await process.create_pty_session("t", print)
    # The session created for the failed connection is cleaned up.
    assert [(r.method, r.url.path) for r in recorder.requests] == [
        ("POST", "/toolbox/sb-1/process/pty"),
        ("GET", "/toolbox/sb-1/process/pty/t/connect"),
        ("DELETE", "/toolbox/sb-1/process/pty/t"),
    ]


async def test_transport_failures_become_connection_errors(make: Any) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    process, interpreter, _ = make(fail)
    with pytest.raises(DaytonaConnectionError):
        await interpreter.run_code("print(1)")
    with pytest.raises(DaytonaConnectionError):
        await process.get_entrypoint_logs_async(print, print)
    with pytest.raises(DaytonaConnectionError):
        await process.exec("true")
