"""`sandbox.process` (commands, code runs, sessions, followed logs) against the in-process emulator.

The emulator's toolbox runs real processes and real bash sessions, and streams session logs over a
real WebSocket, so these tests exercise the facade's HTTP and WebSocket paths end to end (offline).
Fixtures (`daytona`, `sandbox`, `sent`, `offline`) come from tests/live/conftest.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

import httpx
import pytest
from _live_support import NothingSent, assert_rejected_before_sending

from facade import AsyncDaytona, AsyncSandbox
from facade import _process as _exec_support
from facade._errors import (
    DaytonaConflictError,
    DaytonaError,
    DaytonaNotFoundError,
    DaytonaTimeoutError,
    DaytonaValidationError,
)
from facade._process import COMMAND_TIMEOUT_MARGIN, AsyncProcess, CodeRunParams, SessionExecuteRequest

HOME = "/home/daytona"


class TimeoutRecorder:
    """Keeps the httpx timeout extension of every request a client sends."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, dict[str, Any]]] = []

    async def hook(self, request: httpx.Request) -> None:
        self.seen.append((request.method, request.url.path, dict(request.extensions.get("timeout", {}))))

    def for_path(self, suffix: str) -> list[dict[str, Any]]:
        return [timeout for _, path, timeout in self.seen if path.endswith(suffix)]


@pytest.fixture
def timeouts(daytona: AsyncDaytona) -> TimeoutRecorder:
    recorder = TimeoutRecorder()
    daytona._ctx.http.event_hooks["request"].append(recorder.hook)
    return recorder


# --------------------------------------------------------------------------- exec


async def test_exec_returns_output_and_zero_exit_code(sandbox: AsyncSandbox) -> None:
    response = await sandbox.process.exec("echo hello world")
    assert response.exit_code == 0
    assert response.result == "hello world\n"
    assert response.artifacts is not None
    assert response.artifacts.stdout == "hello world\n"
    assert response.artifacts.charts == []


async def test_exec_reports_a_non_zero_exit_code(sandbox: AsyncSandbox) -> None:
    response = await sandbox.process.exec("sh -c 'echo failing; exit 3'")
    assert response.exit_code == 3
    assert response.result == "failing\n"


async def test_exec_combines_stdout_and_stderr(sandbox: AsyncSandbox) -> None:
    response = await sandbox.process.exec("sh -c 'echo out; echo err >&2'")
    assert sorted(response.result.splitlines()) == ["err", "out"]


async def test_exec_passes_env_and_cwd(sandbox: AsyncSandbox, sent: Any) -> None:
    await sandbox.process.exec("mkdir -p sub/dir")
    response = await sandbox.process.exec(
        "sh -c 'echo \"$GREETING\"; pwd'", cwd=f"{HOME}/sub/dir", env={"GREETING": "hi there"}
    )
    greeting, cwd = response.result.splitlines()
    assert greeting == "hi there"
    assert cwd.endswith("/home/daytona/sub/dir")
    body = sent.matching("POST", "/process/execute")[-1].body
    assert body == {
        "command": "sh -c 'echo \"$GREETING\"; pwd'",
        "cwd": f"{HOME}/sub/dir",
        "envs": {"GREETING": "hi there"},
    }


async def test_exec_does_not_modify_the_callers_env(sandbox: AsyncSandbox) -> None:
    env = {"A": "1"}
    await sandbox.process.exec("true", env=env)
    assert env == {"A": "1"}


async def test_exec_timeout_stops_the_command_and_raises_timeout_error(sandbox: AsyncSandbox, sent: Any) -> None:
    with pytest.raises(DaytonaTimeoutError) as caught:
        await sandbox.process.exec("sleep 10", timeout=1)
    assert caught.value.message.startswith("Failed to execute command: ")
    assert sent.matching("POST", "/process/execute")[-1].body == {"command": "sleep 10", "timeout": 1}


async def test_exec_http_timeout_exceeds_the_command_timeout(sandbox: AsyncSandbox, timeouts: TimeoutRecorder) -> None:
    await sandbox.process.exec("true", timeout=30)
    await sandbox.process.exec("true")
    with_limit, without_limit = timeouts.for_path("/process/execute")
    assert with_limit["read"] == 30 + COMMAND_TIMEOUT_MARGIN
    assert without_limit["read"] is None  # no hidden client-side cap: the daemon decides
    assert with_limit["connect"] == without_limit["connect"] is not None


async def test_exec_of_a_missing_program_reports_failure(sandbox: AsyncSandbox) -> None:
    response = await sandbox.process.exec("no-such-program-xyz")
    assert response.exit_code != 0


# --------------------------------------------------------------------------- code_run


async def test_code_run_uses_the_sandbox_language_and_passes_argv_and_env(sandbox: AsyncSandbox, sent: Any) -> None:
    code = "import os, sys\nprint(sys.argv[1:], os.environ['COLOR'])\nsys.exit(4)\n"
    response = await sandbox.process.code_run(code, CodeRunParams(argv=["a", "b c"], env={"COLOR": "blue"}))
    assert response.exit_code == 4
    # The daemon joins argv with spaces into a shell command line (no quoting): "b c" is two arguments.
    assert response.result == "['a', 'b', 'c'] blue\n"
    assert response.artifacts is not None
    assert response.artifacts.stdout == response.result
    assert response.artifacts.charts == []
    body = sent.matching("POST", "/process/code-run")[-1].body
    assert body == {"code": code, "language": "python", "argv": ["a", "b c"], "envs": {"COLOR": "blue"}}


async def test_code_run_reports_exceptions_in_the_output(sandbox: AsyncSandbox) -> None:
    response = await sandbox.process.code_run("raise ValueError('boom')")
    assert response.exit_code == 1
    assert "ValueError: boom" in response.result


async def test_code_run_timeout_raises_timeout_error(sandbox: AsyncSandbox) -> None:
    with pytest.raises(DaytonaTimeoutError):
        await sandbox.process.code_run("import time\ntime.sleep(10)", timeout=1)


# --------------------------------------------------------------------------- sessions


async def test_session_keeps_state_between_commands(sandbox: AsyncSandbox) -> None:
    process = sandbox.process
    await process.create_session("state")
    await process.execute_session_command("state", SessionExecuteRequest(command="export COLOR=green"))
    await process.execute_session_command("state", SessionExecuteRequest(command="mkdir -p here && cd here"))
    result = await process.execute_session_command("state", SessionExecuteRequest(command='echo "$COLOR"; pwd'))
    color, cwd = result.stdout.splitlines()
    assert color == "green"
    assert cwd.endswith("/here")
    assert result.exit_code == 0


async def test_sync_session_command_separates_stdout_and_stderr(sandbox: AsyncSandbox) -> None:
    process = sandbox.process
    await process.create_session("sync")
    result = await process.execute_session_command(
        "sync", SessionExecuteRequest(command="echo to-out; echo to-err >&2; (exit 5)")
    )
    assert result.cmd_id
    assert result.exit_code == 5
    assert result.stdout == "to-out\n"
    assert result.stderr == "to-err\n"
    assert result.output is not None and sorted(result.output.splitlines()) == ["to-err", "to-out"]


async def test_session_command_http_timeout_follows_the_timeout_argument(
    sandbox: AsyncSandbox, timeouts: TimeoutRecorder, sent: Any
) -> None:
    await sandbox.process.create_session("timeouts")
    await sandbox.process.execute_session_command("timeouts", SessionExecuteRequest(command="true"), timeout=20)
    await sandbox.process.execute_session_command("timeouts", SessionExecuteRequest(command="true"))
    with_limit, without_limit = timeouts.for_path("/process/session/timeouts/exec")
    assert with_limit["read"] == 20 + COMMAND_TIMEOUT_MARGIN
    assert without_limit["read"] is None
    # The timeout only bounds the wait; it is not sent to the daemon.
    assert all(r.body == {"command": "true"} for r in sent.matching("POST", "/process/session/timeouts/exec"))


async def test_session_command_timeout_raises_when_the_answer_is_late(
    sandbox: AsyncSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    await sandbox.process.create_session("late")
    # The HTTP read timeout is timeout + margin; a command outliving it makes the call time out.
    monkeypatch.setattr(_exec_support, "COMMAND_TIMEOUT_MARGIN", 0.5)
    started = time.monotonic()
    with pytest.raises(DaytonaTimeoutError):
        await sandbox.process.execute_session_command("late", SessionExecuteRequest(command="sleep 30"), timeout=1)
    assert time.monotonic() - started > 1.4  # waited for timeout + margin, not less


async def test_async_command_returns_at_once_and_logs_stream_to_both_callbacks(sandbox: AsyncSandbox) -> None:
    process = sandbox.process
    await process.create_session("stream")
    script = "for i in 1 2 3; do echo out$i; echo err$i >&2; sleep 0.1; done; (exit 7)"
    started = await process.execute_session_command("stream", SessionExecuteRequest(command=script, run_async=True))
    assert started.exit_code is None
    assert started.output is None

    stdout: list[str] = []
    stderr: list[str] = []

    async def on_stderr(text: str) -> None:
        await asyncio.sleep(0.01)  # an awaited callback finishes before the call returns
        stderr.append(text)

    await process.get_session_command_logs_async("stream", started.cmd_id, stdout.append, on_stderr)
    assert "".join(stdout) == "out1\nout2\nout3\n"
    assert "".join(stderr) == "err1\nerr2\nerr3\n"

    command = await process.get_session_command("stream", started.cmd_id)
    assert command.exit_code == 7
    assert command.command == script
    logs = await process.get_session_command_logs("stream", started.cmd_id)
    assert logs.stdout == "out1\nout2\nout3\n"
    assert logs.stderr == "err1\nerr2\nerr3\n"
    # Both streams, line by line, in one log (their interleaving is up to the scheduler, as in the daemon).
    assert sorted((logs.output or "").splitlines()) == ["err1", "err2", "err3", "out1", "out2", "out3"]


async def test_followed_logs_arrive_while_the_command_runs(sandbox: AsyncSandbox) -> None:
    """The stream delivers output before the command ends: the command only ends once we answer it."""
    process = sandbox.process
    await process.create_session("live")
    started = await process.execute_session_command(
        "live",
        SessionExecuteRequest(command='echo ready; read answer; echo "got $answer" >&2', run_async=True),
    )
    stdout: list[str] = []
    stderr: list[str] = []
    answered: list[asyncio.Task[None]] = []

    async def on_stdout(text: str) -> None:
        stdout.append(text)
        if "ready" in "".join(stdout) and not answered:
            answered.append(
                asyncio.create_task(process.send_session_command_input("live", started.cmd_id, "forty-two\n"))
            )

    await asyncio.wait_for(process.get_session_command_logs_async("live", started.cmd_id, on_stdout, stderr.append), 60)
    await answered[0]
    assert "".join(stdout).startswith("ready\n")
    assert "".join(stderr) == "got forty-two\n"
    assert (await process.get_session_command("live", started.cmd_id)).exit_code == 0


async def test_input_reaches_a_command_waiting_on_read(sandbox: AsyncSandbox) -> None:
    process = sandbox.process
    await process.create_session("input")
    started = await process.execute_session_command(
        "input",
        SessionExecuteRequest(command='read name; echo "hello $name"', run_async=True, suppress_input_echo=True),
    )
    await process.send_session_command_input("input", started.cmd_id, "daytona\n")
    output: list[str] = []
    await asyncio.wait_for(
        process.get_session_command_logs_async("input", started.cmd_id, output.append, output.append), 60
    )
    assert "".join(output) == "hello daytona\n"  # input echo suppressed


async def test_logs_of_a_finished_command_are_replayed_then_the_stream_ends(sandbox: AsyncSandbox) -> None:
    process = sandbox.process
    await process.create_session("done")
    result = await process.execute_session_command("done", SessionExecuteRequest(command="printf 'a\\nb'"))
    chunks: list[str] = []
    await asyncio.wait_for(process.get_session_command_logs_async("done", result.cmd_id, chunks.append, print), 60)
    assert "".join(chunks) == "a\nb\n"  # the daemon's log ends every line, the last one too


async def test_a_failing_log_callback_stops_the_stream_and_propagates(sandbox: AsyncSandbox) -> None:
    process = sandbox.process
    await process.create_session("boom")
    result = await process.execute_session_command("boom", SessionExecuteRequest(command="echo x"))

    def explode(text: str) -> None:
        raise LookupError("callback failed")

    with pytest.raises(LookupError, match="callback failed"):
        await process.get_session_command_logs_async("boom", result.cmd_id, explode, explode)


async def test_streaming_logs_of_an_unknown_command_raises_not_found(sandbox: AsyncSandbox) -> None:
    await sandbox.process.create_session("known")
    with pytest.raises(DaytonaNotFoundError) as caught:
        await sandbox.process.get_session_command_logs_async("known", "no-such-command", print, print)
    assert caught.value.status_code == 404
    with pytest.raises(DaytonaNotFoundError):
        await sandbox.process.get_session_command_logs_async("no-such-session", "x", print, print)


async def test_session_listing_get_and_delete(sandbox: AsyncSandbox) -> None:
    process = sandbox.process
    await process.create_session("listed")
    result = await process.execute_session_command("listed", SessionExecuteRequest(command="echo 1"))
    session = await process.get_session("listed")
    assert session.session_id == "listed"
    assert [(c.id, c.command, c.exit_code) for c in session.commands] == [(result.cmd_id, "echo 1", 0)]
    assert "listed" in {s.session_id for s in await process.list_sessions()}

    await process.delete_session("listed")
    assert "listed" not in {s.session_id for s in await process.list_sessions()}
    with pytest.raises(DaytonaNotFoundError) as caught:
        await process.get_session("listed")
    assert caught.value.message.startswith("Failed to get session: ")
    with pytest.raises(DaytonaNotFoundError):
        await process.delete_session("listed")


async def test_creating_a_session_twice_is_a_conflict(sandbox: AsyncSandbox) -> None:
    await sandbox.process.create_session("twice")
    with pytest.raises(DaytonaConflictError):
        await sandbox.process.create_session("twice")


async def test_session_commands_of_unknown_sessions_raise_not_found(sandbox: AsyncSandbox) -> None:
    process = sandbox.process
    with pytest.raises(DaytonaError) as caught:  # the daemon wraps the session service's error: a 500
        await process.execute_session_command("ghost", SessionExecuteRequest(command="true"))
    assert caught.value.status_code == 500 and "session not found" in caught.value.message
    with pytest.raises(DaytonaNotFoundError):
        await process.get_session_command("ghost", "x")
    with pytest.raises(DaytonaNotFoundError):
        await process.get_session_command_logs("ghost", "x")
    with pytest.raises(DaytonaNotFoundError):
        await process.send_session_command_input("ghost", "x", "data\n")


async def test_entrypoint_session_and_logs(sandbox: AsyncSandbox) -> None:
    process = sandbox.process
    session = await process.get_entrypoint_session()
    assert session.session_id == "entrypoint"
    # The default image's entrypoint is `sleep infinity`: it runs on, and prints nothing.
    assert [(c.id, c.command, c.exit_code) for c in session.commands] == [
        ("entrypoint_command", "'sleep' 'infinity'", None)
    ]
    logs = await process.get_entrypoint_logs()
    assert logs.output == ""
    chunks: list[str] = []
    follow = asyncio.create_task(process.get_entrypoint_logs_async(chunks.append, chunks.append))
    done, _ = await asyncio.wait({follow}, timeout=0.5)
    assert not done  # following a command that never ends does not end
    follow.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await follow
    assert chunks == []


async def test_var_async_is_deprecated_but_still_runs_asynchronously(sandbox: AsyncSandbox, sent: Any) -> None:
    await sandbox.process.create_session("legacy")
    with pytest.warns(DeprecationWarning):
        request = SessionExecuteRequest(command="sleep 0.2", var_async=True)
    started = await sandbox.process.execute_session_command("legacy", request)
    assert started.exit_code is None
    assert sent.matching("POST", "/process/session/legacy/exec")[-1].body == {"command": "sleep 0.2", "runAsync": True}


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda p: p.exec(""), DaytonaValidationError),
        (lambda p: p.exec("   "), DaytonaValidationError),
        (lambda p: p.exec("true", timeout=-1), DaytonaValidationError),
        (lambda p: p.exec("true", env={"BAD-NAME": "x"}), DaytonaValidationError),
        (lambda p: p.exec("true", env={"A": 1}), TypeError),
        (lambda p: p.exec(None), TypeError),
        (lambda p: p.code_run(""), DaytonaValidationError),
        (lambda p: p.code_run("1", timeout=-5), DaytonaValidationError),
        (lambda p: p.code_run("1", CodeRunParams(argv="not-a-list")), TypeError),  # type: ignore[arg-type]
        (lambda p: p.create_session(""), DaytonaValidationError),
        (lambda p: p.get_session(" "), DaytonaValidationError),
        (lambda p: p.delete_session(""), DaytonaValidationError),
        (lambda p: p.execute_session_command("", SessionExecuteRequest(command="true")), DaytonaValidationError),
        (lambda p: p.execute_session_command("s", SessionExecuteRequest(command="")), DaytonaValidationError),
        (
            lambda p: p.execute_session_command("s", SessionExecuteRequest(command="true"), timeout=-1),
            DaytonaValidationError,
        ),
        (lambda p: p.get_session_command("s", ""), DaytonaValidationError),
        (lambda p: p.get_session_command_logs("", "c"), DaytonaValidationError),
        (lambda p: p.get_session_command_logs_async("s", "", print, print), DaytonaValidationError),
        (lambda p: p.get_session_command_logs_async("s", "c", "not callable", print), TypeError),
        (lambda p: p.send_session_command_input("s", "", "x"), DaytonaValidationError),
    ],
)
async def test_bad_input_is_rejected_before_anything_is_sent(
    offline: tuple[AsyncDaytona, NothingSent], call: Any, error: type[Exception]
) -> None:
    await assert_rejected_before_sending(offline, lambda toolbox: AsyncProcess(toolbox, "python"), call, error)


async def test_errors_keep_their_prefix_and_type(sandbox: AsyncSandbox) -> None:
    with pytest.raises(DaytonaError) as caught:
        await sandbox.process.execute_session_command("ghost", SessionExecuteRequest(command="true"))
    assert caught.value.message.startswith("Failed to execute session command: ")
    assert caught.value.status_code == 500


async def test_exec_in_a_missing_directory_reports_the_failed_start(sandbox: AsyncSandbox) -> None:
    response = await sandbox.process.exec("true", cwd="/does/not/exist")
    assert response.exit_code == -1
    assert response.result.endswith(": no such file or directory")
