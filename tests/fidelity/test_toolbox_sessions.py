"""``/process/session/*`` answers as the daemon's session controller and session service do."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from daytona_emulator.server import RunningEmulator
from tests.fidelity._process_support import (
    ERR,
    OUT,
    SDK_0190,
    execute,
    read_websocket,
    session_exec,
    wait_for_exit,
    wait_until,
)

LOG = "apps/daemon/pkg/session/log.go"


@pytest.fixture
def box(new_sandbox: Callable[..., dict[str, Any]], toolbox: Callable[[dict[str, Any]], httpx.Client]) -> httpx.Client:
    return toolbox(new_sandbox())


@pytest.fixture
def session(box: httpx.Client) -> str:
    session_id = f"s-{uuid.uuid4().hex[:8]}"
    assert box.post("/process/session", json={"sessionId": session_id}).status_code == 201
    return session_id


# ---- creating, listing, deleting ----------------------------------------------------------------------


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/session/session.go", "apps/daemon/pkg/session/create.go")
def test_creating_a_session_answers_201_with_no_body(box: httpx.Client) -> None:
    response = box.post("/process/session", json={"sessionId": "fresh"})
    assert (response.status_code, response.content) == (201, b"")


@pytest.mark.upstream("apps/daemon/pkg/session/create.go")
def test_a_second_session_with_the_same_id_is_409(box: httpx.Client, session: str) -> None:
    response = box.post("/process/session", json={"sessionId": session})
    assert response.status_code == 409
    assert (response.json()["message"], response.json()["code"]) == ("conflict: session already exists", "CONFLICT")


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/session/session.go", "apps/daemon/internal/util/entrypoint_session.go"
)
def test_the_entrypoint_session_id_is_reserved(box: httpx.Client) -> None:
    response = box.post("/process/session", json={"sessionId": "entrypoint"})
    assert response.status_code == 400
    assert response.json()["message"] == "bad request: provided session ID is reserved and cannot be created/overridden"


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/session/session.go", "apps/daemon/pkg/toolbox/process/session/types.go"
)
@pytest.mark.parametrize("body", [{}, {"sessionId": ""}])
def test_a_session_without_id_is_an_invalid_body(box: httpx.Client, body: dict[str, Any]) -> None:
    response = box.post("/process/session", json=body)
    assert response.status_code == 400
    assert response.json()["code"] == "INVALID_REQUEST_BODY"
    assert response.json()["message"] == (
        "invalid body request: Key: 'CreateSessionRequest.SessionId' Error:Field validation for 'SessionId' "
        "failed on the 'required' tag"
    )


@pytest.mark.upstream("apps/daemon/pkg/session/list.go", "apps/daemon/pkg/toolbox/process/session/types.go")
def test_listing_shows_sessions_with_their_commands_but_not_the_entrypoint(box: httpx.Client, session: str) -> None:
    ran = session_exec(box, session, "true").json()
    assert box.get("/process/session").json() == [
        {"sessionId": session, "commands": [{"id": ran["cmdId"], "command": "true", "exitCode": 0}]}
    ]


@pytest.mark.upstream("apps/daemon/pkg/session/get.go", "apps/daemon/pkg/session/command.go")
def test_unknown_sessions_and_commands_are_404(box: httpx.Client, session: str) -> None:
    missing = box.get("/process/session/ghost")
    assert (missing.status_code, missing.json()["message"]) == (404, "not found: session not found")
    command = box.get(f"/process/session/{session}/command/nope")
    assert (command.status_code, command.json()["message"]) == (404, "not found: command not found")
    logs = box.get(f"/process/session/{session}/command/nope/logs")
    assert logs.status_code == 404


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/session/session.go", "apps/daemon/pkg/session/delete.go")
def test_deleting_ends_the_session_and_what_it_runs(box: httpx.Client, session: str) -> None:
    marker = f"sleep 7{uuid.uuid4().int % 10**5}.5"
    assert session_exec(box, session, marker, runAsync=True).status_code == 202
    wait_until(lambda: marker in execute(box, "ps -eo args")["result"], "the command to run")
    assert box.delete(f"/process/session/{session}").status_code == 204
    wait_until(lambda: marker not in execute(box, "ps -eo args")["result"], "the command to be killed")
    assert box.get(f"/process/session/{session}").status_code == 404
    again = box.delete(f"/process/session/{session}")
    assert (again.status_code, again.json()["message"]) == (404, "not found: session not found")
    entrypoint = box.delete("/process/session/entrypoint")
    assert (entrypoint.status_code, entrypoint.json()["message"]) == (
        400,
        "bad request: can't delete entrypoint session",
    )


# ---- running commands ---------------------------------------------------------------------------------


@pytest.mark.upstream("apps/daemon/pkg/session/execute.go")
def test_commands_share_the_sessions_shell_state(box: httpx.Client, session: str) -> None:
    session_exec(box, session, "export COLOR=green; mkdir -p d && cd d; f() { echo fn; }")
    answer = session_exec(box, session, 'echo "$COLOR"; pwd; f', headers=SDK_0190).json()
    assert answer["stdout"] == "green\n/home/daytona/d\nfn\n"


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/session/execute.go",
    "apps/daemon/pkg/session/execute.go",
    "apps/daemon/pkg/session/common.go",
)
def test_with_sdk_0_167_or_later_output_is_the_labelled_log_and_streams_are_split(
    box: httpx.Client, session: str
) -> None:
    answer = session_exec(
        box, session, "echo out; echo err >&2; printf partial; exit_code() { return 3; }; exit_code", headers=SDK_0190
    ).json()
    assert answer["exitCode"] == 3
    assert answer["stdout"] == "out\npartial\n" and answer["stderr"] == "err\n"  # every line \n-terminated
    assert sorted(answer["output"].splitlines()) == sorted([f"{OUT}out", f"{ERR}err", f"{OUT}partial"])
    assert answer["output"].endswith("\n")


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/session/execute.go",
    "apps/daemon/pkg/session/common.go",
    "apps/daemon/internal/util/version.go",
)
def test_sdks_from_0_27_to_0_167_get_the_labelled_log_without_split_streams(box: httpx.Client, session: str) -> None:
    answer = session_exec(box, session, "echo out", headers={"X-Daytona-SDK-Version": "0.166.0"}).json()
    assert (answer["output"], answer["stdout"], answer["stderr"], answer["exitCode"]) == (f"{OUT}out\n", None, None, 0)


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/session/execute.go", "apps/daemon/pkg/session/common.go")
def test_without_a_version_the_output_is_combined_plain_text(box: httpx.Client, session: str) -> None:
    answer = session_exec(box, session, "echo out; echo err >&2").json()
    assert sorted(answer["output"].splitlines()) == ["err", "out"] and OUT not in answer["output"]
    assert (answer["stdout"], answer["stderr"]) == (None, None)
    split = session_exec(box, session, "echo out", headers={"X-Daytona-Split-Output": "true"}).json()
    assert split["output"] == f"{OUT}out\n"


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/session/execute.go", "apps/daemon/pkg/toolbox/process/session/types.go"
)
def test_an_async_command_answers_202_with_only_its_id(box: httpx.Client, session: str) -> None:
    response = session_exec(box, session, "sleep 0.2", runAsync=True)
    assert response.status_code == 202
    body = response.json()
    assert body == {"cmdId": body["cmdId"], "output": None, "stdout": None, "stderr": None, "exitCode": None}
    old_name = session_exec(box, session, "true", **{"async": True})
    assert old_name.status_code == 202


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/session/types.go", "apps/daemon/pkg/session/command.go")
def test_a_running_command_has_no_exit_code_field(box: httpx.Client, session: str) -> None:
    started = session_exec(box, session, "read line", runAsync=True).json()
    assert box.get(f"/process/session/{session}/command/{started['cmdId']}").json() == {
        "id": started["cmdId"],
        "command": "read line",
    }


@pytest.mark.upstream("apps/daemon/pkg/session/execute.go")
def test_a_command_that_leaves_a_background_job_returns(box: httpx.Client, session: str) -> None:
    answer = session_exec(box, session, "sleep 300 & echo started", headers=SDK_0190).json()
    assert (answer["exitCode"], answer["stdout"]) == (0, "started\n")


@pytest.mark.upstream("apps/daemon/pkg/session/execute.go")
def test_a_synchronous_commands_stdin_is_at_end_of_file(box: httpx.Client, session: str) -> None:
    answer = session_exec(box, session, "if read line; then echo got; else echo eof; fi", headers=SDK_0190).json()
    assert answer["stdout"] == "eof\n"


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/session/execute.go")
@pytest.mark.parametrize("body", [{"command": ""}, {"command": "   "}, {"runAsync": True}, {"command": 1}])
def test_a_command_that_does_not_bind_or_is_blank_is_a_bare_400(
    box: httpx.Client, session: str, body: dict[str, Any]
) -> None:
    response = box.post(f"/process/session/{session}/exec", json=body)
    assert (response.status_code, response.content) == (400, b"")
    assert "content-type" not in response.headers


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/session/execute.go")
def test_no_command_runs_in_the_entrypoint_session(box: httpx.Client) -> None:
    response = session_exec(box, "entrypoint", "true")
    assert (response.status_code, response.json()["message"]) == (
        400,
        "bad request: can't execute command in entrypoint session",
    )


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/session/execute.go", "apps/daemon/pkg/toolbox/server.go")
def test_a_command_for_an_unknown_session_is_an_untyped_500(box: httpx.Client) -> None:
    response = session_exec(box, "ghost", "true")
    assert response.status_code == 500
    assert response.json() == {
        "statusCode": 500,
        "message": "failed to execute command: not found: session not found",
        "timestamp": "0001-01-01T00:00:00Z",
        "path": "",
    }


@pytest.mark.upstream("apps/daemon/pkg/session/execute.go", "apps/daemon/pkg/toolbox/process/session/execute.go")
def test_after_the_shell_exits_commands_can_no_longer_be_written(box: httpx.Client, session: str) -> None:
    assert session_exec(box, session, "exit 2", runAsync=True).status_code == 202

    def refused() -> httpx.Response | None:
        response = session_exec(box, session, "true", runAsync=True)
        return response if response.status_code == 500 else None

    response = wait_until(refused, "the session's shell to be gone")
    assert response.json()["message"] == (
        "failed to execute command: bad request: failed to write command: write |1: broken pipe"
    )


# ---- input ------------------------------------------------------------------------------------------------


@pytest.mark.upstream("apps/daemon/pkg/session/input.go", "apps/daemon/pkg/toolbox/process/session/input.go")
def test_input_reaches_an_async_command_with_a_newline_and_is_echoed(box: httpx.Client, session: str) -> None:
    started = session_exec(box, session, 'read a; read b; echo "$a+$b"', runAsync=True).json()
    for data in ("one", "two\n"):
        assert (
            box.post(f"/process/session/{session}/command/{started['cmdId']}/input", json={"data": data}).status_code
            == 204
        )
    wait_for_exit(box, session, started["cmdId"])
    logs = box.get(f"/process/session/{session}/command/{started['cmdId']}/logs", headers=SDK_0190).json()
    assert logs["stdout"] == "one\ntwo\none+two\n"
    assert logs["output"] == f"{OUT}one\n{OUT}two\n{OUT}one+two\n"


@pytest.mark.upstream("apps/daemon/pkg/session/input.go")
def test_suppressed_echo_keeps_input_out_of_the_log(box: httpx.Client, session: str) -> None:
    started = session_exec(box, session, "read a; echo got-$a", runAsync=True, suppressInputEcho=True).json()
    box.post(f"/process/session/{session}/command/{started['cmdId']}/input", json={"data": "x"})
    wait_for_exit(box, session, started["cmdId"])
    logs = box.get(f"/process/session/{session}/command/{started['cmdId']}/logs", headers=SDK_0190).json()
    assert logs["stdout"] == "got-x\n"


@pytest.mark.upstream("apps/daemon/pkg/session/input.go")
def test_input_to_a_finished_command_is_410(box: httpx.Client, session: str) -> None:
    done = session_exec(box, session, "true").json()
    response = box.post(f"/process/session/{session}/command/{done['cmdId']}/input", json={"data": "x"})
    assert response.status_code == 410
    assert (response.json()["message"], response.json()["code"]) == (
        "gone: command has already completed with exit code 0",
        "GONE",
    )


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/session/input.go",
    "apps/daemon/pkg/toolbox/process/session/types.go",
    "apps/daemon/pkg/session/input.go",
)
def test_input_errors(box: httpx.Client, session: str) -> None:
    entrypoint = box.post("/process/session/entrypoint/command/entrypoint_command/input", json={"data": "x"})
    assert (entrypoint.status_code, entrypoint.json()["message"]) == (
        400,
        "bad request: can't send input to entrypoint session",
    )
    empty = box.post(f"/process/session/{session}/command/any/input", json={"data": ""})
    assert (empty.status_code, empty.json()["code"]) == (400, "INVALID_REQUEST_BODY")
    unknown = box.post(f"/process/session/{session}/command/any/input", json={"data": "x"})
    assert (unknown.status_code, unknown.json()["message"]) == (404, "not found: command not found")
    ghost = box.post("/process/session/ghost/command/any/input", json={"data": "x"})
    assert (ghost.status_code, ghost.json()["message"]) == (404, "not found: session not found")


# ---- logs -------------------------------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/session/log.go",
    "apps/daemon/pkg/session/common.go",
    "apps/daemon/internal/util/version.go",
)
@pytest.mark.parametrize(
    ("version", "shape"),
    [
        ("0.190.0", "json"),
        ("0.167.0", "json"),
        ("0.167.0-alpha.1", "json"),
        ("0.200.0-dev", "json"),
        ("0.166.9", "raw"),
        ("0.26.0", "combined"),
        ("garbage", "raw"),
        ("", "combined"),
    ],
)
def test_command_logs_take_the_format_the_sdk_version_calls_for(
    box: httpx.Client, session: str, version: str, shape: str
) -> None:
    ran = session_exec(box, session, "echo out; echo err >&2").json()
    headers = {"X-Daytona-SDK-Version": version} if version else {}
    response = box.get(f"/process/session/{session}/command/{ran['cmdId']}/logs", headers=headers)
    if shape == "json":
        body = response.json()
        assert (body["stdout"], body["stderr"]) == ("out\n", "err\n")
        assert sorted(body["output"].splitlines()) == [f"{OUT}out", f"{ERR}err"]
        return
    assert response.headers["content-type"].startswith("text/plain")
    expected = ["err", "out"] if shape == "combined" else [f"{ERR}err", f"{OUT}out"]
    assert sorted(response.text.splitlines()) == sorted(expected)


@pytest.mark.upstream("apps/daemon/pkg/session/log.go", "apps/daemon/internal/util/log_reader.go")
def test_followed_logs_stream_until_the_command_ends(
    emulator: RunningEmulator, box: httpx.Client, session: str
) -> None:
    started = session_exec(box, session, "echo one; sleep 0.3; echo two >&2", runAsync=True).json()
    data, code, _ = read_websocket(
        emulator, box, f"/process/session/{session}/command/{started['cmdId']}/logs?follow=true", headers=SDK_0190
    )
    assert data == f"{OUT}one\n{ERR}two\n".encode()
    assert code == 1000
    assert box.get(f"/process/session/{session}/command/{started['cmdId']}").json()["exitCode"] == 0


@pytest.mark.upstream(
    "apps/daemon/pkg/session/log.go", "apps/daemon/internal/util/version.go", "apps/daemon/internal/util/websocket.go"
)
def test_the_websocket_takes_the_sdk_version_from_its_subprotocol(
    emulator: RunningEmulator, box: httpx.Client, session: str
) -> None:
    ran = session_exec(box, session, "echo out").json()
    path = f"/process/session/{session}/command/{ran['cmdId']}/logs"
    protocol = "X-Daytona-SDK-Version~0.190.0"
    data, code, accepted = read_websocket(emulator, box, path, subprotocols=[protocol])
    assert (data, code, accepted) == (f"{OUT}out\n".encode(), 1000, protocol)
    combined, _, _ = read_websocket(emulator, box, path)  # no version at all: markers stripped
    assert combined == b"out\n"


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/session/log.go")
def test_logs_of_an_unknown_command_are_refused_before_the_upgrade(
    emulator: RunningEmulator, box: httpx.Client, session: str
) -> None:
    from websockets.exceptions import InvalidStatus

    with pytest.raises(InvalidStatus) as refused:
        read_websocket(emulator, box, f"/process/session/{session}/command/nope/logs?follow=true")
    assert refused.value.response.status_code == 404


# ---- the entrypoint session ----------------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/daemon/cmd/daemon/main.go",
    "apps/runner/pkg/docker/container_configs.go",
    "apps/daemon/internal/util/shell_quote.go",
    "apps/daemon/internal/util/entrypoint_session.go",
)
def test_the_entrypoint_session_runs_the_images_entrypoint(box: httpx.Client) -> None:
    assert box.get("/process/session/entrypoint").json() == {
        "sessionId": "entrypoint",
        "commands": [{"id": "entrypoint_command", "command": "'sleep' 'infinity'"}],
    }
    assert "sleep infinity" in execute(box, "ps -eo args")["result"]
    command = box.get("/process/session/entrypoint/command/entrypoint_command").json()
    assert "exitCode" not in command


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/session/log.go", "apps/daemon/pkg/session/common.go")
def test_entrypoint_logs_are_raw_text_without_a_version_and_json_with_one(box: httpx.Client) -> None:
    raw = box.get("/process/session/entrypoint/logs")
    assert (raw.status_code, raw.text) == (200, "")
    assert raw.headers["content-type"].startswith("text/plain")
    assert box.get("/process/session/entrypoint/logs", headers=SDK_0190).json() == {
        "output": "",
        "stdout": "",
        "stderr": "",
    }


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/session/controller.go")
def test_session_routes_exist_as_the_daemon_registers_them(box: httpx.Client, session: str) -> None:
    assert box.get(f"/process/session/{session}").json() == {"sessionId": session, "commands": []}
    assert box.get("/process/session/entrypoint").status_code == 200
