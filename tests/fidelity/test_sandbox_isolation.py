"""One filesystem and one process tree per sandbox, as a container gives them: what the files API writes, every
process of that sandbox sees at the same path; nothing of another sandbox or of the emulator shows through;
killing the emulator kills every sandbox process. Where namespaces are unavailable the emulator says so once.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from daytona_emulator.server import RunningEmulator, running_emulator
from daytona_emulator.settings import EmulatorSettings
from daytona_emulator.toolbox import isolation
from tests.fidelity._process_support import WAIT_CEILING, execute, run_in_interpreter, session_exec, wait_until

ROOT = Path(__file__).resolve().parents[2]
READY = re.compile(r"emulator ready: api=(\S+)")

needs_namespaces = pytest.mark.skipif(
    isolation.unavailable_reason() is not None, reason=f"no sandbox namespaces here: {isolation.unavailable_reason()}"
)


@pytest.fixture
def box(new_sandbox: Callable[..., dict[str, Any]], toolbox: Callable[[dict[str, Any]], httpx.Client]) -> httpx.Client:
    return toolbox(new_sandbox())


def _upload(box: httpx.Client, path: str, content: bytes) -> None:
    response = box.post("/files/upload", params={"path": path}, files={"file": ("f", content)})
    assert response.is_success, response.text


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/fs/upload_file.go",
    "apps/daemon/pkg/toolbox/process/execute.go",
    "apps/daemon/pkg/session/create.go",
)
def test_an_uploaded_file_is_seen_at_the_same_path_by_exec_a_session_and_the_interpreter(
    emulator: RunningEmulator, box: httpx.Client
) -> None:
    content = f"shared-{uuid.uuid4().hex}"
    _upload(box, "/home/daytona/shared.txt", content.encode())
    assert execute(box, "cat /home/daytona/shared.txt")["result"] == content
    assert box.post("/process/session", json={"sessionId": "reader"}).status_code == 201
    ran = session_exec(box, "reader", "cat /home/daytona/shared.txt", headers={"X-Daytona-SDK-Version": "0.190.0"})
    assert ran.json()["stdout"] == content + "\n"
    printed = run_in_interpreter(emulator, box, "print(open('/home/daytona/shared.txt').read())")
    assert printed.strip() == content
    # and the other way round: what a process writes, the files API reads at the same path
    execute(box, "mkdir -p /tmp/made && echo from-exec > /tmp/made/by-exec.txt")
    assert box.get("/files/download", params={"path": "/tmp/made/by-exec.txt"}).content == b"from-exec\n"


@pytest.mark.upstream("apps/daemon/cmd/daemon/main.go", "apps/runner/pkg/docker/container_configs.go")
def test_processes_start_in_the_users_home_the_containers_working_directory(box: httpx.Client) -> None:
    answer = execute(box, 'pwd; echo "$HOME $USER $DAYTONA_USER_HOME_AS_WORKDIR"')
    assert answer["result"] == "/home/daytona\n/home/daytona daytona true\n"


@needs_namespaces
@pytest.mark.upstream("apps/runner/pkg/docker/container_configs.go")
def test_the_hostname_is_the_sandbox_id(new_sandbox: Callable[..., dict[str, Any]], toolbox: Any) -> None:
    sandbox = new_sandbox()
    assert execute(toolbox(sandbox), "hostname; echo $HOSTNAME")["result"] == f"{sandbox['id']}\n{sandbox['id']}\n"


@needs_namespaces
@pytest.mark.upstream("apps/runner/pkg/docker/container_configs.go")
def test_a_process_cannot_see_another_sandboxs_files_or_processes(
    emulator: RunningEmulator, new_sandbox: Callable[..., dict[str, Any]], toolbox: Any
) -> None:
    first, second = new_sandbox(), new_sandbox()
    one, two = toolbox(first), toolbox(second)
    secret = f"secret-{uuid.uuid4().hex}"
    _upload(one, f"/home/daytona/{secret}", b"x")
    execute(one, f"nohup sleep 9{uuid.uuid4().int % 10**4}.{secret[-4:]} >/dev/null 2>&1 &")
    assert execute(two, f"ls /home/daytona /tmp; cat /home/daytona/{secret}")["exitCode"] != 0
    assert secret not in execute(two, "ls -a /home/daytona /tmp")["result"]
    store = emulator.state.workspaces[first["id"]].paths.store
    assert execute(two, f"ls {store} || ls {store.parent}")["exitCode"] != 0
    assert secret[-4:] not in execute(two, "ps -eo args")["result"]


@needs_namespaces
@pytest.mark.upstream("apps/runner/pkg/docker/container_configs.go")
def test_a_process_cannot_list_the_emulator_data_dir(emulator: RunningEmulator, box: httpx.Client) -> None:
    data_dir = emulator.state.data_dir
    answer = execute(box, f"ls {data_dir}")
    assert answer["exitCode"] != 0 and "No such file or directory" in answer["result"]
    assert "sandboxes" not in execute(box, f"ls {data_dir.parent}")["result"]


@needs_namespaces
@pytest.mark.upstream("apps/runner/pkg/docker/container_configs.go")
def test_system_directories_are_readable_but_not_writable(box: httpx.Client) -> None:
    answer = execute(box, "ls /usr/bin | grep -cx env; test -x /usr/bin/env && echo runnable")
    assert answer == {"exitCode": 0, "result": "1\nrunnable\n"}
    name = f"written-by-a-sandbox-{uuid.uuid4().hex}"
    assert execute(box, f"touch /usr/{name}")["exitCode"] != 0
    assert not Path(f"/usr/{name}").exists()


@needs_namespaces
@pytest.mark.upstream("apps/runner/pkg/docker/container_configs.go")
def test_the_sandbox_has_its_own_process_tree(box: httpx.Client) -> None:
    processes = execute(box, "ps -eo pid,args")["result"]
    assert "pytest" not in processes and "uvicorn" not in processes
    assert re.search(r"^\s*1 ", processes, re.MULTILINE)  # its own PID 1


def _sandbox_processes(needle: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if needle.encode() in (entry / "cmdline").read_bytes().replace(b"\0", b" "):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _start_emulator_script(env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, "scripts/emulator.py", "--port", "0", "--api-key", "k", "--delay", "0"]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    match = READY.search(line)
    assert match, line
    return process, match.group(1)


def _started_sandbox(api: str) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=api, headers={"Authorization": "Bearer k"}, timeout=WAIT_CEILING)
    sandbox = client.post("/sandbox", json={}).json()
    wait_until(lambda: client.get(f"/sandbox/{sandbox['id']}").json()["state"] == "started", "the sandbox to start")
    root = api.removesuffix("/api")
    return httpx.Client(
        base_url=f"{root}/toolbox/{sandbox['id']}", headers={"Authorization": "Bearer k"}, timeout=WAIT_CEILING
    ), sandbox["id"]


@needs_namespaces
@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/execute.go", "apps/daemon/pkg/session/create.go")
def test_sigkill_of_the_emulator_leaves_no_sandbox_process_alive() -> None:
    process, api = _start_emulator_script({**os.environ, "PYTHONUNBUFFERED": "1"})
    tag = f"{uuid.uuid4().int % 10**6}"
    try:
        toolbox, _ = _started_sandbox(api)
        # a plain command, a daemonised one (own session, parent gone), and one in a session
        quiet = ">/dev/null 2>&1 </dev/null"  # (a job holding the output would hold the answer, as in the daemon)
        execute(toolbox, f"sleep 71{tag} {quiet} & setsid nohup sleep 72{tag} {quiet} & echo started")
        assert toolbox.post("/process/session", json={"sessionId": "s"}).status_code == 201
        assert session_exec(toolbox, "s", f"sleep 73{tag}", runAsync=True).status_code == 202
        for n in (71, 72, 73):
            wait_until(lambda n=n: _sandbox_processes(f"sleep {n}{tag}"), f"sleep {n}{tag} to run")
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=WAIT_CEILING)
    for n in (71, 72, 73):
        wait_until(lambda n=n: not _sandbox_processes(f"sleep {n}{tag}"), f"sleep {n}{tag} to be killed")


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/execute.go")
def test_without_namespaces_the_emulator_says_so_once_and_keeps_working() -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", isolation.ENV_SWITCH: "off"}
    process, api = _start_emulator_script(env)
    try:
        toolbox, sandbox_id = _started_sandbox(api)
        answer = execute(toolbox, 'echo "$HOME"; pwd')
        home = answer["result"].splitlines()
        assert home[0] == home[1] and home[0].endswith(f"/sandboxes/{sandbox_id}/home/daytona")
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=WAIT_CEILING)
    assert process.stderr is not None
    lines = [line for line in process.stderr.read().splitlines() if "isolat" in line]
    assert len(lines) == 1 and "not isolated" in lines[0] and isolation.ENV_SWITCH in lines[0], lines


@pytest.mark.upstream("apps/daemon/pkg/toolbox/process/execute.go")
def test_the_setting_turns_isolation_off_for_one_emulator() -> None:
    settings = EmulatorSettings(api_key="k", transition_delay=0, build_duration=0, sandbox_isolation=False)
    with running_emulator(settings) as emulator:
        toolbox, sandbox_id = _started_sandbox(emulator.base_url)
        assert execute(toolbox, "echo $HOME")["result"].strip().endswith(f"/sandboxes/{sandbox_id}/home/daytona")
        assert not emulator.state.workspaces[sandbox_id].isolated
