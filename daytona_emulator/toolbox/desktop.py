"""The simulated desktop behind computer use: the plugin's supervised processes, the X display, input, screenshots.

Nothing graphical runs. The plugin's processes (``libs/computer-use/pkg/computeruse/computeruse.go``) are
records with a running flag and a pid; starting one appends to its log files under
``~/.daytona/computeruse`` in the sandbox, as the plugin's supervisor does. The X display exists while
``xvfb`` runs: pointer, keyboard and windows need it; screenshots are drawn with Pillow from the state
(windows, typed text, the pointer). The AT-SPI bus is up while ``atspi`` runs.
"""

from __future__ import annotations

import base64
import io
import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PIL import Image, ImageDraw

from daytona_emulator.toolbox.accessibility import FAKE_APP_PID, AccessibilityTree
from daytona_emulator.toolbox.common import now_iso
from daytona_emulator.toolbox.go_json import go_int
from daytona_emulator.toolbox.recordings import RecordingService

if TYPE_CHECKING:
    from pathlib import Path

    from daytona_emulator.toolbox.workspace import SandboxWorkspace

WIDTH, HEIGHT = 1024, 768
CONFIG_DIR = ".daytona/computeruse"
REQUIRED_PROCESSES = ("xvfb", "xfce4", "x11vnc", "novnc")
# (name, priority, auto-restart) of every process the plugin supervises, in start order.
PROCESSES = (("xvfb", 100, True), ("xfce4", 200, True), ("atspi", 250, False), ("x11vnc", 300, True))
PROCESSES += (("novnc", 400, True),)
X_UNAVAILABLE = "Could not open main display"
X_DIAL_ERROR = "dial unix /tmp/.X11-unix/X0: connect: no such file or directory"
_PIDS = itertools.count(FAKE_APP_PID + 100)


class PluginError(Exception):
    """An error the plugin returns (the daemon puts its text in the answer)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Supervised:
    """One process the plugin supervises."""

    name: str
    priority: int
    auto_restart: bool
    running: bool = False
    pid: int | None = None


@dataclass
class Window:
    id: int
    title: str
    x: int
    y: int
    width: int
    height: int
    lines: list[str] = field(default_factory=lambda: [""])


class Desktop:
    def __init__(self, workspace: SandboxWorkspace) -> None:
        self.workspace = workspace
        self.processes = {name: Supervised(name, priority, restart) for name, priority, restart in PROCESSES}
        self.mouse = (WIDTH // 2, HEIGHT // 2)
        self.windows = [Window(next(_PIDS), "Terminal - daytona@sandbox", 80, 60, 640, 420)]
        self.active_window = self.windows[0].id
        self.events: list[dict[str, Any]] = []
        self.accessibility = AccessibilityTree()
        self.recordings = RecordingService(self)
        # The plugin makes its config directory when it loads (at daemon start).
        self.config_dir.mkdir(parents=True, exist_ok=True)

    @property
    def config_dir(self) -> Path:
        return self.workspace.home / CONFIG_DIR

    @property
    def sandbox_config_dir(self) -> str:
        return f"{self.workspace.paths.sandbox(self.workspace.home)}/{CONFIG_DIR}"

    # --- processes --------------------------------------------------------------------------------------
    def _start_process(self, process: Supervised) -> None:
        if process.running:
            return
        process.running, process.pid = True, next(_PIDS)
        self.config_dir.mkdir(parents=True, exist_ok=True)
        with (self.config_dir / f"{process.name}.log").open("a") as log:
            log.write(f"{now_iso()} {process.name} started (simulated by the Daytona emulator)\n")
        (self.config_dir / f"{process.name}.err").touch()
        self._sync()

    def _stop_process(self, process: Supervised) -> None:
        process.running, process.pid = False, None
        self._sync()

    def _sync(self) -> None:
        self.accessibility.available = self.processes["atspi"].running
        if not self.display_running:
            self.recordings.on_display_stopped()

    def start(self) -> None:
        for process in sorted(self.processes.values(), key=lambda p: p.priority):
            self._start_process(process)

    def stop(self) -> None:
        for process in sorted(self.processes.values(), key=lambda p: p.priority, reverse=True):
            self._stop_process(process)

    def _process(self, name: str) -> Supervised:
        process = self.processes.get(name)
        if process is None:
            raise PluginError(f"process {name} not found")
        return process

    def restart(self, name: str) -> None:
        process = self._process(name)
        self._stop_process(process)
        self._start_process(process)

    def is_running(self, name: str) -> bool:
        return self._process(name).running

    def process_status(self) -> dict[str, dict[str, Any]]:
        """GetProcessStatus as the daemon encodes it: Go field names (no json tags), keys sorted."""
        status = {}
        for name in sorted(self.processes):
            process = self.processes[name]
            status[name] = {
                "Running": process.running,
                "Priority": process.priority,
                "AutoRestart": process.auto_restart,
                "Pid": None if name == "atspi" else process.pid,
            }
        return status

    def status(self) -> str:
        """GetStatus: active when the required processes run, partial when any runs, else inactive."""
        if all(self.processes[name].running for name in REQUIRED_PROCESSES):
            return "active"
        return "partial" if any(p.running for p in self.processes.values()) else "inactive"

    def _read_process_file(self, name: str, suffix: str, kind: str) -> str:
        self._process(name)
        path = f"{self.sandbox_config_dir}/{name}.{suffix}"
        try:
            return (self.config_dir / f"{name}.{suffix}").read_text(errors="replace")
        except FileNotFoundError as exc:
            raise PluginError(f"failed to read {kind} file for {name}: open {path}: no such file or directory") from exc
        except OSError as exc:
            raise PluginError(f"failed to read {kind} file for {name}: open {path}: {exc.strerror}") from exc

    def logs(self, name: str) -> str:
        return self._read_process_file(name, "log", "log")

    def errors(self, name: str) -> str:
        return self._read_process_file(name, "err", "error")

    @property
    def display_running(self) -> bool:
        return self.processes["xvfb"].running

    def _need_display(self) -> None:
        if not self.display_running:
            raise PluginError(X_UNAVAILABLE)

    # --- input ------------------------------------------------------------------------------------------
    def _warp(self, x: int, y: int) -> tuple[int, int]:
        """Move the pointer as X does: clamped to the screen."""
        self.mouse = (max(0, min(WIDTH - 1, x)), max(0, min(HEIGHT - 1, y)))
        return self.mouse

    def position(self) -> tuple[int, int]:
        self._need_display()
        return self.mouse

    def move(self, x: int, y: int) -> tuple[int, int]:
        self._need_display()
        return self._warp(x, y)

    def click(self, x: int, y: int, button: str, double: bool) -> tuple[int, int]:
        self._need_display()
        self._warp(x, y)
        x, y = self.mouse
        self.events.append({"type": "click", "x": x, "y": y, "button": button, "double": double})
        for window in reversed(self.windows):
            if window.x <= x < window.x + window.width and window.y <= y < window.y + window.height:
                self.active_window = window.id
                break
        return self.mouse

    def drag(self, start: tuple[int, int], end: tuple[int, int], button: str) -> tuple[int, int]:
        self._need_display()
        self._warp(*start)
        self.events.append({"type": "drag", "from": start, "to": end, "button": button})
        return self._warp(*end)

    def scroll(self, x: int, y: int, direction: str, amount: int) -> None:
        self._need_display()
        self._warp(x, y)
        self.events.append({"type": "scroll", "direction": direction, "amount": amount})

    def _window(self) -> Window:
        return next(window for window in self.windows if window.id == self.active_window)

    def type_actions(self, actions: list[str]) -> None:
        """Type runs of text; a ``"\\n"`` item is an Enter press."""
        self._need_display()
        window = self._window()
        for action in actions:
            if action == "\n":
                window.lines.append("")
            else:
                window.lines[-1] += action
                self.accessibility.type_text(action)
        del window.lines[:-24]
        self.events.append({"type": "type", "text": "".join(actions)})

    def tap(self, key: str, modifiers: tuple[str, ...]) -> None:
        self._need_display()
        window = self._window()
        if not modifiers and key == "enter":
            window.lines.append("")
        elif not modifiers and key == "backspace":
            window.lines[-1] = window.lines[-1][:-1]
        elif not modifiers and key == "space":
            window.lines[-1] += " "
        elif not modifiers and len(key) == 1:
            window.lines[-1] += key
        self.events.append({"type": "key", "key": key, "modifiers": list(modifiers)})

    # --- display ----------------------------------------------------------------------------------------
    def display_info(self) -> dict[str, Any]:
        """GetDisplayInfo: the active displays (none without an X server)."""
        if not self.display_running:
            return {"displays": []}
        return {"displays": [{"id": 0, "x": 0, "y": 0, "width": WIDTH, "height": HEIGHT, "isActive": True}]}

    def window_list(self) -> dict[str, Any]:
        """GetWindows: the titled windows by owner pid; the plugin reports no geometry and no focus."""
        self._need_display()
        if not self.processes["xfce4"].running:
            return {"windows": []}
        return {
            "windows": [
                {"id": w.id, "title": w.title, "x": 0, "y": 0, "width": 0, "height": 0, "isActive": False}
                for w in self.windows
            ]
        }

    def render(self, show_cursor: bool) -> Image.Image:
        image = Image.new("RGB", (WIDTH, HEIGHT), (34, 62, 86))
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, HEIGHT - 28, WIDTH, HEIGHT), fill=(22, 22, 28))
        draw.text((10, HEIGHT - 20), "Daytona emulator desktop (simulated)", fill=(200, 200, 210))
        for window in self.windows:
            active = window.id == self.active_window
            x0, y0, x1, y1 = window.x, window.y, window.x + window.width, window.y + window.height
            draw.rectangle((x0, y0, x1, y1), fill=(18, 18, 18), outline=(90, 90, 100))
            draw.rectangle((x0, y0, x1, y0 + 24), fill=(60, 110, 170) if active else (70, 70, 80))
            draw.text((x0 + 8, y0 + 6), window.title, fill=(255, 255, 255))
            for row, line in enumerate(window.lines):
                draw.text((x0 + 8, y0 + 32 + row * 15), line, fill=(120, 230, 120))
        if show_cursor:
            _draw_cursor(draw, *self.mouse)
        return image

    def frame(self) -> Image.Image:
        """A small frame of the screen for a recording."""
        return self.render(True).reduce(4)

    def _capture(self, region: tuple[int, int, int, int] | None, show_cursor: bool) -> Image.Image:
        """The screen (or a region of it, black outside the screen), with the cursor drawn if asked."""
        if not self.display_running:
            raise PluginError(X_DIAL_ERROR)
        screen = self.render(False)
        if region is None:
            image = screen
        else:
            x, y, width, height = region
            image = Image.new("RGB", (width, height), (0, 0, 0))
            image.paste(screen, (-x, -y))
        if show_cursor:
            offset = (0, 0) if region is None else (region[0], region[1])
            _draw_cursor(ImageDraw.Draw(image), self.mouse[0] - offset[0], self.mouse[1] - offset[1])
        return image

    def screenshot(self, show_cursor: bool, region: tuple[int, int, int, int] | None = None) -> dict[str, Any]:
        """TakeScreenshot / TakeRegionScreenshot: a PNG; the cursor position is always reported."""
        image = self._capture(region, show_cursor)
        if region is None:
            cursor = self.mouse if show_cursor else (0, 0)
        else:
            cursor = self.mouse if show_cursor else (region[0], region[1])
        return {"screenshot": _encode(image, "png", 0), "cursorPosition": {"x": cursor[0], "y": cursor[1]}}

    def compressed_screenshot(
        self, show_cursor: bool, fmt: str, quality: int, scale: float, region: tuple[int, int, int, int] | None = None
    ) -> dict[str, Any]:
        """TakeCompressed(Region)Screenshot: png or jpeg (any other format: an unscaled png), scaled."""
        image = self._capture(region, show_cursor)
        if fmt in ("png", "jpeg") and scale != 1.0:
            width, height = max(1, go_int(image.width * scale)), max(1, go_int(image.height * scale))
            image = image.resize((width, height), Image.Resampling.NEAREST)
        data = _raw(image, fmt if fmt in ("png", "jpeg") else "png", quality)
        answer: dict[str, Any] = {"screenshot": base64.b64encode(data).decode(), "sizeBytes": len(data)}
        if show_cursor:
            if region is None:
                cursor = (go_int(self.mouse[0] * scale), go_int(self.mouse[1] * scale))
            else:
                x, y = region[0], region[1]
                cursor = (x + go_int((self.mouse[0] - x) * scale), y + go_int((self.mouse[1] - y) * scale))
            answer["cursorPosition"] = {"x": cursor[0], "y": cursor[1]}
        return answer

    async def close(self) -> None:
        self.stop()


def _draw_cursor(draw: ImageDraw.ImageDraw, x: int, y: int) -> None:
    """The plugin's cursor: a white-outlined black crosshair with a red centre."""
    draw.rectangle((x - 20, y - 1, x + 20, y + 1), fill=(255, 255, 255))
    draw.rectangle((x - 1, y - 20, x + 1, y + 20), fill=(255, 255, 255))
    draw.line((x - 20, y, x + 20, y), fill=(0, 0, 0))
    draw.line((x, y - 20, x, y + 20), fill=(0, 0, 0))
    draw.rectangle((x - 2, y - 2, x + 2, y + 2), fill=(255, 0, 0))


def _raw(image: Image.Image, fmt: str, quality: int) -> bytes:
    buffer = io.BytesIO()
    if fmt == "jpeg":
        image.convert("RGB").save(buffer, format="JPEG", quality=quality)
    else:
        image.save(buffer, format="PNG")
    return buffer.getvalue()


def _encode(image: Image.Image, fmt: str, quality: int) -> str:
    return base64.b64encode(_raw(image, fmt, quality)).decode()
