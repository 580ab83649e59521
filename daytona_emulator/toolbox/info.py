"""`/version`, `/user-home-dir`, `/work-dir` (the daemon's `controller.go`) and `/port/*` (`port/detector.go`)."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from daytona_emulator.toolbox.common import workspace_of
from daytona_emulator.toolbox.daemon_http import DaemonAbort, go_json
from daytona_emulator.toolbox.paths import HOME
from daytona_emulator.toolbox.ports import listening_ports, listening_ports_ipv4

# The daemon's version as Daytona's release build stamps it (`internal.Version`, set from the release tag).
TOOLBOX_VERSION = "v0.190.0"
# The daemon's working directory: the image's WORKDIR, or the user's home when the image sets none (the
# runner then passes DAYTONA_USER_HOME_AS_WORKDIR=true); Daytona's default images set none.
WORK_DIR = HOME
PORT_RANGE = range(3000, 10000)


async def user_home_dir(request: Request) -> Response:
    await workspace_of(request)
    return go_json({"dir": HOME})


async def work_dir(request: Request) -> Response:
    await workspace_of(request)
    return go_json({"dir": WORK_DIR})


async def version(request: Request) -> Response:
    await workspace_of(request)
    return go_json({"version": TOOLBOX_VERSION})


async def ports(request: Request) -> Response:
    """The TCP ports the sandbox listens on (the detector reads IPv4 listening sockets only)."""
    workspace = await workspace_of(request)
    found = await asyncio.to_thread(listening_ports_ipv4, workspace.token)
    return go_json({"ports": found})


def _go_atoi(raw: str) -> int | None:
    digits = raw[1:] if raw[:1] in "+-" else raw
    return int(raw) if digits.isascii() and digits.isdigit() else None


async def port_in_use(request: Request) -> Response:
    """A number between 3000 and 9999 (else 400 with an empty body); in use when something of the sandbox
    listens on it (IPv4 or IPv6, as the daemon's dial of localhost finds)."""
    workspace = await workspace_of(request)
    port = _go_atoi(request.path_params["port"])
    if port is None:
        raise DaemonAbort(400, "invalid port: must be a number between 3000 and 9999")
    if port not in PORT_RANGE:
        raise DaemonAbort(400, "port out of range: must be between 3000 and 9999")
    in_use = port in await asyncio.to_thread(listening_ports, workspace.token)
    return go_json({"isInUse": in_use})


def routes() -> list[BaseRoute]:
    return [
        Route("/user-home-dir", user_home_dir, methods=["GET"]),
        Route("/work-dir", work_dir, methods=["GET"]),
        Route("/version", version, methods=["GET"]),
        Route("/port", ports, methods=["GET"]),
        Route("/port/{port}/in-use", port_in_use, methods=["GET"]),
    ]
