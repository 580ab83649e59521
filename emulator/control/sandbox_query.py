"""``GET /sandbox`` (cursor pages) and ``GET /sandbox/paginated`` (numbered pages): filters and sorting."""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from starlette.requests import Request

from emulator.control import http as h
from emulator.control.records import SandboxRecord
from emulator.errors import bad_request

SANDBOX_STATES = (
    "creating", "restoring", "destroyed", "destroying", "started", "stopped", "starting", "stopping", "error",
    "build_failed", "pending_build", "building_snapshot", "unknown", "pulling_snapshot", "archived", "archiving",
    "resizing", "snapshotting", "forking", "pausing", "paused", "resuming",
)  # fmt: skip
SANDBOX_CLASSES = ("linux-vm", "container", "android", "windows")
CURSOR_SORTS: dict[str, Callable[[SandboxRecord], Any]] = {
    "name": lambda s: s.name.lower(),
    "cpu": lambda s: s.cpu,
    "memoryGib": lambda s: s.memory,
    "diskGib": lambda s: s.disk,
    "lastActivityAt": lambda s: s.last_activity_at.timestamp(),
    "createdAt": lambda s: s.created_at.timestamp(),
}
PAGE_SORTS: dict[str, Callable[[SandboxRecord], Any]] = {
    "id": lambda s: s.id,
    "name": lambda s: s.name.lower(),
    "state": lambda s: s.state,
    "snapshot": lambda s: s.snapshot or "",
    "region": lambda s: s.target,
    "updatedAt": lambda s: s.updated_at.timestamp(),
    "createdAt": lambda s: s.created_at.timestamp(),
    "lastActivityAt": lambda s: s.last_activity_at.timestamp(),
}


@dataclass
class Filters:
    id: str | None = None
    name: str | None = None
    prefix: bool = True
    labels: dict[str, str] | None = None
    states: list[str] | None = None
    snapshots: list[str] | None = None
    regions: list[str] | None = None
    classes: list[str] | None = None
    min_cpu: float | None = None
    max_cpu: float | None = None
    min_memory: float | None = None
    max_memory: float | None = None
    min_disk: float | None = None
    max_disk: float | None = None
    is_public: bool | None = None
    is_recoverable: bool | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None
    event_after: datetime | None = None
    event_before: datetime | None = None

    def _text(self, value: str, wanted: str | None) -> bool:
        if wanted is None:
            return True
        value, wanted = value.lower(), wanted.lower()
        return value.startswith(wanted) if self.prefix else wanted in value

    def accepts(self, s: SandboxRecord) -> bool:
        checks = (
            self._text(s.id, self.id),
            self._text(s.name, self.name),
            self.labels is None or all(s.labels.get(k) == v for k, v in self.labels.items()),
            self.states is None or s.state in self.states,
            self.snapshots is None or s.snapshot in self.snapshots,
            self.regions is None or s.target in self.regions,
            self.classes is None or s.sandbox_class in self.classes,
            _within(s.cpu, self.min_cpu, self.max_cpu),
            _within(s.memory, self.min_memory, self.max_memory),
            _within(s.disk, self.min_disk, self.max_disk),
            self.is_public is None or s.public == self.is_public,
            self.is_recoverable is None or bool(s.recoverable) == self.is_recoverable,
            _within(s.created_at.timestamp(), _ts(self.created_after), _ts(self.created_before), strict=True),
            _within(s.last_activity_at.timestamp(), _ts(self.event_after), _ts(self.event_before), strict=True),
        )
        return all(checks)


def _ts(moment: datetime | None) -> float | None:
    return None if moment is None else moment.timestamp()


def _within(value: float, low: float | None, high: float | None, strict: bool = False) -> bool:
    if low is not None and (value <= low if strict else value < low):
        return False
    return not (high is not None and (value >= high if strict else value > high))


def _labels(request: Request) -> dict[str, str] | None:
    raw = h.q_str(request, "labels")
    if raw is None:
        return None
    try:
        labels = json.loads(raw)
    except ValueError as exc:
        raise bad_request("labels must be a JSON encoded object") from exc
    if not isinstance(labels, dict):
        raise bad_request("labels must be a JSON encoded object")
    return {str(k): str(v) for k, v in labels.items()}


def _enum_list(request: Request, name: str, allowed: tuple[str, ...]) -> list[str] | None:
    values = h.q_list(request, name)
    for value in values or []:
        if value not in allowed:
            raise bad_request(f"each value in {name} must be one of the following values: {', '.join(allowed)}")
    return values


def parse_filters(request: Request, *, paginated: bool) -> Filters:
    return Filters(
        id=h.q_str(request, "id"),
        name=h.q_str(request, "name"),
        prefix=not paginated,
        labels=_labels(request),
        states=_enum_list(request, "states", SANDBOX_STATES),
        snapshots=h.q_list(request, "snapshots"),
        regions=h.q_list(request, "regions" if paginated else "regionIds"),
        classes=None if paginated else _enum_list(request, "sandboxClasses", SANDBOX_CLASSES),
        min_cpu=h.q_number(request, "minCpu", 1),
        max_cpu=h.q_number(request, "maxCpu", 1),
        min_memory=h.q_number(request, "minMemoryGiB", 1),
        max_memory=h.q_number(request, "maxMemoryGiB", 1),
        min_disk=h.q_number(request, "minDiskGiB", 1),
        max_disk=h.q_number(request, "maxDiskGiB", 1),
        is_public=None if paginated else h.q_bool(request, "isPublic"),
        is_recoverable=None if paginated else h.q_bool(request, "isRecoverable"),
        created_after=None if paginated else h.q_datetime(request, "createdAtAfter"),
        created_before=None if paginated else h.q_datetime(request, "createdAtBefore"),
        event_after=h.q_datetime(request, "lastEventAfter"),
        event_before=h.q_datetime(request, "lastEventBefore"),
    )


def _encode_cursor(value: Any, sandbox_id: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([value, sandbox_id]).encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[Any, str]:
    try:
        value, sandbox_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, TypeError, binascii.Error) as exc:
        raise bad_request("Invalid cursor") from exc
    if not isinstance(sandbox_id, str):
        raise bad_request("Invalid cursor")
    return value, sandbox_id


def cursor_page(request: Request, sandboxes: list[SandboxRecord]) -> tuple[list[SandboxRecord], str | None]:
    """Filter, sort by (field, id) and cut one page after the cursor (keyset pagination)."""
    limit = h.q_int(request, "limit", 1, 200) or 100
    sort = h.q_enum(request, "sort", tuple(CURSOR_SORTS), "createdAt") or "createdAt"
    descending = h.q_enum(request, "order", ("asc", "desc"), "desc") == "desc"
    filters = parse_filters(request, paginated=False)
    field = CURSOR_SORTS[sort]
    items = sorted((s for s in sandboxes if filters.accepts(s)), key=lambda s: (field(s), s.id), reverse=descending)
    cursor = h.q_str(request, "cursor")
    if cursor is not None:
        after = tuple(_decode_cursor(cursor))
        try:
            items = [s for s in items if ((field(s), s.id) < after if descending else (field(s), s.id) > after)]
        except TypeError as exc:
            raise bad_request("Invalid cursor") from exc
    page = items[:limit]
    next_cursor = _encode_cursor(field(page[-1]), page[-1].id) if len(items) > limit else None
    return page, next_cursor


def numbered_page(request: Request, sandboxes: list[SandboxRecord]) -> tuple[list[SandboxRecord], int, int, int]:
    """The deprecated page-number listing: (items, total, page, totalPages)."""
    page = h.q_int(request, "page", 1) or 1
    limit = h.q_int(request, "limit", 1, 200) or 100
    sort = h.q_enum(request, "sort", tuple(PAGE_SORTS), "createdAt") or "createdAt"
    descending = h.q_enum(request, "order", ("asc", "desc"), "desc") == "desc"
    filters = parse_filters(request, paginated=True)
    field = PAGE_SORTS[sort]
    items = sorted((s for s in sandboxes if filters.accepts(s)), key=lambda s: (field(s), s.id), reverse=descending)
    total = len(items)
    return items[(page - 1) * limit : page * limit], total, page, math.ceil(total / limit)
