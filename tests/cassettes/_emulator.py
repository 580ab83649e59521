"""The emulator for a recording session: uvicorn on a free loopback port, in a thread of this process.

The server runs its own event loop in that thread, so it never shares the loop of the test that calls it
(pytest-asyncio gives each test a fresh loop, the emulator lives for the whole session).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RunningEmulator:
    api_url: str
    port: int
    state: Any


@contextmanager
def running_emulator(*, api_key: str, transition_delay: float, build_duration: float) -> Iterator[RunningEmulator]:
    """Start the emulator app on ``127.0.0.1:<free port>`` and stop it (lifespan included) on exit."""
    import uvicorn

    from daytona_emulator.app import create_app
    from daytona_emulator.settings import EmulatorSettings

    settings = EmulatorSettings(api_key=api_key, transition_delay=transition_delay, build_duration=build_duration)
    app = create_app(settings)
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on", ws="websockets-sansio")
    server = uvicorn.Server(config)
    failure: list[BaseException] = []

    def serve() -> None:
        try:
            asyncio.run(server.serve())
        except BaseException as exc:  # reported to the caller below
            failure.append(exc)

    thread = threading.Thread(target=serve, name="cassette-emulator", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if failure or not thread.is_alive():
            raise RuntimeError(f"the emulator did not start: {failure[0] if failure else 'thread ended'}")
        if time.monotonic() > deadline:
            raise RuntimeError("the emulator did not start within 60 s")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield RunningEmulator(f"http://127.0.0.1:{port}/api", port, app.state.emulator)
    finally:
        server.should_exit = True
        thread.join(timeout=60)
