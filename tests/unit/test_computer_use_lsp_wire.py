"""What `sandbox.computer_use` and the LSP server handle put on the wire (method, path, query, body).

Every call is sent through an `httpx.MockTransport` that records the request and answers with a
minimal valid body; no network is used.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from facade._config import DaytonaConfig, resolve_config
from facade._errors import DaytonaError, DaytonaNotFoundError
from facade._toolbox import (
    AsyncComputerUse,
    AsyncLspServer,
    LspCompletionPosition,
    LspLanguageId,
    ScreenshotOptions,
    ScreenshotRegion,
)
from tests._ctx import ApiContext, ToolboxContext

TB = "/toolbox/sb-1"
RECORDING = {"id": "r1", "fileName": "a.mp4", "filePath": "/tmp/a.mp4", "startTime": "t", "status": "recording"}


def names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


class Recorder:
    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.responder: Callable[[httpx.Request], httpx.Response] = self.default

    @staticmethod
    def default(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.endswith("/download"):
            return httpx.Response(200, content=b"\x00\x01" * 100_000)
        if path.endswith("/recordings/start"):
            return httpx.Response(201, json=RECORDING)
        if path.endswith("/recordings") and request.method == "GET":
            return httpx.Response(200, json={"recordings": [RECORDING]})
        if "/recordings" in path and request.method == "DELETE":
            return httpx.Response(204)
        if "/recordings" in path:
            return httpx.Response(200, json=RECORDING)
        if path.endswith(("/document-symbols", "/workspacesymbols")):
            return httpx.Response(200, json=[])
        if path.endswith("/lsp/completions"):
            return httpx.Response(200, json={"isIncomplete": False, "items": [{"label": "x"}]})
        if "/lsp/" in path:
            return httpx.Response(200)
        if path.endswith("/mouse/scroll"):
            return httpx.Response(200, json={"success": True})
        return httpx.Response(200, json={})

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.responder(request)

    def last(self) -> tuple[str, str, dict[str, str], Any]:
        request = self.requests[-1]
        body = json.loads(request.content) if request.content else None
        return request.method, request.url.path, dict(request.url.params), body


@pytest.fixture
async def wire() -> AsyncIterator[tuple[Recorder, ToolboxContext]]:
    recorder = Recorder()
    api = ApiContext(
        resolve_config(DaytonaConfig(api_key="test-key", api_url="http://api.test")),
        transport=httpx.MockTransport(recorder),
    )
    try:
        yield recorder, api.toolbox("http://proxy.test/toolbox", "sb-1")
    finally:
        await api.aclose()


async def test_computer_use_lifecycle_and_process_calls_hit_the_documented_paths(
    wire: tuple[Recorder, ToolboxContext],
) -> None:
    rec, ctx = wire
    cu = AsyncComputerUse(ctx)
    await cu.start()
    assert rec.last()[:2] == ("POST", f"{TB}/computeruse/start")
    await cu.stop()
    assert rec.last()[:2] == ("POST", f"{TB}/computeruse/stop")
    await cu.get_status()
    assert rec.last()[:2] == ("GET", f"{TB}/computeruse/process-status")
    await cu.get_process_status("x vfb/1")
    assert rec.requests[-1].url.raw_path == f"{TB}/computeruse/process/x%20vfb%2F1/status".encode()
    await cu.restart_process("xvfb")
    assert rec.last()[:2] == ("POST", f"{TB}/computeruse/process/xvfb/restart")
    await cu.get_process_logs("xvfb")
    assert rec.last()[:2] == ("GET", f"{TB}/computeruse/process/xvfb/logs")
    await cu.get_process_errors("xvfb")
    assert rec.last()[:2] == ("GET", f"{TB}/computeruse/process/xvfb/errors")


async def test_mouse_and_keyboard_bodies_use_the_camel_case_wire_names(wire: tuple[Recorder, ToolboxContext]) -> None:
    rec, ctx = wire
    cu = AsyncComputerUse(ctx)
    await cu.mouse.get_position()
    assert rec.last() == ("GET", f"{TB}/computeruse/mouse/position", {}, None)
    await cu.mouse.move(1, 2)
    assert rec.last() == ("POST", f"{TB}/computeruse/mouse/move", {}, {"x": 1, "y": 2})
    await cu.mouse.click(3, 4)
    assert rec.last()[3] == {"x": 3, "y": 4, "button": "left", "double": False}
    await cu.mouse.drag(1, 2, 3, 4, "right")
    assert rec.last()[3] == {"startX": 1, "startY": 2, "endX": 3, "endY": 4, "button": "right"}
    assert await cu.mouse.scroll(5, 6, "down", 3) is True
    assert rec.last()[3] == {"x": 5, "y": 6, "direction": "down", "amount": 3}
    rec.responder = lambda r: httpx.Response(200, json={"success": False})
    assert await cu.mouse.scroll(5, 6, "up") is False
    rec.responder = rec.default

    await cu.keyboard.type("hi")
    assert rec.last() == ("POST", f"{TB}/computeruse/keyboard/type", {}, {"text": "hi"})
    await cu.keyboard.type("hi", delay=5)
    assert rec.last()[3] == {"text": "hi", "delay": 5}
    await cu.keyboard.press("a")
    assert rec.last() == ("POST", f"{TB}/computeruse/keyboard/key", {}, {"key": "a", "modifiers": []})
    modifiers = ["ctrl", "shift"]
    await cu.keyboard.press("t", modifiers)
    assert rec.last()[3] == {"key": "t", "modifiers": ["ctrl", "shift"]}
    assert modifiers == ["ctrl", "shift"]
    await cu.keyboard.hotkey("ctrl+c")
    assert rec.last() == ("POST", f"{TB}/computeruse/keyboard/hotkey", {}, {"keys": "ctrl+c"})


async def test_screenshot_queries_send_show_cursor_and_rename_fmt_to_format(
    wire: tuple[Recorder, ToolboxContext],
) -> None:
    rec, ctx = wire
    shots = AsyncComputerUse(ctx).screenshot
    await shots.take_full_screen()
    assert rec.last()[:3] == ("GET", f"{TB}/computeruse/screenshot", {"showCursor": "false"})
    await shots.take_region(ScreenshotRegion(1, 2, 3, 4), show_cursor=True)
    assert rec.last()[:3] == (
        "GET",
        f"{TB}/computeruse/screenshot/region",
        {"x": "1", "y": "2", "width": "3", "height": "4", "showCursor": "true"},
    )
    await shots.take_compressed()
    assert rec.last()[:3] == ("GET", f"{TB}/computeruse/screenshot/compressed", {})
    await shots.take_compressed(ScreenshotOptions(show_cursor=True, fmt="jpeg", quality=50, scale=0.5))
    assert rec.last()[2] == {"showCursor": "true", "format": "jpeg", "quality": "50", "scale": "0.5"}
    await shots.take_compressed_region(ScreenshotRegion(0, 0, 10, 10), ScreenshotOptions(fmt="png"))
    assert rec.last()[:3] == (
        "GET",
        f"{TB}/computeruse/screenshot/region/compressed",
        {"x": "0", "y": "0", "width": "10", "height": "10", "format": "png"},
    )


async def test_display_recording_and_accessibility_calls(wire: tuple[Recorder, ToolboxContext], tmp_path: Path) -> None:
    rec, ctx = wire
    cu = AsyncComputerUse(ctx)
    await cu.display.get_info()
    assert rec.last()[:2] == ("GET", f"{TB}/computeruse/display/info")
    await cu.display.get_windows()
    assert rec.last()[:2] == ("GET", f"{TB}/computeruse/display/windows")

    assert (await cu.recording.start()).id == "r1"
    assert rec.last()[:2] == ("POST", f"{TB}/computeruse/recordings/start")
    await cu.recording.start("demo")
    assert rec.last()[3] == {"label": "demo"}
    await cu.recording.stop("r1")
    assert rec.last() == ("POST", f"{TB}/computeruse/recordings/stop", {}, {"id": "r1"})
    assert [r.id for r in (await cu.recording.list()).recordings] == ["r1"]
    assert rec.last()[:2] == ("GET", f"{TB}/computeruse/recordings")
    await cu.recording.get("r1")
    assert rec.last()[:2] == ("GET", f"{TB}/computeruse/recordings/r1")
    assert await cu.recording.delete("r1") is None
    assert rec.last()[:2] == ("DELETE", f"{TB}/computeruse/recordings/r1")
    target = tmp_path / "a" / "b" / "video.mp4"
    await cu.recording.download("r1", str(target))
    assert rec.last()[:2] == ("GET", f"{TB}/computeruse/recordings/r1/download")
    assert target.read_bytes() == b"\x00\x01" * 100_000
    assert names(target.parent) == ["video.mp4"]

    a11y = cu.accessibility
    await a11y.get_tree()
    assert rec.last()[:3] == ("GET", f"{TB}/computeruse/a11y/tree", {})
    await a11y.get_tree("pid", 12, 3)
    assert rec.last()[2] == {"scope": "pid", "pid": "12", "maxDepth": "3"}
    states = ["focused"]
    await a11y.find_nodes(role="push button", name="OK", name_match="exact", states=states, limit=5)
    assert rec.last() == (
        "POST",
        f"{TB}/computeruse/a11y/find",
        {},
        {"role": "push button", "name": "OK", "nameMatch": "exact", "states": ["focused"], "limit": 5},
    )
    await a11y.find_nodes()
    assert rec.last()[3] == {}
    await a11y.focus_node("n1")
    assert rec.last() == ("POST", f"{TB}/computeruse/a11y/node/focus", {}, {"id": "n1"})
    await a11y.invoke_node("n1")
    assert rec.last() == ("POST", f"{TB}/computeruse/a11y/node/invoke", {}, {"id": "n1"})
    await a11y.invoke_node("n1", "press")
    assert rec.last()[3] == {"id": "n1", "action": "press"}
    await a11y.set_node_value("n1", "")
    assert rec.last() == ("POST", f"{TB}/computeruse/a11y/node/value", {}, {"id": "n1", "value": ""})


async def test_download_failure_leaves_no_partial_file_and_keeps_the_old_one(
    wire: tuple[Recorder, ToolboxContext], tmp_path: Path
) -> None:
    rec, ctx = wire
    target = tmp_path / "video.mp4"
    target.write_bytes(b"old")
    rec.responder = lambda r: httpx.Response(404, json={"message": "recording not found"})
    with pytest.raises(DaytonaNotFoundError, match="Failed to download recording: recording not found"):
        await AsyncComputerUse(ctx).recording.download("nope", target)
    assert target.read_bytes() == b"old"
    assert names(tmp_path) == ["video.mp4"]


async def test_error_status_maps_to_typed_error_with_prefix(wire: tuple[Recorder, ToolboxContext]) -> None:
    rec, ctx = wire
    rec.responder = lambda r: httpx.Response(404, json={"message": "no such process"})
    with pytest.raises(DaytonaNotFoundError, match=r"^Failed to get process status: no such process$"):
        await AsyncComputerUse(ctx).get_process_status("nope")
    rec.responder = lambda r: httpx.Response(200, json=[1, 2])
    with pytest.raises(DaytonaError, match="Failed to start recording"):
        await AsyncComputerUse(ctx).recording.start()


async def test_lsp_requests_carry_language_project_and_file_uris(wire: tuple[Recorder, ToolboxContext]) -> None:
    rec, ctx = wire
    lsp = AsyncLspServer(ctx, "python", "/home/daytona/proj")
    assert lsp.language_id is LspLanguageId.PYTHON
    server = {"languageId": "python", "pathToProject": "/home/daytona/proj"}
    await lsp.start()
    assert rec.last() == ("POST", f"{TB}/lsp/start", {}, server)
    await lsp.did_open("/home/daytona/proj/main.py")
    assert rec.last() == ("POST", f"{TB}/lsp/did-open", {}, {**server, "uri": "file:///home/daytona/proj/main.py"})
    await lsp.did_open("pkg/mod.py")
    assert rec.last()[3]["uri"] == "file://pkg/mod.py"  # relative: sent as the official SDK sends it
    await lsp.did_close("/home/daytona/proj/main.py")
    assert rec.last() == ("POST", f"{TB}/lsp/did-close", {}, {**server, "uri": "file:///home/daytona/proj/main.py"})
    assert await lsp.document_symbols("/x.py") == []
    assert rec.last()[:3] == ("GET", f"{TB}/lsp/document-symbols", {**server, "uri": "file:///x.py"})
    assert await lsp.sandbox_symbols("Foo") == []
    assert rec.last()[:3] == ("GET", f"{TB}/lsp/workspacesymbols", {"query": "Foo", **server})
    with pytest.warns(DeprecationWarning, match="sandbox_symbols"):
        await lsp.workspace_symbols("Bar")
    assert rec.last()[2]["query"] == "Bar"
    result = await lsp.completions("/x.py", LspCompletionPosition(line=3, character=7))
    assert [item.label for item in result.items] == ["x"]
    assert rec.last() == (
        "POST",
        f"{TB}/lsp/completions",
        {},
        {**server, "uri": "file:///x.py", "position": {"line": 3, "character": 7}},
    )
    await lsp.stop()
    assert rec.last() == ("POST", f"{TB}/lsp/stop", {}, server)
