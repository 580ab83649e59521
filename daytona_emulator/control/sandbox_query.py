"""``GET /sandbox`` (cursor pages) and ``GET /sandbox/paginated`` (numbered pages): query validation,
filters and sorting, as ``ListSandboxesQueryDto`` / ``ListSandboxesQueryDtoDeprecated`` and the search
(``apps/api/src/sandbox/adapters/sandbox-typeorm-search.adapter.ts``) and ``findAllPaginatedDeprecated``
define them.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request

from daytona_emulator.control import http as h
from daytona_emulator.control import validation as v
from daytona_emulator.control.records import ERROR_STATES, SandboxRecord
from daytona_emulator.errors import bad_request

SANDBOX_STATES = (
    "creating", "restoring", "destroyed", "destroying", "started", "stopped", "starting", "stopping", "error",
    "build_failed", "pending_build", "building_snapshot", "unknown", "pulling_snapshot", "archived", "archiving",
    "resizing", "snapshotting", "forking", "pausing", "paused", "resuming",
)  # fmt: skip
QUERY_STATES = tuple(s for s in SANDBOX_STATES if s != "destroyed")
STATES_MESSAGE = f"each value must be one of the following values: {', '.join(QUERY_STATES)}"
SANDBOX_CLASSES = ("linux-vm", "container", "android", "windows")
CURSOR_SORTS: dict[str, Callable[[SandboxRecord], Any]] = {
    "name": lambda s: (s.name.lower(), s.name),
    "cpu": lambda s: s.cpu,
    "memoryGib": lambda s: s.memory,
    "diskGib": lambda s: s.disk,
    "lastActivityAt": lambda s: s.last_activity_at.timestamp(),
    "createdAt": lambda s: s.created_at.timestamp(),
}
PAGE_SORTS: dict[str, Callable[[SandboxRecord], Any]] = {
    "id": lambda s: s.id,
    "name": lambda s: (s.name.lower(), s.name),
    "state": lambda s: SANDBOX_STATES.index(s.state) if s.state in SANDBOX_STATES else len(SANDBOX_STATES),
    "snapshot": lambda s: s.snapshot or "",
    "region": lambda s: s.target,
    "updatedAt": lambda s: s.updated_at.timestamp(),
    "createdAt": lambda s: s.created_at.timestamp(),
    "lastActivityAt": lambda s: s.last_activity_at.timestamp(),
}
_RANGES = ("minCpu", "maxCpu", "minMemoryGiB", "maxMemoryGiB", "minDiskGiB", "maxDiskGiB")


@dataclass
class Filters:
    id: str | None = None
    name: str | None = None
    labels: Any = None
    include_errored_deleted: bool = False
    states: list[str] | None = None
    snapshots: list[str] | None = None
    regions: list[str] | None = None
    classes: list[str] | None = None
    ranges: dict[str, float] | None = None
    is_public: bool | None = None
    is_recoverable: bool | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None
    event_after: datetime | None = None
    event_before: datetime | None = None

    def accepts(self, s: SandboxRecord) -> bool:
        ranges = self.ranges or {}
        checks = (
            not self.id or s.id.lower().startswith(self.id.lower()),
            not self.name or s.name.lower().startswith(self.name.lower()),
            self.labels is None or _contains(s.labels, self.labels),
            self._state_ok(s),
            not self.snapshots or s.snapshot in self.snapshots,
            not self.regions or s.target in self.regions,
            not self.classes or s.sandbox_class in self.classes,
            _within(s.cpu, ranges.get("minCpu"), ranges.get("maxCpu")),
            _within(s.memory, ranges.get("minMemoryGiB"), ranges.get("maxMemoryGiB")),
            _within(s.disk, ranges.get("minDiskGiB"), ranges.get("maxDiskGiB")),
            self.is_public is None or s.public == self.is_public,
            self.is_recoverable is None or s.recoverable == self.is_recoverable,
            _within(s.created_at.timestamp(), _ts(self.created_after), _ts(self.created_before)),
            _within(s.last_activity_at.timestamp(), _ts(self.event_after), _ts(self.event_before)),
        )
        return all(checks)

    def _state_ok(self, s: SandboxRecord) -> bool:
        """Every stored state but ``destroyed``; errored sandboxes whose deletion was asked only on request."""
        wanted = [x for x in (self.states or SANDBOX_STATES) if x != "destroyed"]
        if s.state not in wanted:
            return False
        if s.state in ERROR_STATES and not self.include_errored_deleted:
            return s.desired_state != "destroyed"
        return True


def _contains(labels: Any, wanted: Any) -> bool:
    """Postgres ``labels @> wanted`` for flat JSON objects."""
    if not isinstance(wanted, dict) or not isinstance(labels, dict):
        return isinstance(wanted, dict) and not wanted and isinstance(labels, dict)
    return all(k in labels and labels[k] == val for k, val in wanted.items())


def _ts(moment: datetime | None) -> float | None:
    return None if moment is None else moment.timestamp()


def _within(value: float, low: float | None, high: float | None) -> bool:
    if low is not None and value < low:
        return False
    return not (high is not None and value > high)


def _to_array(value: Any) -> Any:
    """``@ToArray()``: a single value becomes a one-element array; an empty one is absent."""
    if not value:
        return None
    return value if isinstance(value, list) else [value]


def _number(value: Any) -> Any:
    """``@Type(() => Number)``."""
    if value is None:
        return None
    if isinstance(value, list):
        return [_number(x) for x in value]
    number = h.js_number(value)
    return int(number) if number.is_integer() else number


def _date(value: Any) -> Any:
    """``@Type(() => Date)``: a Date, or the string itself when it is not a date (IsDate then fails)."""
    if value is None or isinstance(value, list):
        return value
    text = str(value).strip()
    try:
        moment = datetime.fromisoformat(text.replace(" ", "T", 1) if len(text) > 10 else text)
    except ValueError:
        return text
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _js_true(value: Any) -> bool:
    """``@Transform(({ value }) => value === 'true' || value === true)``."""
    return value == "true" or value is True


def _query(request: Request, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: h.query_values(request, name) for name in names}


def _labels(raw: Any) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise bad_request("Invalid labels JSON format") from exc


def parse_list_query(request: Request) -> tuple[Filters, str | None, int, str, bool]:
    """``ListSandboxesQueryDto``: (filters, cursor, limit, sort, descending)."""
    names = (
        "cursor", "limit", "id", "name", "labels", "includeErroredDeleted", "states", "snapshots", "regionIds",
        "sandboxClasses", *_RANGES, "isPublic", "isRecoverable", "createdAtAfter", "createdAtBefore",
        "lastEventAfter", "lastEventBefore", "sort", "order",
    )  # fmt: skip
    q = _query(request, names)
    data: dict[str, Any] = dict(q)
    data["limit"] = _number(q["limit"])
    for key in ("states", "snapshots", "regionIds", "sandboxClasses"):
        data[key] = _to_array(q[key])
    for key in _RANGES:
        data[key] = _number(q[key])
    for key in ("createdAtAfter", "createdAtBefore", "lastEventAfter", "lastEventBefore"):
        data[key] = _date(q[key])
    c = v.Checks(data)
    c.optional("cursor", v.is_string)
    c.optional("limit", v.is_int, v.minimum(1), v.maximum(200))
    for key in ("id", "name", "labels"):
        c.optional(key, v.is_string)
    c.optional("states", v.each(v.is_enum(QUERY_STATES), STATES_MESSAGE), v.is_array)
    c.optional("snapshots", v.each(v.is_string), v.is_array)
    c.optional("regionIds", v.each(v.is_string), v.is_array)
    c.optional("sandboxClasses", v.each(v.is_enum(SANDBOX_CLASSES)), v.is_array)
    for key in _RANGES:
        c.optional(key, v.minimum(1), v.is_int)
    for key in ("createdAtAfter", "createdAtBefore", "lastEventAfter", "lastEventBefore"):
        c.optional(key, v.is_date)
    c.optional("sort", v.is_enum(CURSOR_SORTS))
    c.optional("order", v.is_enum(("asc", "desc")))
    c.done()
    filters = Filters(
        id=data["id"],
        name=data["name"],
        labels=_labels(data["labels"]),
        include_errored_deleted=_js_true(q["includeErroredDeleted"]),
        states=data["states"],
        snapshots=data["snapshots"],
        regions=data["regionIds"],
        classes=data["sandboxClasses"],
        ranges={k: data[k] for k in _RANGES if data[k] is not None},
        is_public=None if q["isPublic"] is None else _js_true(q["isPublic"]),
        is_recoverable=None if q["isRecoverable"] is None else _js_true(q["isRecoverable"]),
        created_after=data["createdAtAfter"],
        created_before=data["createdAtBefore"],
        event_after=data["lastEventAfter"],
        event_before=data["lastEventBefore"],
    )
    limit = 100 if data["limit"] is None else int(data["limit"])
    return filters, data["cursor"], limit, data["sort"] or "lastActivityAt", (data["order"] or "desc") == "desc"


def _encode_cursor(value: Any, sandbox_id: str) -> str:
    return base64.b64encode(json.dumps({"sortValue": value, "id": sandbox_id}).encode()).decode()


def _decode_cursor(cursor: str) -> tuple[Any, str]:
    """Node's lenient base64 (standard or URL-safe alphabet, padding optional), then JSON."""
    cleaned = "".join(ch for ch in cursor.replace("-", "+").replace("_", "/") if ch.isalnum() or ch in "+/")
    try:
        raw = base64.b64decode(cleaned + "=" * (-len(cleaned) % 4))
        data = json.loads(raw.decode("utf-8", errors="replace"))
    except (ValueError, binascii.Error) as exc:
        raise bad_request(f"Invalid cursor provided: {cursor}") from exc
    if not isinstance(data, dict):
        return None, ""
    return data.get("sortValue"), str(data.get("id", ""))


def _cursor_value(rec: SandboxRecord, sort: str) -> Any:
    if sort == "name":
        return rec.name
    if sort == "cpu":
        return rec.cpu
    if sort == "memoryGib":
        return rec.memory
    if sort == "diskGib":
        return rec.disk
    moment = rec.last_activity_at if sort == "lastActivityAt" else rec.created_at
    return h.iso(moment)


def _cursor_key(value: Any, sort: str) -> Any:
    """The sort key of a cursor's ``sortValue`` (dates come back as ISO text)."""
    if sort in ("lastActivityAt", "createdAt"):
        try:
            return datetime.fromisoformat(str(value).replace("Z", "+00:00")).timestamp()
        except ValueError:
            return None
    if sort == "name":
        return (str(value).lower(), str(value))
    return value


def cursor_page(request: Request, sandboxes: list[SandboxRecord]) -> tuple[list[SandboxRecord], str | None]:
    """Filter, sort by (field, id) and cut one page after the cursor (keyset pagination)."""
    filters, cursor, limit, sort, descending = parse_list_query(request)
    field = CURSOR_SORTS[sort]
    items = sorted((s for s in sandboxes if filters.accepts(s)), key=lambda s: (field(s), s.id), reverse=descending)
    if cursor is not None and cursor != "":
        value, after_id = _decode_cursor(cursor)
        after = (_cursor_key(value, sort), after_id)
        try:
            items = [s for s in items if ((field(s), s.id) < after if descending else (field(s), s.id) > after)]
        except TypeError:
            items = []
    page = items[:limit]
    next_cursor = _encode_cursor(_cursor_value(page[-1], sort), page[-1].id) if len(items) > limit else None
    return page, next_cursor


def numbered_page(request: Request, sandboxes: list[SandboxRecord]) -> tuple[list[SandboxRecord], int, int, int]:
    """The deprecated page-number listing: (items, total, page, totalPages)."""
    names = (
        "page", "limit", "id", "name", "labels", "includeErroredDeleted", "states", "snapshots", "regions",
        *_RANGES, "lastEventAfter", "lastEventBefore", "sort", "order",
    )  # fmt: skip
    q = _query(request, names)
    data: dict[str, Any] = dict(q)
    data["page"], data["limit"] = _number(q["page"]), _number(q["limit"])
    for key in ("states", "snapshots", "regions"):
        data[key] = _to_array(q[key])
    for key in _RANGES:
        data[key] = _number(q[key])
    for key in ("lastEventAfter", "lastEventBefore"):
        data[key] = _date(q[key])
    c = v.Checks(data)
    c.optional("page", v.is_int, v.minimum(1))
    c.optional("limit", v.is_int, v.minimum(1), v.maximum(200))
    for key in ("id", "name", "labels"):
        c.optional(key, v.is_string)
    c.optional("states", v.each(v.is_enum(QUERY_STATES), STATES_MESSAGE), v.is_array)
    c.optional("snapshots", v.each(v.is_string), v.is_array)
    c.optional("regions", v.each(v.is_string), v.is_array)
    for key in _RANGES:
        c.optional(key, v.minimum(1), v.is_int)
    for key in ("lastEventAfter", "lastEventBefore"):
        c.optional(key, v.is_date)
    c.optional("sort", v.is_enum(PAGE_SORTS))
    c.optional("order", v.is_enum(("asc", "desc")))
    c.done()
    filters = Filters(
        id=data["id"],
        name=data["name"],
        labels=_labels(data["labels"]),
        # @Type(() => Boolean): any non-empty text (even "false") is true.
        include_errored_deleted=bool(q["includeErroredDeleted"]),
        states=data["states"],
        snapshots=data["snapshots"],
        regions=data["regions"],
        ranges={k: data[k] for k in _RANGES if data[k] is not None},
        event_after=data["lastEventAfter"],
        event_before=data["lastEventBefore"],
    )
    page = 1 if data["page"] is None else int(data["page"])
    limit = 100 if data["limit"] is None else int(data["limit"])
    sort = data["sort"] or "createdAt"
    descending = (data["order"] or "desc") == "desc"
    field = PAGE_SORTS[sort]
    matching = [s for s in sandboxes if filters.accepts(s)]
    # Then createdAt DESC (for any other field), then the ID so that pages are stable.
    matching.sort(key=lambda s: s.id)
    if sort != "createdAt":
        matching.sort(key=lambda s: s.created_at.timestamp(), reverse=True)
    matching.sort(key=field, reverse=descending)
    total = len(matching)
    return matching[(page - 1) * limit : page * limit], total, page, math.ceil(total / limit)
