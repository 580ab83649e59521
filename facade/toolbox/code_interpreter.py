"""``sandbox.code_interpreter``: a stateful Python interpreter, streamed over a WebSocket.

Code runs in an interpreter *context*: variables, imports and the working directory persist
between :meth:`AsyncCodeInterpreter.run_code` calls made in the same context. Without a
context, the sandbox's default context is used. Create more with
:meth:`AsyncCodeInterpreter.create_context` to keep independent states.

Protocol of ``GET /process/interpreter/execute`` (upgraded to a WebSocket): the client sends
one JSON text frame ``{"code", "contextId"?, "envs"?, "timeout"?}``; the daemon streams JSON
frames ``{"type": "stdout"|"stderr", "text"}`` and ``{"type": "error", "name", "value",
"traceback"}``, then closes the socket: code 1000 when the run is over, 4008 when it hit its
timeout.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._api import ToolboxContext
from ..errors import DaytonaConnectionError, DaytonaTimeoutError
from ..polling import validate_timeout
from ._exec_support import check_env, check_handler, check_id, check_text, expect, invoke
from .process_types import OutputHandler

if TYPE_CHECKING:
    from daytona_openapi.models.interpreter_context import InterpreterContext as ApiInterpreterContext

__all__ = [
    "INTERPRETER_TIMEOUT_CLOSE_CODE",
    "AsyncCodeInterpreter",
    "ExecutionError",
    "ExecutionResult",
    "InterpreterContext",
    "OutputMessage",
]

#: Close code the daemon uses when a run exceeded its timeout.
INTERPRETER_TIMEOUT_CLOSE_CODE = 4008
#: Seconds the client waits beyond a run's timeout for the daemon to report it, before giving up itself.
_CLIENT_TIMEOUT_MARGIN = 10.0


@dataclass
class OutputMessage:
    """A piece of stdout or stderr output of a run.

    Attributes:
        output: The text.
    """

    output: str


@dataclass
class ExecutionError:
    """An exception raised by the code that was run.

    Attributes:
        name: The exception's class name (e.g. ``"ValueError"``).
        value: Its message.
        traceback: The formatted traceback.
    """

    name: str
    value: str
    traceback: str = ""


@dataclass
class ExecutionResult:
    """Everything a run printed, and its error if it raised one.

    Attributes:
        stdout: Standard output.
        stderr: Standard error.
        error: The uncaught exception, or None.
    """

    stdout: str = ""
    stderr: str = ""
    error: ExecutionError | None = None


@dataclass
class InterpreterContext:
    """An isolated interpreter state.

    Attributes:
        id: The context's id.
        cwd: Working directory of the interpreter.
        language: Interpreter language (``python``).
        active: Whether the interpreter process is alive.
        created_at: When the context was created (ISO 8601 string, as sent).
    """

    id: str
    cwd: str
    language: str = "python"
    active: bool = True
    created_at: str | None = None


def _context(model: ApiInterpreterContext) -> InterpreterContext:
    return InterpreterContext(
        id=model.id, cwd=model.cwd, language=model.language, active=model.active, created_at=model.created_at
    )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


class AsyncCodeInterpreter:
    """Stateful Python execution in one sandbox (``sandbox.code_interpreter``).

    For other languages, or one-off runs, use ``sandbox.process.code_run``.
    """

    def __init__(self, ctx: ToolboxContext) -> None:
        self._ctx = ctx

    def __repr__(self) -> str:
        return f"AsyncCodeInterpreter(sandbox_id={self._ctx.sandbox_id!r})"

    async def run_code(
        self,
        code: str,
        *,
        context: InterpreterContext | None = None,
        on_stdout: OutputHandler[OutputMessage] | None = None,
        on_stderr: OutputHandler[OutputMessage] | None = None,
        on_error: OutputHandler[ExecutionError] | None = None,
        envs: dict[str, str] | None = None,
        timeout: int | None = None,
    ) -> ExecutionResult:
        """Run Python code and stream its output.

        Opens a WebSocket on ``GET /process/interpreter/execute`` and sends
        ``{"code", "contextId"?, "envs"?, "timeout"?}``. Each output chunk is passed to
        ``on_stdout`` / ``on_stderr`` as it arrives, an uncaught exception to ``on_error``;
        callbacks may be plain functions or ``async def`` functions (awaited, in order). A
        callback's own exception stops the run's streaming and propagates.

        Args:
            code: Python source (not empty).
            context: The context to run in (default: the sandbox's default context).
            on_stdout: Called with each stdout chunk.
            on_stderr: Called with each stderr chunk.
            on_error: Called with the run's uncaught exception.
            envs: Environment variables for this run.
            timeout: Seconds before the daemon stops the run (None: the daemon's default,
                10 minutes; 0: no limit). The client waits that long plus a margin.

        Returns:
            ExecutionResult: all stdout, all stderr, and the error (if the code raised).

        Raises:
            DaytonaValidationError: Empty code, bad envs or negative timeout (nothing sent).
            DaytonaTimeoutError: The run exceeded ``timeout``.
            DaytonaConnectionError: The connection failed or the daemon closed it abnormally
                (this includes an unknown ``context``, which the daemon rejects by closing the
                socket with a reason).
            DaytonaError: The upgrade was refused (subclass by status).
        """
        from daytona_openapi.api.toolbox_interpreter import interpreter_execute
        from httpx_ws import WebSocketDisconnect, WebSocketNetworkError
        from wsproto.events import BytesMessage, TextMessage

        from ._websocket import CLEAN_CLOSE_CODES, close_error, open_websocket

        request: dict[str, Any] = {"code": check_text(code, "code")}
        if context is not None:
            if not isinstance(context, InterpreterContext):
                raise TypeError(f"context must be an InterpreterContext, got {type(context).__name__}")
            request["contextId"] = check_id(context.id, "context.id")
        checked_envs = check_env(envs, "envs")
        if checked_envs is not None:
            request["envs"] = checked_envs
        limit = validate_timeout(timeout)
        if timeout is not None:
            request["timeout"] = math.ceil(timeout)
        check_handler(on_stdout, "on_stdout")
        check_handler(on_stderr, "on_stderr")
        check_handler(on_error, "on_error")

        prefix = "Failed to run code: "
        result = ExecutionResult()
        stdout: list[str] = []
        stderr: list[str] = []
        wait = None if limit is None else limit + _CLIENT_TIMEOUT_MARGIN
        try:
            async with open_websocket(self._ctx, interpreter_execute, error_prefix=prefix) as ws:
                await ws.send_text(json.dumps(request))
                while True:
                    try:
                        event = await ws.receive(timeout=wait)
                    except TimeoutError:
                        raise DaytonaTimeoutError(
                            f"{prefix}no answer from the interpreter within {wait:g} s (timeout {limit:g} s)"
                        ) from None
                    except WebSocketDisconnect as exc:
                        if exc.code in CLEAN_CLOSE_CODES:
                            break
                        if exc.code == INTERPRETER_TIMEOUT_CLOSE_CODE:
                            raise DaytonaTimeoutError(
                                "Execution timed out: the code ran longer than its timeout"
                                + (f" of {limit:g} s" if limit is not None else "")
                                + "; pass a larger timeout if needed."
                            ) from exc
                        raise close_error(exc, prefix) from exc
                    except WebSocketNetworkError as exc:
                        raise close_error(exc, prefix) from exc
                    if isinstance(event, TextMessage):
                        raw: str | bytes = event.data
                    elif isinstance(event, BytesMessage):
                        raw = bytes(event.data)
                    else:
                        continue
                    try:
                        message = json.loads(raw)
                    except ValueError as exc:
                        raise DaytonaConnectionError(f"{prefix}unreadable message from the interpreter") from exc
                    if not isinstance(message, dict):
                        continue
                    kind = message.get("type")
                    if kind == "stdout":
                        text = _text(message.get("text"))
                        stdout.append(text)
                        if on_stdout is not None:
                            await invoke(on_stdout, OutputMessage(output=text))
                    elif kind == "stderr":
                        text = _text(message.get("text"))
                        stderr.append(text)
                        if on_stderr is not None:
                            await invoke(on_stderr, OutputMessage(output=text))
                    elif kind == "error":
                        error = ExecutionError(
                            name=_text(message.get("name")),
                            value=_text(message.get("value")),
                            traceback=_text(message.get("traceback")),
                        )
                        result.error = error
                        if on_error is not None:
                            await invoke(on_error, error)
        finally:
            result.stdout = "".join(stdout)
            result.stderr = "".join(stderr)
        return result

    async def create_context(self, cwd: str | None = None) -> InterpreterContext:
        """Create an isolated interpreter context (``POST /process/interpreter/context`` with ``{"cwd"?}``).

        Args:
            cwd: Working directory of the interpreter (default: the sandbox's working directory).

        Returns:
            InterpreterContext: The new context; pass it to :meth:`run_code`.
        """
        from daytona_openapi.api.toolbox_interpreter import interpreter_create_context
        from daytona_openapi.models.interpreter_context import InterpreterContext as ApiInterpreterContext
        from daytona_openapi.models.interpreter_create_context_request import InterpreterCreateContextRequest

        body = InterpreterCreateContextRequest()
        if cwd is not None:
            body.cwd = check_text(cwd, "cwd")
        prefix = "Failed to create interpreter context: "
        response = await self._ctx.call(interpreter_create_context, body=body, error_prefix=prefix)
        return _context(expect(response, ApiInterpreterContext, prefix + "no context"))

    async def list_contexts(self) -> list[InterpreterContext]:
        """The contexts created with :meth:`create_context` (``GET /process/interpreter/context``)."""
        from daytona_openapi.api.toolbox_interpreter import interpreter_list_contexts
        from daytona_openapi.models.interpreter_context_list import InterpreterContextList

        prefix = "Failed to list interpreter contexts: "
        response = await self._ctx.call(interpreter_list_contexts, error_prefix=prefix)
        return [_context(item) for item in expect(response, InterpreterContextList, prefix + "no list").contexts or []]

    async def delete_context(self, context: InterpreterContext | str) -> None:
        """Stop a context's interpreter and remove it (``DELETE /process/interpreter/context/{id}``).

        Args:
            context: The context (or its id).

        Raises:
            DaytonaNotFoundError: No such context.
        """
        from daytona_openapi.api.toolbox_interpreter import interpreter_delete_context

        context_id = context.id if isinstance(context, InterpreterContext) else context
        await self._ctx.call(
            interpreter_delete_context,
            check_id(context_id, "context.id"),
            error_prefix="Failed to delete interpreter context: ",
        )
