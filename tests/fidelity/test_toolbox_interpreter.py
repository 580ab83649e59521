"""Interpreter contexts (`/process/interpreter...`) as the daemon serves them
(apps/daemon/pkg/toolbox/process/interpreter/)."""

from __future__ import annotations

import contextlib
import json
import re
import signal
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.fidelity._pty_interpreter_support import (
    HOME,
    Ending,
    read_until_end,
    sandbox_file,
    wait_for,
    websocket,
)

EXECUTE = "/process/interpreter/execute"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")

Toolbox = Callable[[dict[str, Any]], httpx.Client]


@pytest.fixture
def sandbox(new_sandbox: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    return new_sandbox()


@pytest.fixture
def box(sandbox: dict[str, Any], toolbox: Toolbox) -> httpx.Client:
    return toolbox(sandbox)


def execute(box: httpx.Client, request: dict[str, Any] | str) -> Ending:
    """Send one execute request and read everything until the daemon closes."""
    with websocket(box, EXECUTE) as ws:
        ws.send_text(request if isinstance(request, str) else json.dumps(request))
        return read_until_end(ws)


def output(kind: str, text: str = "", name: str = "", value: str = "", traceback: str = "") -> dict[str, str]:
    """A frame as the daemon sends it: every field present."""
    return {"type": kind, "text": text, "name": name, "value": value, "traceback": traceback}


COMPLETED = output("control", "completed")
INTERRUPTED = output("control", "interrupted")


def new_context(box: httpx.Client, **body: Any) -> dict[str, Any]:
    response = box.post("/process/interpreter/context", json=body)
    assert response.status_code == 200, response.text
    context: dict[str, Any] = response.json()
    return context


def stdout_of(ending: Ending) -> str:
    return "".join(frame["text"] for frame in ending.frames if frame["type"] == "stdout")


# --- contexts -----------------------------------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/interpreter/controller.go",
    "apps/daemon/pkg/toolbox/process/interpreter/manager.go",
    "apps/daemon/pkg/toolbox/process/interpreter/types.go",
)
def test_create_answers_200_with_a_started_python_context_in_the_work_dir(box: httpx.Client) -> None:
    context = new_context(box)
    assert list(context) == ["id", "cwd", "createdAt", "active", "language"]
    assert UUID.match(context["id"])
    assert (context["cwd"], context["active"], context["language"]) == (HOME, True, "python")
    assert context["createdAt"].endswith("Z")


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/interpreter/controller.go",
    "apps/daemon/pkg/toolbox/process/interpreter/repl_client.go",
)
def test_create_keeps_cwd_as_given_and_the_worker_runs_there(box: httpx.Client) -> None:
    context = new_context(box, cwd="/home/daytona/../daytona", language="python")
    assert context["cwd"] == "/home/daytona/../daytona"
    ending = execute(box, {"code": "import os\nprint(os.path.basename(os.getcwd()))", "contextId": context["id"]})
    assert stdout_of(ending) == "daytona\n"


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/interpreter/controller.go",
    "apps/daemon/pkg/toolbox/server.go",
    "apps/daemon/pkg/toolbox/middlewares/error.go",
    "libs/common-go/pkg/errors/middleware.go",
)
@pytest.mark.parametrize("language", ["javascript", "Python", ""])
def test_create_with_another_language_is_400_with_an_empty_body(box: httpx.Client, language: str) -> None:
    response = box.post("/process/interpreter/context", json={"language": language})
    assert response.status_code == 400
    assert response.content == b""
    assert "content-type" not in response.headers
    assert box.get("/process/interpreter/context").json() == {"contexts": []}


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/interpreter/controller.go", "apps/daemon/pkg/toolbox/validator.go"
)
@pytest.mark.parametrize("raw", [b"", b'{"cwd": 5}', b"[]", b'{"language": "python"'])
def test_create_with_a_body_gin_cannot_bind_is_400_with_an_empty_body(box: httpx.Client, raw: bytes) -> None:
    response = box.post("/process/interpreter/context", content=raw, headers={"Content-Type": "application/json"})
    assert (response.status_code, response.content) == (400, b"")


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/interpreter/manager.go",
    "apps/daemon/pkg/toolbox/process/interpreter/repl_client.go",
    "apps/daemon/pkg/toolbox/process/interpreter/controller.go",
)
def test_create_in_a_missing_directory_is_500_with_an_empty_body_and_keeps_nothing(box: httpx.Client) -> None:
    response = box.post("/process/interpreter/context", json={"cwd": f"{HOME}/no-such-dir"})
    assert (response.status_code, response.content) == (500, b"")
    assert box.get("/process/interpreter/context").json() == {"contexts": []}


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/interpreter/controller.go",
    "apps/daemon/pkg/toolbox/process/interpreter/manager.go",
)
def test_list_holds_the_created_contexts_but_never_the_default_one(box: httpx.Client) -> None:
    assert execute(box, {"code": "x = 1"}).code == 1000  # the default context is in use
    first, second = new_context(box), new_context(box)
    listed = box.get("/process/interpreter/context").json()["contexts"]
    assert sorted(c["id"] for c in listed) == sorted([first["id"], second["id"]])
    assert all(c["id"] != "default" for c in listed)


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/interpreter/controller.go")
def test_delete_of_the_default_context_is_400_with_an_empty_body(box: httpx.Client) -> None:
    response = box.delete("/process/interpreter/context/default")
    assert (response.status_code, response.content) == (400, b"")


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/interpreter/controller.go",
    "apps/daemon/pkg/toolbox/process/interpreter/manager.go",
)
def test_delete_of_an_unknown_context_is_404_with_an_empty_body(box: httpx.Client) -> None:
    response = box.delete("/process/interpreter/context/no-such-context")
    assert (response.status_code, response.content) == (404, b"")


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/interpreter/controller.go",
    "apps/daemon/pkg/toolbox/process/interpreter/manager.go",
    "apps/daemon/pkg/toolbox/process/interpreter/repl_client.go",
)
def test_delete_answers_a_message_and_the_context_is_gone(box: httpx.Client) -> None:
    context = new_context(box)
    response = box.delete(f"/process/interpreter/context/{context['id']}")
    assert response.status_code == 200
    assert response.json() == {"message": "Context deleted successfully"}
    assert box.get("/process/interpreter/context").json() == {"contexts": []}
    ending = execute(box, {"code": "print(1)", "contextId": context["id"]})
    assert (ending.code, ending.reason, ending.messages) == (1008, f"context not found: {context['id']}", [])


# --- execute: the protocol -------------------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/interpreter/websocket.go",
    "apps/daemon/pkg/toolbox/process/interpreter/repl_client.go",
    "apps/daemon/pkg/toolbox/process/interpreter/types.go",
    "apps/daemon/pkg/toolbox/process/interpreter/repl_worker.py",
)
def test_a_run_streams_full_frames_then_a_completed_control_frame_then_closes_1000(box: httpx.Client) -> None:
    ending = execute(box, {"code": "import sys\nprint('out')\nprint('err', file=sys.stderr)"})
    assert ending.frames == [output("stdout", "out\n"), output("stderr", "err\n"), COMPLETED]
    assert (ending.code, ending.reason) == (1000, "")


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/interpreter/repl_worker.py",
    "apps/daemon/pkg/toolbox/process/interpreter/repl_client.go",
)
def test_an_exception_sends_an_error_frame_with_the_users_frames_only_then_completed(box: httpx.Client) -> None:
    ending = execute(box, {"code": "print('before')\n1/0"})
    traceback = 'Traceback (most recent call last):\n  File "<stdin>", line 2\nZeroDivisionError: division by zero\n'
    assert ending.frames == [
        output("stdout", "before\n"),
        output("error", name="ZeroDivisionError", value="division by zero", traceback=traceback),
        COMPLETED,
    ]
    assert ending.code == 1000
    assert "\\u003cstdin\\u003e" in ending.texts[1]  # Go's encoder escapes < and >


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/interpreter/repl_worker.py")
def test_a_syntax_error_has_no_frames_in_its_traceback(box: httpx.Client) -> None:
    (error, control) = execute(box, {"code": "def ("}).frames
    assert (error["type"], error["name"], control) == ("error", "SyntaxError", COMPLETED)
    assert error["traceback"] == f"SyntaxError: {error['value']}\n"


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/interpreter/repl_worker.py")
def test_system_exit_ends_a_run_normally(box: httpx.Client) -> None:
    ending = execute(box, {"code": "print('bye')\nraise SystemExit(3)"})
    assert ending.frames == [output("stdout", "bye\n"), COMPLETED]
    assert ending.code == 1000


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/interpreter/repl_worker.py")
def test_output_is_sent_a_line_or_1024_characters_at_a_time(box: httpx.Client) -> None:
    code = (
        "import sys\n"
        "sys.stdout.write('ab')\n"
        "sys.stdout.write('cd\\nef')\n"
        "sys.stdout.write('x' * 1500)\n"
        "print('g', end='')"
    )
    ending = execute(box, {"code": code})
    assert [f["text"] for f in ending.frames if f["type"] == "stdout"] == ["abcd\nef", "x" * 1500, "g"]


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/interpreter/repl_worker.py",
    "apps/daemon/pkg/toolbox/process/interpreter/repl_client.go",
)
def test_the_workers_stdout_is_the_protocol_channel_so_child_output_is_not_captured(box: httpx.Client) -> None:
    forged = json.dumps({"type": "stdout", "text": "forged\n"})
    code = (
        "import subprocess, sys\n"
        "subprocess.run(['echo', 'plain-child-line'])\n"
        f"subprocess.run([sys.executable, '-c', {'print(' + repr(forged) + ')'!r}])\n"
    )
    ending = execute(box, {"code": code})
    assert ending.frames == [output("stdout", "forged\n"), COMPLETED]  # a JSON line is taken as a chunk


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/interpreter/repl_worker.py",
    "apps/daemon/pkg/toolbox/process/interpreter/controller.go",
)
def test_envs_are_set_for_the_run_only(box: httpx.Client) -> None:
    code = "import os\nprint(os.environ.get('FRUIT'))"
    assert stdout_of(execute(box, {"code": code, "envs": {"FRUIT": "kiwi"}})) == "kiwi\n"
    assert stdout_of(execute(box, {"code": code})) == "None\n"


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/interpreter/manager.go",
    "apps/daemon/pkg/toolbox/process/interpreter/repl_worker.py",
    "apps/daemon/pkg/toolbox/process/interpreter/controller.go",
)
def test_state_persists_in_a_context_and_contexts_are_isolated(box: httpx.Client) -> None:
    context = new_context(box)
    execute(box, {"code": "kept = 'in-context'", "contextId": context["id"]})
    execute(box, {"code": "kept = 'in-default'"})
    assert stdout_of(execute(box, {"code": "print(kept)", "contextId": context["id"]})) == "in-context\n"
    assert stdout_of(execute(box, {"code": "print(kept)"})) == "in-default\n"
    assert stdout_of(execute(box, {"code": "print(kept)", "contextId": "default"})) == "in-default\n"


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/interpreter/controller.go")
@pytest.mark.parametrize(
    ("request_text", "code", "reason"),
    [
        ("not json", 1002, "invalid JSON payload"),
        ('{"code": 5}', 1002, "invalid JSON payload"),
        ('{"code": "1", "timeout": 1.5}', 1002, "invalid JSON payload"),
        ('{"code": "1"} {}', 1002, "invalid JSON payload"),
        ("{}", 1008, "code is required"),
        ('{"code": ""}', 1008, "code is required"),
        ('{"code": "1", "timeout": -1}', 1008, "timeout must be greater than or equal to 0"),
        ('{"code": "1", "contextId": "nope"}', 1008, "context not found: nope"),
        ('{"code": "1", "contextId": ""}', 1008, "context not found: "),
    ],
)
def test_a_bad_request_is_closed_with_the_daemons_code_and_reason(
    box: httpx.Client, request_text: str, code: int, reason: str
) -> None:
    ending = execute(box, request_text)
    assert (ending.code, ending.reason, ending.messages) == (code, reason, [])


@pytest.mark.upstream("apps/daemon/internal/util/websocket.go")
def test_the_sdk_version_subprotocol_is_selected(box: httpx.Client) -> None:
    with websocket(box, EXECUTE, subprotocols=["X-Daytona-SDK-Version~0.190.0"]) as ws:
        assert ws.subprotocol == "X-Daytona-SDK-Version~0.190.0"
        ws.send_text(json.dumps({"code": "print(1)"}))
        assert read_until_end(ws).code == 1000


# --- execute: timeouts, queueing, the worker's end -----------------------------------------------------------------


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/interpreter/repl_client.go",
    "apps/daemon/pkg/toolbox/process/interpreter/types.go",
    "apps/daemon/pkg/toolbox/process/interpreter/repl_worker.py",
)
def test_a_timeout_interrupts_the_run_closes_4008_and_the_context_keeps_its_state(box: httpx.Client) -> None:
    context = new_context(box)
    execute(box, {"code": "kept = 'yes'", "contextId": context["id"]})
    code = "import time\nprint('started')\nwhile True: time.sleep(0.05)"
    ending = execute(box, {"code": code, "contextId": context["id"], "timeout": 1})
    assert ending.frames == [output("stdout", "started\n"), INTERRUPTED]
    assert (ending.code, ending.reason) == (4008, "")
    assert stdout_of(execute(box, {"code": "print(kept)", "contextId": context["id"]})) == "yes\n"


@contextlib.contextmanager
def ignoring_sigint() -> Iterator[None]:
    """Ignore SIGINT in this process (and so in what it spawns), as a suite started in the background does."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/interpreter/repl_worker.py",
    "apps/daemon/pkg/toolbox/process/interpreter/repl_client.go",
)
def test_the_worker_handles_sigint_itself_even_when_started_with_sigint_ignored(box: httpx.Client) -> None:
    with ignoring_sigint():
        context = new_context(box)  # its worker starts now, inheriting the ignored SIGINT
    execute(box, {"code": "kept = 'yes'", "contextId": context["id"]})
    ending = execute(
        box, {"code": "import time\nwhile True: time.sleep(0.05)", "contextId": context["id"], "timeout": 1}
    )
    assert (ending.frames, ending.code) == ([INTERRUPTED], 4008)
    assert stdout_of(execute(box, {"code": "print(kept)", "contextId": context["id"]})) == "yes\n"


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/interpreter/repl_client.go")
def test_code_that_handles_the_interrupt_ends_normally_despite_the_timeout(box: httpx.Client) -> None:
    code = "import time\ntry:\n    time.sleep(120)\nexcept KeyboardInterrupt:\n    print('caught')"
    ending = execute(box, {"code": code, "timeout": 1})
    assert ending.frames == [output("stdout", "caught\n"), COMPLETED]
    assert ending.code == 1000


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/interpreter/repl_client.go",
    "apps/daemon/pkg/toolbox/process/interpreter/manager.go",
)
def test_a_run_that_ignores_the_interrupt_gets_its_worker_killed_and_the_next_run_starts_fresh(
    box: httpx.Client,
) -> None:
    context = new_context(box)
    execute(box, {"code": "kept = 'yes'", "contextId": context["id"]})
    code = "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\ntime.sleep(120)"
    ending = execute(box, {"code": code, "contextId": context["id"], "timeout": 1})
    assert (ending.code, ending.reason, ending.messages) == (4008, "", [])
    (listed,) = box.get("/process/interpreter/context").json()["contexts"]
    assert listed["active"] is False
    (error, control) = execute(box, {"code": "print(kept)", "contextId": context["id"]}).frames
    assert (error["name"], control) == ("NameError", COMPLETED)


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/interpreter/repl_client.go",
    "apps/daemon/pkg/toolbox/process/interpreter/manager.go",
)
def test_a_worker_that_dies_closes_its_run_1001_and_the_next_run_restarts_it(box: httpx.Client) -> None:
    context = new_context(box)
    ending = execute(box, {"code": "import os\nprint('going', flush=True)\nos._exit(3)", "contextId": context["id"]})
    assert ending.frames == [output("stdout", "going\n")]
    assert (ending.code, ending.reason) == (1001, "worker process ended")
    assert box.get("/process/interpreter/context").json()["contexts"][0]["active"] is False
    assert stdout_of(execute(box, {"code": "print('back')", "contextId": context["id"]})) == "back\n"
    assert box.get("/process/interpreter/context").json()["contexts"][0]["active"] is True


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/interpreter/repl_client.go")
def test_a_worker_that_dies_is_noticed_even_while_its_child_holds_its_output(box: httpx.Client) -> None:
    code = "import os, subprocess\nsubprocess.Popen(['sleep', '600'])\nos._exit(3)"
    ending = execute(box, {"code": code})
    assert (ending.code, ending.reason) == (1001, "worker process ended")


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/interpreter/repl_client.go",
    "apps/daemon/pkg/toolbox/process/interpreter/controller.go",
)
def test_deleting_a_context_ends_its_run_with_1001(box: httpx.Client, emulator: Any, sandbox: dict[str, Any]) -> None:
    context = new_context(box)
    started = sandbox_file(emulator, sandbox, f"{HOME}/run-started")
    with websocket(box, EXECUTE) as ws:
        code = "import time\nopen('run-started', 'w').close()\ntime.sleep(120)"
        ws.send_text(json.dumps({"code": code, "contextId": context["id"]}))
        wait_for(started.exists, "the run to start")
        assert box.delete(f"/process/interpreter/context/{context['id']}").status_code == 200
        ending = read_until_end(ws)
    assert ending.code == 1001
    assert ending.frames in ([], [INTERRUPTED])


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/interpreter/repl_client.go",
    "apps/daemon/pkg/toolbox/process/interpreter/websocket.go",
)
def test_runs_of_a_context_wait_their_turn_and_run_in_order(
    box: httpx.Client, emulator: Any, sandbox: dict[str, Any]
) -> None:
    started = sandbox_file(emulator, sandbox, f"{HOME}/first-started")
    release = sandbox_file(emulator, sandbox, f"{HOME}/release")
    first_code = (
        "import os, time\nopen('first-started', 'w').close()\n"
        "deadline = time.monotonic() + 60\n"
        "while not os.path.exists('release') and time.monotonic() < deadline:\n    time.sleep(0.01)\n"
        "open('first-done', 'w').close()\n"
    )
    with websocket(box, EXECUTE) as first, websocket(box, EXECUTE) as second:
        first.send_text(json.dumps({"code": first_code}))
        wait_for(started.exists, "the first run to start")
        second.send_text(json.dumps({"code": "import os\nprint(os.path.exists('first-done'))"}))
        release.touch()
        assert read_until_end(first).code == 1000
        later = read_until_end(second)
    assert later.frames == [output("stdout", "True\n"), COMPLETED]


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/process/interpreter/repl_client.go",
    "apps/daemon/pkg/toolbox/process/interpreter/websocket.go",
)
def test_a_run_goes_on_after_its_client_leaves(box: httpx.Client, emulator: Any, sandbox: dict[str, Any]) -> None:
    started = sandbox_file(emulator, sandbox, f"{HOME}/left-started")
    release = sandbox_file(emulator, sandbox, f"{HOME}/left-release")
    finished = sandbox_file(emulator, sandbox, f"{HOME}/left-finished")
    code = (
        "import os, time\nopen('left-started', 'w').close()\n"
        "deadline = time.monotonic() + 60\n"
        "while not os.path.exists('left-release') and time.monotonic() < deadline:\n    time.sleep(0.01)\n"
        "print('nobody listens')\nopen('left-finished', 'w').close()\n"
    )
    with websocket(box, EXECUTE) as ws:
        ws.send_text(json.dumps({"code": code}))
        wait_for(started.exists, "the run to start")
    release.touch()
    wait_for(finished.exists, "the run to finish without its client")
    assert stdout_of(execute(box, {"code": "print('next')"})) == "next\n"


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/interpreter/websocket.go")
def test_messages_after_the_first_are_read_and_ignored(
    box: httpx.Client, emulator: Any, sandbox: dict[str, Any]
) -> None:
    sent = sandbox_file(emulator, sandbox, f"{HOME}/extra-sent")
    code = (
        "import os, time\n"
        "deadline = time.monotonic() + 60\n"
        "while not os.path.exists('extra-sent') and time.monotonic() < deadline:\n    time.sleep(0.01)\n"
        "print('only', os.path.exists('extra-sent'))\n"
    )
    with websocket(box, EXECUTE) as ws:
        ws.send_text(json.dumps({"code": code}))
        ws.send_text(json.dumps({"code": "print('a second request')"}))
        ws.send_bytes(b"and some bytes")
        sent.touch()
        ending = read_until_end(ws)
    assert ending.frames == [output("stdout", "only True\n"), COMPLETED]
    assert ending.code == 1000
