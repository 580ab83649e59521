"""``scripts/emulator.py``: announces itself once ready, and leaves nothing running after Ctrl-C or SIGTERM."""

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

ROOT = Path(__file__).resolve().parents[2]
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
@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_script_prints_ready_line_and_stops_cleanly(stop_signal: signal.Signals) -> None:
    command = [sys.executable, "scripts/emulator.py", "--port", "0", "--api-key", "script-key", "--delay", "0"]
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
