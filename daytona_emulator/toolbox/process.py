"""`POST /process/execute`: one command, piped into the user's shell, with combined output and a timeout.

As apps/daemon/pkg/toolbox/process/execute.go does it: the command text is the shell's stdin (so `$((6*7))`,
pipes, `$VAR`, `exit 3` and multi-line scripts work, and an unknown program exits 127); the shell runs in
`cwd` (relative to the working directory; the working directory when omitted) with the sandbox's environment
plus `envs`, as the leader of its own process group; stdout and stderr are captured together. A `timeout`
(seconds, > 0; none by default) SIGKILLs the whole group and answers 408. A shell that cannot start (e.g. a
missing `cwd`) answers 200 with exit code -1 and Go's error text as the result.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from daytona_emulator.errors import EmulatorHTTPError
from daytona_emulator.toolbox import daemon_errors
from daytona_emulator.toolbox.children import exit_status
from daytona_emulator.toolbox.common import workspace_of
from daytona_emulator.toolbox.go_binding import STRING, STRING_MAP, UINT32, BindError, Field, Struct, bind
from daytona_emulator.toolbox.paths import WORKDIR
from daytona_emulator.toolbox.workspace import SandboxWorkspace, user_shell

EXECUTE = Struct(
    "ExecuteRequest",
    "process.ExecuteRequest",
    (
        Field("command", "Command", STRING, required=True),
        Field("timeout", "Timeout", UINT32),
        Field("cwd", "Cwd", STRING),
        Field("envs", "Envs", STRING_MAP),
    ),
)
# After the shell exits, the daemon waits this long at most for its output to end (childreap's hangTimeout):
# a background job that keeps stdout open does not hold the answer beyond it.
OUTPUT_DRAIN_SECONDS = 30.0
_ENV_KEY_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


def validate_env_keys(envs: dict[str, str]) -> None:
    """Environment variable names must match ^[A-Za-z_][A-Za-z0-9_]*$ (apps/daemon/pkg/common/env.go)."""
    for key in envs:
        if not key or key[0].isdigit() or not set(key) <= _ENV_KEY_CHARS:
            raise daemon_errors.bad_request(f"invalid environment variable name: '{key}'")


@dataclass
class ShellRun:
    exit_code: int
    output: str


def _start_error(shell: str, exc: OSError) -> str:
    """What Go's exec reports when the shell cannot start (the child's chdir fails first)."""
    reason = os.strerror(exc.errno) if exc.errno else str(exc)
    return f"fork/exec {shell}: {reason[0].lower() + reason[1:] if reason else reason}"


def _cwd(workspace: SandboxWorkspace, cwd: str | None) -> Path | None:
    """The host path of the requested directory (relative to the working directory); None if unreachable."""
    if not cwd:
        return workspace.workdir
    try:
        return workspace.paths.host(cwd if cwd.startswith("/") else f"{WORKDIR}/{cwd}")
    except EmulatorHTTPError:
        return None


async def run_in_shell(
    workspace: SandboxWorkspace, script: str, *, cwd: str | None, envs: dict[str, str], timeout: int | None
) -> ShellRun:
    """Pipe `script` into the user's shell and collect its combined output (raises 408 on timeout)."""
    shell = user_shell()
    directory = _cwd(workspace, cwd)
    try:
        if directory is None:
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), cwd)
        proc = await workspace.children.spawn(
            shell,
            cwd=directory,
            env=workspace.env(envs),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
    except OSError as exc:
        return ShellRun(-1, _start_error(shell, exc))
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout if timeout else None
    output = bytearray()

    async def feed() -> None:
        assert proc.stdin is not None
        with contextlib.suppress(ConnectionError):
            proc.stdin.write(script.encode())
            await proc.stdin.drain()
        proc.stdin.close()

    async def collect() -> None:
        assert proc.stdout is not None
        while chunk := await proc.stdout.read(65536):
            output.extend(chunk)

    feeder, collector = asyncio.ensure_future(feed()), asyncio.ensure_future(collect())
    try:
        try:
            status = await asyncio.wait_for(
                exit_status(proc), None if deadline is None else max(0.0, deadline - loop.time())
            )
        except TimeoutError:
            await workspace.children.kill(proc)
            raise daemon_errors.request_timeout("command execution timeout") from None
        drain = OUTPUT_DRAIN_SECONDS if deadline is None else min(OUTPUT_DRAIN_SECONDS, deadline - loop.time())
        try:
            await asyncio.wait_for(asyncio.shield(collector), max(0.0, drain))
        except TimeoutError:
            if deadline is not None and loop.time() >= deadline:
                await workspace.children.kill(proc)
                raise daemon_errors.request_timeout("command execution timeout") from None
    except asyncio.CancelledError:
        await workspace.children.kill(proc)
        raise
    finally:
        for task in (feeder, collector):
            task.cancel()
        workspace.children.forget(proc)
    return ShellRun(status if status >= 0 else -1, output.decode("utf-8", "replace"))


async def execute(request: Request) -> Response:
    workspace = await workspace_of(request)
    try:
        body = bind(await request.body(), EXECUTE)
    except BindError as exc:
        raise daemon_errors.bad_request(f"invalid request body: {exc}") from exc
    if not body["command"].strip():
        raise daemon_errors.bad_request("command cannot be empty or whitespace-only")
    envs = body.get("envs", {})
    validate_env_keys(envs)
    run = await run_in_shell(
        workspace, body["command"], cwd=body.get("cwd"), envs=envs, timeout=body.get("timeout") or None
    )
    return JSONResponse({"exitCode": run.exit_code, "result": run.output})


def routes() -> list[BaseRoute]:
    from daytona_emulator.toolbox import code_run

    return [
        Route("/process/execute", execute, methods=["POST"]),
        Route("/process/code-run", code_run.code_run, methods=["POST"]),
    ]
