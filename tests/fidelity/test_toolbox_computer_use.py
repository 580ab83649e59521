"""`/computeruse/*` as the daemon and its computer-use plugin answer it.

Upstream: apps/daemon/pkg/toolbox/computeruse (handler.go, interface.go, lazy.go, accessibility.go,
recording/*), apps/daemon/pkg/recording and the plugin libs/computer-use/pkg/computeruse. The desktop is
simulated; every rule that needs no real screen (validation, statuses, shapes, state rules, messages) is the
daemon's.
"""

from __future__ import annotations

import base64
import io
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from PIL import Image

from daytona_emulator.server import running_emulator
from daytona_emulator.settings import EmulatorSettings
from tests.fidelity.conftest import wait_for_state

PROCESS_NAMES = ["atspi", "novnc", "x11vnc", "xfce4", "xvfb"]
RECORDINGS = "/home/daytona/.daytona/recordings"


@pytest.fixture
def box(new_sandbox: Callable[..., dict[str, Any]], toolbox: Callable[[dict[str, Any]], httpx.Client]) -> httpx.Client:
    return toolbox(new_sandbox())


@pytest.fixture
def desktop(box: httpx.Client) -> httpx.Client:
    assert box.post("/computeruse/start").status_code == 200
    return box


def png(answer: dict[str, Any]) -> Image.Image:
    image = Image.open(io.BytesIO(base64.b64decode(answer["screenshot"])))
    assert image.format in ("PNG", "JPEG")
    return image


def error_of(response: httpx.Response, status: int = 400) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}, body
    message: str = body["error"]
    return message


# --- the plugin check --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pluginless() -> Iterator[tuple[httpx.Client, httpx.Client]]:
    """An emulator whose sandboxes lack the computer-use plugin: (control plane, toolbox of one sandbox)."""
    settings = EmulatorSettings(api_key="no-plugin", transition_delay=0.05, computer_use_plugin=False)
    with running_emulator(settings) as emulator:
        headers = {"Authorization": "Bearer no-plugin"}
        with httpx.Client(base_url=emulator.base_url, headers=headers, timeout=60) as api:
            created = api.post("/sandbox", json={}).json()
            sandbox = wait_for_state(api, created["id"], "started")
            base = f"{sandbox['toolboxProxyUrl'].rstrip('/')}/{sandbox['id']}"
            with httpx.Client(base_url=base, headers=headers, timeout=60) as toolbox:
                yield api, toolbox
            api.delete(f"/sandbox/{sandbox['id']}")


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/computeruse/lazy.go",
    "apps/daemon/pkg/toolbox/server.go",
    "apps/daemon/pkg/toolbox/computeruse/manager/manager.go",
    "apps/daemon/pkg/toolbox/computeruse/disabled_middleware.go",
)
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/computeruse/status"),
        ("POST", "/computeruse/start"),
        ("GET", "/computeruse/process-status"),
        ("GET", "/computeruse/process/xvfb/status"),
        ("GET", "/computeruse/screenshot"),
        ("POST", "/computeruse/mouse/move"),
        ("GET", "/computeruse/a11y/tree"),
    ],
)
def test_without_the_plugin_every_computer_use_route_is_503(
    pluginless: tuple[httpx.Client, httpx.Client], method: str, path: str
) -> None:
    answer = pluginless[1].request(method, path)
    assert answer.status_code == 503
    assert answer.json() == {
        "details": "The computer-use plugin is still loading or failed to initialize.",
        "message": "Computer-use functionality is not available",
        "solution": "Retry shortly. If the problem persists, check the daemon logs for specific error details.",
    }


@pytest.mark.upstream("apps/daemon/pkg/toolbox/server.go", "apps/daemon/pkg/toolbox/computeruse/recording/recording.go")
def test_recordings_do_not_need_the_plugin(pluginless: tuple[httpx.Client, httpx.Client]) -> None:
    answer = pluginless[1].get("/computeruse/recordings")
    assert answer.status_code == 200 and answer.json() == {"recordings": []}


# --- processes ---------------------------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/computeruse/handler.go", "libs/computer-use/pkg/computeruse/computeruse.go"
)
def test_status_is_inactive_before_start_active_after_and_inactive_after_stop(box: httpx.Client) -> None:
    assert box.get("/computeruse/status").json() == {"status": "inactive"}
    assert box.get("/computeruse/process-status").json() == {"status": "inactive"}
    box.post("/computeruse/start").raise_for_status()
    assert box.get("/computeruse/status").json() == {"status": "active"}
    assert box.get("/computeruse/process-status").json() == {"status": "active"}
    box.post("/computeruse/stop").raise_for_status()
    assert box.get("/computeruse/status").json() == {"status": "inactive"}


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/computeruse/handler.go",
    "apps/daemon/pkg/toolbox/computeruse/interface.go",
    "libs/computer-use/pkg/computeruse/computeruse.go",
)
def test_start_answers_every_process_with_go_field_names(box: httpx.Client) -> None:
    body = box.post("/computeruse/start").json()
    assert body["message"] == "Computer use processes started successfully"
    assert sorted(body["status"]) == PROCESS_NAMES
    xvfb = body["status"]["xvfb"]
    assert set(xvfb) == {"Running", "Priority", "AutoRestart", "Pid"}
    assert xvfb["Running"] is True and xvfb["Priority"] == 100 and xvfb["AutoRestart"] is True
    assert isinstance(xvfb["Pid"], int)
    assert body["status"]["atspi"] == {"Running": True, "Priority": 250, "AutoRestart": False, "Pid": None}
    priorities = {name: state["Priority"] for name, state in body["status"].items()}
    assert priorities == {"xvfb": 100, "xfce4": 200, "atspi": 250, "x11vnc": 300, "novnc": 400}


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/computeruse/handler.go", "libs/computer-use/pkg/computeruse/computeruse.go"
)
def test_stop_answers_every_process_not_running_with_a_null_pid(desktop: httpx.Client) -> None:
    body = desktop.post("/computeruse/stop").json()
    assert body["message"] == "Computer use processes stopped successfully"
    assert all(state["Running"] is False and state["Pid"] is None for state in body["status"].values())


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/computeruse/handler.go", "libs/computer-use/pkg/computeruse/computeruse.go"
)
def test_process_status_of_an_unknown_process_is_503_with_details(box: httpx.Client) -> None:
    answer = box.get("/computeruse/process/nope/status")
    assert answer.status_code == 503
    assert answer.json() == {"details": "process nope not found", "error": "Failed to get process status"}


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/computeruse/handler.go", "libs/computer-use/pkg/computeruse/computeruse.go"
)
def test_process_status_answers_the_name_and_whether_it_runs(box: httpx.Client) -> None:
    assert box.get("/computeruse/process/xvfb/status").json() == {"processName": "xvfb", "running": False}
    box.post("/computeruse/start").raise_for_status()
    assert box.get("/computeruse/process/xvfb/status").json() == {"processName": "xvfb", "running": True}


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/computeruse/handler.go", "libs/computer-use/pkg/computeruse/computeruse.go"
)
def test_restart_of_an_unknown_process_is_400(box: httpx.Client) -> None:
    assert error_of(box.post("/computeruse/process/nope/restart")) == "process nope not found"


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/computeruse/handler.go", "libs/computer-use/pkg/computeruse/computeruse.go"
)
def test_restart_of_one_process_before_start_runs_it_alone_so_the_status_is_partial(box: httpx.Client) -> None:
    answer = box.post("/computeruse/process/xvfb/restart")
    assert answer.json() == {"message": "Process xvfb restarted successfully", "processName": "xvfb"}
    assert box.get("/computeruse/status").json() == {"status": "partial"}


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/computeruse/handler.go", "libs/computer-use/pkg/computeruse/computeruse.go"
)
def test_logs_of_a_process_never_started_are_a_read_error(box: httpx.Client) -> None:
    message = error_of(box.get("/computeruse/process/xvfb/logs"))
    path = "/home/daytona/.daytona/computeruse/xvfb.log"
    assert message == f"failed to read log file for xvfb: open {path}: no such file or directory"
    assert error_of(box.get("/computeruse/process/xvfb/errors")).startswith("failed to read error file for xvfb: ")
    assert error_of(box.get("/computeruse/process/nope/logs")) == "process nope not found"


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/computeruse/handler.go", "libs/computer-use/pkg/computeruse/computeruse.go"
)
def test_logs_and_errors_are_the_process_files_in_the_sandbox(desktop: httpx.Client) -> None:
    logs = desktop.get("/computeruse/process/xfce4/logs").json()
    assert set(logs) == {"logs", "processName"} and logs["processName"] == "xfce4"
    on_disk = desktop.get("/files/download", params={"path": "/home/daytona/.daytona/computeruse/xfce4.log"})
    assert on_disk.status_code == 200 and on_disk.text == logs["logs"]
    errors = desktop.get("/computeruse/process/xfce4/errors").json()
    assert set(errors) == {"errors", "processName"}


# --- mouse ---------------------------------------------------------------------------------------------------


@pytest.mark.upstream("apps/daemon/pkg/toolbox/computeruse/interface.go")
@pytest.mark.parametrize(
    ("path", "body", "message"),
    [
        ("/computeruse/mouse/move", b"", "Invalid coordinates"),
        ("/computeruse/mouse/move", b'{"x": 1.5}', "Invalid coordinates"),
        ("/computeruse/mouse/click", b'{"x": "1"}', "Invalid click parameters"),
        ("/computeruse/mouse/click", b'{"double": 1}', "Invalid click parameters"),
        ("/computeruse/mouse/drag", b"[]", "Invalid drag parameters"),
        ("/computeruse/mouse/scroll", b"{", "Invalid scroll parameters"),
        ("/computeruse/keyboard/type", b'{"text": 5}', "Invalid input"),
        ("/computeruse/keyboard/key", b'{"modifiers": "ctrl"}', "Invalid key"),
        ("/computeruse/keyboard/hotkey", b'{"keys": ["ctrl"]}', "Invalid hotkey"),
    ],
)
def test_undecodable_input_bodies_get_the_handlers_fixed_message(
    desktop: httpx.Client, path: str, body: bytes, message: str
) -> None:
    assert error_of(desktop.post(path, content=body)) == message


@pytest.mark.upstream("libs/computer-use/pkg/computeruse/mouse_validation.go")
def test_unknown_mouse_buttons_are_refused_with_the_plugins_message(desktop: httpx.Client) -> None:
    expected = 'unsupported mouse button "side": expected one of left, right, middle'
    assert error_of(desktop.post("/computeruse/mouse/click", json={"x": 1, "y": 1, "button": "side"})) == expected
    assert error_of(desktop.post("/computeruse/mouse/drag", json={"button": "side"})) == expected


@pytest.mark.upstream("libs/computer-use/pkg/computeruse/mouse_validation.go")
def test_buttons_are_trimmed_and_case_insensitive_and_default_to_left(desktop: httpx.Client) -> None:
    for button in (" RIGHT ", "Middle", ""):
        assert desktop.post("/computeruse/mouse/click", json={"x": 3, "y": 4, "button": button}).json() == {
            "x": 3,
            "y": 4,
        }


@pytest.mark.upstream("libs/computer-use/pkg/computeruse/mouse_validation.go")
def test_scroll_direction_and_amount_rules(desktop: httpx.Client) -> None:
    scroll = "/computeruse/mouse/scroll"
    expected = 'unsupported scroll direction "left": expected up or down'
    assert error_of(desktop.post(scroll, json={"direction": "left"})) == expected
    assert error_of(desktop.post(scroll, json={})) == 'unsupported scroll direction "": expected up or down'
    negative = desktop.post(scroll, json={"direction": "up", "amount": -1})
    assert error_of(negative) == "scroll amount must be greater than or equal to 0"
    assert desktop.post(scroll, json={"direction": " Down ", "amount": 0}).json() == {"success": True}


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/computeruse/interface.go", "apps/daemon/pkg/toolbox/computeruse/rpc_client.go"
)
def test_the_pointer_is_clamped_to_the_screen_and_reported_back(desktop: httpx.Client) -> None:
    assert desktop.post("/computeruse/mouse/move", json={"x": 5000, "y": -20}).json() == {"x": 1023, "y": 0}
    assert desktop.get("/computeruse/mouse/position").json() == {"x": 1023, "y": 0}
    assert desktop.post("/computeruse/mouse/move", content=b"{}").json() == {"x": 0, "y": 0}
    dragged = desktop.post("/computeruse/mouse/drag", json={"startX": 1, "startY": 2, "endX": 30, "endY": 40})
    assert dragged.json() == {"x": 30, "y": 40}


@pytest.mark.upstream("apps/daemon/pkg/toolbox/computeruse/interface.go")
def test_json_keys_match_fields_case_insensitively_and_trailing_data_is_ignored(desktop: httpx.Client) -> None:
    assert desktop.post("/computeruse/mouse/move", content=b'{"X": 7, "Y": 8} trailing').json() == {"x": 7, "y": 8}


# --- keyboard --------------------------------------------------------------------------------------------------


@pytest.mark.upstream("libs/computer-use/pkg/computeruse/keyboard_normalization.go")
@pytest.mark.parametrize(
    ("key", "modifiers", "message"),
    [
        ("", [], 'unsupported key "": empty key token'),
        ("@", [], 'unsupported key "@"; use press("2", ["shift"]) for a shifted key or type("@") for text'),
        (" ", [], 'unsupported key " "; use press("space") or type(" ")'),
        ("é", [], 'unsupported key "é"; use type("é") for text input'),
        ("num+", [], 'unsupported key "num+"; use "num_plus"'),
        ("bogus", [], 'unsupported key "bogus"; see supported keyboard key names in the computer-use docs'),
        ("a", ["hyper"], 'unsupported modifier "hyper"; supported modifiers: ctrl, alt, shift, cmd'),
        (
            "a",
            ["lshift"],
            'unsupported modifier "lshift"; supported modifiers: ctrl, alt, shift, cmd; '
            "left/right-specific modifier keys are only supported as the main key",
        ),
        ("a", ["ctrl", "ctrl"], 'duplicate modifier "ctrl" in press("a", ["ctrl", "ctrl"])'),
        ("a", ["ctrl", "control"], 'duplicate modifier usage after normalization in press("a", ["ctrl", "control"])'),
        ("lshift", ["shift"], 'duplicate modifier usage after normalization in press("lshift", ["shift"])'),
    ],
)
def test_key_press_rules(desktop: httpx.Client, key: str, modifiers: list[str], message: str) -> None:
    assert error_of(desktop.post("/computeruse/keyboard/key", json={"key": key, "modifiers": modifiers})) == message


@pytest.mark.upstream("libs/computer-use/pkg/computeruse/keyboard_normalization.go")
@pytest.mark.parametrize("key", ["Return", "page-down", "F12", "A", "win", "num_slash", "/"])
def test_named_keys_aliases_and_single_characters_are_accepted(desktop: httpx.Client, key: str) -> None:
    answer = desktop.post("/computeruse/keyboard/key", json={"key": key, "modifiers": ["Control", "option"]})
    assert answer.status_code == 200 and answer.json() == {}


@pytest.mark.upstream("libs/computer-use/pkg/computeruse/keyboard_normalization.go")
@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ("", 'invalid hotkey "": empty key token'),
        ("ctrl+", 'invalid hotkey "ctrl+": empty key token'),
        ("ctrl+ +c", 'invalid hotkey "ctrl+ +c": empty key token after trimming'),
        ("ctrl+a b", 'invalid hotkey "ctrl+a b": only a single chord is supported'),
        ("a+b", 'invalid hotkey "a+b": chords may contain at most one non-modifier key'),
        (
            "ctrl+@",
            'invalid hotkey "ctrl+@": unsupported key "@"; use press("2", ["shift"]) for a shifted key '
            'or type("@") for text',
        ),
        ("ctrl+ctrl+c", 'invalid hotkey "ctrl+ctrl+c": duplicate modifier "ctrl" in hotkey("ctrl+ctrl+c")'),
        (
            "shift+lshift",
            'invalid hotkey "shift+lshift": duplicate modifier usage after normalization in hotkey("shift+lshift")',
        ),
    ],
)
def test_hotkey_rules(desktop: httpx.Client, keys: str, message: str) -> None:
    assert error_of(desktop.post("/computeruse/keyboard/hotkey", json={"keys": keys})) == message


@pytest.mark.upstream("libs/computer-use/pkg/computeruse/keyboard.go")
def test_typing_refuses_tabs_and_control_characters_but_not_newlines(desktop: httpx.Client) -> None:
    typed = "/computeruse/keyboard/type"
    tab = error_of(desktop.post(typed, json={"text": "a\tb"}))
    assert tab == "keyboard.type does not translate '\\t' to Tab; use keyboard.press(\"tab\") for Tab key events"
    assert (
        error_of(desktop.post(typed, json={"text": "a\x07"}))
        == "unsupported control character in keyboard.type: U+0007"
    )
    separator = error_of(desktop.post(typed, json={"text": "a\u2028"}))
    assert separator == "unsupported separator character in keyboard.type: U+2028"
    assert desktop.post(typed, json={"text": "line one\r\nline two\n", "delay": -5}).json() == {}
    assert desktop.post(typed, json={}).json() == {}


@pytest.mark.upstream(
    "libs/computer-use/pkg/computeruse/keyboard_normalization.go",
    "libs/computer-use/pkg/computeruse/mouse_validation.go",
)
def test_input_is_validated_before_the_display_is_needed(box: httpx.Client) -> None:
    # Before start there is no X display: valid input fails, invalid input still gets its own message.
    assert error_of(box.post("/computeruse/mouse/click", json={"button": "side"})).startswith("unsupported mouse")
    assert error_of(box.post("/computeruse/keyboard/key", json={"key": ""})).startswith("unsupported key")
    assert box.post("/computeruse/mouse/move", json={"x": 1, "y": 1}).status_code == 400


# --- screenshots and display -----------------------------------------------------------------------------------


@pytest.mark.upstream("apps/daemon/pkg/toolbox/computeruse/interface.go")
@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        ("/computeruse/screenshot", {"showCursor": "yes"}, "invalid query parameter showCursor: must be a boolean"),
        (
            "/computeruse/screenshot",
            {"show_cursor": "x", "showCursor": "1"},
            "invalid query parameter show_cursor: must be a boolean",
        ),
        ("/computeruse/screenshot/region", {"y": 0, "width": 1, "height": 1}, "missing required query parameter: x"),
        (
            "/computeruse/screenshot/region",
            {"x": "1.5", "y": 0, "width": 1, "height": 1},
            "invalid query parameter x: must be an integer",
        ),
        (
            "/computeruse/screenshot/region",
            {"x": 0, "y": 0, "width": 0, "height": 1},
            "invalid query parameter width: must be greater than zero",
        ),
        (
            "/computeruse/screenshot/compressed",
            {"quality": "0"},
            "invalid query parameter quality: must be between 1 and 100",
        ),
        (
            "/computeruse/screenshot/compressed",
            {"quality": "high"},
            "invalid query parameter quality: must be an integer",
        ),
        (
            "/computeruse/screenshot/compressed",
            {"scale": "2"},
            "invalid query parameter scale: must be between 0.1 and 1.0",
        ),
        ("/computeruse/screenshot/compressed", {"scale": "half"}, "invalid query parameter scale: must be a number"),
        (
            "/computeruse/screenshot/region/compressed",
            {"x": 0, "y": 0, "width": 5, "height": -1},
            "invalid query parameter height: must be greater than zero",
        ),
    ],
)
def test_screenshot_query_rules(desktop: httpx.Client, path: str, params: dict[str, Any], message: str) -> None:
    assert error_of(desktop.get(path, params=params)) == message


@pytest.mark.upstream("libs/computer-use/pkg/computeruse/screenshot.go")
def test_a_full_screenshot_is_a_png_with_the_cursor_position_and_no_size(desktop: httpx.Client) -> None:
    desktop.post("/computeruse/mouse/move", json={"x": 40, "y": 50}).raise_for_status()
    plain = desktop.get("/computeruse/screenshot").json()
    assert set(plain) == {"screenshot", "cursorPosition"} and plain["cursorPosition"] == {"x": 0, "y": 0}
    assert png(plain).size == (1024, 768)
    with_cursor = desktop.get("/computeruse/screenshot", params={"show_cursor": "T"}).json()
    assert with_cursor["cursorPosition"] == {"x": 40, "y": 50}


@pytest.mark.upstream("libs/computer-use/pkg/computeruse/screenshot.go")
def test_a_region_screenshot_has_the_region_size_even_off_screen(desktop: httpx.Client) -> None:
    shot = desktop.get("/computeruse/screenshot/region", params={"x": 1000, "y": 700, "width": 100, "height": 90})
    body = shot.json()
    assert png(body).size == (100, 90)
    assert body["cursorPosition"] == {"x": 1000, "y": 700}


@pytest.mark.upstream(
    "libs/computer-use/pkg/computeruse/display.go", "apps/daemon/pkg/toolbox/computeruse/interface.go"
)
def test_compressed_screenshots_scale_png_and_jpeg_and_report_their_size(desktop: httpx.Client) -> None:
    desktop.post("/computeruse/mouse/move", json={"x": 101, "y": 51}).raise_for_status()
    jpeg = desktop.get("/computeruse/screenshot/compressed", params={"format": "jpeg", "scale": "0.5"}).json()
    image = png(jpeg)
    assert image.format == "JPEG" and image.size == (512, 384)
    assert jpeg["sizeBytes"] == len(base64.b64decode(jpeg["screenshot"])) and "cursorPosition" not in jpeg
    cursor = desktop.get("/computeruse/screenshot/compressed", params={"scale": "0.5", "showCursor": "true"}).json()
    assert png(cursor).size == (512, 384) and cursor["cursorPosition"] == {"x": 50, "y": 25}


@pytest.mark.upstream(
    "libs/computer-use/pkg/computeruse/display.go", "apps/daemon/pkg/toolbox/computeruse/interface.go"
)
def test_an_unknown_format_is_an_unscaled_png(desktop: httpx.Client) -> None:
    shot = desktop.get("/computeruse/screenshot/compressed", params={"format": "webp", "scale": "0.5"}).json()
    image = png(shot)
    assert image.format == "PNG" and image.size == (1024, 768)


@pytest.mark.upstream("libs/computer-use/pkg/computeruse/display.go")
def test_a_compressed_region_reports_a_scaled_cursor_offset_from_the_region(desktop: httpx.Client) -> None:
    desktop.post("/computeruse/mouse/move", json={"x": 30, "y": 40}).raise_for_status()
    params = {"x": 10, "y": 20, "width": 100, "height": 50, "scale": "0.5", "showCursor": "1"}
    shot = desktop.get("/computeruse/screenshot/region/compressed", params=params).json()
    assert png(shot).size == (50, 25)
    assert shot["cursorPosition"] == {"x": 20, "y": 30}


@pytest.mark.upstream("libs/computer-use/pkg/computeruse/screenshot.go", "libs/computer-use/pkg/computeruse/display.go")
def test_without_a_display_screenshots_fail_and_there_are_no_displays(box: httpx.Client) -> None:
    assert box.get("/computeruse/screenshot").status_code == 400
    assert box.get("/computeruse/display/info").json() == {"displays": []}


@pytest.mark.upstream("libs/computer-use/pkg/computeruse/display.go")
def test_display_info_and_windows_shapes(desktop: httpx.Client) -> None:
    info = desktop.get("/computeruse/display/info").json()
    assert info == {"displays": [{"id": 0, "x": 0, "y": 0, "width": 1024, "height": 768, "isActive": True}]}
    windows = desktop.get("/computeruse/display/windows").json()["windows"]
    assert windows and all(set(w) == {"id", "title", "x", "y", "width", "height", "isActive"} for w in windows)
    assert all((w["x"], w["y"], w["width"], w["height"], w["isActive"]) == (0, 0, 0, 0, False) for w in windows)


# --- recordings ----------------------------------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/computeruse/recording/start.go",
    "apps/daemon/pkg/recording/start.go",
    "apps/daemon/pkg/toolbox/computeruse/recording/types.go",
)
def test_start_recording_answers_201_with_an_id_named_mp4_file(desktop: httpx.Client) -> None:
    answer = desktop.post("/computeruse/recordings/start", json={"label": "my demo"})
    assert answer.status_code == 201
    body = answer.json()
    assert set(body) == {"id", "fileName", "filePath", "startTime", "status"} and body["status"] == "recording"
    uuid.UUID(body["id"])
    assert body["fileName"].startswith(f"{body['id']}_my demo_") and body["fileName"].endswith(".mp4")
    assert body["filePath"] == f"{RECORDINGS}/{body['fileName']}"
    unlabelled = desktop.post("/computeruse/recordings/start", content=b"not json").json()
    assert unlabelled["fileName"].startswith(f"{unlabelled['id']}_session_")


@pytest.mark.upstream("apps/daemon/pkg/recording/start.go", "apps/daemon/pkg/toolbox/computeruse/recording/start.go")
@pytest.mark.parametrize("label", ["  ", ".hidden", "a/b", "x" * 101, "semi;colon"])
def test_invalid_labels_are_400_invalid_label(desktop: httpx.Client, label: str) -> None:
    answer = desktop.post("/computeruse/recordings/start", json={"label": label})
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_label"
    assert answer.json()["message"].startswith("invalid label: must be 1-100 characters")


@pytest.mark.upstream("apps/daemon/pkg/toolbox/computeruse/recording/stop.go", "apps/daemon/pkg/recording/stop.go")
def test_stop_requires_an_id_and_a_second_stop_is_404(desktop: httpx.Client) -> None:
    stop = "/computeruse/recordings/stop"
    assert error_of(desktop.post(stop, json={})) == "invalid request: id is required"
    assert error_of(desktop.post(stop, json={"id": "nope"}), 404) == "recording not found"
    started = desktop.post("/computeruse/recordings/start").json()
    stopped = desktop.post(stop, json={"id": started["id"]})
    assert stopped.status_code == 200
    body = stopped.json()
    assert body["status"] == "completed" and body["startTime"] == started["startTime"]
    assert {"endTime", "durationSeconds", "sizeBytes"} <= set(body) and body["sizeBytes"] > 0
    assert error_of(desktop.post(stop, json={"id": started["id"]}), 404) == "recording not found"


@pytest.mark.upstream(
    "apps/daemon/pkg/recording/list.go",
    "apps/daemon/pkg/recording/get.go",
    "apps/daemon/pkg/toolbox/computeruse/recording/recording.go",
)
def test_a_finished_recording_is_read_back_from_its_file(desktop: httpx.Client) -> None:
    started = desktop.post("/computeruse/recordings/start").json()
    desktop.post("/computeruse/recordings/stop", json={"id": started["id"]}).raise_for_status()
    fetched = desktop.get(f"/computeruse/recordings/{started['id']}").json()
    assert fetched["status"] == "completed" and "durationSeconds" not in fetched
    assert fetched["startTime"] == fetched["endTime"]  # both are the file's modification time
    listed = desktop.get("/computeruse/recordings").json()["recordings"]
    assert [r["id"] for r in listed] == [started["id"]]


@pytest.mark.upstream("apps/daemon/pkg/recording/list.go")
def test_any_mp4_file_in_the_recordings_directory_is_a_recording(desktop: httpx.Client) -> None:
    path = f"{RECORDINGS}/legacy.mp4"
    desktop.post("/files/upload", params={"path": path}, files={"file": ("legacy.mp4", b"x")}).raise_for_status()
    desktop.post("/files/upload", params={"path": f"{RECORDINGS}/notes.txt"}, files={"file": ("n", b"n")})
    listed = desktop.get("/computeruse/recordings").json()["recordings"]
    assert [r["fileName"] for r in listed] == ["legacy.mp4"]
    assert listed[0]["id"] == str(uuid.uuid5(uuid.NAMESPACE_URL, path)) and listed[0]["sizeBytes"] == 1


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/computeruse/recording/recording.go",
    "apps/daemon/pkg/recording/delete.go",
    "apps/daemon/pkg/toolbox/computeruse/recording/download.go",
)
def test_delete_and_download_rules(desktop: httpx.Client) -> None:
    active = desktop.post("/computeruse/recordings/start").json()
    refused = desktop.delete(f"/computeruse/recordings/{active['id']}")
    assert error_of(refused) == "cannot delete an active recording, stop it first"
    desktop.post("/computeruse/recordings/stop", json={"id": active["id"]}).raise_for_status()
    download = desktop.get(f"/computeruse/recordings/{active['id']}/download")
    assert download.status_code == 200 and download.headers["content-type"] == "video/mp4" and download.content
    deleted = desktop.delete(f"/computeruse/recordings/{active['id']}")
    assert deleted.status_code == 204 and deleted.content == b""
    assert error_of(desktop.delete(f"/computeruse/recordings/{active['id']}"), 404) == "recording not found"
    assert error_of(desktop.get(f"/computeruse/recordings/{active['id']}/download"), 404) == "recording not found"


@pytest.mark.upstream("apps/daemon/pkg/recording/start.go")
def test_a_recording_started_without_a_display_fails_at_once(box: httpx.Client) -> None:
    started = box.post("/computeruse/recordings/start")
    assert started.status_code == 201
    assert error_of(box.post("/computeruse/recordings/stop", json={"id": started.json()["id"]}), 404)
    assert box.get("/computeruse/recordings").json() == {"recordings": []}


# --- accessibility ----------------------------------------------------------------------------------------------------


def a11y_error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "code"} and body["code"] == code
    message: str = body["error"]
    return message


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/computeruse/accessibility.go", "libs/computer-use/pkg/computeruse/accessibility.go"
)
def test_before_start_the_accessibility_bus_is_unavailable(box: httpx.Client) -> None:
    message = a11y_error(box.get("/computeruse/a11y/tree"), 503, "A11Y_UNAVAILABLE")
    assert message.startswith("accessibility bus not reachable: ")


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/computeruse/accessibility.go", "libs/computer-use/pkg/computeruse/accessibility.go"
)
def test_scope_is_checked_first(box: httpx.Client) -> None:
    message = a11y_error(box.get("/computeruse/a11y/tree", params={"scope": "everything"}), 400, "A11Y_INVALID_SCOPE")
    assert message == 'invalid accessibility scope: got "everything", expected focused|pid|all'


@pytest.mark.upstream("apps/daemon/pkg/toolbox/computeruse/accessibility.go")
def test_tree_query_integers_are_bound_by_gin(desktop: httpx.Client) -> None:
    message = a11y_error(desktop.get("/computeruse/a11y/tree", params={"pid": "abc"}), 400, "A11Y_INVALID_REQUEST")
    assert message == 'strconv.ParseInt: parsing "abc": invalid syntax'


@pytest.mark.upstream("libs/computer-use/pkg/computeruse/accessibility.go")
def test_pid_scope_needs_a_positive_pid_and_a_matching_application(desktop: httpx.Client) -> None:
    tree = "/computeruse/a11y/tree"
    missing = a11y_error(desktop.get(tree, params={"scope": "pid"}), 400, "A11Y_INVALID_REQUEST")
    assert missing == "invalid accessibility request: pid must be positive"
    unknown = a11y_error(desktop.get(tree, params={"scope": "pid", "pid": 1}), 404, "A11Y_NO_ACCESSIBLE_ROOT")
    assert unknown == "no accessible root for focused window"


@pytest.mark.upstream(
    "libs/computer-use/pkg/computeruse/accessibility.go", "apps/daemon/pkg/toolbox/computeruse/interface.go"
)
def test_tree_nodes_have_the_wire_shape_and_max_depth_does_not_truncate(desktop: httpx.Client) -> None:
    full = desktop.get("/computeruse/a11y/tree", params={"scope": "all"}).json()
    assert full["truncated"] is False
    assert full["root"]["id"] == "org.a11y.atspi.Registry:/org/a11y/atspi/accessible/root"
    assert {"id", "role", "name", "bounds", "states"} <= set(full["root"])
    root_only = desktop.get("/computeruse/a11y/tree", params={"scope": "all", "maxDepth": "0"}).json()
    assert "children" not in root_only["root"] and root_only["truncated"] is False
    focused = desktop.get("/computeruse/a11y/tree").json()
    assert focused["root"]["role"] == "application"


@pytest.mark.upstream(
    "libs/computer-use/pkg/computeruse/accessibility.go", "apps/daemon/pkg/toolbox/computeruse/accessibility.go"
)
def test_find_rules(desktop: httpx.Client) -> None:
    find = "/computeruse/a11y/find"
    mode = a11y_error(desktop.post(find, json={"nameMatch": "fuzzy"}), 400, "A11Y_INVALID_REQUEST")
    assert mode == 'invalid accessibility request: unknown nameMatch mode "fuzzy", want exact|substring|regex'
    bad_body = a11y_error(desktop.post(find, content=b'{"pid": "1"}'), 400, "A11Y_INVALID_REQUEST")
    assert bad_body.startswith("json: cannot unmarshal string into Go struct field FindAccessibilityNodesRequest.pid")
    case_sensitive = desktop.post(find, json={"scope": "all", "name": "submit"}).json()
    assert case_sensitive == {"matches": [], "truncated": False}
    limited = desktop.post(find, json={"scope": "all", "role": "PUSH BUTTON", "limit": 1}).json()
    assert [m["name"] for m in limited["matches"]] == ["Submit"] and limited["truncated"] is True
    assert "children" not in limited["matches"][0]


@pytest.mark.upstream(
    "libs/computer-use/pkg/computeruse/accessibility.go", "apps/daemon/pkg/toolbox/computeruse/accessibility.go"
)
def test_node_ids_are_checked_before_the_bus(box: httpx.Client) -> None:
    focus = a11y_error(box.post("/computeruse/a11y/node/focus", json={}), 400, "A11Y_INVALID_REQUEST")
    assert focus == 'invalid accessibility request: invalid node id "": missing object path'
    colon = a11y_error(box.post("/computeruse/a11y/node/invoke", json={"id": "ab/c"}), 400, "A11Y_INVALID_REQUEST")
    assert colon.endswith("missing ':' separator before object path")
    path = a11y_error(box.post("/computeruse/a11y/node/value", json={"id": ":1.2:/a//b"}), 400, "A11Y_INVALID_REQUEST")
    assert path.endswith("malformed object path")


@pytest.mark.upstream(
    "libs/computer-use/pkg/computeruse/accessibility.go", "apps/daemon/pkg/toolbox/computeruse/accessibility.go"
)
def test_actions_on_nodes(desktop: httpx.Client) -> None:
    nodes = desktop.post("/computeruse/a11y/find", json={"scope": "all"}).json()["matches"]
    by_role = {node["role"]: node["id"] for node in nodes}
    missing = desktop.post("/computeruse/a11y/node/focus", json={"id": ":1.42:/no/such/node"})
    assert a11y_error(missing, 404, "A11Y_NODE_NOT_FOUND") == "accessibility node not found"
    label_focus = desktop.post("/computeruse/a11y/node/focus", json={"id": by_role["label"]})
    assert a11y_error(label_focus, 400, "A11Y_ACTION_NOT_SUPPORTED") == "action not supported by node"
    unknown_action = desktop.post("/computeruse/a11y/node/invoke", json={"id": by_role["push button"], "action": "x"})
    assert a11y_error(unknown_action, 400, "A11Y_ACTION_NOT_SUPPORTED") == "action not supported by node"
    assert (
        desktop.post("/computeruse/a11y/node/invoke", json={"id": by_role["push button"], "action": "PRESS"}).json()
        == {}
    )
    text_value = desktop.post("/computeruse/a11y/node/value", json={"id": by_role["label"], "value": "x"})
    assert a11y_error(text_value, 400, "A11Y_ACTION_NOT_SUPPORTED") == (
        'action not supported by node: node has no EditableText and "x" is not numeric: '
        'strconv.ParseFloat: parsing "x": invalid syntax'
    )
    assert desktop.post("/computeruse/a11y/node/value", json={"id": by_role["entry"], "value": "Ada"}).json() == {}
