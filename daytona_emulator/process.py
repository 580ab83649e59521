"""Run the emulator as a child process on a free loopback port, and stop it.

    from daytona_emulator.process import start_emulator

    emulator = start_emulator(api_key="my-key")     # returns once it accepts connections
    ...  # point a client at emulator.api_url with emulator.api_key
    emulator.stop()                                  # or: with start_emulator() as emulator: ...

The child is ``python -m daytona_emulator`` (the same entry point as the ``daytona-emulator`` command),
run by this interpreter with this very package first on its path. It binds port 0 itself and prints
``emulator ready: api=<url> toolbox=<url>`` once it accepts connections; :func:`start_emulator` waits for
that line. A separate process keeps the server off the caller's event loop and out of its memory figures,
and its sandboxes' processes die with it.
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
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO
from urllib.parse import urlsplit

#: The directory that holds this package (put first on the child's ``PYTHONPATH``).
_PACKAGE_PARENT = str(Path(__file__).resolve().parent.parent)
_READY = re.compile(r"emulator ready: api=(\S+)")
#: The key a started emulator accepts when the caller names none.
DEFAULT_API_KEY = "local-emulator-key"


class EmulatorProcess:
    """A running emulator child process: where it listens, the key it accepts, and :meth:`stop`.

    A context manager too (``with start_emulator() as emulator:`` stops it on exit).
    """

    def __init__(self, api_url: str, api_key: str, process: subprocess.Popen[str], errors: IO[str]) -> None:
        self.api_url = api_url
        self.api_key = api_key
        self.process = process
        self._errors = errors

    @property
    def root_url(self) -> str:
        """``http://127.0.0.1:<port>``: the control plane is under ``/api``, the toolbox under ``/toolbox``."""
        return self.api_url.removesuffix("/api")

    @property
    def toolbox_url(self) -> str:
        return f"{self.root_url}/toolbox"

    @property
    def host(self) -> str:
        return urlsplit(self.api_url).hostname or "127.0.0.1"

    @property
    def port(self) -> int:
        port = urlsplit(self.api_url).port
        assert port is not None
        return port

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self, timeout: float = 10) -> None:
        """Stop the emulator (SIGTERM: a clean shutdown that kills every sandbox process; SIGKILL if it has not
        ended after ``timeout`` seconds). Calling it again does nothing."""
        _stop(self.process, timeout)
        if not self._errors.closed:
            self._errors.close()

    def __enter__(self) -> EmulatorProcess:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def __repr__(self) -> str:  # the key stays out of reprs
        return f"EmulatorProcess(api_url={self.api_url!r}, pid={self.process.pid}, running={self.running})"


def emulator_command(
    *,
    api_key: str = DEFAULT_API_KEY,
    port: int = 0,
    host: str = "127.0.0.1",
    transition_delay: float | None = None,
    build_duration: float | None = None,
    data_dir: str | Path | None = None,
    extra_args: Sequence[str] = (),
) -> list[str]:
    """The command line :func:`start_emulator` runs (``python -m daytona_emulator ...``)."""
    command = [sys.executable, "-m", "daytona_emulator", "--host", host, "--port", str(port), "--api-key", api_key]
    if transition_delay is not None:
        command += ["--delay", str(transition_delay)]
    if build_duration is not None:
        command += ["--build-duration", str(build_duration)]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    return [*command, *extra_args]


def start_emulator(
    *,
    api_key: str = DEFAULT_API_KEY,
    port: int = 0,
    host: str = "127.0.0.1",
    transition_delay: float | None = None,
    build_duration: float | None = None,
    data_dir: str | Path | None = None,
    extra_args: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    startup_timeout: float = 60,
) -> EmulatorProcess:
    """Start an emulator child process and return once it accepts connections.

    ``port`` 0 picks a free port. ``transition_delay`` and ``build_duration`` are the seconds each lifecycle
    transition and each image build take (the emulator's defaults when None). ``env`` replaces the child's
    environment (default: this process's). Raises RuntimeError, with the end of the child's error output,
    when it exits or has not announced itself within ``startup_timeout`` seconds.
    """
    command = emulator_command(
        api_key=api_key,
        port=port,
        host=host,
        transition_delay=transition_delay,
        build_duration=build_duration,
        data_dir=data_dir,
        extra_args=extra_args,
    )
    child_env = dict(os.environ if env is None else env)
    child_env["PYTHONUNBUFFERED"] = "1"
    python_path = [_PACKAGE_PARENT, *filter(None, child_env.get("PYTHONPATH", "").split(os.pathsep))]
    child_env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(python_path))
    # stderr goes to a file, not a pipe: a pipe nobody reads would block a chatty server.
    errors = tempfile.TemporaryFile(mode="w+")
    try:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=errors, stdin=subprocess.DEVNULL, env=child_env, text=True
        )
    except BaseException:
        errors.close()
        raise
    try:
        api_url = _wait_ready(process, startup_timeout)
    except BaseException:
        _stop(process, 10)
        errors.close()
        raise
    if api_url is None:
        _stop(process, 10)
        errors.seek(0)
        detail = errors.read().strip()[-2000:] or f"exit code {process.returncode}"
        errors.close()
        raise RuntimeError(f"the emulator did not start: {detail}")
    # Keep reading its output so that the pipe never fills up.
    threading.Thread(target=_drain, args=(process,), name="daytona-emulator-output", daemon=True).start()
    return EmulatorProcess(api_url, api_key, process, errors)


@contextlib.contextmanager
def emulator_process(
    api_key: str = DEFAULT_API_KEY, extra_args: tuple[str, ...] = (), startup_timeout: float = 60
) -> Iterator[EmulatorProcess]:
    """Start the emulator (:func:`start_emulator`) for the duration of the block, then stop it."""
    with start_emulator(api_key=api_key, extra_args=extra_args, startup_timeout=startup_timeout) as emulator:
        yield emulator


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
        with contextlib.suppress(ValueError, OSError):
            for _line in process.stdout:
                pass


def _stop(process: subprocess.Popen[str], timeout: float) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
