"""`/process/execute` and `/process/code-run`: one-shot real subprocesses with combined output and a timeout."""

from __future__ import annotations

import asyncio
import shutil
import sys
import uuid
from pathlib import Path

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from emulator.errors import EmulatorHTTPError, bad_request
from emulator.toolbox.common import json_body, optional, required, string_map, workspace_of
from emulator.toolbox.workspace import SandboxWorkspace

DEFAULT_EXECUTE_TIMEOUT_SECONDS = 360


def split_command(command: str) -> list[str]:
    """The toolbox's own word splitting: spaces separate words, single or double quotes group them
    (empty words are dropped, backslashes mean nothing).

    No shell is involved, so `&&`, pipes and `$VARS` reach the program literally (wrap in `sh -c` for those).
    """
    words: list[str] = []
    current: list[str] = []
    quote: str | None = None
    for char in command:
        if char in "\"'" and (quote is None or quote == char):
            quote = None if quote == char else char
        elif char == " " and quote is None:
            words.append("".join(current))
            current = []
        else:
            current.append(char)
    words.append("".join(current))
    return [word for word in words if word]


async def run_captured(
    workspace: SandboxWorkspace,
    argv: list[str],
    *,
    cwd: Path,
    env: dict[str, str],
    time_limit: int | None,
    stdin: bytes | None = None,
) -> tuple[int, str]:
    """Run a program to completion: (exit code, stdout and stderr interleaved). -1 if it could not start
    or died from a signal; HTTP 408 once `time_limit` seconds pass (the whole process group is killed)."""
    try:
        proc = await workspace.children.spawn(
            *argv,
            cwd=cwd,
            env=workspace.env(env),
            stdin=asyncio.subprocess.PIPE if stdin is not None else asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
    except OSError as exc:
        return -1, f"{exc.strerror or exc}: {argv[0]}"
    try:
        out, _ = await asyncio.wait_for(proc.communicate(stdin), time_limit if time_limit and time_limit > 0 else None)
    except TimeoutError as exc:
        await workspace.children.kill(proc)
        raise EmulatorHTTPError(
            408,
            f"Command execution timed out after {time_limit} seconds. The timeout can be increased by adjusting "
            "the timeout parameter in the request.",
            code="REQUEST_TIMEOUT",
        ) from exc
    except asyncio.CancelledError:
        await workspace.children.kill(proc)
        raise
    workspace.children.forget(proc)
    code = proc.returncode if proc.returncode is not None and proc.returncode >= 0 else -1
    return code, out.decode("utf-8", "replace")


def _cwd(workspace: SandboxWorkspace, sandbox_cwd: str | None) -> Path:
    cwd = workspace.paths.host(sandbox_cwd) if sandbox_cwd else workspace.home
    if not cwd.is_dir():
        raise bad_request(f"working directory {sandbox_cwd} does not exist")
    return cwd


async def execute(request: Request) -> Response:
    workspace = await workspace_of(request)
    body = await json_body(request)
    argv = split_command(required(body, "command", str))
    if not argv:
        raise bad_request("empty command")
    program = shutil.which(argv[0], path=workspace.env().get("PATH")) if "/" not in argv[0] else argv[0]
    code, output = await run_captured(
        workspace,
        [program or argv[0], *argv[1:]],
        cwd=_cwd(workspace, optional(body, "cwd", str)),
        env=string_map(body.get("envs"), "envs"),
        time_limit=optional(body, "timeout", int) or DEFAULT_EXECUTE_TIMEOUT_SECONDS,
    )
    return JSONResponse({"exitCode": code, "result": output})


def _runtime(workspace: SandboxWorkspace, language: str, code: str) -> tuple[list[str], bytes | None, Path | None]:
    """The program that runs `code` in `language`, what to feed it on stdin, and a script file to remove."""
    if language == "python":
        return [sys.executable, "-u", "-"], code.encode(), None
    path = workspace.env().get("PATH")
    if language == "javascript":
        node = shutil.which("node", path=path)
        if node is None:
            raise bad_request("javascript is not available in the emulator: no `node` on the PATH")
        script = workspace.state_dir / f"code-{uuid.uuid4().hex}.js"
        script.write_text("process.argv.splice(1, 1);\n" + code)
        return [node, str(script)], None, script
    if language == "typescript":
        for runner in ("tsx", "ts-node"):
            found = shutil.which(runner, path=path)
            if found:
                script = workspace.state_dir / f"code-{uuid.uuid4().hex}.ts"
                script.write_text("process.argv.splice(1, 1);\n" + code)
                return [found, str(script)], None, script
        raise bad_request("typescript is not supported in the emulator: neither `tsx` nor `ts-node` is installed")
    raise bad_request(f"unsupported language: {language}")


async def code_run(request: Request) -> Response:
    workspace = await workspace_of(request)
    body = await json_body(request)
    code = required(body, "code", str)
    argv = body.get("argv") or []
    if not isinstance(argv, list) or not all(isinstance(arg, str) for arg in argv):
        raise bad_request("argv must be a list of strings")
    program, stdin, script = _runtime(workspace, required(body, "language", str), code)
    try:
        exit_code, output = await run_captured(
            workspace,
            [*program, *argv],
            cwd=workspace.home,
            env=string_map(body.get("envs"), "envs"),
            time_limit=optional(body, "timeout", int),
            stdin=stdin,
        )
    finally:
        if script is not None:
            script.unlink(missing_ok=True)
    return JSONResponse({"exitCode": exit_code, "result": output, "artifacts": {"charts": []}})


def routes() -> list[BaseRoute]:
    return [
        Route("/process/execute", execute, methods=["POST"]),
        Route("/process/code-run", code_run, methods=["POST"]),
    ]
