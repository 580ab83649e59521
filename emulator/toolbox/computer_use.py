"""`/computeruse/*`: the simulated desktop (see desktop.py)."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route

from emulator.errors import bad_request
from emulator.toolbox.common import json_body, optional, parse_int, query_bool, required, workspace_of
from emulator.toolbox.desktop import Desktop


async def _desktop(request: Request) -> Desktop:
    return (await workspace_of(request)).desktop


def _query_int(request: Request, name: str, default: int | None = None) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        if default is None:
            raise bad_request(f"{name} is required")
        return default
    return parse_int(raw, name)


def _query_float(request: Request, name: str, default: float) -> float:
    raw = request.query_params.get(name)
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise bad_request(f"{name} must be a number") from exc


def _position(position: tuple[int, int]) -> Response:
    return JSONResponse({"x": position[0], "y": position[1]})


# --- processes --------------------------------------------------------------------------------------
async def start(request: Request) -> Response:
    return JSONResponse((await _desktop(request)).start())


async def stop(request: Request) -> Response:
    return JSONResponse((await _desktop(request)).stop())


async def status(request: Request) -> Response:
    return JSONResponse({"status": (await _desktop(request)).status()})


async def process_status(request: Request) -> Response:
    desktop = await _desktop(request)
    name = desktop.require_process(request.path_params["processName"])
    return JSONResponse({"processName": name, "running": desktop.running})


async def process_restart(request: Request) -> Response:
    desktop = await _desktop(request)
    return JSONResponse(desktop.restart(request.path_params["processName"]))


async def process_logs(request: Request) -> Response:
    desktop = await _desktop(request)
    name = desktop.require_process(request.path_params["processName"])
    return JSONResponse({"processName": name, "logs": "\n".join(desktop.logs[name])})


async def process_errors(request: Request) -> Response:
    desktop = await _desktop(request)
    name = desktop.require_process(request.path_params["processName"])
    return JSONResponse({"processName": name, "errors": ""})


# --- mouse and keyboard -----------------------------------------------------------------------------
async def mouse_position(request: Request) -> Response:
    return _position((await _desktop(request)).mouse)


async def mouse_move(request: Request) -> Response:
    desktop = await _desktop(request)
    body = await json_body(request)
    return _position(desktop.move(optional(body, "x", int, 0) or 0, optional(body, "y", int, 0) or 0))


async def mouse_click(request: Request) -> Response:
    desktop = await _desktop(request)
    body = await json_body(request)
    position = desktop.click(
        optional(body, "x", int, 0) or 0,
        optional(body, "y", int, 0) or 0,
        optional(body, "button", str, "left") or "left",
        bool(optional(body, "double", bool, False)),
    )
    return _position(position)


async def mouse_drag(request: Request) -> Response:
    desktop = await _desktop(request)
    body = await json_body(request)
    start_at = (optional(body, "startX", int, 0) or 0, optional(body, "startY", int, 0) or 0)
    end_at = (optional(body, "endX", int, 0) or 0, optional(body, "endY", int, 0) or 0)
    return _position(desktop.drag(start_at, end_at, optional(body, "button", str, "left") or "left"))


async def mouse_scroll(request: Request) -> Response:
    desktop = await _desktop(request)
    body = await json_body(request)
    desktop.scroll(
        optional(body, "x", int, 0) or 0,
        optional(body, "y", int, 0) or 0,
        required(body, "direction", str),
        optional(body, "amount", int, 1) or 0,
    )
    return JSONResponse({"success": True})


async def keyboard_type(request: Request) -> Response:
    desktop = await _desktop(request)
    body = await json_body(request)
    desktop.type_text(required(body, "text", str))
    return JSONResponse({})


async def keyboard_key(request: Request) -> Response:
    desktop = await _desktop(request)
    body = await json_body(request)
    modifiers = body.get("modifiers") or []
    if not isinstance(modifiers, list) or not all(isinstance(item, str) for item in modifiers):
        raise bad_request("modifiers must be a list of strings")
    desktop.press(required(body, "key", str), modifiers)
    return JSONResponse({})


async def keyboard_hotkey(request: Request) -> Response:
    desktop = await _desktop(request)
    body = await json_body(request)
    desktop.hotkey(required(body, "keys", str))
    return JSONResponse({})


# --- screen -----------------------------------------------------------------------------------------
def _region(request: Request) -> tuple[int, int, int, int]:
    return (
        _query_int(request, "x"),
        _query_int(request, "y"),
        _query_int(request, "width"),
        _query_int(request, "height"),
    )


async def _screenshot(request: Request, region: bool, compressed: bool) -> Response:
    desktop = await _desktop(request)
    show_cursor = query_bool(request, "showCursor")
    area = _region(request) if region else None
    if compressed:
        fmt = request.query_params.get("format") or "png"
        quality = _query_int(request, "quality", 85)
        scale = _query_float(request, "scale", 1.0)
        shot = await asyncio.to_thread(desktop.screenshot, show_cursor, area, fmt, quality, scale)
    else:
        shot = await asyncio.to_thread(desktop.screenshot, show_cursor, area)
    return JSONResponse(shot)


async def screenshot(request: Request) -> Response:
    return await _screenshot(request, region=False, compressed=False)


async def screenshot_region(request: Request) -> Response:
    return await _screenshot(request, region=True, compressed=False)


async def screenshot_compressed(request: Request) -> Response:
    return await _screenshot(request, region=False, compressed=True)


async def screenshot_region_compressed(request: Request) -> Response:
    return await _screenshot(request, region=True, compressed=True)


async def display_info(request: Request) -> Response:
    return JSONResponse((await _desktop(request)).display_info())


async def windows(request: Request) -> Response:
    return JSONResponse((await _desktop(request)).window_list())


# --- recordings -------------------------------------------------------------------------------------
async def list_recordings(request: Request) -> Response:
    desktop = await _desktop(request)
    return JSONResponse({"recordings": [recording.to_json() for recording in desktop.recordings.values()]})


async def start_recording(request: Request) -> Response:
    desktop = await _desktop(request)
    body = await json_body(request)
    recording = await asyncio.to_thread(desktop.start_recording, optional(body, "label", str))
    return JSONResponse(recording.to_json(), status_code=201)


async def stop_recording(request: Request) -> Response:
    desktop = await _desktop(request)
    body = await json_body(request)
    recording = await asyncio.to_thread(desktop.stop_recording, required(body, "id", str))
    return JSONResponse(recording.to_json())


async def get_recording(request: Request) -> Response:
    desktop = await _desktop(request)
    return JSONResponse(desktop.recording(request.path_params["id"]).to_json())


async def delete_recording(request: Request) -> Response:
    desktop = await _desktop(request)
    desktop.delete_recording(request.path_params["id"])
    return Response(status_code=204)


async def download_recording(request: Request) -> Response:
    desktop = await _desktop(request)
    recording = desktop.recording(request.path_params["id"])
    if recording.ended is None or not recording.host_path.exists():
        raise bad_request(f"recording {recording.id} is not finished")
    return FileResponse(recording.host_path, media_type="application/octet-stream", filename=recording.file_name)


# --- accessibility ----------------------------------------------------------------------------------
async def a11y_tree(request: Request) -> Response:
    desktop = await _desktop(request)
    pid = request.query_params.get("pid")
    max_depth = request.query_params.get("maxDepth")
    return JSONResponse(
        desktop.accessibility.tree(
            request.query_params.get("scope"),
            parse_int(pid, "pid") if pid else None,
            parse_int(max_depth, "maxDepth") if max_depth else None,
        )
    )


async def a11y_find(request: Request) -> Response:
    desktop = await _desktop(request)
    return JSONResponse(desktop.accessibility.find(await json_body(request)))


async def a11y_focus(request: Request) -> Response:
    desktop = await _desktop(request)
    desktop.accessibility.focus(required(await json_body(request), "id", str))
    return JSONResponse({})


async def a11y_invoke(request: Request) -> Response:
    desktop = await _desktop(request)
    body = await json_body(request)
    desktop.accessibility.invoke(required(body, "id", str), optional(body, "action", str))
    return JSONResponse({})


async def a11y_value(request: Request) -> Response:
    desktop = await _desktop(request)
    body = await json_body(request)
    desktop.accessibility.set_value(required(body, "id", str), optional(body, "value", str, "") or "")
    return JSONResponse({})


def routes() -> list[BaseRoute]:
    return [
        Route("/computeruse/a11y/find", a11y_find, methods=["POST"]),
        Route("/computeruse/a11y/node/focus", a11y_focus, methods=["POST"]),
        Route("/computeruse/a11y/node/invoke", a11y_invoke, methods=["POST"]),
        Route("/computeruse/a11y/node/value", a11y_value, methods=["POST"]),
        Route("/computeruse/a11y/tree", a11y_tree, methods=["GET"]),
        Route("/computeruse/display/info", display_info, methods=["GET"]),
        Route("/computeruse/display/windows", windows, methods=["GET"]),
        Route("/computeruse/keyboard/hotkey", keyboard_hotkey, methods=["POST"]),
        Route("/computeruse/keyboard/key", keyboard_key, methods=["POST"]),
        Route("/computeruse/keyboard/type", keyboard_type, methods=["POST"]),
        Route("/computeruse/mouse/click", mouse_click, methods=["POST"]),
        Route("/computeruse/mouse/drag", mouse_drag, methods=["POST"]),
        Route("/computeruse/mouse/move", mouse_move, methods=["POST"]),
        Route("/computeruse/mouse/position", mouse_position, methods=["GET"]),
        Route("/computeruse/mouse/scroll", mouse_scroll, methods=["POST"]),
        Route("/computeruse/process-status", status, methods=["GET"]),
        Route("/computeruse/process/{processName}/errors", process_errors, methods=["GET"]),
        Route("/computeruse/process/{processName}/logs", process_logs, methods=["GET"]),
        Route("/computeruse/process/{processName}/restart", process_restart, methods=["POST"]),
        Route("/computeruse/process/{processName}/status", process_status, methods=["GET"]),
        Route("/computeruse/recordings", list_recordings, methods=["GET"]),
        Route("/computeruse/recordings/start", start_recording, methods=["POST"]),
        Route("/computeruse/recordings/stop", stop_recording, methods=["POST"]),
        Route("/computeruse/recordings/{id}", get_recording, methods=["GET"]),
        Route("/computeruse/recordings/{id}", delete_recording, methods=["DELETE"]),
        Route("/computeruse/recordings/{id}/download", download_recording, methods=["GET"]),
        Route("/computeruse/screenshot", screenshot, methods=["GET"]),
        Route("/computeruse/screenshot/compressed", screenshot_compressed, methods=["GET"]),
        Route("/computeruse/screenshot/region", screenshot_region, methods=["GET"]),
        Route("/computeruse/screenshot/region/compressed", screenshot_region_compressed, methods=["GET"]),
        Route("/computeruse/start", start, methods=["POST"]),
        Route("/computeruse/status", status, methods=["GET"]),
        Route("/computeruse/stop", stop, methods=["POST"]),
    ]
