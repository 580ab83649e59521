"""Run the emulator under a real uvicorn server in a background thread (for tests and scripts)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import uvicorn

from daytona_emulator.app import create_app
from daytona_emulator.control.faults import quiet_expected_cuts
from daytona_emulator.settings import EmulatorSettings
from daytona_emulator.state import EmulatorState

STARTUP_TIMEOUT = 15.0
WS_PROTOCOL = "websockets-sansio"


class _DeniedHandshakeFilter(logging.Filter):
    """uvicorn's sans-I/O WebSocket protocol logs an error after every HTTP denial response (a 401 or a
    404 before the handshake), although the client got the intended answer. Drop that one message."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "returned without completing handshake" not in record.getMessage()


def quiet_denied_handshakes() -> None:
    logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _DeniedHandshakeFilter) for f in logger.filters):
        logger.addFilter(_DeniedHandshakeFilter())


def uvicorn_config(app: Any, host: str, port: int, log_level: str = "warning") -> uvicorn.Config:
    """The server configuration every way of running the emulator shares."""
    quiet_denied_handshakes()
    quiet_expected_cuts()
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        lifespan="on",
        ws=WS_PROTOCOL,
        timeout_graceful_shutdown=5,
    )


@dataclass
class RunningEmulator:
    host: str
    port: int
    api_key: str
    state: EmulatorState

    @property
    def root_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """The control-plane base URL (what the SDK calls ``api_url``)."""
        return f"{self.root_url}/api"

    @property
    def toolbox_url(self) -> str:
        return f"{self.root_url}/toolbox"


class EmulatorServer:
    """A uvicorn server on its own thread and event loop; ``start()`` returns once it listens."""

    def __init__(self, settings: EmulatorSettings) -> None:
        self.settings = settings
        self.app = create_app(settings)
        self.state: EmulatorState = self.app.state.emulator
        self.server = uvicorn.Server(uvicorn_config(self.app, settings.host, settings.port))
        self.thread = threading.Thread(target=self._run, name="daytona-emulator", daemon=True)
        self.error: BaseException | None = None

    def _run(self) -> None:
        try:
            asyncio.run(self.server.serve())
        except BaseException as exc:  # reported to the starting thread
            self.error = exc

    def start(self) -> RunningEmulator:
        self.thread.start()
        deadline = threading.Event()
        waited = 0.0
        while not self.server.started:
            if not self.thread.is_alive():
                raise RuntimeError(f"emulator failed to start: {self.error!r}")
            deadline.wait(0.01)
            waited += 0.01
            if waited > STARTUP_TIMEOUT:
                self.stop()
                raise RuntimeError("emulator did not start in time")
        sockets = [s for server in self.server.servers for s in server.sockets]
        port = sockets[0].getsockname()[1]
        return RunningEmulator(self.settings.host, port, self.settings.api_key, self.state)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
        if self.thread.is_alive():  # pragma: no cover - shutdown hung
            self.server.force_exit = True
            self.thread.join(timeout=10)


@contextlib.contextmanager
def running_emulator(settings: EmulatorSettings | None = None) -> Iterator[RunningEmulator]:
    """Serve the emulator for the duration of the block; port 0 picks a free port."""
    server = EmulatorServer(settings or EmulatorSettings())
    running = server.start()
    try:
        yield running
    finally:
        server.stop()
