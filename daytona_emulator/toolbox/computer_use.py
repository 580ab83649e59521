"""`/computeruse/*`: the daemon's computer-use handlers over the simulated desktop (see desktop.py).

Upstream: ``apps/daemon/pkg/toolbox/computeruse`` (handler.go, interface.go, accessibility.go, lazy.go,
recording/*) and the plugin ``libs/computer-use``. Every route but the recordings first passes the lazy
plugin check (503 while the plugin is not loaded). Errors are the handlers' own JSON bodies (``{"error": ...}``
and friends), not the toolbox's error format.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route

from daytona_emulator.toolbox import accessibility as a11y
from daytona_emulator.toolbox.common import workspace_of
from daytona_emulator.toolbox.desktop import Desktop, PluginError
from daytona_emulator.toolbox.go_json import (
    GoJsonError,
    GoStruct,
    decode_struct,
    go_quote,
    parse_go_bool,
    parse_go_float,
    parse_go_int,
)
from daytona_emulator.toolbox.input_rules import (
    InputRejected,
    normalize_button,
    normalize_hotkey,
    normalize_press,
    normalize_scroll,
    typing_actions,
)
from daytona_emulator.toolbox.recordings import InvalidLabel, RecordingNotFound, RecordingStillActive

_MOVE = GoStruct("computeruse.MouseMoveRequest", {"x": "int", "y": "int"})
_CLICK = GoStruct("computeruse.MouseClickRequest", {"x": "int", "y": "int", "button": "string", "double": "bool"})
_DRAG = GoStruct(
    "computeruse.MouseDragRequest",
    {"startX": "int", "startY": "int", "endX": "int", "endY": "int", "button": "string"},
)
_SCROLL = GoStruct("computeruse.MouseScrollRequest", {"x": "int", "y": "int", "direction": "string", "amount": "int"})
_TYPE = GoStruct("computeruse.KeyboardTypeRequest", {"text": "string", "delay": "int"})
_PRESS = GoStruct("computeruse.KeyboardPressRequest", {"key": "string", "modifiers": "[]string"})
_HOTKEY = GoStruct("computeruse.KeyboardHotkeyRequest", {"keys": "string"})
_FIND = GoStruct(
    "computeruse.FindAccessibilityNodesRequest",
    {
        "scope": "string",
        "pid": "int",
        "role": "string",
        "name": "string",
        "nameMatch": "string",
        "states": "[]string",
        "limit": "int",
    },
)
_NODE = GoStruct("computeruse.AccessibilityNodeRequest", {"id": "string"})
_INVOKE = GoStruct("computeruse.AccessibilityInvokeRequest", {"id": "string", "action": "string"})
_SET_VALUE = GoStruct("computeruse.AccessibilitySetValueRequest", {"id": "string", "value": "string"})
_START_RECORDING = GoStruct("recording.StartRecordingRequest", {"label": "any"})
_STOP_RECORDING = GoStruct("recording.StopRecordingRequest", {"id": "string"})

NOT_AVAILABLE = {
    "details": "The computer-use plugin is still loading or failed to initialize.",
    "message": "Computer-use functionality is not available",
    "solution": "Retry shortly. If the problem persists, check the daemon logs for specific error details.",
}


def _json(body: Any, status: int = 200) -> Response:
    return JSONResponse(body, status_code=status)


def _error(message: str, status: int = 400) -> Response:
    return _json({"error": message}, status)


class _Answer(Exception):
    """Stop handling and send this answer."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status_code)
        self.response = response


def _plugin_loaded(request: Request) -> bool:
    settings = getattr(request.app.state.emulator, "settings", None)
    return bool(getattr(settings, "computer_use_plugin", True))


def plugin_route(handler: Any) -> Any:
    """LazyCheckMiddleware around a computer-use handler: 503 until the plugin is loaded."""

    async def endpoint(request: Request) -> Response:
        desktop = (await workspace_of(request)).desktop
        if not _plugin_loaded(request):
            return _json(NOT_AVAILABLE, 503)
        try:
            response: Response = await handler(request, desktop)
        except _Answer as answer:
            return answer.response
        return response

    endpoint.__name__ = handler.__name__
    return endpoint


async def _bind(request: Request, struct: GoStruct, invalid: str) -> dict[str, Any]:
    try:
        return decode_struct(await request.body(), struct)
    except GoJsonError as exc:
        raise _Answer(_error(invalid)) from exc


def _plugin_call(call: Any, *args: Any) -> Any:
    """A plugin method: its errors become ``400 {"error": message}``."""
    try:
        return call(*args)
    except (PluginError, InputRejected) as exc:
        raise _Answer(_error(exc.message)) from exc


def _position(position: tuple[int, int]) -> Response:
    return _json({"x": position[0], "y": position[1]})


# --- processes ----------------------------------------------------------------------------------------------
async def status(request: Request, desktop: Desktop) -> Response:
    return _json({"status": desktop.status()})


async def start(request: Request, desktop: Desktop) -> Response:
    desktop.start()
    return _json({"message": "Computer use processes started successfully", "status": desktop.process_status()})


async def stop(request: Request, desktop: Desktop) -> Response:
    desktop.stop()
    return _json({"message": "Computer use processes stopped successfully", "status": desktop.process_status()})


async def process_status(request: Request, desktop: Desktop) -> Response:
    name = request.path_params["processName"]
    try:
        running = desktop.is_running(name)
    except PluginError as exc:
        return _json({"details": exc.message, "error": "Failed to get process status"}, 503)
    return _json({"processName": name, "running": running})


async def process_restart(request: Request, desktop: Desktop) -> Response:
    name = request.path_params["processName"]
    _plugin_call(desktop.restart, name)
    return _json({"message": f"Process {name} restarted successfully", "processName": name})


async def process_logs(request: Request, desktop: Desktop) -> Response:
    name = request.path_params["processName"]
    return _json({"logs": _plugin_call(desktop.logs, name), "processName": name})


async def process_errors(request: Request, desktop: Desktop) -> Response:
    name = request.path_params["processName"]
    return _json({"errors": _plugin_call(desktop.errors, name), "processName": name})


# --- mouse and keyboard -------------------------------------------------------------------------------------
async def mouse_position(request: Request, desktop: Desktop) -> Response:
    return _position(_plugin_call(desktop.position))


async def mouse_move(request: Request, desktop: Desktop) -> Response:
    body = await _bind(request, _MOVE, "Invalid coordinates")
    return _position(_plugin_call(desktop.move, body["x"], body["y"]))


async def mouse_click(request: Request, desktop: Desktop) -> Response:
    body = await _bind(request, _CLICK, "Invalid click parameters")
    button = _plugin_call(normalize_button, body["button"])
    return _position(_plugin_call(desktop.click, body["x"], body["y"], button, body["double"]))


async def mouse_drag(request: Request, desktop: Desktop) -> Response:
    body = await _bind(request, _DRAG, "Invalid drag parameters")
    button = _plugin_call(normalize_button, body["button"])
    start_at, end_at = (body["startX"], body["startY"]), (body["endX"], body["endY"])
    return _position(_plugin_call(desktop.drag, start_at, end_at, button))


async def mouse_scroll(request: Request, desktop: Desktop) -> Response:
    body = await _bind(request, _SCROLL, "Invalid scroll parameters")
    direction, amount = _plugin_call(normalize_scroll, body["direction"], body["amount"])
    _plugin_call(desktop.scroll, body["x"], body["y"], direction, amount)
    return _json({"success": True})


async def keyboard_type(request: Request, desktop: Desktop) -> Response:
    body = await _bind(request, _TYPE, "Invalid input")
    _plugin_call(desktop.type_actions, _plugin_call(typing_actions, body["text"]))
    return _json({})


async def keyboard_key(request: Request, desktop: Desktop) -> Response:
    body = await _bind(request, _PRESS, "Invalid key")
    chord = _plugin_call(normalize_press, body["key"], body["modifiers"] or [])
    _plugin_call(desktop.tap, chord.key, chord.modifiers)
    return _json({})


async def keyboard_hotkey(request: Request, desktop: Desktop) -> Response:
    body = await _bind(request, _HOTKEY, "Invalid hotkey")
    chord = _plugin_call(normalize_hotkey, body["keys"])
    _plugin_call(desktop.tap, chord.key, chord.modifiers)
    return _json({})


# --- screenshots and display --------------------------------------------------------------------------------
def _required_int(request: Request, key: str, positive: bool = False) -> int:
    if key not in request.query_params:
        raise _Answer(_error(f"missing required query parameter: {key}"))
    value = parse_go_int(request.query_params[key])
    if value is None:
        raise _Answer(_error(f"invalid query parameter {key}: must be an integer"))
    if positive and value <= 0:
        raise _Answer(_error(f"invalid query parameter {key}: must be greater than zero"))
    return value


def _show_cursor(request: Request) -> bool:
    for key in ("show_cursor", "showCursor"):
        if key in request.query_params:
            value = parse_go_bool(request.query_params[key])
            if value is None:
                raise _Answer(_error(f"invalid query parameter {key}: must be a boolean"))
            return value
    return False


def _region(request: Request) -> tuple[int, int, int, int]:
    x, y = _required_int(request, "x"), _required_int(request, "y")
    return x, y, _required_int(request, "width", positive=True), _required_int(request, "height", positive=True)


def _compression(request: Request) -> tuple[str, int, float]:
    quality = 85
    if "quality" in request.query_params:
        parsed = parse_go_int(request.query_params["quality"])
        if parsed is None:
            raise _Answer(_error("invalid query parameter quality: must be an integer"))
        if not 1 <= parsed <= 100:
            raise _Answer(_error("invalid query parameter quality: must be between 1 and 100"))
        quality = parsed
    scale = 1.0
    if "scale" in request.query_params:
        parsed_scale = parse_go_float(request.query_params["scale"])
        if parsed_scale is None:
            raise _Answer(_error("invalid query parameter scale: must be a number"))
        if parsed_scale < 0.1 or parsed_scale > 1.0:
            raise _Answer(_error("invalid query parameter scale: must be between 0.1 and 1.0"))
        scale = parsed_scale
    return request.query_params.get("format", "png"), quality, scale


async def screenshot(request: Request, desktop: Desktop) -> Response:
    show_cursor = _show_cursor(request)
    return _json(await asyncio.to_thread(_plugin_call, desktop.screenshot, show_cursor))


async def screenshot_region(request: Request, desktop: Desktop) -> Response:
    region = _region(request)
    show_cursor = _show_cursor(request)
    return _json(await asyncio.to_thread(_plugin_call, desktop.screenshot, show_cursor, region))


async def screenshot_compressed(request: Request, desktop: Desktop) -> Response:
    show_cursor = _show_cursor(request)
    fmt, quality, scale = _compression(request)
    shot = await asyncio.to_thread(_plugin_call, desktop.compressed_screenshot, show_cursor, fmt, quality, scale)
    return _json(shot)


async def screenshot_region_compressed(request: Request, desktop: Desktop) -> Response:
    region = _region(request)
    show_cursor = _show_cursor(request)
    fmt, quality, scale = _compression(request)
    shot = await asyncio.to_thread(
        _plugin_call, desktop.compressed_screenshot, show_cursor, fmt, quality, scale, region
    )
    return _json(shot)


async def display_info(request: Request, desktop: Desktop) -> Response:
    return _json(desktop.display_info())


async def windows(request: Request, desktop: Desktop) -> Response:
    return _json(_plugin_call(desktop.window_list))


# --- accessibility --------------------------------------------------------------------------------------------
def _a11y_invalid(message: str) -> _Answer:
    return _Answer(_json({"code": "A11Y_INVALID_REQUEST", "error": message}, 400))


def _a11y_call(call: Any, *args: Any) -> Any:
    try:
        return call(*args)
    except a11y.A11yError as exc:
        status_code, code = a11y.status_for(exc.message)
        raise _Answer(_json({"code": code, "error": exc.message}, status_code)) from exc


def _form_int(request: Request, key: str) -> int:
    """gin's form binding of an int field: absent or empty is 0, otherwise strconv.ParseInt."""
    raw = request.query_params.get(key, "")
    if raw == "":
        return 0
    value = parse_go_int(raw)
    if value is None:
        reason = "value out of range" if re.fullmatch(r"[+-]?[0-9]+", raw) else "invalid syntax"
        raise _a11y_invalid(f"strconv.ParseInt: parsing {go_quote(raw)}: {reason}")
    return value


async def a11y_tree(request: Request, desktop: Desktop) -> Response:
    scope = request.query_params.get("scope", "")
    pid = _form_int(request, "pid")
    max_depth = _form_int(request, "maxDepth")
    if request.query_params.get("maxDepth", "") == "":
        max_depth = -1
    return _json(_a11y_call(desktop.accessibility.tree, scope or "focused", pid, max_depth))


async def _a11y_bind(request: Request, struct: GoStruct) -> dict[str, Any]:
    try:
        return decode_struct(await request.body(), struct)
    except GoJsonError as exc:
        raise _a11y_invalid(exc.message) from exc


async def a11y_find(request: Request, desktop: Desktop) -> Response:
    body = await _a11y_bind(request, _FIND)
    return _json(_a11y_call(desktop.accessibility.find, body))


async def a11y_focus(request: Request, desktop: Desktop) -> Response:
    body = await _a11y_bind(request, _NODE)
    _a11y_call(desktop.accessibility.focus, body["id"])
    return _json({})


async def a11y_invoke(request: Request, desktop: Desktop) -> Response:
    body = await _a11y_bind(request, _INVOKE)
    _a11y_call(desktop.accessibility.invoke, body["id"], body["action"])
    return _json({})


async def a11y_value(request: Request, desktop: Desktop) -> Response:
    body = await _a11y_bind(request, _SET_VALUE)
    _a11y_call(desktop.accessibility.set_value, body["id"], body["value"])
    return _json({})


# --- recordings (no plugin check) -------------------------------------------------------------------------------
async def _desktop(request: Request) -> Desktop:
    return (await workspace_of(request)).desktop


async def list_recordings(request: Request) -> Response:
    desktop = await _desktop(request)
    recordings = await asyncio.to_thread(desktop.recordings.list)
    return _json({"recordings": [recording.to_json() for recording in recordings]})


async def start_recording(request: Request) -> Response:
    desktop = await _desktop(request)
    try:
        label = decode_struct(await request.body(), _START_RECORDING)["label"]
    except GoJsonError:
        label = None  # "Allow empty body - label is optional": any binding error means no label
    if not isinstance(label, str):
        label = None
    try:
        recording = await asyncio.to_thread(desktop.recordings.start, label)
    except InvalidLabel as exc:
        return _json({"error": "invalid_label", "message": str(exc)}, 400)
    return _json(recording.to_json(), 201)


async def stop_recording(request: Request) -> Response:
    desktop = await _desktop(request)
    try:
        recording_id = decode_struct(await request.body(), _STOP_RECORDING)["id"]
    except GoJsonError:
        recording_id = ""
    if recording_id == "":
        return _error("invalid request: id is required")
    try:
        recording = await asyncio.to_thread(desktop.recordings.stop, recording_id)
    except RecordingNotFound:
        return _error("recording not found", 404)
    return _json(recording.to_json())


async def get_recording(request: Request) -> Response:
    desktop = await _desktop(request)
    try:
        recording = await asyncio.to_thread(desktop.recordings.get, request.path_params["id"])
    except RecordingNotFound:
        return _error("recording not found", 404)
    return _json(recording.to_json())


async def delete_recording(request: Request) -> Response:
    desktop = await _desktop(request)
    try:
        await asyncio.to_thread(desktop.recordings.delete, request.path_params["id"])
    except RecordingStillActive:
        return _error("cannot delete an active recording, stop it first")
    except RecordingNotFound:
        return _error("recording not found", 404)
    return Response(status_code=204)


async def download_recording(request: Request) -> Response:
    desktop = await _desktop(request)
    try:
        recording = await asyncio.to_thread(desktop.recordings.get, request.path_params["id"])
    except RecordingNotFound:
        return _error("recording not found", 404)
    path = desktop.recordings.host_path(recording)
    if not path.exists():
        return _error("file not found", 404)
    return FileResponse(path, media_type="video/mp4")


def routes() -> list[BaseRoute]:
    plugin_routes = [
        ("/computeruse/a11y/find", a11y_find, "POST"),
        ("/computeruse/a11y/node/focus", a11y_focus, "POST"),
        ("/computeruse/a11y/node/invoke", a11y_invoke, "POST"),
        ("/computeruse/a11y/node/value", a11y_value, "POST"),
        ("/computeruse/a11y/tree", a11y_tree, "GET"),
        ("/computeruse/display/info", display_info, "GET"),
        ("/computeruse/display/windows", windows, "GET"),
        ("/computeruse/keyboard/hotkey", keyboard_hotkey, "POST"),
        ("/computeruse/keyboard/key", keyboard_key, "POST"),
        ("/computeruse/keyboard/type", keyboard_type, "POST"),
        ("/computeruse/mouse/click", mouse_click, "POST"),
        ("/computeruse/mouse/drag", mouse_drag, "POST"),
        ("/computeruse/mouse/move", mouse_move, "POST"),
        ("/computeruse/mouse/position", mouse_position, "GET"),
        ("/computeruse/mouse/scroll", mouse_scroll, "POST"),
        ("/computeruse/process-status", status, "GET"),
        ("/computeruse/process/{processName}/errors", process_errors, "GET"),
        ("/computeruse/process/{processName}/logs", process_logs, "GET"),
        ("/computeruse/process/{processName}/restart", process_restart, "POST"),
        ("/computeruse/process/{processName}/status", process_status, "GET"),
        ("/computeruse/screenshot", screenshot, "GET"),
        ("/computeruse/screenshot/compressed", screenshot_compressed, "GET"),
        ("/computeruse/screenshot/region", screenshot_region, "GET"),
        ("/computeruse/screenshot/region/compressed", screenshot_region_compressed, "GET"),
        ("/computeruse/start", start, "POST"),
        ("/computeruse/status", status, "GET"),
        ("/computeruse/stop", stop, "POST"),
    ]
    return [
        *(Route(path, plugin_route(handler), methods=[method]) for path, handler, method in plugin_routes),
        Route("/computeruse/recordings", list_recordings, methods=["GET"]),
        Route("/computeruse/recordings/start", start_recording, methods=["POST"]),
        Route("/computeruse/recordings/stop", stop_recording, methods=["POST"]),
        Route("/computeruse/recordings/{id}", get_recording, methods=["GET"]),
        Route("/computeruse/recordings/{id}", delete_recording, methods=["DELETE"]),
        Route("/computeruse/recordings/{id}/download", download_recording, methods=["GET"]),
    ]
