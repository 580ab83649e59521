"""``POST /process/execute`` and ``POST /process/code-run`` answer as the daemon's handlers do: the command is
piped into the user's shell, errors have the daemon's shape and messages."""

from __future__ import annotations

import json
import re
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fidelity._process_support import execute, wait_until

TYPES = "apps/daemon/pkg/toolbox/process/types.go"
CODERUN = "apps/daemon/pkg/toolbox/process/coderun/handler.go"


@pytest.fixture
def box(new_sandbox: Callable[..., dict[str, Any]], toolbox: Callable[[dict[str, Any]], httpx.Client]) -> httpx.Client:
    return toolbox(new_sandbox())


# ---- execute: the user's shell on stdin -------------------------------------------------------------


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/execute.go")
def test_execute_pipes_the_command_into_the_shell(box: httpx.Client) -> None:
    answer = execute(box, 'echo $((6*7)) | tr 4 X; GREETING=hi; echo "$GREETING $HOME"')
    assert answer == {"exitCode": 0, "result": "X2\nhi /home/daytona\n"}


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/execute.go")
def test_execute_runs_a_multi_line_script_whole(box: httpx.Client) -> None:
    answer = execute(box, "for i in 1 2; do\n  echo line$i\ndone\nif true; then echo end; fi")
    assert answer["result"] == "line1\nline2\nend\n"


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/execute.go")
def test_execute_exit_status_is_the_shells(box: httpx.Client) -> None:
    assert execute(box, "echo before; exit 3; echo after") == {"exitCode": 3, "result": "before\n"}


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/execute.go", "apps/daemon/pkg/common/get_shell.go")
def test_an_unknown_command_exits_127_with_the_shells_message(box: httpx.Client) -> None:
    answer = execute(box, "no-such-program-xyz")
    assert answer["exitCode"] == 127
    assert "no-such-program-xyz" in answer["result"] and "not found" in answer["result"]


@pytest.mark.upstream("apps/daemon/pkg/common/get_shell.go")
def test_the_shell_is_the_users_shell_from_etc_shells(box: httpx.Client) -> None:
    listed = Path("/etc/shells").read_text() if Path("/etc/shells").exists() else ""
    expected = next((s for s in ("/usr/bin/zsh", "/bin/zsh", "/usr/bin/bash", "/bin/bash") if s in listed), None)
    if expected is None:
        pytest.skip("this machine's /etc/shells lists neither zsh nor bash")
    assert execute(box, "readlink /proc/$$/exe || echo $0")["result"].strip() == str(Path(expected).resolve())


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/execute.go")
def test_execute_combines_stdout_and_stderr(box: httpx.Client) -> None:
    answer = execute(box, "echo out; echo err >&2")
    assert sorted(answer["result"].splitlines()) == ["err", "out"]


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/execute.go")
def test_a_command_killed_by_a_signal_reports_exit_code_minus_one(box: httpx.Client) -> None:
    assert execute(box, "kill -9 $$")["exitCode"] == -1


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/execute.go", "apps/daemon/pkg/toolbox/process/types.go")
def test_cwd_defaults_to_the_working_directory_and_is_relative_to_it(box: httpx.Client) -> None:
    execute(box, "mkdir -p sub/dir")
    assert execute(box, "pwd")["result"] == "/home/daytona\n"
    assert execute(box, "pwd", cwd="sub/dir")["result"] == "/home/daytona/sub/dir\n"
    assert execute(box, "pwd", cwd="/tmp")["result"] == "/tmp\n"


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/execute.go")
def test_a_missing_cwd_answers_200_with_exit_code_minus_one(box: httpx.Client) -> None:
    answer = execute(box, "true", cwd="/does/not/exist")
    assert answer["exitCode"] == -1
    assert answer["result"].startswith("fork/exec ") and answer["result"].endswith(": no such file or directory")


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/execute.go", "apps/daemon/pkg/common/env.go")
def test_envs_are_added_to_the_sandbox_environment(box: httpx.Client) -> None:
    answer = execute(box, 'echo "$COLOR $HOME $DAYTONA_SANDBOX_USER"', envs={"COLOR": "blue", "HOME": "/tmp"})
    assert answer["result"] == "blue /tmp daytona\n"


@pytest.mark.upstream("apps/daemon/pkg/common/env.go")
@pytest.mark.parametrize("name", ["1ABC", "BAD-NAME", "A B", ""])
def test_an_invalid_environment_variable_name_is_400(box: httpx.Client, name: str) -> None:
    response = box.post("/process/execute", json={"command": "true", "envs": {name: "x"}})
    assert response.status_code == 400
    assert response.json()["message"] == f"bad request: invalid environment variable name: '{name}'"


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/execute.go")
@pytest.mark.parametrize("command", ["", "   ", "\n\t"])
def test_an_empty_or_blank_command_is_400(box: httpx.Client, command: str) -> None:
    response = box.post("/process/execute", json={"command": command})
    assert response.status_code == 400
    expected = (
        "bad request: invalid request body: Key: 'ExecuteRequest.Command' Error:Field validation for 'Command' "
        "failed on the 'required' tag"
        if command == ""
        else "bad request: command cannot be empty or whitespace-only"
    )
    assert response.json()["message"] == expected


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/execute.go",
    "apps/daemon/pkg/toolbox/process/types.go",
    "apps/daemon/pkg/toolbox/validator.go",
)
@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "EOF"),
        (b"nope", "invalid character 'o' in literal null (expecting 'u')"),
        (b"xyz", "invalid character 'x' looking for beginning of value"),
        (b'{"command": "true"', "unexpected EOF"),
        (
            b'{"command": "true", "timeout": -1}',
            "json: cannot unmarshal number -1 into Go struct field ExecuteRequest.timeout of type uint32",
        ),
        (
            b'{"command": "true", "timeout": "5"}',
            "json: cannot unmarshal string into Go struct field ExecuteRequest.timeout of type uint32",
        ),
        (b'{"command": 5}', "json: cannot unmarshal number into Go struct field ExecuteRequest.command of type string"),
        (b"[1]", "json: cannot unmarshal array into Go value of type process.ExecuteRequest"),
        (b"{}", "Key: 'ExecuteRequest.Command' Error:Field validation for 'Command' failed on the 'required' tag"),
        (b"null", "Key: 'ExecuteRequest.Command' Error:Field validation for 'Command' failed on the 'required' tag"),
    ],
)
def test_a_body_that_does_not_bind_is_400_with_gins_message(box: httpx.Client, body: bytes, message: str) -> None:
    response = box.post("/process/execute", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["message"] == f"bad request: invalid request body: {message}"


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/execute.go")
def test_a_key_matches_its_field_case_insensitively(box: httpx.Client) -> None:
    response = box.post("/process/execute", json={"COMMAND": "echo matched"})
    assert response.json() == {"exitCode": 0, "result": "matched\n"}


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/execute.go")
def test_the_timeout_kills_the_whole_process_group_and_answers_408(box: httpx.Client) -> None:
    marker = f"{uuid.uuid4().int % 10**6}.25"
    response = box.post("/process/execute", json={"command": f"sleep 1{marker} & sleep 2{marker}", "timeout": 1})
    assert response.status_code == 408
    body = response.json()
    assert body["message"] == "request timeout: command execution timeout"
    assert body["code"] == "REQUEST_TIMEOUT"
    wait_until(lambda: not _running(f"sleep 1{marker}") and not _running(f"sleep 2{marker}"), "the group to die")


def _running(needle: str) -> bool:
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if needle.encode() in (entry / "cmdline").read_bytes().replace(b"\0", b" "):
                    return True
            except OSError:
                continue
    return False


@pytest.mark.upstream("apps/daemon/pkg/toolbox/middlewares/error.go", "apps/daemon/pkg/toolbox/server.go")
def test_errors_have_the_daemons_shape_and_path(box: httpx.Client) -> None:
    response = box.post("/process/execute", json={"command": " "})
    body = response.json()
    assert set(body) == {"statusCode", "message", "code", "timestamp", "path", "method"}
    assert (body["statusCode"], body["code"], body["path"], body["method"]) == (
        400,
        "BAD_REQUEST",
        "/process/execute",
        "POST",
    )


# ---- code-run -----------------------------------------------------------------------------------


def _code_run(box: httpx.Client, **body: Any) -> httpx.Response:
    return box.post("/process/code-run", json=body)


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/coderun/command.go", "apps/daemon/pkg/toolbox/process/coderun/python.go"
)
def test_code_run_argv_is_joined_by_spaces_through_the_shell(box: httpx.Client) -> None:
    response = _code_run(box, code="import sys; print(sys.argv)", language="python", argv=["a b", "$HOME"])
    assert response.json() == {"exitCode": 0, "result": "['-', 'a', 'b', '/home/daytona']\n"}


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/coderun/handler.go", "apps/daemon/pkg/toolbox/process/coderun/python.go"
)
def test_code_run_runs_in_the_working_directory_with_the_exit_code(box: httpx.Client) -> None:
    response = _code_run(box, code="import os, sys\nprint(os.getcwd())\nsys.exit(4)", language="python")
    assert response.json() == {"exitCode": 4, "result": "/home/daytona\n"}


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/coderun/javascript.go")
def test_code_run_javascript_sees_argv_after_the_program(box: httpx.Client) -> None:
    if shutil.which("node") is None:
        pytest.skip("node is not installed on this machine")
    response = _code_run(
        box, code="console.log(JSON.stringify(process.argv.slice(1)))", language="javascript", argv=["x", "y"]
    )
    assert response.json() == {"exitCode": 0, "result": '["x","y"]\n'}


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/coderun/toolbox.go")
def test_code_run_of_an_unsupported_language_is_400(box: httpx.Client) -> None:
    response = _code_run(box, code="puts 1", language="ruby")
    assert response.status_code == 400
    assert response.json()["message"] == "bad request: unsupported language: ruby"


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/coderun/handler.go",
    "apps/daemon/pkg/toolbox/process/coderun/types.go",
    "apps/daemon/pkg/toolbox/validator.go",
)
def test_code_run_without_code_or_language_is_an_invalid_body(box: httpx.Client) -> None:
    response = _code_run(box)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "INVALID_REQUEST_BODY"
    assert body["message"] == (
        "invalid body request: Key: 'CodeRunRequest.Code' Error:Field validation for 'Code' failed on the "
        "'required' tag\nKey: 'CodeRunRequest.Language' Error:Field validation for 'Language' failed on the "
        "'required' tag"
    )


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/coderun/handler.go", "apps/daemon/pkg/common/env.go")
def test_code_run_envs_reach_the_program_and_bad_names_are_400(box: httpx.Client) -> None:
    ok = _code_run(box, code="import os; print(os.environ['MODE'])", language="python", envs={"MODE": "x"})
    assert ok.json()["result"] == "x\n"
    bad = _code_run(box, code="1", language="python", envs={"9": "x"})
    assert (bad.status_code, bad.json()["message"]) == (400, "bad request: invalid environment variable name: '9'")


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/coderun/handler.go")
def test_code_run_timeout_answers_408(box: httpx.Client) -> None:
    response = _code_run(box, code="import time; time.sleep(30)", language="python", timeout=1)
    assert response.status_code == 408
    assert response.json()["message"] == "request timeout: command execution timeout"


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/coderun/artifacts.go", "apps/daemon/pkg/toolbox/process/coderun/types.go"
)
def test_code_run_artifact_lines_become_charts_and_leave_the_output(box: httpx.Client) -> None:
    plain = _code_run(box, code="print('no charts')", language="python").json()
    assert plain == {"exitCode": 0, "result": "no charts\n"}  # no `artifacts` key at all
    chart = {"type": "line", "title": "t", "elements": []}
    line = "dtn_artifact_k39fd2:" + json.dumps({"type": "chart", "value": chart})
    code = f"print('before')\nprint({line!r})\nprint('dtn_artifact_k39fd2: not json')\nprint('after')"
    answer = _code_run(box, code=code, language="python").json()
    assert answer == {"exitCode": 0, "result": "before\nafter\n", "artifacts": {"charts": [chart]}}


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/execute.go", "apps/daemon/pkg/childreap/childreap.go")
def test_the_answer_includes_what_a_background_job_prints_before_closing_the_output(box: httpx.Client) -> None:
    answer = execute(box, "(sleep 0.3; echo late) & echo early")
    assert answer == {"exitCode": 0, "result": "early\nlate\n"}


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/coderun/typescript.go", "apps/daemon/pkg/toolbox/process/coderun/command.go"
)
def test_code_run_typescript_goes_through_npx_ts_node_on_a_file_in_tmp(box: httpx.Client) -> None:
    # A stand-in `npx` shows how it is called and the first line of the snippet file it is given.
    fake = '#!/bin/sh\necho "npx $*"\nhead -n 1 "$7"\n'
    upload = box.post("/files/upload", params={"path": "/tmp/fakebin/npx"}, files={"file": ("npx", fake.encode())})
    assert upload.is_success, upload.text
    execute(box, "chmod +x /tmp/fakebin/npx")
    path = execute(box, "echo $PATH")["result"].strip()
    response = _code_run(
        box, code="console.log(1)", language="typescript", argv=["a", "b"], envs={"PATH": f"/tmp/fakebin:{path}"}
    )
    answer = response.json()
    assert answer["exitCode"] == 0, answer
    first, second = answer["result"].splitlines()[:2]
    assert re.fullmatch(
        r'npx ts-node -T --ignore-diagnostics 5107 -O \{"module":"CommonJS"\} /tmp/dtn_\d+\.ts a b', first
    ), first
    assert second == "process.argv.splice(1, 1);"
    assert execute(box, "ls /tmp | grep -c dtn_ || true")["result"] == "0\n"  # the file is removed afterwards
