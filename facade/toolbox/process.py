"""``sandbox.process``: run commands and code, drive shell sessions and pseudo-terminals.

All calls go to the sandbox's toolbox (``{toolbox_proxy_url}/{sandbox_id}/process/...``) over
the client's shared connection pool. Streaming calls (command logs, PTYs) use WebSockets on
that same pool. Input is checked before anything is sent: an empty command or id, or a
negative timeout, raises :class:`~facade.errors.DaytonaValidationError`.

Timeouts: when a command is given a ``timeout``, the daemon stops it after that many seconds
and the HTTP request waits that long plus a margin. Without one, the client adds no read
timeout of its own: the daemon's limit applies (10 s for :meth:`AsyncProcess.exec`; none for
session commands).
"""

from __future__ import annotations

import contextlib
import types
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import httpx

from .._api import ToolboxContext
from ..errors import DaytonaValidationError
from ..language import CodeLanguage
from ._exec_support import (
    call_with_timeout,
    check_env,
    check_handler,
    check_id,
    check_strings,
    check_text,
    command_timeout,
    expect,
    unset_to_none,
)
from .charts import Chart, parse_chart
from .log_stream import STDERR_MARKER, STDOUT_MARKER, LogDemuxer, LogStream, follow_logs
from .process_types import (
    CodeRunParams,
    Command,
    ExecuteResponse,
    ExecutionArtifacts,
    OutputHandler,
    PtyDataHandler,
    PtySessionInfo,
    PtySize,
    Session,
    SessionCommandLogsResponse,
    SessionExecuteRequest,
    SessionExecuteResponse,
)
from .pty import DEFAULT_PTY_CONNECT_TIMEOUT, AsyncPtyHandle

if TYPE_CHECKING:
    from daytona_openapi.models.pty_session_info import PtySessionInfo as ApiPtySessionInfo
    from daytona_openapi.models.session import Session as ApiSession
    from daytona_openapi.models.session_command import SessionCommand as ApiSessionCommand

__all__ = ["AsyncProcess"]

#: Terminal sizes the daemon accepts, per dimension.
_PTY_DIMENSION_RANGE = range(1, 1001)


def _exit_code(value: Any, additional: Mapping[str, Any]) -> int:
    """The exit code of an execute/code-run answer (older daemons send it as ``code``; -1 if absent)."""
    value = unset_to_none(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    legacy = additional.get("code")
    if isinstance(legacy, int) and not isinstance(legacy, bool):
        return legacy
    return -1


def _check_pty_size(pty_size: PtySize | None, name: str = "pty_size") -> PtySize | None:
    if pty_size is None:
        return None
    if not isinstance(pty_size, PtySize):
        raise TypeError(f"{name} must be a PtySize, got {type(pty_size).__name__}")
    for dimension in ("rows", "cols"):
        value = getattr(pty_size, dimension)
        if isinstance(value, bool) or not isinstance(value, int) or value not in _PTY_DIMENSION_RANGE:
            raise DaytonaValidationError(f"{name}.{dimension} must be an integer from 1 to 1000, got {value!r}")
    return pty_size


def _command(model: ApiSessionCommand) -> Command:
    return Command(id=model.id, command=model.command, exit_code=unset_to_none(model.exit_code))


def _session(model: ApiSession) -> Session:
    return Session(session_id=model.session_id, commands=[_command(c) for c in model.commands or []])


def _pty_info(model: ApiPtySessionInfo) -> PtySessionInfo:
    return PtySessionInfo(
        id=model.id,
        cwd=model.cwd,
        envs={str(k): str(v) for k, v in model.envs.additional_properties.items()},
        cols=model.cols,
        rows=model.rows,
        created_at=model.created_at,
        active=model.active,
        lazy_start=model.lazy_start,
    )


def _logs_operation(op: types.ModuleType) -> types.ModuleType:
    """``op`` (a logs endpoint) accepting the plain-text answer of older daemons as well as JSON.

    A ``text/plain`` body is the raw marker-multiplexed output; it is split into stdout and
    stderr here.
    """
    from daytona_openapi.models.session_command_logs import SessionCommandLogs

    shim = types.ModuleType(op.__name__)

    def _parse_response(*, client: Any, response: httpx.Response) -> Any:
        content_type = response.headers.get("content-type", "")
        if response.status_code == 200 and not content_type.startswith("application/json"):
            demuxer = LogDemuxer()
            pieces = demuxer.feed(response.content) + demuxer.finish()
            output = "".join(text for _, text in pieces)
            stdout = "".join(text for stream, text in pieces if stream is LogStream.STDOUT)
            stderr = "".join(text for stream, text in pieces if stream is LogStream.STDERR)
            return SessionCommandLogs(output=output, stdout=stdout, stderr=stderr)
        return op._parse_response(client=client, response=response)

    setattr(shim, "_get_kwargs", op._get_kwargs)  # noqa: B010 - module attributes are set dynamically
    setattr(shim, "_parse_response", _parse_response)  # noqa: B010
    return shim


class AsyncProcess:
    """Process and code execution in one sandbox (``sandbox.process``).

    Args:
        ctx: The sandbox's toolbox endpoint.
        language: The sandbox's code language (its ``code-toolbox-language`` label), used by
            :meth:`code_run`.
    """

    def __init__(self, ctx: ToolboxContext, language: CodeLanguage | str = CodeLanguage.PYTHON) -> None:
        self._ctx = ctx
        self._language = str(language)

    @property
    def language(self) -> str:
        """The language :meth:`code_run` runs code in."""
        return self._language

    def __repr__(self) -> str:
        return f"AsyncProcess(sandbox_id={self._ctx.sandbox_id!r}, language={self._language!r})"

    # -- one-off commands ---------------------------------------------------------------------

    async def exec(
        self,
        command: str,
        cwd: str | None = None,
        env: dict[str, str] | None = None,
        timeout: int | None = None,
    ) -> ExecuteResponse:
        """Run a shell command and wait for it to finish.

        Sends ``POST /process/execute`` with ``{"command", "cwd"?, "envs"?, "timeout"?}``. The
        command string is sent as given (the daemon runs it; no quoting is added).

        Args:
            command: The command line (not empty).
            cwd: Directory to run it in (default: the sandbox's working directory).
            env: Extra environment variables.
            timeout: Seconds before the daemon stops the command (None: the daemon's default, 10 s).

        Returns:
            ExecuteResponse: ``exit_code``, ``result`` (stdout and stderr together) and
            ``artifacts.stdout`` (the same text).

        Raises:
            DaytonaValidationError: Empty command, bad env or negative timeout (nothing sent).
            DaytonaTimeoutError: The command or the request timed out.
            DaytonaError: The toolbox refused or failed the request (subclass by status).
        """
        from daytona_openapi.api.toolbox_process import process_execute
        from daytona_openapi.models.execute_request import ExecuteRequest
        from daytona_openapi.models.execute_response import ExecuteResponse as ApiExecuteResponse

        body: dict[str, Any] = {"command": check_text(command, "command")}
        if cwd is not None:
            body["cwd"] = check_text(cwd, "cwd")
        envs = check_env(env, "env")
        if envs is not None:
            body["envs"] = envs
        wire_timeout, limit = command_timeout(timeout)
        if wire_timeout is not None:
            body["timeout"] = wire_timeout
        prefix = "Failed to execute command: "
        response = await call_with_timeout(
            self._ctx, process_execute, body=ExecuteRequest.from_dict(body), limit=limit, error_prefix=prefix
        )
        response = expect(response, ApiExecuteResponse, prefix + "no result")
        result = unset_to_none(response.result) or ""
        return ExecuteResponse(
            exit_code=_exit_code(response.exit_code, response.additional_properties),
            result=result,
            artifacts=ExecutionArtifacts(stdout=result, charts=[]),
            additional_properties=dict(response.additional_properties),
        )

    async def code_run(
        self,
        code: str,
        params: CodeRunParams | None = None,
        timeout: int | None = None,
    ) -> ExecuteResponse:
        """Run a code snippet with the sandbox's language runtime and wait for it to finish.

        Sends ``POST /process/code-run`` with ``{"code", "language", "argv"?, "envs"?,
        "timeout"?}``; ``language`` is the sandbox's language. Charts the program produced
        (e.g. matplotlib figures) come back typed in ``artifacts.charts``.

        Args:
            code: Source code to run (not empty).
            params: Command-line arguments (``argv``) and environment (``env``).
            timeout: Seconds before the daemon stops the run.

        Returns:
            ExecuteResponse: ``exit_code``, ``result`` (the output), ``artifacts.stdout`` and
            ``artifacts.charts``.

        Raises:
            DaytonaValidationError: Empty code, bad params or negative timeout (nothing sent).
            DaytonaTimeoutError: The run or the request timed out.
            DaytonaError: The toolbox refused or failed the request (subclass by status).
        """
        from daytona_openapi.api.toolbox_process import process_code_run
        from daytona_openapi.models.code_run_request import CodeRunRequest
        from daytona_openapi.models.code_run_response import CodeRunResponse

        body: dict[str, Any] = {"code": check_text(code, "code"), "language": self._language}
        if params is not None:
            if not isinstance(params, CodeRunParams):
                raise TypeError(f"params must be a CodeRunParams, got {type(params).__name__}")
            argv = check_strings(params.argv, "params.argv")
            if argv is not None:
                body["argv"] = argv
            envs = check_env(params.env, "params.env")
            if envs is not None:
                body["envs"] = envs
        wire_timeout, limit = command_timeout(timeout)
        if wire_timeout is not None:
            body["timeout"] = wire_timeout
        prefix = "Failed to run code: "
        response = await call_with_timeout(
            self._ctx, process_code_run, body=CodeRunRequest.from_dict(body), limit=limit, error_prefix=prefix
        )
        response = expect(response, CodeRunResponse, prefix + "no result")
        result = unset_to_none(response.result) or ""
        charts: list[Chart] = []
        artifacts = unset_to_none(response.artifacts)
        if artifacts is not None:
            charts = [parse_chart(chart) for chart in unset_to_none(artifacts.charts) or []]
        return ExecuteResponse(
            exit_code=_exit_code(response.exit_code, response.additional_properties),
            result=result,
            artifacts=ExecutionArtifacts(stdout=result, charts=charts),
            additional_properties=dict(response.additional_properties),
        )

    # -- sessions -----------------------------------------------------------------------------

    async def create_session(self, session_id: str) -> None:
        """Start a long-lived shell session with the given id (``POST /process/session``).

        Raises:
            DaytonaValidationError: Empty id. DaytonaConflictError: The id is taken (status 409).
        """
        from daytona_openapi.api.toolbox_process import process_create_session
        from daytona_openapi.models.create_session_request import CreateSessionRequest

        body = CreateSessionRequest(session_id=check_id(session_id, "session_id"))
        await self._ctx.call(process_create_session, body=body, error_prefix="Failed to create session: ")

    async def get_session(self, session_id: str) -> Session:
        """A session and the commands run in it (``GET /process/session/{sessionId}``).

        Raises:
            DaytonaNotFoundError: No such session.
        """
        from daytona_openapi.api.toolbox_process import process_get_session
        from daytona_openapi.models.session import Session as ApiSession

        prefix = "Failed to get session: "
        response = await self._ctx.call(process_get_session, check_id(session_id, "session_id"), error_prefix=prefix)
        return _session(expect(response, ApiSession, prefix + "no session"))

    async def get_entrypoint_session(self) -> Session:
        """The session running the sandbox's entrypoint (``GET /process/session/entrypoint``)."""
        from daytona_openapi.api.toolbox_process import process_get_entrypoint_session
        from daytona_openapi.models.session import Session as ApiSession

        prefix = "Failed to get entrypoint session: "
        response = await self._ctx.call(process_get_entrypoint_session, error_prefix=prefix)
        return _session(expect(response, ApiSession, prefix + "no session"))

    async def list_sessions(self) -> list[Session]:
        """Every session with its commands (``GET /process/session``)."""
        from daytona_openapi.api.toolbox_process import process_list_sessions

        prefix = "Failed to list sessions: "
        response = await self._ctx.call(process_list_sessions, error_prefix=prefix)
        return [_session(item) for item in expect(response, list, prefix + "no list")]

    async def delete_session(self, session_id: str) -> None:
        """Stop a session's shell and remove it (``DELETE /process/session/{sessionId}``).

        Raises:
            DaytonaNotFoundError: No such session.
        """
        from daytona_openapi.api.toolbox_process import process_delete_session

        await self._ctx.call(
            process_delete_session, check_id(session_id, "session_id"), error_prefix="Failed to delete session: "
        )

    async def execute_session_command(
        self,
        session_id: str,
        req: SessionExecuteRequest,
        timeout: int | None = None,
    ) -> SessionExecuteResponse:
        """Run a command in a session (``POST /process/session/{sessionId}/exec``).

        The body is ``{"command", "runAsync"?, "suppressInputEcho"?}``. The session keeps its
        state between commands (working directory, variables). With ``req.run_async`` the call
        returns as soon as the command has started; follow it with :meth:`get_session_command`,
        :meth:`get_session_command_logs` or :meth:`get_session_command_logs_async`.

        Args:
            session_id: The session.
            req: The command and its options.
            timeout: Seconds to wait for the answer (HTTP only; the daemon is not told). None
                waits as long as the command runs.

        Returns:
            SessionExecuteResponse: ``cmd_id``, and for a waited-for command ``exit_code``,
            ``output``, ``stdout`` and ``stderr``.

        Raises:
            DaytonaValidationError: Empty id or command, negative timeout (nothing sent).
            DaytonaNotFoundError: No such session.
            DaytonaTimeoutError: No answer within ``timeout`` (plus a margin).
        """
        from daytona_openapi.api.toolbox_process import process_session_execute
        from daytona_openapi.models.session_execute_request import SessionExecuteRequest as ApiRequest
        from daytona_openapi.models.session_execute_response import SessionExecuteResponse as ApiResponse

        check_id(session_id, "session_id")
        if not isinstance(req, SessionExecuteRequest):
            raise TypeError(f"req must be a SessionExecuteRequest, got {type(req).__name__}")
        body: dict[str, Any] = {"command": check_text(req.command, "req.command")}
        run_async = req.run_async or req.var_async
        if run_async is not None:
            body["runAsync"] = bool(run_async)
        if req.suppress_input_echo is not None:
            body["suppressInputEcho"] = bool(req.suppress_input_echo)
        _, limit = command_timeout(timeout)
        prefix = "Failed to execute session command: "
        response = await call_with_timeout(
            self._ctx,
            process_session_execute,
            session_id,
            body=ApiRequest.from_dict(body),
            limit=limit,
            error_prefix=prefix,
        )
        response = expect(response, ApiResponse, prefix + "no result")
        return SessionExecuteResponse(
            cmd_id=response.cmd_id,
            output=_without_markers(unset_to_none(response.output)),
            stdout=unset_to_none(response.stdout) or "",
            stderr=unset_to_none(response.stderr) or "",
            exit_code=unset_to_none(response.exit_code),
            additional_properties=dict(response.additional_properties),
        )

    async def get_session_command(self, session_id: str, command_id: str) -> Command:
        """A command of a session, with its exit code once it has ended.

        Sends ``GET /process/session/{sessionId}/command/{commandId}``.

        Raises:
            DaytonaNotFoundError: No such session or command.
        """
        from daytona_openapi.api.toolbox_process import process_get_session_command
        from daytona_openapi.models.session_command import SessionCommand

        prefix = "Failed to get session command: "
        response = await self._ctx.call(
            process_get_session_command,
            check_id(session_id, "session_id"),
            check_id(command_id, "command_id"),
            error_prefix=prefix,
        )
        return _command(expect(response, SessionCommand, prefix + "no command"))

    async def get_session_command_logs(self, session_id: str, command_id: str) -> SessionCommandLogsResponse:
        """The output a session command has written so far (one request, no streaming).

        Sends ``GET /process/session/{sessionId}/command/{commandId}/logs``.

        Returns:
            SessionCommandLogsResponse: ``output`` (interleaved), ``stdout`` and ``stderr``.

        Raises:
            DaytonaNotFoundError: No such session or command.
        """
        from daytona_openapi.api.toolbox_process import process_get_session_command_logs

        return await self._logs(
            _logs_operation(process_get_session_command_logs),
            check_id(session_id, "session_id"),
            check_id(command_id, "command_id"),
            prefix="Failed to get session command logs: ",
        )

    async def get_session_command_logs_async(
        self,
        session_id: str,
        command_id: str,
        on_stdout: OutputHandler[str],
        on_stderr: OutputHandler[str],
    ) -> None:
        """Stream a session command's output to callbacks until the command ends.

        Opens a WebSocket on ``GET /process/session/{sessionId}/command/{commandId}/logs?follow=true``.
        Output already written is delivered first, then new output as it is written; the call
        returns once the command has ended and all its output was delivered. Callbacks may be
        plain functions or ``async def`` functions (awaited, in order). A callback's exception
        stops the stream and propagates.

        Raises:
            DaytonaValidationError: Empty id (nothing sent).
            DaytonaNotFoundError: No such session or command.
            DaytonaConnectionError: The stream broke off.
        """
        from daytona_openapi.api.toolbox_process import process_get_session_command_logs

        check_handler(on_stdout, "on_stdout")
        check_handler(on_stderr, "on_stderr")
        await follow_logs(
            self._ctx,
            process_get_session_command_logs,
            check_id(session_id, "session_id"),
            check_id(command_id, "command_id"),
            on_stdout=on_stdout,
            on_stderr=on_stderr,
            error_prefix="Failed to get session command logs: ",
        )

    async def get_entrypoint_logs(self) -> SessionCommandLogsResponse:
        """The output of the sandbox's entrypoint so far (``GET /process/session/entrypoint/logs``)."""
        from daytona_openapi.api.toolbox_process import process_get_entrypoint_logs

        return await self._logs(_logs_operation(process_get_entrypoint_logs), prefix="Failed to get entrypoint logs: ")

    async def get_entrypoint_logs_async(self, on_stdout: OutputHandler[str], on_stderr: OutputHandler[str]) -> None:
        """Stream the entrypoint's output to callbacks (WebSocket ``/process/session/entrypoint/logs?follow=true``).

        Same behaviour as :meth:`get_session_command_logs_async`.
        """
        from daytona_openapi.api.toolbox_process import process_get_entrypoint_logs

        check_handler(on_stdout, "on_stdout")
        check_handler(on_stderr, "on_stderr")
        await follow_logs(
            self._ctx,
            process_get_entrypoint_logs,
            on_stdout=on_stdout,
            on_stderr=on_stderr,
            error_prefix="Failed to get entrypoint logs: ",
        )

    async def send_session_command_input(self, session_id: str, command_id: str, data: str) -> None:
        """Write ``data`` to a running session command's stdin.

        Sends ``POST /process/session/{sessionId}/command/{commandId}/input`` with ``{"data"}``.
        Include a trailing newline to submit a line.

        Raises:
            DaytonaNotFoundError: No such session or command.
        """
        from daytona_openapi.api.toolbox_process import process_send_session_input
        from daytona_openapi.models.session_command_input import SessionCommandInput

        if not isinstance(data, str):
            raise TypeError(f"data must be a string, got {type(data).__name__}")
        await self._ctx.call(
            process_send_session_input,
            check_id(session_id, "session_id"),
            check_id(command_id, "command_id"),
            body=SessionCommandInput(data=data),
            error_prefix="Failed to send session command input: ",
        )

    async def _logs(self, op: types.ModuleType, *args: str, prefix: str) -> SessionCommandLogsResponse:
        from daytona_openapi.models.session_command_logs import SessionCommandLogs

        response = await self._ctx.call(op, *args, error_prefix=prefix)
        logs = expect(response, SessionCommandLogs, prefix + "no logs")
        return SessionCommandLogsResponse(
            output=_without_markers(unset_to_none(logs.output)),
            stdout=unset_to_none(logs.stdout),
            stderr=unset_to_none(logs.stderr),
        )

    # -- pseudo-terminals ---------------------------------------------------------------------

    async def create_pty_session(
        self,
        id: str,
        on_data: PtyDataHandler | None = None,
        cwd: str | None = None,
        envs: dict[str, str] | None = None,
        pty_size: PtySize | None = None,
    ) -> AsyncPtyHandle:
        """Create a PTY session and connect to it.

        Sends ``POST /process/pty`` with ``{"id", "cwd"?, "envs"?, "cols"?, "rows"?,
        "lazyStart": true}`` (the shell starts when the connection is made), then connects as
        :meth:`connect_pty_session` does. If connecting fails, the new session is killed.

        Args:
            id: Id to give the session (not empty).
            on_data: Called with each chunk of terminal output (bytes); sync or async.
            cwd: Directory the shell starts in.
            envs: Extra environment variables for the shell.
            pty_size: Initial size (rows and cols from 1 to 1000).

        Returns:
            AsyncPtyHandle: Connected; call ``disconnect()`` when done.

        Raises:
            DaytonaValidationError: Bad input (nothing sent).
            DaytonaConflictError: A session with this id exists.
            DaytonaTimeoutError / DaytonaConnectionError: Connecting failed.
        """
        from daytona_openapi.api.toolbox_process import pty_create_session
        from daytona_openapi.models.pty_create_request import PtyCreateRequest
        from daytona_openapi.models.pty_create_response import PtyCreateResponse

        body: dict[str, Any] = {"id": check_id(id, "id")}
        check_handler(on_data, "on_data")
        if cwd is not None:
            body["cwd"] = check_text(cwd, "cwd")
        checked_envs = check_env(envs, "envs")
        if checked_envs is not None:
            body["envs"] = checked_envs
        size = _check_pty_size(pty_size)
        if size is not None:
            body["cols"] = size.cols
            body["rows"] = size.rows
        body["lazyStart"] = True
        prefix = "Failed to create PTY session: "
        response = await self._ctx.call(pty_create_session, body=PtyCreateRequest.from_dict(body), error_prefix=prefix)
        session_id = expect(response, PtyCreateResponse, prefix + "no session id").session_id
        try:
            return await self.connect_pty_session(session_id, on_data)
        except Exception:
            with contextlib.suppress(Exception):
                await self.kill_pty_session(session_id)
            raise

    async def connect_pty_session(self, session_id: str, on_data: PtyDataHandler | None = None) -> AsyncPtyHandle:
        """Connect to an existing PTY session (WebSocket ``GET /process/pty/{sessionId}/connect``).

        Waits (up to 10 s) until the daemon confirms the connection.

        Returns:
            AsyncPtyHandle: Connected; call ``disconnect()`` when done.

        Raises:
            DaytonaNotFoundError: No such session.
            DaytonaTimeoutError: No confirmation within 10 s.
            DaytonaConnectionError: The daemon refused the connection or closed it.
        """
        check_id(session_id, "session_id")
        check_handler(on_data, "on_data")

        async def resize(pty_size: PtySize) -> PtySessionInfo:
            return await self.resize_pty_session(session_id, pty_size)

        async def kill() -> None:
            await self.kill_pty_session(session_id)

        handle = AsyncPtyHandle(self._ctx, session_id, on_data, handle_resize=resize, handle_kill=kill)
        handle.start()
        try:
            await handle.wait_for_connection(DEFAULT_PTY_CONNECT_TIMEOUT)
        except BaseException:
            await handle.disconnect()
            raise
        return handle

    async def list_pty_sessions(self) -> list[PtySessionInfo]:
        """Every PTY session (``GET /process/pty``)."""
        from daytona_openapi.api.toolbox_process import pty_list_sessions
        from daytona_openapi.models.pty_session_list import PtySessionList

        prefix = "Failed to list PTY sessions: "
        response = await self._ctx.call(pty_list_sessions, error_prefix=prefix)
        return [_pty_info(item) for item in expect(response, PtySessionList, prefix + "no list").sessions]

    async def get_pty_session_info(self, session_id: str) -> PtySessionInfo:
        """A PTY session's settings and state (``GET /process/pty/{sessionId}``).

        Raises:
            DaytonaNotFoundError: No such session.
        """
        from daytona_openapi.api.toolbox_process import pty_get_session
        from daytona_openapi.models.pty_session_info import PtySessionInfo as ApiPtySessionInfo

        prefix = "Failed to get PTY session info: "
        response = await self._ctx.call(pty_get_session, check_id(session_id, "session_id"), error_prefix=prefix)
        return _pty_info(expect(response, ApiPtySessionInfo, prefix + "no session"))

    async def kill_pty_session(self, session_id: str) -> None:
        """Stop a PTY session's shell and remove the session (``DELETE /process/pty/{sessionId}``).

        Raises:
            DaytonaNotFoundError: No such session.
        """
        from daytona_openapi.api.toolbox_process import pty_delete_session

        await self._ctx.call(
            pty_delete_session, check_id(session_id, "session_id"), error_prefix="Failed to kill PTY session: "
        )

    async def resize_pty_session(self, session_id: str, pty_size: PtySize) -> PtySessionInfo:
        """Change a PTY session's size (``POST /process/pty/{sessionId}/resize`` with ``{"cols","rows"}``).

        Raises:
            DaytonaValidationError: A dimension outside 1-1000 (nothing sent).
            DaytonaNotFoundError: No such session.
        """
        from daytona_openapi.api.toolbox_process import pty_resize
        from daytona_openapi.models.pty_resize_request import PtyResizeRequest
        from daytona_openapi.models.pty_session_info import PtySessionInfo as ApiPtySessionInfo

        check_id(session_id, "session_id")
        size = _check_pty_size(pty_size)
        if size is None:
            raise TypeError("pty_size must be a PtySize, got None")
        prefix = "Failed to resize PTY session: "
        response = await self._ctx.call(
            pty_resize, session_id, body=PtyResizeRequest(cols=size.cols, rows=size.rows), error_prefix=prefix
        )
        return _pty_info(expect(response, ApiPtySessionInfo, prefix + "no session"))


def _without_markers(output: str | None) -> str | None:
    """The daemon's session log with its stream markers removed: stdout and stderr interleaved as written."""
    if output is None:
        return None
    return output.replace(STDOUT_MARKER.decode(), "").replace(STDERR_MARKER.decode(), "")
