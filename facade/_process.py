"""``sandbox.process``: run commands and code, drive shell sessions, follow their output, and PTYs.

All calls go to the sandbox's toolbox (``/process/...``) over the client's shared pool; log streams and
PTYs use WebSockets on that same pool. When a command is given a ``timeout``, the daemon stops it after
that many seconds and the HTTP request waits that long plus 10 s; without one the client adds no read
timeout of its own (the daemon's limit applies: 10 s for :meth:`AsyncProcess.exec`, none for sessions).

Session command output streams are marker-multiplexed: each chunk is preceded by ``\\x01\\x01\\x01``
(stdout) or ``\\x02\\x02\\x02`` (stderr), and WebSocket frames may split a marker or a UTF-8 character;
:class:`LogDemuxer` undoes that incrementally.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import logging
import math
import re
import warnings
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from daytona_openapi import models as m
from daytona_openapi.api import toolbox_process as api

from . import _checks as check
from ._errors import (
    DaytonaConnectionError,
    DaytonaError,
    DaytonaTimeoutError,
    as_daytona_error,
    json_object,
    redact_secrets,
)
from ._http import timeout_with
from ._params import CodeLanguage
from ._services import emit
from ._toolbox import _forward, _Service

if TYPE_CHECKING:
    from httpx_ws import AsyncWebSocketSession

    from ._http import Endpoint

T = TypeVar("T")
logger = logging.getLogger("facade.pty")
#: A callback for streamed output: a plain function or a coroutine function (which is awaited).
OutputHandler: TypeAlias = Callable[[T], None] | Callable[[T], Awaitable[None]]
PtyDataHandler: TypeAlias = Callable[[bytes], None] | Callable[[bytes], Awaitable[None]]
#: Seconds the HTTP read timeout of a command exceeds the command's own timeout.
COMMAND_TIMEOUT_MARGIN = 10.0
STDOUT_MARKER, STDERR_MARKER = b"\x01\x01\x01", b"\x02\x02\x02"
#: Close codes that mean "finished normally": 1000, and 1005 (a close frame without a code).
CLEAN_CLOSE_CODES = frozenset({1000, 1005})


class LogStream(StrEnum):
    """Which output a piece of text came from."""

    STDOUT = "stdout"
    STDERR = "stderr"


class LogDemuxer:
    """Splits a marker-multiplexed byte stream into ``(stream, text)`` pieces, incrementally.

    Feed frames in order with :meth:`feed`, then call :meth:`finish` once. Data before the first marker is
    stdout; up to two trailing bytes that may start a marker wait for the next frame; each stream is decoded
    from UTF-8 incrementally (invalid bytes become U+FFFD); consecutive pieces of one stream are merged.
    """

    def __init__(self) -> None:
        self._buffer = bytearray()
        self.current = LogStream.STDOUT
        self._decoders = {s: codecs.getincrementaldecoder("utf-8")(errors="replace") for s in LogStream}
        self._finished = False

    def feed(self, data: bytes | bytearray | str) -> list[tuple[LogStream, str]]:
        """Add one frame (text frames are encoded as UTF-8) and return the text now complete."""
        if self._finished:
            raise RuntimeError("LogDemuxer.feed() called after finish()")
        self._buffer += data.encode() if isinstance(data, str) else data
        *pieces, rest = _MARKERS.split(self._buffer)
        keep = next((n for n in (2, 1) if bytes(rest[-n:]) in (b"\x01" * n, b"\x02" * n)), 0)  # may start a marker
        out: list[tuple[LogStream, str]] = []
        self._buffer = bytearray(self._buffer[len(self._buffer) - keep :])
        for piece in [*pieces, rest[: len(rest) - keep]]:
            if piece in (STDOUT_MARKER, STDERR_MARKER):
                self.current = LogStream.STDERR if piece == STDERR_MARKER else LogStream.STDOUT
            elif text := self._decoders[self.current].decode(bytes(piece)):
                _append(out, self.current, text)
        return out

    def finish(self) -> list[tuple[LogStream, str]]:
        """End of stream: what is left (a held-back partial marker counts as data)."""
        if self._finished:
            return []
        self._finished, out = True, list[tuple[LogStream, str]]()
        for stream, data in ((self.current, bytes(self._buffer)), (LogStream.STDOUT, b""), (LogStream.STDERR, b"")):
            if text := self._decoders[stream].decode(data, final=stream is not self.current or not data):
                _append(out, stream, text)
        return out


_MARKERS = re.compile(b"(\x01\x01\x01|\x02\x02\x02)")
_STREAMS = {STDOUT_MARKER: LogStream.STDOUT, STDERR_MARKER: LogStream.STDERR}


def _append(out: list[tuple[LogStream, str]], stream: LogStream, text: str) -> None:
    if out and out[-1][0] is stream:
        out[-1] = (stream, out[-1][1] + text)
    else:
        out.append((stream, text))


def demux(raw: str) -> tuple[str, str, str]:
    """``(output, stdout, stderr)`` of a whole marker-multiplexed text."""
    demuxer = LogDemuxer()
    pieces = demuxer.feed(raw) + demuxer.finish()
    by = {s: "".join(t for k, t in pieces if k is s) for s in LogStream}
    return "".join(t for _, t in pieces), by[LogStream.STDOUT], by[LogStream.STDERR]


# ---- charts ---------------------------------------------------------------------------------------


class ChartType(StrEnum):
    """Kinds of chart the daemon reports."""

    LINE = "line"
    SCATTER = "scatter"
    BAR = "bar"
    PIE = "pie"
    BOX_AND_WHISKER = "box_and_whisker"
    COMPOSITE_CHART = "composite_chart"
    UNKNOWN = "unknown"


class ChartElement(m.ChartElement):
    """One element of a chart (a series, bar, slice, box or sub-chart): the generated model, with the official
    SDK's ``type``, ``min`` and ``max`` names."""

    type = property(lambda self: self.type_)
    min = property(lambda self: self.min_)
    max = property(lambda self: self.max_)


class PointData(ChartElement):
    """A series of a line or scatter chart."""


class BarData(ChartElement):
    """A bar of a bar chart."""


class PieData(ChartElement):
    """A slice of a pie chart."""


class BoxAndWhiskerData(ChartElement):
    """A box of a box-and-whisker chart."""


class Chart(m.Chart):
    """A chart a program produced (e.g. a matplotlib figure): the generated model, whose ``type`` is a
    :class:`ChartType` member when known and whose elements are typed by chart kind."""

    @property
    def type(self) -> str | None:
        kind = self.type_
        return ChartType(kind) if kind is not None and kind in ChartType.__members__.values() else kind


class LineChart(Chart):
    """A line chart (elements: :class:`PointData`)."""


class ScatterChart(Chart):
    """A scatter plot (elements: :class:`PointData`)."""


class BarChart(Chart):
    """A bar chart (elements: :class:`BarData`)."""


class PieChart(Chart):
    """A pie chart (elements: :class:`PieData`)."""


class BoxAndWhiskerChart(Chart):
    """A box-and-whisker chart (elements: :class:`BoxAndWhiskerData`)."""


class CompositeChart(Chart):
    """A figure holding several sub-charts (elements describe them)."""


_CHARTS: dict[str, tuple[type[Chart], type[ChartElement]]] = {
    "line": (LineChart, PointData),
    "scatter": (ScatterChart, PointData),
    "bar": (BarChart, BarData),
    "pie": (PieChart, PieData),
    "box_and_whisker": (BoxAndWhiskerChart, BoxAndWhiskerData),
    "composite_chart": (CompositeChart, ChartElement),
}


def parse_chart(data: Any) -> Chart:
    """The typed chart for one chart object the daemon sent (a mapping, or a generated model); the class comes
    from ``type`` (unknown or missing: a plain :class:`Chart`); unknown fields stay in ``additional_properties``."""
    data = dict(data if isinstance(data, Mapping) else data.to_dict())
    chart_cls, element_cls = _CHARTS.get(str(data.get("type")), (Chart, ChartElement))
    elements = data.pop("elements", None)
    chart = chart_cls.from_dict(data)
    items = elements if isinstance(elements, list) else []
    chart.elements = [element_cls.from_dict(e if isinstance(e, Mapping) else {"value": e}) for e in items]
    return chart


# ---- parameters and results -----------------------------------------------------------------------


@dataclass
class CodeRunParams:
    """Extra parameters of :meth:`AsyncProcess.code_run`: command-line ``argv`` and environment ``env``."""

    argv: list[str] | None = None
    env: dict[str, str] | None = None


@dataclass
class ExecutionArtifacts:
    """What a run produced besides its exit code: ``stdout`` (same as the result) and ``charts``."""

    stdout: str = ""
    charts: list[Chart] | None = None


@dataclass
class ExecuteResponse:
    """Outcome of :meth:`AsyncProcess.exec` / :meth:`AsyncProcess.code_run` (own class: the generated answers
    have no ``artifacts``). ``exit_code`` is -1 when the daemon reported none."""

    exit_code: int
    result: str
    artifacts: ExecutionArtifacts | None = None
    additional_properties: dict[str, Any] = field(default_factory=dict)


@dataclass
class SessionExecuteRequest:
    """A command to run in a session: ``run_async`` returns once it started (``var_async`` is its deprecated
    spelling); ``suppress_input_echo`` keeps stdin data out of the output."""

    command: str
    run_async: bool | None = None
    var_async: bool | None = None
    suppress_input_echo: bool | None = None

    def __post_init__(self) -> None:
        if self.var_async:
            warnings.warn(
                "SessionExecuteRequest.var_async is deprecated; use run_async instead.", DeprecationWarning, 3
            )
            self.run_async = True


@dataclass
class PtySize:
    """Terminal dimensions, each from 1 to 1000."""

    rows: int
    cols: int


@dataclass
class PtyResult:
    """How a PTY session ended: the shell's ``exit_code`` (None if unknown) and ``error``, if any."""

    exit_code: int | None
    error: str | None = None


def _exit_code(value: int | None, extra: Mapping[str, Any]) -> int:
    """The exit code of an answer (older daemons send it as ``code``; -1 if absent)."""
    legacy = extra.get("code")
    return value if value is not None else legacy if isinstance(legacy, int) and not isinstance(legacy, bool) else -1


def _wire_timeout(timeout: float | None) -> int | None:
    """A command timeout as sent: checked, rounded up to whole seconds (0 stays 0), None when not given."""
    check.timeout(timeout)
    return None if timeout is None else math.ceil(timeout)


def _pty_size(size: Any) -> PtySize:
    check.instance(size, "pty_size", PtySize)
    check.integer(size.rows, "pty_size.rows", minimum=1, maximum=1000)
    check.integer(size.cols, "pty_size.cols", minimum=1, maximum=1000)
    return size  # type: ignore[no-any-return]


def _unmarked(output: str | None) -> str | None:
    """Session output as the daemon sends it to SDK versions >= 0.167, without its stream markers."""
    return output and output.replace(STDOUT_MARKER.decode(), "").replace(STDERR_MARKER.decode(), "")


def _logs_parse(json_parse: Any) -> Callable[[Any], m.SessionCommandLogs]:
    """The logs request's own parse, also accepting the plain marker-multiplexed text of older daemons."""

    def parse(response: Any) -> m.SessionCommandLogs:
        if response.headers.get("content-type", "").startswith("application/json"):
            logs: m.SessionCommandLogs = json_parse(response)
            logs.output = _unmarked(logs.output) or ""
            return logs
        output, stdout, stderr = demux(response.text)
        return m.SessionCommandLogs(output=output, stdout=stdout, stderr=stderr)

    return parse


class AsyncProcess(_Service):
    """Process and code execution in one sandbox (``sandbox.process``); ``code_run`` uses the sandbox's language."""

    def __init__(self, ctx: Endpoint, language: CodeLanguage | str = CodeLanguage.PYTHON) -> None:
        self._ctx, self.language = ctx, str(language)

    get_session = _forward(api.process_get_session.request, "Failed to get session: ")
    get_entrypoint_session = _forward(api.process_get_entrypoint_session.request, "Failed to get entrypoint session: ")
    list_sessions = _forward(api.process_list_sessions.request, "Failed to list sessions: ")
    delete_session = _forward(api.process_delete_session.request, "Failed to delete session: ")
    get_session_command = _forward(api.process_get_session_command.request, "Failed to get session command: ")
    get_pty_session_info = _forward(api.pty_get_session.request, "Failed to get PTY session info: ")

    async def _run(self, req: Any, prefix: str, timeout: float | None) -> Any:
        """Send a request that waits for a command: read timeout = its limit + margin; a 408 is a timeout."""
        limit = check.timeout(timeout)
        try:
            return await self._ctx.send(
                req, prefix, timeout=timeout_with(self._ctx.http, limit and limit + COMMAND_TIMEOUT_MARGIN)
            )
        except DaytonaError as exc:
            if exc.status_code == 408 and not isinstance(exc, DaytonaTimeoutError):
                raise DaytonaTimeoutError(exc.message, exc.status_code, exc.headers, exc.error_code) from exc
            raise

    async def exec(
        self, command: str, cwd: str | None = None, env: dict[str, str] | None = None, timeout: int | None = None
    ) -> ExecuteResponse:
        """Run a command and wait for it (``POST /process/execute`` with ``{command, cwd?, envs?, timeout?}``).

        ``timeout``: seconds before the daemon stops it (None: the daemon's default, 10 s). Returns the exit
        code and the output (stdout and stderr together, also as ``artifacts.stdout``).
        """
        fields = {
            "command": check.text(command, "command"),
            "cwd": check.text(cwd, "cwd", optional=True),
            "envs": check.mapping(env, "env", optional=True, env=True),
            "timeout": _wire_timeout(timeout),
        }
        body = m.ExecuteRequest.from_dict({k: v for k, v in fields.items() if v is not None})
        r = await self._run(api.process_execute.request(body=body), "Failed to execute command: ", timeout)
        result = r.result or ""
        extra = dict(r.additional_properties)
        return ExecuteResponse(_exit_code(r.exit_code, extra), result, ExecutionArtifacts(result, []), extra)

    async def code_run(
        self, code: str, params: CodeRunParams | None = None, timeout: int | None = None
    ) -> ExecuteResponse:
        """Run code with the sandbox's language runtime (``POST /process/code-run`` with ``{code, language,
        argv?, envs?, timeout?}``); charts the program produced come back typed in ``artifacts.charts``."""
        params = check.instance(params or CodeRunParams(), "params", CodeRunParams)
        body = {
            "code": check.text(code, "code"),
            "language": self.language,
            "argv": check.strings(params.argv, "params.argv", optional=True, empty=True),
            "envs": check.mapping(params.env, "params.env", optional=True, env=True),
            "timeout": _wire_timeout(timeout),
        }
        req = api.process_code_run.request(
            body=m.CodeRunRequest.from_dict({k: v for k, v in body.items() if v is not None})
        )
        r = await self._run(req, "Failed to run code: ", timeout)
        result, extra = r.result or "", dict(r.additional_properties)
        charts = [parse_chart(c) for c in (r.artifacts and r.artifacts.charts) or []]
        return ExecuteResponse(_exit_code(r.exit_code, extra), result, ExecutionArtifacts(result, charts), extra)

    async def create_session(self, session_id: str) -> None:
        """Start a long-lived shell session (``POST /process/session``; 409 if the id is taken)."""
        body = m.CreateSessionRequest(session_id=check.text(session_id, "session_id"))
        await self._ctx.send(api.process_create_session.request(body=body), "Failed to create session: ")

    async def execute_session_command(
        self, session_id: str, req: SessionExecuteRequest, timeout: int | None = None
    ) -> m.SessionExecuteResponse:
        """Run a command in a session (``POST /process/session/{id}/exec`` with ``{command, runAsync?,
        suppressInputEcho?}``); the session keeps its state between commands. With ``req.run_async`` it returns
        once the command started. ``timeout`` bounds the wait for the answer only (the daemon is not told).
        ``stdout``/``stderr`` are ``""`` rather than None."""
        sid = check.text(session_id, "session_id")
        check.instance(req, "req", SessionExecuteRequest)
        command, run_async = check.text(req.command, "req.command"), req.run_async or req.var_async
        quiet = check.flag(req.suppress_input_echo, "req.suppress_input_echo", optional=True)
        run_async = check.flag(run_async, "req.run_async", optional=True)
        body = m.SessionExecuteRequest(command=command, run_async=run_async, suppress_input_echo=quiet)
        req_ = api.process_session_execute.request(sid, body=body)
        r: m.SessionExecuteResponse = await self._run(req_, "Failed to execute session command: ", timeout)
        r.output, r.stdout, r.stderr = _unmarked(r.output), r.stdout or "", r.stderr or ""
        return r

    async def get_session_command_logs(self, session_id: str, command_id: str) -> m.SessionCommandLogs:
        """The output a session command wrote so far: ``output``, ``stdout``, ``stderr`` (``GET .../logs``)."""
        ids = check.text(session_id, "session_id"), check.text(command_id, "command_id")
        req = api.process_get_session_command_logs.request(*ids)
        return await self._ctx.send(req, "Failed to get session command logs: ", parse=_logs_parse(req.parse))

    async def get_session_command_logs_async(
        self, session_id: str, command_id: str, on_stdout: OutputHandler[str], on_stderr: OutputHandler[str]
    ) -> None:
        """Stream a session command's output to callbacks until the command ends (WebSocket
        ``GET .../logs?follow=true``): output already written first, then new output. Callbacks may be async
        (awaited in order); a callback's exception stops the stream and propagates."""
        req = api.process_get_session_command_logs.request(
            check.text(session_id, "session_id"), check.text(command_id, "command_id"), follow=True
        )
        await self._follow(req, on_stdout, on_stderr, "Failed to get session command logs: ")

    async def get_entrypoint_logs(self) -> m.SessionCommandLogs:
        """The output of the sandbox's entrypoint so far (``GET /process/session/entrypoint/logs``)."""
        req = api.process_get_entrypoint_logs.request()
        return await self._ctx.send(req, "Failed to get entrypoint logs: ", parse=_logs_parse(req.parse))

    async def get_entrypoint_logs_async(self, on_stdout: OutputHandler[str], on_stderr: OutputHandler[str]) -> None:
        """Stream the entrypoint's output to callbacks, as :meth:`get_session_command_logs_async` does."""
        req = api.process_get_entrypoint_logs.request(follow=True)
        await self._follow(req, on_stdout, on_stderr, "Failed to get entrypoint logs: ")

    async def _follow(self, req: Any, on_stdout: Any, on_stderr: Any, prefix: str) -> None:
        handlers = {
            LogStream.STDOUT: check.callback(on_stdout, "on_stdout"),
            LogStream.STDERR: check.callback(on_stderr, "on_stderr"),
        }
        demuxer = LogDemuxer()
        try:
            async with self._ctx.websocket(req, prefix) as ws:
                while (data := await _receive(ws, prefix)) is not None:
                    for stream, text in demuxer.feed(data):
                        await emit(handlers[stream], text)
        finally:
            for stream, text in demuxer.finish():
                await emit(handlers[stream], text)

    async def send_session_command_input(self, session_id: str, command_id: str, data: str) -> None:
        """Write ``data`` to a running session command's stdin (``POST .../input``; end a line with ``\\n``)."""
        req = api.process_send_session_input.request(
            check.text(session_id, "session_id"),
            check.text(command_id, "command_id"),
            body=m.SessionCommandInput(data=check.text(data, "data", empty=True)),
        )
        await self._ctx.send(req, "Failed to send session command input: ")

    async def create_pty_session(
        self,
        id: str,
        on_data: PtyDataHandler | None = None,
        cwd: str | None = None,
        envs: dict[str, str] | None = None,
        pty_size: PtySize | None = None,
    ) -> AsyncPtyHandle:
        """Create a PTY session (``POST /process/pty`` with ``{id, cwd?, envs?, cols?, rows?, lazyStart: true}``)
        and connect to it as :meth:`connect_pty_session` does; if connecting fails, the session is killed."""
        body: dict[str, object] = {
            "id": check.text(id, "id"),
            "cwd": check.text(cwd, "cwd", optional=True),
            "envs": check.mapping(envs, "envs", optional=True, env=True),
            "lazyStart": True,
        }
        check.callback(on_data, "on_data")
        if pty_size is not None:
            body |= {"cols": _pty_size(pty_size).cols, "rows": pty_size.rows}
        req = api.pty_create_session.request(
            body=m.PtyCreateRequest.from_dict({k: v for k, v in body.items() if v is not None})
        )
        session_id = (await self._ctx.send(req, "Failed to create PTY session: ")).session_id
        try:
            return await self.connect_pty_session(session_id, on_data)
        except Exception:
            with contextlib.suppress(Exception):
                await self.kill_pty_session(session_id)
            raise

    async def connect_pty_session(self, session_id: str, on_data: PtyDataHandler | None = None) -> AsyncPtyHandle:
        """Connect to a PTY session (WebSocket ``GET /process/pty/{id}/connect``) and wait up to 10 s for the
        daemon to confirm; returns the connected handle (call ``disconnect()`` when done)."""
        handle = AsyncPtyHandle(self, check.text(session_id, "session_id"), check.callback(on_data, "on_data"))
        try:
            await handle.wait_for_connection()
        except BaseException:
            await handle.disconnect()
            raise
        return handle

    async def list_pty_sessions(self) -> list[m.PtySessionInfo]:
        """Every PTY session (``GET /process/pty``)."""
        return (await self._ctx.send(api.pty_list_sessions.request(), "Failed to list PTY sessions: ")).sessions

    async def kill_pty_session(self, session_id: str) -> None:
        """Stop a PTY session's shell and remove the session (``DELETE /process/pty/{id}``)."""
        await self._ctx.send(
            api.pty_delete_session.request(check.text(session_id, "session_id")), "Failed to kill PTY session: "
        )

    async def resize_pty_session(self, session_id: str, pty_size: PtySize) -> m.PtySessionInfo:
        """Change a PTY session's size (``POST /process/pty/{id}/resize`` with ``{cols, rows}``)."""
        size = _pty_size(pty_size)
        req = api.pty_resize.request(
            check.text(session_id, "session_id"), body=m.PtyResizeRequest(cols=size.cols, rows=size.rows)
        )
        return await self._ctx.send(req, "Failed to resize PTY session: ")


async def _receive(ws: AsyncWebSocketSession, prefix: str, timeout: float | None = None) -> Any:
    """The next data frame's payload; None on a clean close, a DaytonaError on any other."""
    from httpx_ws import WebSocketDisconnect, WebSocketNetworkError
    from wsproto.events import BytesMessage, TextMessage

    while True:
        try:
            event = await ws.receive(timeout=timeout)
        except WebSocketDisconnect as exc:
            if exc.code in CLEAN_CLOSE_CODES:
                return None
            raise as_daytona_error(exc, prefix) from exc
        except WebSocketNetworkError as exc:
            raise as_daytona_error(exc, prefix) from exc
        if isinstance(event, BytesMessage | TextMessage):
            return event.data


class AsyncPtyHandle:
    """An open connection to a PTY session: send keystrokes, receive output (passed as bytes to ``on_data``,
    awaited if async, by a background task), wait for the exit. :meth:`disconnect` (or ``async with``) closes
    the connection; :meth:`kill` stops the terminal.

    Protocol: the daemon confirms with a text frame ``{"type":"control","status":"connected"}`` (or
    ``"error"``); output arrives as frames; input goes as binary frames; when the shell exits the socket is
    closed with the JSON reason ``{"exitCode", "exitReason"?, "error"?}`` (a 1000 close without one: exit 0).
    """

    def __init__(self, process: AsyncProcess, session_id: str, on_data: PtyDataHandler | None = None) -> None:
        """Internal: use ``sandbox.process.create_pty_session`` / ``connect_pty_session``."""
        self._process, self.session_id, self._on_data = process, session_id, on_data
        self._ws: AsyncWebSocketSession | None = None
        self.exit_code: int | None = None
        self.error: str | None = None
        self._failure: DaytonaError | None = None
        self._callback_error: BaseException | None = None
        self._connected = self._confirmed = False
        self._ready = asyncio.Event()
        self._task = asyncio.create_task(self._run(), name=f"pty-{session_id}")

    def is_connected(self) -> bool:
        """True while the socket is open and the daemon has confirmed the connection."""
        return self._connected and self._ws is not None

    async def wait_for_connection(self, timeout: float | None = 10.0) -> None:
        """Wait until the daemon confirms the connection (``DaytonaTimeoutError`` after ``timeout`` seconds; the
        refused upgrade's error, or ``DaytonaConnectionError`` if the daemon reported an error or closed)."""
        limit = check.timeout(timeout)
        try:
            await asyncio.wait_for(self._ready.wait(), limit)
        except TimeoutError:
            message = f"PTY connection timeout: session '{self.session_id}' did not confirm within {limit:g} s"
            raise DaytonaTimeoutError(message) from None
        why = self.error or "the connection was closed"
        if not self._confirmed:
            raise self._failure or DaytonaConnectionError(
                f"Failed to connect to PTY session '{self.session_id}': {why}"
            )

    async def send_input(self, data: str | bytes) -> None:
        """Send keystrokes (a str is encoded as UTF-8) as one binary frame."""
        data = check.instance(data, "data", (str, bytes, bytearray, memoryview))
        payload: bytes = data.encode() if isinstance(data, str) else bytes(data)
        if self._ws is None or not self._connected:
            raise DaytonaConnectionError(f"PTY session '{self.session_id}' is not connected")
        try:
            await self._ws.send_bytes(payload)
        except Exception as exc:
            message = f"Failed to send input to PTY session '{self.session_id}': {type(exc).__name__}: {exc}"
            raise DaytonaConnectionError(message) from exc

    async def wait(self) -> PtyResult:
        """Wait until the terminal exits and return how it ended (cancelling this does not disconnect).

        Raises:
            DaytonaError: If the ``on_data`` callback raised (the original exception is the cause).
        """
        await asyncio.shield(self._task)
        if (error := self._callback_error) is not None:
            message = f"PTY session '{self.session_id}': the on_data callback raised {type(error).__name__}: {error}"
            raise DaytonaError(message) from error
        return PtyResult(exit_code=self.exit_code, error=self.error)

    async def resize(self, pty_size: PtySize) -> m.PtySessionInfo:
        """Change the terminal size (``POST /process/pty/{id}/resize``)."""
        return await self._process.resize_pty_session(self.session_id, pty_size)

    async def kill(self) -> None:
        """Stop the terminal's shell and remove the session (``DELETE /process/pty/{id}``)."""
        await self._process.kill_pty_session(self.session_id)

    async def disconnect(self) -> None:
        """Close the socket and stop the reader (the terminal keeps running). Never raises."""
        if not self._task.done():
            self._task.cancel()
            with contextlib.suppress(BaseException):
                await self._task
        self._connected = False
        self._ready.set()

    async def __aenter__(self) -> AsyncPtyHandle:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.disconnect()

    async def _run(self) -> None:
        req = api.pty_connect.request(self.session_id)
        try:
            async with self._process._ctx.websocket(req, "Failed to connect to PTY session: ") as ws:
                self._ws = ws
                await self._read(ws)
        except DaytonaError as exc:
            self._failure, self.error = exc, exc.message
        except Exception as exc:  # a bug or an unexpected transport failure: keep it on the handle
            logger.debug("PTY reader for %s failed", self.session_id, exc_info=True)
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            self._connected, self._ws = False, None
            self._ready.set()

    async def _read(self, ws: AsyncWebSocketSession) -> None:
        from httpx_ws import WebSocketDisconnect, WebSocketNetworkError
        from wsproto.events import TextMessage

        while True:
            try:
                event = await ws.receive()
            except WebSocketDisconnect as exc:
                return self._on_close(exc.code, exc.reason)
            except WebSocketNetworkError:
                self.error = self.error or "PTY connection lost"
                return
            if isinstance(event, TextMessage) and self._on_control(event.data):
                continue
            payload = event.data.encode() if isinstance(event, TextMessage) else bytes(getattr(event, "data", b""))
            if self._on_data is not None and payload:
                try:
                    await emit(self._on_data, payload)
                except Exception as exc:
                    self._callback_error, self.error = exc, f"on_data callback raised {type(exc).__name__}: {exc}"
                    return

    def _on_control(self, text: str) -> bool:
        """Handle a control message; False if ``text`` is terminal output."""
        if (message := json_object(text)).get("type") != "control":
            return False
        if message.get("status") == "connected":
            self._connected = self._confirmed = True
        elif message.get("status") == "error":
            self.error, self._connected = redact_secrets(str(message.get("error") or "PTY connection error")), False
        self._ready.set()
        return True

    def _on_close(self, code: int, reason: str | None) -> None:
        if data := json_object(reason or ""):
            if isinstance(exit_code := data.get("exitCode"), int) and not isinstance(exit_code, bool):
                self.exit_code = exit_code
            for key in ("exitReason", "error"):
                if isinstance(value := data.get(key), str) and value:
                    self.error = redact_secrets(value)
        elif reason and code not in CLEAN_CLOSE_CODES:
            self.error = redact_secrets(reason)
        if self.exit_code is None and code == 1000:
            self.exit_code = 0
