"""The emulator's entry points (``python -m daytona_emulator``, the ``daytona-emulator`` command and
``scripts/emulator.py``) announce themselves once ready and leave nothing running after Ctrl-C or SIGTERM;
``start_emulator`` runs the same as a child process and stops it."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest

from daytona_emulator.process import start_emulator

ROOT = Path(__file__).resolve().parents[2]
ENTRY_POINTS = {
    "module": [sys.executable, "-m", "daytona_emulator"],
    "command": [str(Path(sys.executable).parent / "daytona-emulator")],
    "script": [sys.executable, "scripts/emulator.py"],
}
READY = re.compile(r"^emulator ready: api=(http://127\.0\.0\.1:\d+)/api toolbox=\1/toolbox$")


def processes_running(needle: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if needle in cmdline:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to look for stray processes")
@pytest.mark.parametrize(
    ("entry", "stop_signal"),
    [("module", signal.SIGINT), ("module", signal.SIGTERM), ("command", signal.SIGTERM), ("script", signal.SIGINT)],
)
def test_entry_point_prints_ready_line_and_stops_cleanly(entry: str, stop_signal: signal.Signals) -> None:
    command = [*ENTRY_POINTS[entry], "--port", "0", "--api-key", "script-key", "--delay", "0"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        match = READY.match(line)
        assert match, line
        marker = f"sleep 3{uuid.uuid4().int % 1000:03d}.5"
        with httpx.Client(base_url=match.group(1), headers={"Authorization": "Bearer script-key"}) as client:
            assert client.get("/api/health").status_code == 200
            sandbox = client.post("/api/sandbox", json={}).json()
            toolbox = f"/toolbox/{sandbox['id']}"
            if client.post(f"{toolbox}/process/session", json={"sessionId": "s"}).status_code == 201:
                run = client.post(f"{toolbox}/process/session/s/exec", json={"command": marker, "runAsync": True})
                assert run.is_success, run.text
                deadline = time.monotonic() + 60
                while not processes_running(marker) and time.monotonic() < deadline:
                    time.sleep(0.05)
                assert processes_running(marker)

        process.send_signal(stop_signal)
        assert process.wait(timeout=60) == 0
        assert process.stdout.read() == ""  # exactly one line was printed
        deadline = time.monotonic() + 60
        while processes_running(marker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not processes_running(marker)
    finally:
        if process.poll() is None:  # the test failed midway: still stop gracefully, so children die too
            process.terminate()
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def test_start_emulator_runs_a_child_process_until_stopped() -> None:
    with start_emulator(api_key="child-key", transition_delay=0) as emulator:
        assert emulator.running and "child-key" not in repr(emulator)
        assert emulator.api_url == f"http://127.0.0.1:{emulator.port}/api"
        with httpx.Client(base_url=emulator.api_url, headers={"Authorization": "Bearer child-key"}) as client:
            assert client.get("/sandbox").status_code == 200
            assert client.get("/sandbox", headers={"Authorization": "Bearer other"}).status_code == 401
    assert emulator.process.returncode == 0
    emulator.stop()  # again: nothing happens


def test_start_emulator_reports_why_the_child_did_not_start() -> None:
    with pytest.raises(RuntimeError, match="delays must be non-negative"):
        start_emulator(transition_delay=-1)
