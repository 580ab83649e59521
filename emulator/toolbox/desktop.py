"""A simulated desktop for computer use: processes, pointer, keyboard, windows, screenshots and recordings.

Nothing runs: the state lives in memory and screenshots are drawn with Pillow from it (windows, what was
typed, the pointer). Recordings are small animated GIFs of the screen at start and stop.
"""

from __future__ import annotations

import base64
import io
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PIL import Image, ImageDraw

from emulator.errors import bad_request, not_found
from emulator.toolbox.accessibility import FAKE_APP_PID, AccessibilityTree
from emulator.toolbox.common import now_iso

if TYPE_CHECKING:
    from pathlib import Path

    from emulator.toolbox.workspace import SandboxWorkspace

WIDTH, HEIGHT = 1024, 768
PROCESSES = {"xvfb": 100, "xfce4": 200, "x11vnc": 300, "novnc": 400}
_RECORDINGS_DIR = ".daytona/recordings"


@dataclass
class Recording:
    id: str
    file_name: str
    file_path: str
    host_path: Path
    label: str | None
    started: datetime
    first_frame: Image.Image
    ended: datetime | None = None
    size_bytes: int | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "fileName": self.file_name,
            "filePath": self.file_path,
            "startTime": self.started.isoformat().replace("+00:00", "Z"),
            "status": "completed" if self.ended else "recording",
        }
        if self.ended is not None:
            data["endTime"] = self.ended.isoformat().replace("+00:00", "Z")
            data["durationSeconds"] = round((self.ended - self.started).total_seconds(), 3)
            data["sizeBytes"] = self.size_bytes or 0
        return data


@dataclass
class Window:
    id: int
    title: str
    x: int
    y: int
    width: int
    height: int
    lines: list[str] = field(default_factory=lambda: [""])

    def to_json(self, active: bool) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "x": self.x,
            "y": self.y,
            "width": self.width,
            "height": self.height,
            "isActive": active,
        }


class Desktop:
    def __init__(self, workspace: SandboxWorkspace) -> None:
        self.workspace = workspace
        self.running = False
        self.pids: dict[str, int] = {}
        self.logs: dict[str, list[str]] = {name: [] for name in PROCESSES}
        self.mouse = (WIDTH // 2, HEIGHT // 2)
        self.windows = [Window(1, "Terminal - daytona@sandbox", 80, 60, 640, 420)]
        self.active_window = 1
        self.events: list[dict[str, Any]] = []
        self.accessibility = AccessibilityTree()
        self.recordings: dict[str, Recording] = {}

    # --- processes --------------------------------------------------------------------------------
    def _log(self, process: str, line: str) -> None:
        self.logs[process].append(f"{now_iso()} {line}")

    def process_status(self) -> dict[str, Any]:
        return {
            name: {
                "running": self.running,
                "pid": self.pids.get(name, 0) if self.running else 0,
                "priority": priority,
                "autoRestart": True,
            }
            for name, priority in PROCESSES.items()
        }

    def start(self) -> dict[str, Any]:
        if not self.running:
            self.running = True
            for offset, name in enumerate(PROCESSES):
                self.pids[name] = FAKE_APP_PID + 1 + offset
                self._log(name, f"{name} started (simulated)")
        return {"message": "Computer use processes started successfully", "status": self.process_status()}

    def stop(self) -> dict[str, Any]:
        if self.running:
            self.running = False
            for name in PROCESSES:
                self._log(name, f"{name} stopped (simulated)")
        return {"message": "Computer use processes stopped successfully", "status": self.process_status()}

    def status(self) -> str:
        return "active" if self.running else "inactive"

    def require_process(self, name: str) -> str:
        if name not in PROCESSES:
            raise not_found(f"process {name}")
        return name

    def restart(self, name: str) -> dict[str, Any]:
        self.require_process(name)
        self._log(name, f"{name} restarted (simulated)")
        return {"message": f"Process {name} restarted successfully", "processName": name}

    # --- input ------------------------------------------------------------------------------------
    def _clamp(self, x: int, y: int) -> tuple[int, int]:
        return max(0, min(WIDTH - 1, x)), max(0, min(HEIGHT - 1, y))

    def move(self, x: int, y: int) -> tuple[int, int]:
        self.mouse = self._clamp(x, y)
        return self.mouse

    def click(self, x: int, y: int, button: str, double: bool) -> tuple[int, int]:
        if button not in ("left", "right", "middle"):
            raise bad_request("button must be left, right or middle")
        self.move(x, y)
        self.events.append(
            {"type": "click", "x": self.mouse[0], "y": self.mouse[1], "button": button, "double": double}
        )
        for window in reversed(self.windows):
            if window.x <= x < window.x + window.width and window.y <= y < window.y + window.height:
                self.active_window = window.id
                break
        return self.mouse

    def drag(self, start: tuple[int, int], end: tuple[int, int], button: str) -> tuple[int, int]:
        self.move(*start)
        self.events.append({"type": "drag", "from": start, "to": end, "button": button})
        return self.move(*end)

    def scroll(self, x: int, y: int, direction: str, amount: int) -> None:
        if direction not in ("up", "down", "left", "right"):
            raise bad_request("direction must be up or down")
        if amount < 0:
            raise bad_request("amount must not be negative")
        self.move(x, y)
        self.events.append({"type": "scroll", "direction": direction, "amount": amount})

    def _window(self) -> Window:
        return next(window for window in self.windows if window.id == self.active_window)

    def type_text(self, text: str) -> None:
        window = self._window()
        for char in text:
            if char == "\n":
                window.lines.append("")
            else:
                window.lines[-1] += char
        del window.lines[:-24]
        self.accessibility.type_text(text)
        self.events.append({"type": "type", "text": text})

    def press(self, key: str, modifiers: list[str]) -> None:
        window = self._window()
        if not modifiers and key.lower() in ("return", "enter"):
            window.lines.append("")
        elif not modifiers and key.lower() == "backspace":
            window.lines[-1] = window.lines[-1][:-1]
        elif not modifiers and len(key) == 1:
            window.lines[-1] += key
        self.events.append({"type": "key", "key": key, "modifiers": modifiers})

    def hotkey(self, keys: str) -> None:
        if not keys.strip():
            raise bad_request("keys is required")
        self.events.append({"type": "hotkey", "keys": keys})

    # --- display ----------------------------------------------------------------------------------
    def display_info(self) -> dict[str, Any]:
        return {"displays": [{"id": 0, "x": 0, "y": 0, "width": WIDTH, "height": HEIGHT, "isActive": True}]}

    def window_list(self) -> dict[str, Any]:
        return {"windows": [window.to_json(window.id == self.active_window) for window in self.windows]}

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
            x, y = self.mouse
            draw.polygon(
                [(x, y), (x, y + 16), (x + 4, y + 12), (x + 11, y + 11)], fill=(255, 255, 255), outline=(0, 0, 0)
            )
        return image

    def screenshot(
        self,
        show_cursor: bool,
        region: tuple[int, int, int, int] | None = None,
        fmt: str = "png",
        quality: int = 85,
        scale: float = 1.0,
    ) -> dict[str, Any]:
        image = self.render(show_cursor)
        if region is not None:
            x, y, width, height = region
            if width <= 0 or height <= 0 or x < 0 or y < 0 or x + width > WIDTH or y + height > HEIGHT:
                raise bad_request(f"region must lie within the {WIDTH}x{HEIGHT} screen")
            image = image.crop((x, y, x + width, y + height))
        if not 0.1 <= scale <= 1.0:
            raise bad_request("scale must be between 0.1 and 1.0")
        if scale != 1.0:
            image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))))
        fmt = fmt.lower()
        if fmt == "jpg":
            fmt = "jpeg"
        if fmt not in ("png", "jpeg", "webp"):
            raise bad_request("format must be png or jpeg")
        if not 1 <= quality <= 100:
            raise bad_request("quality must be between 1 and 100")
        buffer = io.BytesIO()
        if fmt == "png":
            image.save(buffer, format="PNG", optimize=quality < 100)
        else:
            image.save(buffer, format=fmt.upper(), quality=quality)
        data = buffer.getvalue()
        return {
            "screenshot": base64.b64encode(data).decode(),
            "cursorPosition": {"x": self.mouse[0], "y": self.mouse[1]},
            "sizeBytes": len(data),
        }

    # --- recordings -------------------------------------------------------------------------------
    def start_recording(self, label: str | None) -> Recording:
        started = datetime.now(UTC)
        recording_id = str(uuid.uuid4())
        stem = "".join(c if c.isalnum() or c in "-_" else "_" for c in (label or "recording"))
        file_name = f"{stem}_{started:%Y%m%d_%H%M%S}_{recording_id[:8]}.gif"
        file_path = f"{self.workspace.paths.sandbox(self.workspace.home)}/{_RECORDINGS_DIR}/{file_name}"
        recording = Recording(
            recording_id,
            file_name,
            file_path,
            self.workspace.paths.host(file_path),
            label,
            started,
            self.render(True).reduce(4),
        )
        self.recordings[recording_id] = recording
        return recording

    def stop_recording(self, recording_id: str) -> Recording:
        recording = self.recording(recording_id)
        if recording.ended is not None:
            raise bad_request(f"recording {recording_id} is not active")
        last = self.render(True).reduce(4)
        recording.host_path.parent.mkdir(parents=True, exist_ok=True)
        recording.first_frame.save(
            recording.host_path, format="GIF", save_all=True, append_images=[last], duration=500, loop=0
        )
        recording.ended = datetime.now(UTC)
        recording.size_bytes = recording.host_path.stat().st_size
        return recording

    def recording(self, recording_id: str) -> Recording:
        recording = self.recordings.get(recording_id)
        if recording is None:
            raise not_found(f"recording {recording_id}")
        return recording

    def delete_recording(self, recording_id: str) -> None:
        recording = self.recording(recording_id)
        if recording.ended is None:
            raise bad_request(f"recording {recording_id} is still active: stop it first")
        recording.host_path.unlink(missing_ok=True)
        del self.recordings[recording_id]

    async def close(self) -> None:
        self.running = False
