"""`POST /process/code-run`: a Python, JavaScript or TypeScript snippet run through the user's shell.

As apps/daemon/pkg/toolbox/process/coderun/*.go does it: the snippet is base64-encoded into a shell command
(`... | base64 -d | python3 -u - ARGV`, `... | node - ARGV`, TypeScript through `npx ts-node` on a file in
/tmp) that is piped into the user's shell in the working directory, exactly like `/process/execute`; `argv`
is appended joined by spaces, unquoted (the shell splits and expands it, as the daemon's `formatArgv` lets
it). Lines of the output starting with the artifact marker are removed and their chart payloads returned as
`artifacts.charts` (the key is absent when there is none).
"""

from __future__ import annotations

import base64
import json
import shutil
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from daytona_emulator.toolbox import daemon_errors
from daytona_emulator.toolbox.common import workspace_of
from daytona_emulator.toolbox.go_binding import STRING, STRING_LIST, STRING_MAP, UINT32, BindError, Field, Struct, bind
from daytona_emulator.toolbox.process import run_in_shell, validate_env_keys

CODE_RUN = Struct(
    "CodeRunRequest",
    "coderun.CodeRunRequest",
    (
        Field("code", "Code", STRING, required=True),
        Field("language", "Language", STRING, required=True),
        Field("argv", "Argv", STRING_LIST),
        Field("envs", "Envs", STRING_MAP),
        Field("timeout", "Timeout", UINT32),
    ),
)
ARTIFACT_MARKER = "dtn_artifact_k39fd2:"
_NODE_PRELUDE = "process.argv.splice(1, 1);\n"


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def run_command(language: str, code: str, argv: list[str], path: str | None = None) -> str:
    """The shell command the daemon builds for `code` in `language` (400 for any other language)."""
    args = " ".join(argv)
    if language == "python":
        return f"printf '%s' '{_b64(code)}' | base64 -d | python3 -u - {args}"
    if language == "javascript":
        return f"printf '%s' '{_b64(_NODE_PRELUDE + code)}' | base64 -d | node - {args}"
    if language == "typescript":
        # Without ts-node installed, npx would download it; the emulator stays offline instead.
        offline = "" if shutil.which("ts-node", path=path) else "npm_config_offline=true "
        return "; ".join(
            (
                "_f=/tmp/dtn_$$.ts",
                f"printf '%s' '{_b64(_NODE_PRELUDE + code)}' | base64 -d > \"$_f\"",
                f"{offline}npm_config_loglevel=error npx ts-node -T --ignore-diagnostics 5107 "
                f'-O \'{{"module":"CommonJS"}}\' "$_f" {args}',
                "_dtn_ec=$?",
                'rm -f "$_f"',
                "exit $_dtn_ec",
            )
        )
    raise daemon_errors.bad_request(f"unsupported language: {language}")


def parse_artifacts(output: str) -> tuple[str, list[dict[str, Any]]]:
    """The output without artifact lines, and the charts those lines carried (malformed ones are dropped)."""
    kept: list[str] = []
    charts: list[dict[str, Any]] = []
    for line in output.split("\n"):
        if not line.startswith(ARTIFACT_MARKER):
            kept.append(line)
            continue
        payload = line[len(ARTIFACT_MARKER) :].strip()
        try:
            artifact = json.loads(payload) if payload else None
        except ValueError:
            continue
        if isinstance(artifact, dict) and artifact.get("type") == "chart" and isinstance(artifact.get("value"), dict):
            charts.append(artifact["value"])
    return "\n".join(kept), charts


async def code_run(request: Request) -> Response:
    workspace = await workspace_of(request)
    try:
        body = bind(await request.body(), CODE_RUN)
    except BindError as exc:
        raise daemon_errors.invalid_body(str(exc)) from exc
    command = run_command(body["language"], body["code"], body.get("argv", []), workspace.env().get("PATH"))
    envs = body.get("envs", {})
    validate_env_keys(envs)
    run = await run_in_shell(workspace, command, cwd=None, envs=envs, timeout=body.get("timeout") or None)
    if run.exit_code == -1 and run.output.startswith("fork/exec "):
        return JSONResponse({"exitCode": -1, "result": run.output})
    result, charts = parse_artifacts(run.output)
    answer: dict[str, Any] = {"exitCode": run.exit_code, "result": result}
    if charts:
        answer["artifacts"] = {"charts": charts}
    return JSONResponse(answer)
