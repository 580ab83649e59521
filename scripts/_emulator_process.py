"""Run ``scripts/emulator.py`` as a child process on a free loopback port (used by the demo and the benchmarks).

A separate process keeps the server off the client's event loop and out of the client's memory figures.
The emulator binds port 0 itself and prints ``emulator ready: api=<url> ...`` once it accepts connections.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
EMULATOR_SCRIPT = REPO_ROOT / "scripts" / "emulator.py"
_READY = re.compile(r"emulator ready: api=(\S+)")


@dataclass(frozen=True)
class EmulatorProcess:
    api_url: str
    api_key: str
    process: subprocess.Popen[str]


@contextlib.contextmanager
def emulator_process(
    api_key: str = "local-emulator-key", extra_args: tuple[str, ...] = (), startup_timeout: float = 30
) -> Iterator[EmulatorProcess]:
    """Start the emulator, wait for its ready line, and stop it (SIGTERM, then SIGKILL) on exit."""
    if not EMULATOR_SCRIPT.exists():
        raise RuntimeError(f"{EMULATOR_SCRIPT.relative_to(REPO_ROOT)} is missing")
    command = [sys.executable, str(EMULATOR_SCRIPT), "--port", "0", "--api-key", api_key, *extra_args]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # stderr goes to a file, not a pipe: a pipe nobody reads would block a chatty server.
    with tempfile.TemporaryFile(mode="w+") as errors:
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=errors, env=env, text=True, bufsize=1
        )
        try:
            api_url = _wait_ready(process, startup_timeout)
            if api_url is None:
                _stop(process)
                errors.seek(0)
                detail = errors.read().strip()[-2000:] or f"exit code {process.returncode}"
                raise RuntimeError(f"the emulator did not start: {detail}")
            # Keep reading its output so that the pipe never fills up.
            threading.Thread(target=_drain, args=(process,), daemon=True).start()
            yield EmulatorProcess(api_url, api_key, process)
        finally:
            _stop(process)


def _wait_ready(process: subprocess.Popen[str], timeout: float) -> str | None:
    found: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            match = _READY.search(line)
            if match:
                found.append(match.group(1))
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout
    while reader.is_alive() and time.monotonic() < deadline:
        reader.join(0.05)
    return found[0] if found else None


def _drain(process: subprocess.Popen[str]) -> None:
    if process.stdout is not None:
        for _line in process.stdout:
            pass


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
