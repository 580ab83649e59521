"""``sandbox.process``: run commands and code, drive shell sessions, follow their output, and PTYs (whose
connected handle is :class:`facade._pty.AsyncPtyHandle`).

All calls go to the sandbox's toolbox (``/process/...``) over the client's shared pool; log streams and
PTYs use WebSockets on that same pool. When a command is given a ``timeout``, the daemon stops it after
that many seconds and the HTTP request waits that long plus 10 s; without one the client adds no read
timeout of its own (the daemon's limit applies: 10 s for :meth:`AsyncProcess.exec`, none for sessions).

Session command output streams are marker-multiplexed: each chunk is preceded by ``\\x01\\x01\\x01``
(stdout) or ``\\x02\\x02\\x02`` (stderr), and WebSocket frames may split a marker or a UTF-8 character;
:class:`LogDemuxer` undoes that incrementally.
"""

from __future__ import annotations

import codecs
import contextlib
import math
import re
import warnings
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import groupby
from operator import attrgetter
from typing import TYPE_CHECKING, Any, ClassVar, TypeAlias, TypeVar

from daytona_openapi import models as m
from daytona_openapi.api import toolbox_process as api
from daytona_openapi.models.chart_type import ChartTypeEnum

from . import _checks as check
from ._errors import DaytonaError, DaytonaTimeoutError, as_daytona_error
from ._http import timeout_with
from ._pty import CLEAN_CLOSE_CODES, AsyncPtyHandle, PtySize, checked_size
from ._services import emit
from ._toolbox import _body, _forward, _Service

if TYPE_CHECKING:
    from daytona_openapi.types import Request, ResponseLike
    from httpx_ws import AsyncWebSocketSession

    from ._http import Endpoint

T = TypeVar("T")
#: A callback for streamed output: a plain function or a coroutine function (which is awaited).
OutputHandler: TypeAlias = Callable[[T], None] | Callable[[T], Awaitable[None]]
#: Seconds the HTTP read timeout of a command exceeds the command's own timeout.
COMMAND_TIMEOUT_MARGIN = 10.0
STDOUT_MARKER, STDERR_MARKER = b"\x01\x01\x01", b"\x02\x02\x02"
_MARKERS = re.compile(b"(\x01\x01\x01|\x02\x02\x02)")


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
        self._buffer, self.current, self._finished = bytearray(), LogStream.STDOUT, False
        self._decoders = {s: codecs.getincrementaldecoder("utf-8")(errors="replace") for s in LogStream}

    def feed(self, data: bytes | bytearray | str) -> list[tuple[LogStream, str]]:
        """Add one frame (text frames are encoded as UTF-8) and return the text now complete."""
        if self._finished:
            raise RuntimeError("LogDemuxer.feed() called after finish()")
        *pieces, rest = _MARKERS.split(self._buffer + (data.encode() if isinstance(data, str) else data))
        keep = next((n for n in (2, 1) if rest[-n:] in (b"\x01" * n, b"\x02" * n)), 0)  # may start a marker
        self._buffer, out = bytearray(rest[len(rest) - keep :]), list[tuple[LogStream, str]]()
        for piece in map(bytes, [*pieces, rest[: len(rest) - keep]]):
            self.current = _STREAMS.get(piece, self.current)
            out.append((self.current, "" if piece in _STREAMS else self._decoders[self.current].decode(piece)))
        return _merged(out)

    def finish(self) -> list[tuple[LogStream, str]]:
        """End of stream: what is left (a held-back partial marker counts as data)."""
        streams = [] if self._finished else sorted(LogStream, key=lambda s: s is not self.current)  # current first
        self._finished = True
        return _merged((s, self._decoders[s].decode(self._buffer if s is self.current else b"", True)) for s in streams)


_STREAMS = {STDOUT_MARKER: LogStream.STDOUT, STDERR_MARKER: LogStream.STDERR}


def _merged(pieces: Iterable[tuple[LogStream, str]]) -> list[tuple[LogStream, str]]:
    """``pieces`` without the empty ones, consecutive pieces of one stream joined."""
    return [(s, "".join(t for _, t in group)) for s, group in groupby((p for p in pieces if p[1]), lambda p: p[0])]


def demux(raw: str) -> m.SessionCommandLogs:
    """The logs in a whole marker-multiplexed text: ``output`` (both streams in order), ``stdout``, ``stderr``."""
    demuxer = LogDemuxer()
    pieces = demuxer.feed(raw) + demuxer.finish()
    stdout, stderr = ("".join(t for k, t in pieces if k is s) for s in (LogStream.STDOUT, LogStream.STDERR))
    return m.SessionCommandLogs(output="".join(t for _, t in pieces), stdout=stdout, stderr=stderr)


def _unmarked(output: str | None) -> str | None:
    """Session output as the daemon sends it to SDK versions >= 0.167, without its stream markers."""
    return output and output.replace(STDOUT_MARKER.decode(), "").replace(STDERR_MARKER.decode(), "")


async def _receive(
    ws: AsyncWebSocketSession, prefix: str, timeout: float | None = None
) -> str | bytes | bytearray | None:
    """The next data frame's payload; None on a clean close, a DaytonaError on any other."""
    from httpx_ws import WebSocketDisconnect, WebSocketNetworkError
    from wsproto.events import BytesMessage, TextMessage

    while True:
        try:
            event = await ws.receive(timeout=timeout)
        except (WebSocketDisconnect, WebSocketNetworkError) as exc:
            if isinstance(exc, WebSocketDisconnect) and exc.code in CLEAN_CLOSE_CODES:
                return None
            raise as_daytona_error(exc, prefix) from exc
        if isinstance(event, BytesMessage | TextMessage):
            return event.data


# ---- charts ---------------------------------------------------------------------------------------


class ChartElement(m.ChartElement):
    """One element of a chart (a series, bar, slice, box or sub-chart): the generated model, with the official
    SDK's ``type``, ``min`` and ``max`` names."""

    type, min, max = property(attrgetter("type_")), property(attrgetter("min_")), property(attrgetter("max_"))


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
    ``ChartType`` member (the generated ``ChartTypeEnum``) when known and whose elements are typed by chart kind.

    Each subclass names the chart type it stands for and its element class (``class LineChart(Chart, kind="line",
    elements=PointData)``), which registers it for :func:`parse_chart`."""

    _elements: ClassVar[type[ChartElement]] = ChartElement

    def __init_subclass__(cls, kind: str, elements: type[ChartElement] = ChartElement) -> None:
        _CHARTS[kind], cls._elements = cls, elements

    @property
    def type(self) -> str | None:
        return next((kind for kind in ChartTypeEnum if kind == self.type_), self.type_)


_CHARTS: dict[str, type[Chart]] = {}  # chart type -> class, filled by the subclasses below


class LineChart(Chart, kind="line", elements=PointData):
    """A line chart (elements: :class:`PointData`)."""


class ScatterChart(Chart, kind="scatter", elements=PointData):
    """A scatter plot (elements: :class:`PointData`)."""


class BarChart(Chart, kind="bar", elements=BarData):
    """A bar chart (elements: :class:`BarData`)."""


class PieChart(Chart, kind="pie", elements=PieData):
    """A pie chart (elements: :class:`PieData`)."""


class BoxAndWhiskerChart(Chart, kind="box_and_whisker", elements=BoxAndWhiskerData):
    """A box-and-whisker chart (elements: :class:`BoxAndWhiskerData`)."""


class CompositeChart(Chart, kind="composite_chart"):
    """A figure holding several sub-charts (elements describe them)."""


def parse_chart(raw: Mapping[str, object]) -> Chart:
    """The typed chart for one chart object the daemon sent; the class comes from ``type`` (unknown or missing: a
    plain :class:`Chart`); unknown fields stay in ``additional_properties``."""
    chart = _CHARTS.get(str(raw.get("type")), Chart).from_dict(raw)
    chart.elements = [chart._elements.from_dict(element.to_dict()) for element in chart.elements or []]
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


def _executed(r: m.ExecuteResponse | m.CodeRunResponse, charts: list[Chart] | None = None) -> ExecuteResponse:
    """The outcome of a run (older daemons send the exit code as ``code``; -1 if there is none)."""
    extra: dict[str, object] = dict(r.additional_properties)
    code = r.exit_code if r.exit_code is not None else extra.get("code")
    exit_code = code if isinstance(code, int) and not isinstance(code, bool) else -1
    return ExecuteResponse(exit_code, r.result or "", ExecutionArtifacts(r.result or "", charts or []), extra)


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
            message = "SessionExecuteRequest.var_async is deprecated; use run_async instead."
            warnings.warn(message, DeprecationWarning, 3)
            self.run_async = True


def _wire_timeout(timeout: float | None) -> int | None:
    """A command timeout as sent: checked, rounded up to whole seconds (0 stays 0), None when not given."""
    check.timeout(timeout)
    return None if timeout is None else math.ceil(timeout)


class AsyncProcess(_Service):
    """Process and code execution in one sandbox (``sandbox.process``); ``code_run`` uses the sandbox's language."""

    def __init__(self, ctx: Endpoint, language: str = "python") -> None:
        self._ctx, self.language = ctx, str(language)

    get_session = _forward(api.process_get_session.request, "Failed to get session: ")
    get_entrypoint_session = _forward(api.process_get_entrypoint_session.request, "Failed to get entrypoint session: ")
    list_sessions = _forward(api.process_list_sessions.request, "Failed to list sessions: ")
    delete_session = _forward(api.process_delete_session.request, "Failed to delete session: ")
    get_session_command = _forward(api.process_get_session_command.request, "Failed to get session command: ")
    get_pty_session_info = _forward(api.pty_get_session.request, "Failed to get PTY session info: ")
    create_session = _body(api.process_create_session.request, m.CreateSessionRequest, "Failed to create session: ")

    async def _run(self, req: Request[T], prefix: str, timeout: float | None) -> T:
        """Send a request that waits for a command: read timeout = its limit + margin; a 408 is a timeout."""
        limit = check.timeout(timeout)
        read_timeout = timeout_with(self._ctx.http, limit and limit + COMMAND_TIMEOUT_MARGIN)
        try:
            return await self._ctx.send(req, prefix, timeout=read_timeout)
        except DaytonaError as exc:
            if exc.status_code != 408 or isinstance(exc, DaytonaTimeoutError):
                raise
            raise DaytonaTimeoutError(exc.message, exc.status_code, exc.headers, exc.error_code) from exc

    async def exec(
        self, command: str, cwd: str | None = None, env: dict[str, str] | None = None, timeout: int | None = None
    ) -> ExecuteResponse:
        """Run a command and wait for it (``POST /process/execute`` with ``{command, cwd?, envs?, timeout?}``).

        ``timeout``: seconds before the daemon stops it (None: the daemon's default, 10 s). Returns the exit
        code and the output (stdout and stderr together, also as ``artifacts.stdout``).
        """
        body = m.ExecuteRequest.from_dict({
            "command": check.text(command, "command"), "cwd": check.text(cwd, "cwd", optional=True),
            "envs": check.mapping(env, "env", optional=True, env=True), "timeout": _wire_timeout(timeout),
        })  # fmt: skip
        r = await self._run(api.process_execute.request(body=body), "Failed to execute command: ", timeout)
        return _executed(r)

    async def code_run(
        self, code: str, params: CodeRunParams | None = None, timeout: int | None = None
    ) -> ExecuteResponse:
        """Run code with the sandbox's language runtime (``POST /process/code-run`` with ``{code, language,
        argv?, envs?, timeout?}``); charts the program produced come back typed in ``artifacts.charts``."""
        params = check.instance(params or CodeRunParams(), "params", CodeRunParams)
        body = m.CodeRunRequest.from_dict({
            "code": check.text(code, "code"), "language": self.language,
            "argv": check.strings(params.argv, "params.argv", optional=True, empty=True),
            "envs": check.mapping(params.env, "params.env", optional=True, env=True), "timeout": _wire_timeout(timeout),
        })  # fmt: skip
        r = await self._run(api.process_code_run.request(body=body), "Failed to run code: ", timeout)
        return _executed(r, [parse_chart(chart.to_dict()) for chart in (r.artifacts and r.artifacts.charts) or []])

    async def execute_session_command(
        self, session_id: str, req: SessionExecuteRequest, timeout: int | None = None
    ) -> m.SessionExecuteResponse:
        """Run a command in a session (``POST /process/session/{id}/exec`` with ``{command, runAsync?,
        suppressInputEcho?}``); the session keeps its state between commands. With ``req.run_async`` it returns
        once the command started. ``timeout`` bounds the wait for the answer only (the daemon is not told).
        ``stdout``/``stderr`` are ``""`` rather than None."""
        sid, req = check.text(session_id, "session_id"), check.instance(req, "req", SessionExecuteRequest)
        body = m.SessionExecuteRequest(
            command=check.text(req.command, "req.command"),
            suppress_input_echo=check.flag(req.suppress_input_echo, "req.suppress_input_echo", optional=True),
            run_async=check.flag(req.run_async or req.var_async, "req.run_async", optional=True),
        )
        req_ = api.process_session_execute.request(sid, body=body)
        r = await self._run(req_, "Failed to execute session command: ", timeout)
        r.output, r.stdout, r.stderr = _unmarked(r.output), r.stdout or "", r.stderr or ""
        return r

    async def get_session_command_logs(self, session_id: str, command_id: str) -> m.SessionCommandLogs:
        """The output a session command wrote so far: ``output``, ``stdout``, ``stderr`` (``GET .../logs``)."""
        req = api.process_get_session_command_logs.request(*check.texts(session_id=session_id, command_id=command_id))
        return await self._logs(req, "Failed to get session command logs: ")

    async def get_session_command_logs_async(
        self, session_id: str, command_id: str, on_stdout: OutputHandler[str], on_stderr: OutputHandler[str]
    ) -> None:
        """Stream a session command's output to callbacks until the command ends (WebSocket
        ``GET .../logs?follow=true``): output already written first, then new output. Callbacks may be async
        (awaited in order); a callback's exception stops the stream and propagates."""
        ids = check.texts(session_id=session_id, command_id=command_id)
        req = api.process_get_session_command_logs.request(*ids, follow=True)
        await self._follow(req, "Failed to get session command logs: ", on_stdout, on_stderr)

    async def get_entrypoint_logs(self) -> m.SessionCommandLogs:
        """The output of the sandbox's entrypoint so far (``GET /process/session/entrypoint/logs``)."""
        return await self._logs(api.process_get_entrypoint_logs.request(), "Failed to get entrypoint logs: ")

    async def get_entrypoint_logs_async(self, on_stdout: OutputHandler[str], on_stderr: OutputHandler[str]) -> None:
        """Stream the entrypoint's output to callbacks, as :meth:`get_session_command_logs_async` does."""
        req = api.process_get_entrypoint_logs.request(follow=True)
        await self._follow(req, "Failed to get entrypoint logs: ", on_stdout, on_stderr)

    async def _logs(self, req: Request[m.SessionCommandLogs], prefix: str) -> m.SessionCommandLogs:
        """Send a logs request; its answer is JSON, or the plain marker-multiplexed text of older daemons."""

        def parse(response: ResponseLike) -> m.SessionCommandLogs:
            if not response.headers.get("content-type", "").startswith("application/json"):
                return demux(response.text)
            logs = req.parse(response)
            logs.output = _unmarked(logs.output) or ""
            return logs

        return await self._ctx.send(req, prefix, parse=parse)

    async def _follow(
        self, req: Request[object], prefix: str, on_stdout: OutputHandler[str], on_stderr: OutputHandler[str]
    ) -> None:
        """Stream a followed logs WebSocket, demultiplexed, to the callbacks."""
        on_stdout, on_stderr = check.callback(on_stdout, "on_stdout"), check.callback(on_stderr, "on_stderr")
        handlers = {LogStream.STDOUT: on_stdout, LogStream.STDERR: on_stderr}
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
        ids, text = check.texts(session_id=session_id, command_id=command_id), check.text(data, "data", empty=True)
        req = api.process_send_session_input.request(*ids, body=m.SessionCommandInput(data=text))
        await self._ctx.send(req, "Failed to send session command input: ")

    async def create_pty_session(
        self, id: str, on_data: OutputHandler[bytes] | None = None, cwd: str | None = None,
        envs: dict[str, str] | None = None, pty_size: PtySize | None = None,
    ) -> AsyncPtyHandle:  # fmt: skip
        """Create a PTY session (``POST /process/pty`` with ``{id, cwd?, envs?, cols?, rows?, lazyStart: true}``)
        and connect to it as :meth:`connect_pty_session` does; if connecting fails, the session is killed."""
        body = m.PtyCreateRequest.from_dict({
            "id": check.text(id, "id"), "cwd": check.text(cwd, "cwd", optional=True), "lazyStart": True,
            "envs": check.mapping(envs, "envs", optional=True, env=True),
        })  # fmt: skip
        on_data, size = check.callback(on_data, "on_data"), None if pty_size is None else checked_size(pty_size)
        body.cols, body.rows = (size.cols, size.rows) if size else (None, None)
        created = await self._ctx.send(api.pty_create_session.request(body=body), "Failed to create PTY session: ")
        try:
            return await self.connect_pty_session(created.session_id, on_data)
        except Exception:
            with contextlib.suppress(Exception):
                await self.kill_pty_session(created.session_id)
            raise

    async def connect_pty_session(self, session_id: str, on_data: OutputHandler[bytes] | None = None) -> AsyncPtyHandle:
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
        req = api.pty_delete_session.request(check.text(session_id, "session_id"))
        await self._ctx.send(req, "Failed to kill PTY session: ")

    async def resize_pty_session(self, session_id: str, pty_size: PtySize) -> m.PtySessionInfo:
        """Change a PTY session's size (``POST /process/pty/{id}/resize`` with ``{cols, rows}``)."""
        size, session_id = checked_size(pty_size), check.text(session_id, "session_id")
        req = api.pty_resize.request(session_id, body=m.PtyResizeRequest(cols=size.cols, rows=size.rows))
        return await self._ctx.send(req, "Failed to resize PTY session: ")
