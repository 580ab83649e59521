"""``sandbox.code_interpreter``: a stateful Python interpreter, streamed over a WebSocket.

Code runs in an interpreter *context*: variables, imports and the working directory persist between runs
in the same context (without one, the sandbox's default context). Protocol of
``GET /process/interpreter/execute`` (upgraded to a WebSocket): the client sends one JSON frame
``{"code", "contextId"?, "envs"?, "timeout"?}``; the daemon streams ``{"type": "stdout"|"stderr", "text"}``
and ``{"type": "error", "name", "value", "traceback"}`` frames, then closes: 1000 when the run is over,
4008 when it hit its timeout.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from daytona_openapi import models as m
from daytona_openapi.api import toolbox_interpreter as api

from . import _checks as check
from ._errors import DaytonaConnectionError, DaytonaError, DaytonaTimeoutError, json_object
from ._process import OutputHandler, _receive, _wire_timeout
from ._services import emit
from ._toolbox import _Service


@dataclass
class OutputMessage:
    """A piece of stdout or stderr output of a run."""

    output: str


@dataclass
class ExecutionError:
    """An exception raised by the code that was run: class ``name``, message ``value``, ``traceback``."""

    name: str
    value: str
    traceback: str = ""


@dataclass
class ExecutionResult:
    """Everything a run printed, and its uncaught exception if it raised one."""

    stdout: str = ""
    stderr: str = ""
    error: ExecutionError | None = None


class AsyncCodeInterpreter(_Service):
    """Stateful Python execution in one sandbox (``sandbox.code_interpreter``); for other languages, or one-off
    runs, use ``sandbox.process.code_run``."""

    async def run_code(
        self, code: str, *, context: m.InterpreterContext | None = None,
        on_stdout: OutputHandler[OutputMessage] | None = None, on_stderr: OutputHandler[OutputMessage] | None = None,
        on_error: OutputHandler[ExecutionError] | None = None, envs: dict[str, str] | None = None,
        timeout: int | None = None,
    ) -> ExecutionResult:  # fmt: skip
        """Run Python code and stream its output to the callbacks (plain or ``async``, awaited in order; a
        callback's exception stops the run's streaming and propagates).

        ``timeout``: seconds before the daemon stops the run (None: its default, 10 minutes; 0: no limit);
        the client waits that long plus 10 s.

        Raises:
            DaytonaTimeoutError: The run exceeded ``timeout``.
            DaytonaConnectionError: The connection failed or the daemon closed it abnormally (an unknown
                ``context`` is refused that way).
        """
        envs, code = check.mapping(envs, "envs", optional=True, env=True), check.text(code, "code")
        context = None if context is None else check.instance(context, "context", m.InterpreterContext)
        context_id = None if context is None else check.text(context.id, "context.id")
        request = {"code": code, "envs": envs, "contextId": context_id, "timeout": _wire_timeout(timeout)}
        on_stdout, on_stderr = check.callback(on_stdout, "on_stdout"), check.callback(on_stderr, "on_stderr")
        on_error, limit = check.callback(on_error, "on_error"), check.timeout(timeout)
        prefix, texts = "Failed to run code: ", {"stdout": "", "stderr": ""}
        error: ExecutionError | None = None
        message: dict[str, object]  # a JSON object the daemon sent
        wait = None if limit is None else limit + 10  # how long the client waits for the next message
        async with self._ctx.websocket(api.interpreter_execute.request(), prefix) as ws:
            await ws.send_text(json.dumps({k: v for k, v in request.items() if v is not None}))
            while True:
                try:
                    raw = await _receive(ws, prefix, wait)
                except TimeoutError:
                    raise DaytonaTimeoutError(f"{prefix}no answer from the interpreter within {wait:g} s") from None
                except DaytonaError as exc:
                    if getattr(exc.__cause__, "code", None) != 4008:  # the close code of a run that hit its timeout
                        raise
                    of = f" of {limit:g} s" if limit is not None else ""
                    why = f"Execution timed out: the code ran longer than its timeout{of}; pass a larger one."
                    raise DaytonaTimeoutError(why) from exc
                if raw is None:  # a clean close: the run is over
                    break
                if not (message := json_object(raw if isinstance(raw, str) else raw.decode(errors="replace"))):
                    raise DaytonaConnectionError(f"{prefix}unreadable message from the interpreter")
                if (kind := message.get("type")) == "stdout" or kind == "stderr":
                    texts[kind] += (text := str(message.get("text") or ""))
                    if (handler := on_stdout if kind == "stdout" else on_stderr) is not None:
                        await emit(handler, OutputMessage(output=text))
                elif kind == "error":
                    error = ExecutionError(*(str(message.get(key) or "") for key in ("name", "value", "traceback")))
                    if on_error is not None:
                        await emit(on_error, error)
        return ExecutionResult(stdout=texts["stdout"], stderr=texts["stderr"], error=error)

    async def create_context(self, cwd: str | None = None) -> m.InterpreterContext:
        """Create an isolated interpreter context (``POST /process/interpreter/context`` with ``{"cwd"?}``)."""
        body = m.InterpreterCreateContextRequest(cwd=check.text(cwd, "cwd", optional=True))
        req = api.interpreter_create_context.request(body=body)
        return await self._ctx.send(req, "Failed to create interpreter context: ")

    async def list_contexts(self) -> list[m.InterpreterContext]:
        """The contexts created with :meth:`create_context` (``GET /process/interpreter/context``)."""
        result = await self._ctx.send(api.interpreter_list_contexts.request(), "Failed to list interpreter contexts: ")
        return result.contexts or []

    async def delete_context(self, context: m.InterpreterContext | str) -> None:
        """Stop a context's interpreter and remove it (``DELETE /process/interpreter/context/{id}``)."""
        context_id = check.text(context if isinstance(context, str) else context.id, "context.id")
        req = api.interpreter_delete_context.request(context_id)
        await self._ctx.send(req, "Failed to delete interpreter context: ")
