"""Parameters and results of ``sandbox.process``: commands, code runs, sessions and PTYs."""

from __future__ import annotations

import warnings
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeAlias, TypeVar

from .charts import Chart

__all__ = [
    "CodeRunParams",
    "Command",
    "ExecuteResponse",
    "ExecutionArtifacts",
    "OutputHandler",
    "PtyDataHandler",
    "PtyResult",
    "PtySessionInfo",
    "PtySize",
    "Session",
    "SessionCommandLogsResponse",
    "SessionExecuteRequest",
    "SessionExecuteResponse",
]

T = TypeVar("T")

#: A callback for streamed output: a plain function or a coroutine function (which is awaited).
OutputHandler: TypeAlias = Callable[[T], None] | Callable[[T], Awaitable[None]]
#: A callback for PTY output bytes: a plain function or a coroutine function (which is awaited).
PtyDataHandler: TypeAlias = Callable[[bytes], None] | Callable[[bytes], Awaitable[None]]


@dataclass
class CodeRunParams:
    """Extra parameters of :meth:`AsyncProcess.code_run`.

    Attributes:
        argv: Command-line arguments passed to the program.
        env: Extra environment variables for the run.
    """

    argv: list[str] | None = None
    env: dict[str, str] | None = None


@dataclass
class ExecutionArtifacts:
    """What a command or code run produced besides its exit code.

    Attributes:
        stdout: The run's output (the same text as :attr:`ExecuteResponse.result`).
        charts: Charts the program produced (``code_run`` only; empty otherwise).
    """

    stdout: str = ""
    charts: list[Chart] | None = None


@dataclass
class ExecuteResponse:
    """Outcome of :meth:`AsyncProcess.exec` or :meth:`AsyncProcess.code_run`.

    Attributes:
        exit_code: The command's exit status (-1 if the daemon reported none).
        result: Everything the command printed (stdout and stderr together).
        artifacts: ``stdout`` (same as ``result``) and ``charts``.
        additional_properties: Response fields this SDK does not know, as sent.
    """

    exit_code: int
    result: str
    artifacts: ExecutionArtifacts | None = None
    additional_properties: dict[str, Any] = field(default_factory=dict)


@dataclass
class SessionExecuteRequest:
    """A command to run in a session (:meth:`AsyncProcess.execute_session_command`).

    Attributes:
        command: The command line to run (not empty).
        run_async: Return as soon as the command has started instead of waiting for it.
        var_async: Deprecated spelling of ``run_async`` (a DeprecationWarning is issued).
        suppress_input_echo: Do not echo data sent to the command's stdin into its output.
    """

    command: str
    run_async: bool | None = None
    var_async: bool | None = None
    suppress_input_echo: bool | None = None

    def __post_init__(self) -> None:
        if self.var_async:
            warnings.warn(
                "SessionExecuteRequest.var_async is deprecated; use run_async instead.",
                DeprecationWarning,
                stacklevel=3,
            )
            if not self.run_async:
                self.run_async = True


@dataclass
class SessionExecuteResponse:
    """Result of :meth:`AsyncProcess.execute_session_command`.

    Attributes:
        cmd_id: Id of the command, for reading its logs or sending it input.
        output: Stdout and stderr together (None for an asynchronous command).
        stdout: What the command wrote to stdout (``""`` for an asynchronous command).
        stderr: What the command wrote to stderr (``""`` for an asynchronous command).
        exit_code: Exit status (None for an asynchronous command).
        additional_properties: Response fields this SDK does not know, as sent.
    """

    cmd_id: str
    output: str | None = None
    stdout: str = ""
    stderr: str = ""
    exit_code: int | None = None
    additional_properties: dict[str, Any] = field(default_factory=dict)


@dataclass
class SessionCommandLogsResponse:
    """Output a session command (or the entrypoint) has written so far.

    Attributes:
        output: Stdout and stderr interleaved as written.
        stdout: Only what went to stdout.
        stderr: Only what went to stderr.
    """

    output: str | None = None
    stdout: str | None = None
    stderr: str | None = None


@dataclass
class Command:
    """A command run in a session.

    Attributes:
        id: The command's id within the session.
        command: The command line that was run.
        exit_code: Exit status; None while the command is still running.
    """

    id: str
    command: str
    exit_code: int | None = None


@dataclass
class Session:
    """A long-lived shell session and the commands run in it.

    Attributes:
        session_id: The session's id.
        commands: Commands run in the session so far, oldest first.
    """

    session_id: str
    commands: list[Command] = field(default_factory=list)


@dataclass
class PtySize:
    """Terminal dimensions, each between 1 and 1000."""

    rows: int
    cols: int


@dataclass
class PtyResult:
    """How a PTY session ended.

    Attributes:
        exit_code: The shell's exit status (None if unknown, e.g. the connection was lost).
        error: Why it ended abnormally, if the daemon said.
    """

    exit_code: int | None
    error: str | None = None


@dataclass
class PtySessionInfo:
    """A PTY session's settings and state.

    Attributes:
        id: The session's id.
        cwd: Directory the shell started in.
        envs: Environment variables set for the shell.
        cols, rows: Terminal size.
        created_at: When the session was created (as sent, an ISO 8601 string).
        active: Whether the shell process is running.
        lazy_start: Whether the shell waits for the first client before starting.
    """

    id: str
    cwd: str
    envs: dict[str, str]
    cols: int
    rows: int
    created_at: str
    active: bool
    lazy_start: bool
