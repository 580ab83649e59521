"""`sandbox.code_interpreter` against the in-process emulator, which runs a real stateful Python
interpreter per context and streams its output over a WebSocket (stdout/stderr/error frames, close
1000 when done, 4008 on timeout).
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from _live_support import NothingSent, assert_rejected_before_sending

from facade import AsyncDaytona, AsyncSandbox, InterpreterContext
from facade._errors import DaytonaError, DaytonaTimeoutError, DaytonaValidationError
from facade._interpreter import (
    AsyncCodeInterpreter,
    ExecutionError,
    ExecutionResult,
    OutputMessage,
)


async def test_stdout_is_returned_and_streamed(sandbox: AsyncSandbox) -> None:
    chunks: list[OutputMessage] = []
    result = await sandbox.code_interpreter.run_code("print('hello')\nprint('world')", on_stdout=chunks.append)
    assert result == ExecutionResult(stdout="hello\nworld\n", stderr="", error=None)
    assert "".join(chunk.output for chunk in chunks) == "hello\nworld\n"


async def test_state_persists_across_calls_in_a_context(sandbox: AsyncSandbox) -> None:
    interpreter = sandbox.code_interpreter
    context = await interpreter.create_context()
    await interpreter.run_code("counter = 40\nimport math", context=context)
    await interpreter.run_code("counter += 2", context=context)
    result = await interpreter.run_code("print(counter, math.floor(2.5))", context=context)
    assert result.stdout == "42 2\n"
    assert result.error is None


async def test_contexts_are_isolated(sandbox: AsyncSandbox) -> None:
    interpreter = sandbox.code_interpreter
    first = await interpreter.create_context()
    second = await interpreter.create_context()
    assert first.id != second.id
    await interpreter.run_code("secret = 'first'", context=first)
    result = await interpreter.run_code("print(secret)", context=second)
    assert result.error is not None
    assert result.error.name == "NameError"
    assert (await interpreter.run_code("print(secret)", context=first)).stdout == "first\n"


async def test_stderr_and_error_frames_reach_results_and_callbacks(sandbox: AsyncSandbox) -> None:
    stdout: list[str] = []
    stderr: list[str] = []
    errors: list[ExecutionError] = []
    code = "import sys\nprint('before')\nprint('warning!', file=sys.stderr)\nraise KeyError('missing')\n"
    result = await sandbox.code_interpreter.run_code(
        code,
        on_stdout=lambda m: stdout.append(m.output),
        on_stderr=lambda m: stderr.append(m.output),
        on_error=errors.append,
    )
    assert result.stdout == "before\n" == "".join(stdout)
    assert "warning!\n" in result.stderr
    assert "".join(stderr) == result.stderr
    assert result.error is not None
    assert result.error.name == "KeyError"
    assert "missing" in result.error.value
    assert "Traceback" in result.error.traceback
    assert errors == [result.error]


async def test_async_callbacks_are_awaited(sandbox: AsyncSandbox) -> None:
    finished: list[str] = []

    async def slow(kind: str, value: Any) -> None:
        await asyncio.sleep(0.05)  # if this were not awaited, nothing would be recorded
        finished.append(kind)

    async def on_stdout(message: OutputMessage) -> None:
        await slow("stdout", message)

    async def on_stderr(message: OutputMessage) -> None:
        await slow("stderr", message)

    async def on_error(error: ExecutionError) -> None:
        await slow("error", error)

    await sandbox.code_interpreter.run_code(
        "import sys\nprint('o', flush=True)\nprint('e', file=sys.stderr, flush=True)\n1/0",
        on_stdout=on_stdout,
        on_stderr=on_stderr,
        on_error=on_error,
    )
    assert {"stdout", "stderr", "error"} <= set(finished)
    assert finished[-1] == "error"


async def test_envs_are_visible_to_the_code(sandbox: AsyncSandbox) -> None:
    result = await sandbox.code_interpreter.run_code("import os\nprint(os.environ['FRUIT'])", envs={"FRUIT": "kiwi"})
    assert result.stdout == "kiwi\n"


async def test_timeout_raises_timeout_error_and_the_context_survives(sandbox: AsyncSandbox) -> None:
    interpreter = sandbox.code_interpreter
    context = await interpreter.create_context()
    await interpreter.run_code("kept = 'yes'", context=context)
    with pytest.raises(DaytonaTimeoutError):
        await interpreter.run_code("import time\nwhile True: time.sleep(0.1)", context=context, timeout=1)
    # SIGINT interrupted the run: the context keeps working, with its state.
    result = await interpreter.run_code("print(kept)", context=context)
    assert result.stdout == "yes\n"


async def test_output_is_streamed_while_the_code_runs(sandbox: AsyncSandbox) -> None:
    # The code waits for a file the callback creates when the first line arrives: it can only finish if
    # that line reached the client while the code was still running.
    code = (
        "import os, time\n"
        "print('ready')\n"
        "deadline = time.monotonic() + 60\n"
        "while not os.path.exists('streamed.flag') and time.monotonic() < deadline:\n"
        "    time.sleep(0.01)\n"
        "print('released' if os.path.exists('streamed.flag') else 'never released')\n"
    )

    async def on_stdout(message: OutputMessage) -> None:
        if message.output == "ready\n":
            await sandbox.fs.upload_file(b"", "/home/daytona/streamed.flag")

    result = await sandbox.code_interpreter.run_code(code, on_stdout=on_stdout)
    assert result.stdout == "ready\nreleased\n"


async def test_context_listing_and_deletion(sandbox: AsyncSandbox) -> None:
    interpreter = sandbox.code_interpreter
    context = await interpreter.create_context(cwd="/home/daytona")
    assert isinstance(context, InterpreterContext)
    assert context.cwd == "/home/daytona"
    assert context.language == "python"
    assert context.id in {c.id for c in await interpreter.list_contexts()}
    await interpreter.delete_context(context)
    assert context.id not in {c.id for c in await interpreter.list_contexts()}
    with pytest.raises(DaytonaError):
        await interpreter.run_code("print(1)", context=context)
    with pytest.raises(DaytonaError):
        await interpreter.delete_context(context.id)


async def test_a_failing_callback_propagates_unchanged(sandbox: AsyncSandbox) -> None:
    def explode(message: OutputMessage) -> None:
        raise LookupError("callback failed")

    with pytest.raises(LookupError, match="callback failed"):
        await sandbox.code_interpreter.run_code("print('x')", on_stdout=explode)


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda i: i.run_code(""), DaytonaValidationError),
        (lambda i: i.run_code("1", timeout=-1), DaytonaValidationError),
        (lambda i: i.run_code("1", envs={"": "x"}), DaytonaValidationError),
        (lambda i: i.run_code("1", on_stdout="nope"), TypeError),
        (lambda i: i.run_code("1", context="ctx-id"), TypeError),
        (lambda i: i.delete_context(""), DaytonaValidationError),
        (lambda i: i.create_context(cwd=""), DaytonaValidationError),
    ],
)
async def test_bad_input_is_rejected_before_anything_is_sent(
    offline: tuple[AsyncDaytona, NothingSent], call: Any, error: type[Exception]
) -> None:
    await assert_rejected_before_sending(offline, AsyncCodeInterpreter, call, error)
