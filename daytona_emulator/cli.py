"""The emulator's command line: ``daytona-emulator`` and ``python -m daytona_emulator`` run it in the foreground.

    daytona-emulator --port 8787 --api-key my-key [--delay 0.2] [--build-duration 1.2] [--data-dir DIR]

Prints one line once it accepts connections (``emulator ready: api=http://127.0.0.1:8787/api
toolbox=http://127.0.0.1:8787/toolbox``), then serves until Ctrl-C or SIGTERM, when it shuts down cleanly
(every sandbox's processes are killed) and exits with 0. Port 0 picks a free port (the ready line names it).
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from pathlib import Path

import uvicorn

from daytona_emulator.app import create_app
from daytona_emulator.server import uvicorn_config
from daytona_emulator.settings import EmulatorSettings


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="daytona-emulator", description="Local emulator of the Daytona API and toolbox."
    )
    parser.add_argument("--port", type=int, default=0, help="port to listen on (0 = any free port)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    parser.add_argument("--api-key", default=EmulatorSettings.api_key, help="the bearer token clients must send")
    parser.add_argument(
        "--delay", type=float, default=EmulatorSettings.transition_delay, help="seconds per lifecycle transition"
    )
    parser.add_argument(
        "--build-duration", type=float, default=EmulatorSettings.build_duration, help="seconds an image build takes"
    )
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="where sandbox files live (default: a temporary directory)"
    )
    parser.add_argument("--log-level", default="warning", help="uvicorn log level")
    return parser.parse_args(argv)


async def serve(args: argparse.Namespace) -> int:
    settings = EmulatorSettings(
        api_key=args.api_key,
        transition_delay=args.delay,
        build_duration=args.build_duration,
        host=args.host,
        port=args.port,
        data_dir=args.data_dir,
    )
    server = uvicorn.Server(uvicorn_config(create_app(settings), args.host, args.port, args.log_level))
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            await task
            return 1
        await asyncio.sleep(0.02)
    port = next(s.getsockname()[1] for srv in server.servers for s in srv.sockets)
    root = f"http://{args.host}:{port}"
    print(f"emulator ready: api={root}/api toolbox={root}/toolbox", flush=True)
    await task
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # uvicorn handles the signal (graceful shutdown), then re-raises it: make that a clean exit.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        return asyncio.run(serve(args))
    except KeyboardInterrupt:
        return 0
