"""PTY sessions (`/process/pty...`) as the daemon serves them (apps/daemon/pkg/toolbox/process/pty/)."""

from __future__ import annotations

import contextlib
import json
import re
import signal
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from httpx_ws import WebSocketSession

from tests.fidelity._pty_interpreter_support import (
    HOME,
    next_message,
    processes_with,
    read_until,
    read_until_end,
    wait_for,
    websocket,
)

CONNECTED = '{"status":"connected","type":"control"}'
UNMARSHAL = "json: cannot unmarshal"
INTO = "into Go struct field PTYCreateRequest"

Toolbox = Callable[[dict[str, Any]], httpx.Client]


@pytest.fixture
def box(new_sandbox: Callable[..., dict[str, Any]], toolbox: Toolbox) -> httpx.Client:
    return toolbox(new_sandbox())


def create(box: httpx.Client, session_id: str, **body: Any) -> None:
    response = box.post("/process/pty", json={"id": session_id, **body})
    assert response.status_code == 201, response.text


@contextlib.contextmanager
def attached(box: httpx.Client, session_id: str) -> Iterator[WebSocketSession]:
    """A client connected to the session, past its `connected` control message."""
    with websocket(box, f"/process/pty/{session_id}/connect") as ws:
        assert next_message(ws) == CONNECTED
        yield ws


def run(ws: WebSocketSession, command: str, marker: str) -> bytes:
    """Type ``command; echo <marker>`` and read until the marker is printed (not just echoed)."""
    ws.send_text(f"{command}; echo {marker[:3]}''{marker[3:]}\n")
    return read_until(ws, marker.encode() + b"\r\n")


# --- create ---------------------------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/pty/controller.go", "apps/daemon/pkg/toolbox/process/pty/types.go"
)
def test_create_answers_201_with_the_session_id(box: httpx.Client) -> None:
    response = box.post("/process/pty", json={"id": "term"})
    assert response.status_code == 201
    assert response.json() == {"sessionId": "term"}


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/pty/controller.go")
@pytest.mark.parametrize("body", [{}, {"id": ""}, {"cwd": HOME}])
def test_create_without_an_id_is_400_session_id_is_required(box: httpx.Client, body: dict[str, Any]) -> None:
    response = box.post("/process/pty", json=body)
    assert response.status_code == 400
    assert response.json() == {"error": "session ID is required"}


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/pty/controller.go", "apps/daemon/pkg/toolbox/process/pty/manager.go"
)
def test_create_with_a_taken_id_is_409_and_the_first_session_stays(box: httpx.Client) -> None:
    create(box, "term", envs={"WHICH": "first"})
    response = box.post("/process/pty", json={"id": "term", "cols": 5000})
    assert response.status_code == 409
    assert response.json() == {"error": "PTY session with ID 'term' already exists"}
    assert box.get("/process/pty/term").json()["envs"]["WHICH"] == "first"


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/pty/controller.go",
    "apps/daemon/pkg/toolbox/process/pty/types.go",
    "apps/daemon/pkg/toolbox/process/pty/session.go",
)
def test_create_fills_the_daemons_defaults_and_starts_the_shell(box: httpx.Client) -> None:
    create(box, "term")
    info = box.get("/process/pty/term").json()
    assert {k: v for k, v in info.items() if k != "createdAt"} == {
        "id": "term",
        "cwd": HOME,
        "envs": {"TERM": "xterm-256color"},
        "cols": 80,
        "rows": 24,
        "active": True,
        "lazyStart": False,
    }
    assert info["createdAt"].endswith("Z")


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/pty/controller.go")
def test_create_keeps_a_given_term_and_adds_term_to_other_envs(box: httpx.Client) -> None:
    create(box, "mine", envs={"TERM": "vt100"}, lazyStart=True)
    create(box, "other", envs={"A": "1"}, lazyStart=True)
    assert box.get("/process/pty/mine").json()["envs"] == {"TERM": "vt100"}
    assert box.get("/process/pty/other").json()["envs"] == {"A": "1", "TERM": "xterm-256color"}


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/pty/controller.go")
@pytest.mark.parametrize(
    ("size", "message"),
    [
        ({"cols": 1001}, "invalid value for cols - must be less than 1000"),
        ({"rows": 1001}, "invalid value for rows - must be less than 1000"),
    ],
)
def test_create_with_cols_or_rows_over_1000_is_400(box: httpx.Client, size: dict[str, int], message: str) -> None:
    response = box.post("/process/pty", json={"id": "big", **size, "lazyStart": True})
    assert response.status_code == 400
    assert response.json() == {"error": message}
    assert box.get("/process/pty/big").status_code == 404


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/pty/controller.go")
def test_create_accepts_1000_and_0_columns(box: httpx.Client) -> None:
    create(box, "wide", cols=1000, rows=1000, lazyStart=True)
    create(box, "flat", cols=0, rows=0, lazyStart=True)
    assert (box.get("/process/pty/flat").json()["cols"], box.get("/process/pty/wide").json()["rows"]) == (0, 1000)


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/pty/controller.go", "apps/daemon/pkg/toolbox/validator.go")
@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "EOF"),
        (b'{"id": "x", "cols": -1}', f"{UNMARSHAL} number -1 {INTO}.cols of type uint16"),
        (b'{"id": "x", "cols": "80"}', f"{UNMARSHAL} string {INTO}.cols of type uint16"),
        (b'{"id": 7}', f"{UNMARSHAL} number {INTO}.id of type string"),
        (b'{"id": "x", "envs": {"A": 1}}', f"{UNMARSHAL} number {INTO}.envs of type string"),
        (b"[]", f"{UNMARSHAL} array into Go value of type pty.PTYCreateRequest"),
        (b'{"id": "x"', "unexpected EOF"),
    ],
)
def test_create_body_is_bound_as_gin_binds_json(box: httpx.Client, raw: bytes, message: str) -> None:
    response = box.post("/process/pty", content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json() == {"error": message}


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/pty/controller.go", "apps/daemon/pkg/toolbox/validator.go")
def test_create_body_keys_match_case_insensitively_and_trailing_bytes_are_ignored(box: httpx.Client) -> None:
    raw = b'{"ID": "loose", "LazyStart": true} and then some'
    response = box.post("/process/pty", content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == 201
    assert box.get("/process/pty/loose").json()["lazyStart"] is True


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/pty/controller.go", "apps/daemon/pkg/toolbox/process/pty/session.go"
)
def test_create_in_a_missing_directory_is_500_and_keeps_no_session(box: httpx.Client) -> None:
    response = box.post("/process/pty", json={"id": "lost", "cwd": f"{HOME}/no-such-dir"})
    assert response.status_code == 500
    assert response.json() == {"error": "failed to start PTY session"}
    assert box.get("/process/pty").json() == {"sessions": []}


# --- get, list, delete --------------------------------------------------------------------------------------


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/pty/controller.go")
def test_get_and_delete_of_an_unknown_session_are_404(box: httpx.Client) -> None:
    for response in (box.get("/process/pty/nope"), box.delete("/process/pty/nope")):
        assert response.status_code == 404
        assert response.json() == {"error": "PTY session not found"}


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/pty/controller.go", "apps/daemon/pkg/toolbox/process/pty/manager.go"
)
def test_list_holds_every_session_with_its_info(box: httpx.Client) -> None:
    assert box.get("/process/pty").json() == {"sessions": []}
    create(box, "one")
    create(box, "two", lazyStart=True, cols=100)
    sessions = {s["id"]: s for s in box.get("/process/pty").json()["sessions"]}
    assert set(sessions) == {"one", "two"}
    assert (sessions["one"]["active"], sessions["two"]["active"], sessions["two"]["cols"]) == (True, False, 100)
    assert sessions["two"] == box.get("/process/pty/two").json()


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/pty/controller.go", "apps/daemon/pkg/toolbox/process/pty/session.go"
)
def test_delete_answers_a_message_and_forgets_the_session(box: httpx.Client) -> None:
    create(box, "term")
    response = box.delete("/process/pty/term")
    assert response.status_code == 200
    assert response.json() == {"message": "PTY session deleted"}
    assert box.get("/process/pty/term").status_code == 404


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/pty/controller.go", "apps/daemon/pkg/toolbox/process/pty/session.go"
)
def test_delete_of_a_lazy_session_never_started_is_200(box: httpx.Client) -> None:
    create(box, "idle", lazyStart=True)
    assert box.delete("/process/pty/idle").status_code == 200
    assert box.get("/process/pty").json() == {"sessions": []}


# --- resize -----------------------------------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/pty/controller.go", "apps/daemon/pkg/toolbox/process/pty/session.go"
)
def test_resize_answers_the_info_and_the_terminal_has_the_new_size(box: httpx.Client) -> None:
    create(box, "term")
    response = box.post("/process/pty/term/resize", json={"cols": 120, "rows": 40})
    assert response.status_code == 200
    assert response.json() == {**box.get("/process/pty/term").json(), "cols": 120, "rows": 40}
    with attached(box, "term") as ws:
        assert b"40 120\r\n" in run(ws, "stty size", "size-done")


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/pty/controller.go",
    "apps/daemon/pkg/toolbox/process/pty/types.go",
    "apps/daemon/pkg/toolbox/validator.go",
)
@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"cols": 1001, "rows": 10}, "cols must be less than 1000"),
        ({"cols": 10, "rows": 1001}, "rows must be less than 1000"),
    ],
)
def test_resize_over_1000_is_400(box: httpx.Client, body: dict[str, int], message: str) -> None:
    create(box, "term")
    response = box.post("/process/pty/term/resize", json=body)
    assert response.status_code == 400
    assert response.json() == {"error": message}


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/pty/types.go", "apps/daemon/pkg/toolbox/validator.go")
def test_resize_binding_tags_are_not_checked_so_zero_and_missing_sizes_pass(box: httpx.Client) -> None:
    create(box, "term")
    response = box.post("/process/pty/term/resize", json={})
    assert response.status_code == 200
    assert (response.json()["cols"], response.json()["rows"]) == (0, 0)


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/pty/controller.go", "apps/daemon/pkg/toolbox/process/pty/manager.go"
)
def test_resize_of_an_unknown_session_is_410(box: httpx.Client) -> None:
    response = box.post("/process/pty/nope/resize", json={"cols": 10, "rows": 10})
    assert response.status_code == 410
    assert response.json() == {"error": "PTY session nope not found"}


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/pty/session.go", "apps/daemon/pkg/toolbox/process/pty/controller.go"
)
def test_resize_of_a_lazy_session_not_started_is_500(box: httpx.Client) -> None:
    create(box, "idle", lazyStart=True)
    response = box.post("/process/pty/idle/resize", json={"cols": 10, "rows": 10})
    assert response.status_code == 500
    assert response.json() == {"error": "cannot resize inactive PTY session"}


# --- connect ----------------------------------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/pty/websocket.go", "apps/daemon/pkg/toolbox/process/pty/session.go"
)
def test_connect_sends_connected_then_output_as_binary_and_types_text_or_binary_input(box: httpx.Client) -> None:
    create(box, "term")
    with websocket(box, "/process/pty/term/connect") as ws:
        assert next_message(ws) == CONNECTED
        ws.send_text("echo $((6*7))-text\n")
        assert b"42-text\r\n" in read_until(ws, b"42-text\r\n")
        ws.send_bytes(b"echo $((6*8))-bytes\n")
        assert b"48-bytes\r\n" in read_until(ws, b"48-bytes\r\n")


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/pty/controller.go", "apps/daemon/pkg/toolbox/process/pty/manager.go"
)
def test_connect_to_an_unknown_session_upgrades_reports_the_error_and_drops_the_connection(box: httpx.Client) -> None:
    with websocket(box, "/process/pty/nope/connect") as ws:
        ending = read_until_end(ws)
    assert ending.texts == [
        '{"error":"Failed to connect to PTY session: PTY session nope not found","status":"error","type":"control"}'
    ]
    assert ending.dropped and ending.code is None  # no close frame


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/pty/manager.go", "apps/daemon/pkg/toolbox/process/pty/session.go"
)
def test_a_lazy_session_starts_at_its_first_connection(box: httpx.Client) -> None:
    create(box, "lazy", lazyStart=True)
    assert box.get("/process/pty/lazy").json()["active"] is False
    with websocket(box, "/process/pty/lazy/connect") as ws:
        assert next_message(ws) == CONNECTED
        assert box.get("/process/pty/lazy").json()["active"] is True
        run(ws, "true", "lazy-ok")


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/pty/manager.go", "apps/daemon/pkg/toolbox/process/pty/session.go"
)
def test_a_lazy_session_in_a_missing_directory_reports_the_start_failure_at_connect(box: httpx.Client) -> None:
    create(box, "lost", lazyStart=True, cwd=f"{HOME}/no-such-dir")
    with websocket(box, "/process/pty/lost/connect") as ws:
        ending = read_until_end(ws)
    (error,) = ending.frames
    assert (error["type"], error["status"]) == ("control", "error")
    assert error["error"].startswith(
        "Failed to connect to PTY session: failed to start PTY session: pty.StartWithSize: "
    )
    assert ending.dropped


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/pty/websocket.go", "apps/daemon/pkg/toolbox/process/pty/session.go"
)
def test_every_attached_client_gets_the_output_and_any_may_type(box: httpx.Client) -> None:
    create(box, "shared")
    with attached(box, "shared") as first, attached(box, "shared") as second:
        second.send_text("echo from-$((1+1))\n")
        assert b"from-2\r\n" in read_until(first, b"from-2\r\n")
        assert b"from-2\r\n" in read_until(second, b"from-2\r\n")


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/pty/session.go", "apps/daemon/pkg/toolbox/process/pty/websocket.go"
)
def test_output_printed_while_no_client_is_attached_is_not_replayed(box: httpx.Client) -> None:
    create(box, "term")
    with attached(box, "term") as first:
        run(first, "echo early-$((2+3))", "early-done")
    with attached(box, "term") as later:
        seen = run(later, "echo late", "late-done")
    assert b"early-5" not in seen


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/pty/websocket.go", "apps/daemon/pkg/toolbox/process/pty/session.go"
)
def test_a_client_that_leaves_does_not_end_the_shell(box: httpx.Client) -> None:
    create(box, "term")
    with attached(box, "term") as first:
        run(first, "export KEPT=yes", "exported")
    assert box.get("/process/pty/term").json()["active"] is True
    with attached(box, "term") as again:
        assert b"kept=yes\r\n" in run(again, "echo kept=$KEPT", "kept-done")


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/pty/types.go", "apps/daemon/pkg/toolbox/process/pty/websocket.go"
)
def test_a_message_over_64_kib_closes_the_client_with_1009(box: httpx.Client) -> None:
    create(box, "term")
    with websocket(box, "/process/pty/term/connect") as ws:
        assert next_message(ws) == CONNECTED
        ws.send_bytes(b"#" * (64 * 1024 + 1))
        ending = read_until_end(ws)
    assert (ending.code, ending.reason) == (1009, "")
    assert box.get("/process/pty/term").json()["active"] is True


@pytest.mark.upstream("apps/daemon/internal/util/websocket.go")
def test_the_sdk_version_subprotocol_is_selected(box: httpx.Client) -> None:
    create(box, "term")
    offered = ["something-else", "X-Daytona-SDK-Version~0.190.0"]
    with websocket(box, "/process/pty/term/connect", subprotocols=offered) as ws:
        assert ws.subprotocol == "X-Daytona-SDK-Version~0.190.0"
        assert next_message(ws) == CONNECTED


# --- the end of a session ---------------------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/pty/session.go",
    "apps/daemon/pkg/toolbox/process/pty/websocket.go",
    "apps/daemon/pkg/toolbox/process/pty/ws_client.go",
)
@pytest.mark.parametrize(
    ("status", "code", "reason"),
    [
        (0, 1000, {"exitCode": 0}),
        (3, 1011, {"exitCode": 3, "exitReason": "non-zero exit"}),
        (130, 1011, {"exitCode": 130, "exitReason": "Ctrl+C"}),
        (137, 1011, {"exitCode": 137, "exitReason": "SIGKILL"}),
        (143, 1011, {"exitCode": 143, "exitReason": "SIGTERM"}),
        (200, 1011, {"exitCode": 200, "exitReason": "signal 72"}),
    ],
)
def test_the_shells_exit_closes_every_client_with_its_code_and_forgets_the_session(
    box: httpx.Client, status: int, code: int, reason: dict[str, Any]
) -> None:
    create(box, "term")
    with attached(box, "term") as first, attached(box, "term") as second:
        first.send_text(f"exit {status}\n")
        endings = [read_until_end(first), read_until_end(second)]
    for ending in endings:
        assert ending.code == code
        assert json.loads(ending.reason) == reason
    assert endings[0].reason == json.dumps(reason, separators=(",", ":"))
    assert box.get("/process/pty/term").status_code == 404


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/pty/session.go",
    "apps/daemon/pkg/toolbox/process/pty/controller.go",
    "apps/daemon/pkg/toolbox/process/pty/ws_client.go",
)
def test_kill_closes_every_client_at_once_even_while_a_job_ignores_hangups(box: httpx.Client) -> None:
    marker = f"pty-fidelity-{uuid.uuid4().hex[:8]}"
    create(box, "term")
    with attached(box, "term") as first, attached(box, "term") as second:
        # A foreground job in its own process group that survives a hangup: only a kill of the whole
        # terminal ends it, and the clients must not wait for it.
        first.send_text(f"trap '' HUP; (exec -a {marker} sleep 600)\n")
        wait_for(lambda: processes_with(marker), "the job to start")
        assert box.delete("/process/pty/term").status_code == 200
        endings = [read_until_end(first), read_until_end(second)]
    for ending in endings:
        assert (ending.code, ending.reason) == (1011, '{"exitCode":137,"exitReason":"SIGKILL"}')
    wait_for(lambda: not processes_with(marker), "the job to be killed")
    assert box.get("/process/pty").json() == {"sessions": []}


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/pty/session.go")
def test_a_session_never_starts_twice(box: httpx.Client) -> None:
    create(box, "once", lazyStart=True)
    with attached(box, "once") as first:
        first.send_text("exit 0\n")
        assert read_until_end(first).code == 1000
    assert box.get("/process/pty/once").status_code == 404  # gone, so a new one may take the id
    create(box, "once", lazyStart=True)


# --- the shell ------------------------------------------------------------------------------------------------


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/pty/session.go")
def test_the_shell_is_an_interactive_login_shell(box: httpx.Client) -> None:
    create(box, "term")
    with attached(box, "term") as ws:
        seen = run(
            ws, 'case "$-" in *i*) echo mode=interactive;; esac; shopt -q login_shell && echo mode=login', "modes"
        )
    assert b"mode=interactive\r\n" in seen and b"mode=login\r\n" in seen


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/pty/session.go", "apps/daemon/pkg/toolbox/process/pty/controller.go"
)
def test_the_shell_starts_in_cwd_with_the_envs(box: httpx.Client) -> None:
    create(box, "setup")
    with attached(box, "setup") as setup:
        run(setup, "mkdir -p work", "made")
    create(box, "term", cwd=f"{HOME}/work", envs={"FLAVOUR": "mint"})
    with attached(box, "term") as ws:
        seen = run(ws, 'echo "at=$(basename "$PWD") flavour=$FLAVOUR term=$TERM"', "env-done")
    assert b"at=work flavour=mint term=xterm-256color\r\n" in seen


@contextlib.contextmanager
def ignoring(*numbers: signal.Signals) -> Iterator[None]:
    """Ignore signals in this process (and so in what it spawns), as a suite started in the background does."""
    previous = {number: signal.signal(number, signal.SIG_IGN) for number in numbers}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/pty/session.go")
def test_terminal_jobs_get_default_signals_whatever_the_emulator_inherited(box: httpx.Client) -> None:
    with ignoring(signal.SIGINT, signal.SIGHUP, signal.SIGQUIT):
        create(box, "term")
    with attached(box, "term") as ws:
        seen = run(ws, "grep SigIgn /proc/self/status", "mask-done")
    mask = int(re.search(rb"SigIgn:\s*([0-9a-f]+)", seen)[1], 16)  # type: ignore[index]
    for number in (signal.SIGINT, signal.SIGHUP, signal.SIGQUIT):
        assert not mask & (1 << (number - 1)), f"{number.name} is ignored in the terminal"
