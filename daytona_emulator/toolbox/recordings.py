"""Screen recordings as the daemon's recording service keeps them (``apps/daemon/pkg/recording``).

Active recordings live in memory; finished ones are only files: ``~/.daytona/recordings/*.mp4``, listed from
the directory (the id is the file name's leading UUID, or a UUIDv5 of the path for other files; start and end
time are the file's modification time). A recording started while no X display runs fails at once, as
ffmpeg's x11grab does: it is answered, then gone. The file holds an animated GIF of the simulated screen
(there is no ffmpeg here), under the ``.mp4`` name the daemon gives it.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image

from daytona_emulator.toolbox.go_json import go_time

if TYPE_CHECKING:
    from daytona_emulator.toolbox.desktop import Desktop

RECORDINGS_DIR = ".daytona/recordings"
MAX_LABEL_LENGTH = 100
INVALID_LABEL = (
    "invalid label: must be 1-100 characters, cannot start with dot, cannot contain path separators (/ or \\), "
    "and can only contain letters, numbers, spaces, dots, underscores, and hyphens"
)
_SAFE_LABEL = re.compile(r"[A-Za-z0-9.\t\n\f\r _-]+")
_GO_SPACE = " \t\n\v\f\r\x85\xa0"


class RecordingNotFound(Exception):
    """ErrRecordingNotFound."""


class RecordingStillActive(Exception):
    """ErrRecordingStillActive."""


class InvalidLabel(Exception):
    """ErrInvalidLabel."""


@dataclass
class Recording:
    """The daemon's Recording (and RecordingDTO when answered)."""

    id: str
    file_name: str
    file_path: str
    start_time: str
    status: str
    end_time: str | None = None
    duration_seconds: float | None = None
    size_bytes: int | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "fileName": self.file_name,
            "filePath": self.file_path,
            "startTime": self.start_time,
        }
        if self.end_time is not None:
            data["endTime"] = self.end_time
        data["status"] = self.status
        if self.duration_seconds is not None:
            data["durationSeconds"] = self.duration_seconds
        if self.size_bytes is not None:
            data["sizeBytes"] = self.size_bytes
        return data


@dataclass
class _Active:
    recording: Recording
    started: datetime
    frames: list[Image.Image] = field(default_factory=list)


def validate_label(label: str) -> None:
    """validateLabel: 1-100 bytes, safe characters only, no path separators, no leading dot."""
    trimmed = label.strip(_GO_SPACE)
    if (
        trimmed == ""
        or len(label.encode()) > MAX_LABEL_LENGTH
        or "/" in label
        or "\\" in label
        or trimmed.startswith(".")
        or not _SAFE_LABEL.fullmatch(label)
    ):
        raise InvalidLabel(INVALID_LABEL)


class RecordingService:
    def __init__(self, desktop: Desktop) -> None:
        self.desktop = desktop
        self.active: dict[str, _Active] = {}

    @property
    def sandbox_dir(self) -> str:
        return f"{self.desktop.workspace.paths.sandbox(self.desktop.workspace.home)}/{RECORDINGS_DIR}"

    @property
    def host_dir(self) -> Path:
        return self.desktop.workspace.home / RECORDINGS_DIR

    def start(self, label: str | None) -> Recording:
        self.host_dir.mkdir(parents=True, exist_ok=True)
        recording_id = str(uuid.uuid4())
        now = datetime.now(UTC)
        if label:
            validate_label(label)
            file_name = f"{recording_id}_{label}_{now:%Y%m%d_%H%M%S}.mp4"
        else:
            file_name = f"{recording_id}_session_{now:%Y%m%d_%H%M%S}.mp4"
        recording = Recording(recording_id, file_name, f"{self.sandbox_dir}/{file_name}", go_time(now), "recording")
        if self.desktop.display_running:
            self.active[recording_id] = _Active(recording, now, [self.desktop.frame()])
        # else: ffmpeg's x11grab cannot open the display and exits; the recording is dropped at once.
        return recording

    def stop(self, recording_id: str) -> Recording:
        active = self.active.pop(recording_id, None)
        if active is None:
            raise RecordingNotFound
        frames = [*active.frames, self.desktop.frame()]
        host_path = self.host_dir / active.recording.file_name
        host_path.parent.mkdir(parents=True, exist_ok=True)
        frames[0].save(host_path, format="GIF", save_all=True, append_images=frames[1:], duration=500, loop=0)
        ended = datetime.now(UTC)
        recording = active.recording
        recording.end_time = go_time(ended)
        recording.status = "completed"
        recording.duration_seconds = (ended - active.started).total_seconds()
        recording.size_bytes = host_path.stat().st_size
        return recording

    def on_display_stopped(self) -> None:
        """ffmpeg loses its display: every active recording fails and is dropped from the active set."""
        self.active.clear()

    def list(self) -> list[Recording]:
        recordings = [active.recording for active in self.active.values()]
        if not self.host_dir.is_dir():
            return recordings
        active_names = {active.recording.file_name for active in self.active.values()}
        for entry in sorted(self.host_dir.iterdir(), key=lambda p: p.name):
            if entry.is_dir() or _go_ext(entry.name) != ".mp4" or entry.name in active_names:
                continue
            try:
                info = entry.stat()
            except OSError:
                continue
            file_path = f"{self.sandbox_dir}/{entry.name}"
            recordings.append(
                Recording(
                    _id_from_name(entry.name, file_path),
                    entry.name,
                    file_path,
                    go_time(info.st_mtime_ns),
                    "completed",
                    end_time=go_time(info.st_mtime_ns),
                    size_bytes=info.st_size,
                )
            )
        return recordings

    def get(self, recording_id: str) -> Recording:
        active = self.active.get(recording_id)
        if active is not None:
            return active.recording
        for recording in self.list():
            if recording.id == recording_id:
                return recording
        raise RecordingNotFound

    def host_path(self, recording: Recording) -> Path:
        return self.host_dir / recording.file_name

    def delete(self, recording_id: str) -> None:
        if recording_id in self.active:
            raise RecordingStillActive
        recording = self.get(recording_id)
        try:
            self.host_path(recording).unlink()
        except FileNotFoundError as exc:
            raise RecordingNotFound from exc


_UUID36 = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_GO_UUID = re.compile(rf"{_UUID36}|\{{{_UUID36}\}}|urn:uuid:{_UUID36}|[0-9a-fA-F]{{32}}")


def _id_from_name(file_name: str, file_path: str) -> str:
    """The text before the first ``_`` when uuid.Parse accepts it, else the UUIDv5 (URL namespace) of the path."""
    prefix, separator, _ = file_name.partition("_")
    if separator and prefix and _GO_UUID.fullmatch(prefix):
        return prefix
    return str(uuid.uuid5(uuid.NAMESPACE_URL, file_path))


def _go_ext(name: str) -> str:
    """filepath.Ext: from the last dot of the name (a leading dot counts)."""
    dot = name.rfind(".")
    return name[dot:] if dot >= 0 else ""
