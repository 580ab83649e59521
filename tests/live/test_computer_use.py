"""`sandbox.computer_use` against the in-process emulator (real PNG screenshots, recordings on disk).

The sandbox is created through the emulator's control plane with plain httpx; the facade object
under test is built on a `ToolboxContext` for it. The bad-input tests use a transport that fails
the test if anything is sent.
"""

from __future__ import annotations

import base64
import struct
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from _live_support import started_sandbox
from daytona_openapi.types import Unset

from daytona_emulator.server import RunningEmulator
from facade._errors import DaytonaNotFoundError, DaytonaServerError, DaytonaValidationError
from facade._toolbox import AsyncComputerUse, ScreenshotOptions, ScreenshotRegion
from tests._ctx import ToolboxContext

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's IHDR chunk; fails the test if `data` is not a PNG."""
    assert data[:8] == PNG_SIGNATURE, f"not a PNG: {data[:16]!r}"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def decode(screenshot: Any) -> bytes:
    assert isinstance(screenshot.screenshot, str) and screenshot.screenshot
    return base64.b64decode(screenshot.screenshot, validate=True)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture
async def computer_use(instant_emulator: RunningEmulator) -> AsyncIterator[AsyncComputerUse]:
    async with started_sandbox(instant_emulator) as started:
        yield AsyncComputerUse(started.toolbox)


@pytest.fixture
async def desktop(computer_use: AsyncComputerUse) -> AsyncIterator[AsyncComputerUse]:
    """A sandbox whose desktop is started."""
    await computer_use.start()
    try:
        yield computer_use
    finally:
        await computer_use.stop()


# --------------------------------------------------------------------------- lifecycle and processes


async def test_start_get_status_stop_report_the_desktop_state(computer_use: AsyncComputerUse) -> None:
    started = await computer_use.start()
    assert started.message
    assert (await computer_use.get_status()).status == "active"
    stopped = await computer_use.stop()
    assert stopped.message
    assert (await computer_use.get_status()).status == "inactive"


async def test_process_status_restart_logs_and_errors_of_a_desktop_process(desktop: AsyncComputerUse) -> None:
    status = await desktop.get_process_status("xvfb")
    assert status.process_name == "xvfb"
    assert status.running is True
    restarted = await desktop.restart_process("xvfb")
    assert restarted.process_name == "xvfb"
    assert (await desktop.get_process_status("xvfb")).running is True
    logs = await desktop.get_process_logs("xvfb")
    assert logs.process_name == "xvfb"
    assert isinstance(logs.logs, str)
    errors = await desktop.get_process_errors("xvfb")
    assert errors.process_name == "xvfb"
    assert isinstance(errors.errors, str)


async def test_unknown_process_raises_a_server_error_with_the_action_prefix(desktop: AsyncComputerUse) -> None:
    # The daemon answers an unknown process's status with 503 {"error": "Failed to get process status", ...}.
    with pytest.raises(DaytonaServerError, match=r"^Failed to get process status: "):
        await desktop.get_process_status("no-such-process")


# --------------------------------------------------------------------------- mouse and keyboard


async def test_mouse_move_click_drag_and_scroll_move_the_pointer(desktop: AsyncComputerUse) -> None:
    moved = await desktop.mouse.move(100, 200)
    assert (moved.x, moved.y) == (100, 200)
    position = await desktop.mouse.get_position()
    assert (position.x, position.y) == (100, 200)
    clicked = await desktop.mouse.click(30, 40, button="right", double=True)
    assert (clicked.x, clicked.y) == (30, 40)
    dragged = await desktop.mouse.drag(10, 10, 60, 70)
    assert (dragged.x, dragged.y) == (60, 70)
    position = await desktop.mouse.get_position()
    assert (position.x, position.y) == (60, 70)
    assert await desktop.mouse.scroll(60, 70, "down", amount=3) is True
    assert await desktop.mouse.scroll(60, 70, "up") is True


async def test_keyboard_type_press_and_hotkey_return_none(desktop: AsyncComputerUse) -> None:
    assert await desktop.keyboard.type("hello world") is None
    assert await desktop.keyboard.type("slow", delay=1) is None
    assert await desktop.keyboard.press("Return") is None
    assert await desktop.keyboard.press("a", ["ctrl", "shift"]) is None
    assert await desktop.keyboard.hotkey("ctrl+c") is None


async def test_typed_text_reaches_the_focused_entry(desktop: AsyncComputerUse) -> None:
    entry = (await desktop.accessibility.find_nodes(scope="all", role="entry")).matches
    button = (await desktop.accessibility.find_nodes(scope="all", role="push button")).matches
    assert entry and button and isinstance(entry[0].id, str) and isinstance(button[0].id, str)
    await desktop.accessibility.focus_node(entry[0].id)
    await desktop.keyboard.type("Bob")
    await desktop.accessibility.invoke_node(button[0].id)
    label = await desktop.accessibility.find_nodes(scope="all", role="label")
    assert [n.name for n in label.matches or []] == ["Status: submitted 'Bob'"]


# --------------------------------------------------------------------------- screenshots and display


async def test_full_screen_screenshot_is_a_png_of_the_display_size(desktop: AsyncComputerUse) -> None:
    info = await desktop.display.get_info()
    assert info.displays, "no display reported"
    primary = next((d for d in info.displays if d.is_active), info.displays[0])
    shot = await desktop.screenshot.take_full_screen()
    assert png_size(decode(shot)) == (primary.width, primary.height)
    with_cursor = await desktop.screenshot.take_full_screen(show_cursor=True)
    assert png_size(decode(with_cursor)) == (primary.width, primary.height)


async def test_region_screenshot_png_has_the_region_size(desktop: AsyncComputerUse) -> None:
    region = ScreenshotRegion(x=10, y=20, width=123, height=45)
    shot = await desktop.screenshot.take_region(region)
    assert png_size(decode(shot)) == (123, 45)
    shot = await desktop.screenshot.take_region(ScreenshotRegion(0, 0, 1, 1), show_cursor=True)
    assert png_size(decode(shot)) == (1, 1)


async def test_show_cursor_draws_the_pointer_and_reports_its_position(desktop: AsyncComputerUse) -> None:
    await desktop.mouse.move(50, 50)
    around_pointer = ScreenshotRegion(40, 40, 30, 30)
    without = await desktop.screenshot.take_region(around_pointer)
    with_cursor = await desktop.screenshot.take_region(around_pointer, show_cursor=True)
    assert png_size(decode(with_cursor)) == png_size(decode(without)) == (30, 30)
    assert decode(with_cursor) != decode(without)
    assert with_cursor.cursor_position is not None
    assert (with_cursor.cursor_position.x, with_cursor.cursor_position.y) == (50, 50)
    assert isinstance(with_cursor.size_bytes, Unset)  # only compressed screenshots report their size


async def test_compressed_screenshots_follow_format_and_scale(desktop: AsyncComputerUse) -> None:
    info = await desktop.display.get_info()
    assert info.displays
    primary = next((d for d in info.displays if d.is_active), info.displays[0])
    default = decode(await desktop.screenshot.take_compressed())
    assert default[:8] == PNG_SIGNATURE or default[:3] == b"\xff\xd8\xff"

    half = decode(await desktop.screenshot.take_compressed(ScreenshotOptions(fmt="png", scale=0.5)))
    width, height = png_size(half)
    assert abs(width - primary.width / 2) <= 1 and abs(height - primary.height / 2) <= 1

    jpeg = decode(await desktop.screenshot.take_compressed(ScreenshotOptions(fmt="jpeg", quality=40)))
    assert jpeg[:3] == b"\xff\xd8\xff"

    region = decode(
        await desktop.screenshot.take_compressed_region(
            ScreenshotRegion(5, 5, 200, 100), ScreenshotOptions(fmt="png", show_cursor=True)
        )
    )
    assert png_size(region) == (200, 100)
    region_default = decode(await desktop.screenshot.take_compressed_region(ScreenshotRegion(0, 0, 64, 32)))
    assert region_default[:8] == PNG_SIGNATURE or region_default[:3] == b"\xff\xd8\xff"


async def test_display_info_and_windows(desktop: AsyncComputerUse) -> None:
    info = await desktop.display.get_info()
    assert info.displays
    assert all(d.width > 0 and d.height > 0 for d in info.displays)
    windows = await desktop.display.get_windows()
    assert isinstance(windows.windows, list)


# --------------------------------------------------------------------------- recordings


async def test_recording_lifecycle_and_download_to_disk(desktop: AsyncComputerUse, tmp_path: Path) -> None:
    started = await desktop.recording.start(label="demo")
    assert started.id
    assert started.status == "recording"
    assert started.id in [r.id for r in (await desktop.recording.list()).recordings]
    await desktop.mouse.move(5, 5)
    stopped = await desktop.recording.stop(started.id)
    assert stopped.id == started.id
    assert stopped.status != "recording"
    fetched = await desktop.recording.get(started.id)
    assert fetched.id == started.id

    target = tmp_path / "nested" / "dir" / "demo.mp4"
    await desktop.recording.download(started.id, str(target))
    data = target.read_bytes()
    assert data, "downloaded recording is empty"
    if isinstance(fetched.size_bytes, int):
        assert len(data) == fetched.size_bytes
    assert names(target.parent) == ["demo.mp4"], "temporary file left behind"

    assert await desktop.recording.delete(started.id) is None
    with pytest.raises(DaytonaNotFoundError, match=r"^Failed to get recording: "):
        await desktop.recording.get(started.id)
    assert started.id not in [r.id for r in (await desktop.recording.list()).recordings]


async def test_download_of_unknown_recording_raises_not_found_and_writes_nothing(
    desktop: AsyncComputerUse, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "missing.mp4"
    with pytest.raises(DaytonaNotFoundError, match=r"^Failed to download recording: "):
        await desktop.recording.download("does-not-exist", target)
    assert not target.exists()
    assert not target.parent.exists() or names(target.parent) == []  # no file written (the folder is made on write)


# --------------------------------------------------------------------------- accessibility


async def test_accessibility_tree_find_focus_invoke_and_set_value(desktop: AsyncComputerUse) -> None:
    tree = await desktop.accessibility.get_tree(scope="all")
    assert tree.root is not None and tree.root.id
    assert tree.truncated is False
    limited = await desktop.accessibility.get_tree(scope="all", max_depth=1)
    assert limited.root is not None
    assert limited.truncated is False  # only the plugin's node budget truncates, not maxDepth

    entries = await desktop.accessibility.find_nodes(scope="all", role="entry", states=["editable"])
    assert entries.matches and len(entries.matches) == 1
    entry = entries.matches[0]
    buttons = await desktop.accessibility.find_nodes(scope="all", role="push button", name="Submit", name_match="exact")
    assert buttons.matches and len(buttons.matches) == 1
    button = buttons.matches[0]
    assert isinstance(entry.id, str) and isinstance(button.id, str)

    assert await desktop.accessibility.focus_node(entry.id) is None
    focused = await desktop.accessibility.find_nodes(scope="all", states=["focused"])
    assert [n.id for n in focused.matches or []] == [entry.id]
    assert await desktop.accessibility.set_node_value(entry.id, "Ada") is None
    assert await desktop.accessibility.invoke_node(button.id, action="press") is None
    label = await desktop.accessibility.find_nodes(scope="all", name="submitted", name_match="regex", limit=1)
    assert label.matches and label.matches[0].name == "Status: submitted 'Ada'"
    assert await desktop.accessibility.invoke_node(button.id) is None

    with pytest.raises(DaytonaNotFoundError, match=r"^Failed to focus accessibility node: "):
        await desktop.accessibility.focus_node(":1.42:/no/such/node")
    with pytest.raises(DaytonaValidationError, match=r"^Failed to set accessibility node value: "):
        await desktop.accessibility.set_node_value(button.id, "x")


async def test_find_nodes_with_substring_name_match(desktop: AsyncComputerUse) -> None:
    found = await desktop.accessibility.find_nodes(scope="all", name="ubmi", name_match="substring")
    assert [n.name for n in found.matches or []] == ["Submit"]


# --------------------------------------------------------------------------- bad input never reaches the wire


@pytest.fixture
def offline(offline_toolbox: ToolboxContext) -> AsyncComputerUse:
    """Computer use on a transport that fails the test if anything is sent."""
    return AsyncComputerUse(offline_toolbox)


BAD_CALLS: list[tuple[str, type[Exception], Callable[[AsyncComputerUse], Awaitable[Any]]]] = [
    ("process name empty", DaytonaValidationError, lambda cu: cu.get_process_status("")),
    ("process name not str", TypeError, lambda cu: cu.restart_process(1)),  # type: ignore[arg-type]
    ("logs process blank", DaytonaValidationError, lambda cu: cu.get_process_logs("  ")),
    ("errors process None", TypeError, lambda cu: cu.get_process_errors(None)),  # type: ignore[arg-type]
    ("move x float", TypeError, lambda cu: cu.mouse.move(1.5, 2)),  # type: ignore[arg-type]
    ("move y bool", TypeError, lambda cu: cu.mouse.move(1, True)),
    ("click unknown button", DaytonaValidationError, lambda cu: cu.mouse.click(1, 2, button="side")),
    ("click double not bool", TypeError, lambda cu: cu.mouse.click(1, 2, double="yes")),  # type: ignore[arg-type]
    ("drag unknown button", DaytonaValidationError, lambda cu: cu.mouse.drag(0, 0, 1, 1, button="")),
    ("drag coordinate str", TypeError, lambda cu: cu.mouse.drag("0", 0, 1, 1)),  # type: ignore[arg-type]
    ("scroll direction", DaytonaValidationError, lambda cu: cu.mouse.scroll(0, 0, "left")),
    ("scroll amount zero", DaytonaValidationError, lambda cu: cu.mouse.scroll(0, 0, "up", 0)),
    ("type text not str", TypeError, lambda cu: cu.keyboard.type(b"x")),  # type: ignore[arg-type]
    ("type negative delay", DaytonaValidationError, lambda cu: cu.keyboard.type("x", delay=-1)),
    ("press empty key", DaytonaValidationError, lambda cu: cu.keyboard.press("")),
    ("press modifiers str", TypeError, lambda cu: cu.keyboard.press("a", "ctrl")),  # type: ignore[arg-type]
    ("press modifier empty", DaytonaValidationError, lambda cu: cu.keyboard.press("a", ["ctrl", ""])),
    ("hotkey empty", DaytonaValidationError, lambda cu: cu.keyboard.hotkey("")),
    ("region not a region", TypeError, lambda cu: cu.screenshot.take_region((0, 0, 1, 1))),  # type: ignore[arg-type]
    ("full show_cursor str", TypeError, lambda cu: cu.screenshot.take_full_screen("no")),  # type: ignore[arg-type]
    ("compressed options dict", TypeError, lambda cu: cu.screenshot.take_compressed({"fmt": "png"})),  # type: ignore[arg-type]
    (
        "compressed region None",
        TypeError,
        lambda cu: cu.screenshot.take_compressed_region(None),  # type: ignore[arg-type]
    ),
    ("recording stop empty", DaytonaValidationError, lambda cu: cu.recording.stop("")),
    ("recording get not str", TypeError, lambda cu: cu.recording.get(7)),  # type: ignore[arg-type]
    ("recording delete blank", DaytonaValidationError, lambda cu: cu.recording.delete(" ")),
    ("recording label int", TypeError, lambda cu: cu.recording.start(label=3)),  # type: ignore[arg-type]
    ("download empty id", DaytonaValidationError, lambda cu: cu.recording.download("", "/tmp/x.mp4")),
    ("download empty path", DaytonaValidationError, lambda cu: cu.recording.download("r", "")),
    ("download path int", TypeError, lambda cu: cu.recording.download("r", 5)),  # type: ignore[arg-type]
    ("tree unknown scope", DaytonaValidationError, lambda cu: cu.accessibility.get_tree(scope="everything")),
    ("tree negative depth", DaytonaValidationError, lambda cu: cu.accessibility.get_tree(max_depth=-1)),
    ("find name_match", DaytonaValidationError, lambda cu: cu.accessibility.find_nodes(name_match="fuzzy")),
    ("find limit zero", DaytonaValidationError, lambda cu: cu.accessibility.find_nodes(limit=0)),
    ("find states str", TypeError, lambda cu: cu.accessibility.find_nodes(states="focused")),  # type: ignore[arg-type]
    ("focus empty id", DaytonaValidationError, lambda cu: cu.accessibility.focus_node("")),
    ("invoke id int", TypeError, lambda cu: cu.accessibility.invoke_node(1)),  # type: ignore[arg-type]
    ("set value None", TypeError, lambda cu: cu.accessibility.set_node_value("n", None)),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("case", "error", "call"), BAD_CALLS, ids=[c[0] for c in BAD_CALLS])
async def test_bad_input_raises_before_anything_is_sent(
    offline: AsyncComputerUse, case: str, error: type[Exception], call: Callable[[AsyncComputerUse], Awaitable[Any]]
) -> None:
    with pytest.raises(error):
        await call(offline)


async def test_download_into_a_directory_raises_before_sending(offline: AsyncComputerUse, tmp_path: Path) -> None:
    with pytest.raises(DaytonaValidationError, match="directory"):
        await offline.recording.download("r", tmp_path)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"x": -1, "y": 0, "width": 1, "height": 1}, DaytonaValidationError),
        ({"x": 0, "y": -1, "width": 1, "height": 1}, DaytonaValidationError),
        ({"x": 0, "y": 0, "width": 0, "height": 1}, DaytonaValidationError),
        ({"x": 0, "y": 0, "width": 1, "height": -5}, DaytonaValidationError),
        ({"x": 0.5, "y": 0, "width": 1, "height": 1}, TypeError),
        ({"x": 0, "y": 0, "width": True, "height": 1}, TypeError),
    ],
)
def test_screenshot_region_rejects_bad_fields(kwargs: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        ScreenshotRegion(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"quality": -1}, DaytonaValidationError),
        ({"quality": 101}, DaytonaValidationError),
        ({"quality": 50.0}, TypeError),
        ({"scale": 0}, DaytonaValidationError),
        ({"scale": -0.5}, DaytonaValidationError),
        ({"scale": float("nan")}, DaytonaValidationError),
        ({"scale": "1"}, TypeError),
        ({"fmt": ""}, DaytonaValidationError),
        ({"fmt": 1}, TypeError),
        ({"show_cursor": 1}, TypeError),
    ],
)
def test_screenshot_options_reject_bad_fields(kwargs: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        ScreenshotOptions(**kwargs)


async def test_options_changed_after_construction_are_checked_before_sending(offline: AsyncComputerUse) -> None:
    options = ScreenshotOptions(quality=50)
    options.quality = 500
    with pytest.raises(DaytonaValidationError, match="quality"):
        await offline.screenshot.take_compressed(options)
    region = ScreenshotRegion(0, 0, 10, 10)
    object.__setattr__(region, "width", 0)
    with pytest.raises(DaytonaValidationError, match="width"):
        await offline.screenshot.take_region(region)


def test_screenshot_types_accept_boundaries() -> None:
    assert ScreenshotRegion(0, 0, 1, 1) == ScreenshotRegion(x=0, y=0, width=1, height=1)
    options = ScreenshotOptions(show_cursor=False, fmt="jpeg", quality=0, scale=2)
    assert (options.quality, options.scale) == (0, 2)
    assert ScreenshotOptions(quality=100).quality == 100
