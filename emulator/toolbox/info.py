"""`/user-home-dir`, `/work-dir`, `/version` and `/port/*`."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from emulator.errors import bad_request
from emulator.toolbox.common import parse_int, workspace_of
from emulator.toolbox.paths import HOME
from emulator.toolbox.ports import listening_ports

TOOLBOX_VERSION = "v0.190.0-emulator"


async def user_home_dir(request: Request) -> Response:
    await workspace_of(request)
    return JSONResponse({"dir": HOME})


async def work_dir(request: Request) -> Response:
    await workspace_of(request)
    return JSONResponse({"dir": HOME})


async def version(request: Request) -> Response:
    await workspace_of(request)
    return JSONResponse({"version": TOOLBOX_VERSION})


async def ports(request: Request) -> Response:
    workspace = await workspace_of(request)
    return JSONResponse({"ports": await asyncio.to_thread(listening_ports, workspace.token)})


async def port_in_use(request: Request) -> Response:
    workspace = await workspace_of(request)
    port = parse_int(request.path_params["port"], "port")
    if not 1 <= port <= 65535:
        raise bad_request("port must be between 1 and 65535")
    in_use = port in await asyncio.to_thread(listening_ports, workspace.token)
    return JSONResponse({"isInUse": in_use})


def routes() -> list[BaseRoute]:
    return [
        Route("/user-home-dir", user_home_dir, methods=["GET"]),
        Route("/work-dir", work_dir, methods=["GET"]),
        Route("/version", version, methods=["GET"]),
        Route("/port", ports, methods=["GET"]),
        Route("/port/{port}/in-use", port_in_use, methods=["GET"]),
    ]
