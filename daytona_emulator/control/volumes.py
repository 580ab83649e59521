"""Volumes: named shared storage. ``pending_create`` -> ``creating`` -> ``ready``; a delete goes
``pending_delete`` -> ``deleting`` -> ``deleted`` and renames the volume ``<name>-deleted``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from daytona_emulator.control import dto_checks as v
from daytona_emulator.control import http as h
from daytona_emulator.control.records import SandboxRecord, VolumeRecord, new_id
from daytona_emulator.control.timeline import Timeline
from daytona_emulator.errors import bad_request, conflict, not_found

if TYPE_CHECKING:
    from daytona_emulator.state import EmulatorState

# States that count against the organization's volume quota.
CONSUMING_STATES = frozenset({"creating", "ready", "pending_create", "pending_delete", "deleting"})
LAST_USED_LOCK_SECONDS = 60.0
CREATE_VOLUME = (v.Prop("name", (v.is_safe_display_string(), v.is_string())),)


def volume_view(rec: VolumeRecord, *, fresh: bool = False) -> dict[str, Any]:
    """VolumeDto.fromVolume. ``lastUsedAt`` only once used; a just-saved volume has no ``errorReason`` yet."""
    data: dict[str, Any] = {
        "id": rec.id,
        "name": rec.name,
        "organizationId": rec.organization_id,
        "state": rec.state,
        "createdAt": h.iso(rec.created_at),
        "updatedAt": h.iso(rec.updated_at),
    }
    if rec.last_used_at is not None:
        data["lastUsedAt"] = h.iso(rec.last_used_at)
    if not fresh:
        data["errorReason"] = rec.error_reason
    return data


class VolumeService:
    def __init__(self, state: EmulatorState) -> None:
        self.state = state
        self._seen_sandboxes: set[str] = set()
        self._last_used_locks: dict[str, float] = {}

    @property
    def org(self) -> str:
        return self.state.settings.organization_id

    def _mine(self) -> list[VolumeRecord]:
        return [vol for vol in self.state.volumes.values() if vol.organization_id == self.org]

    def live(self) -> list[VolumeRecord]:
        return [vol for vol in self._mine() if vol.state != "deleted"]

    # ---- look-ups (VolumeAccessGuard, then the service) ------------------------------------------

    def by_id(self, volume_id: str) -> VolumeRecord:
        with self.state.lock:
            self._refresh()
            found = self.state.volumes.get(volume_id)
            if found is None or found.organization_id != self.org:
                raise not_found(f"Volume with ID {volume_id}")
            return found

    def by_name(self, name: str) -> VolumeRecord:
        with self.state.lock:
            self._refresh()
            found = next((vol for vol in self.live() if vol.name == name), None)
            if found is None:
                raise not_found(f"Volume with name {name}")
            return found

    def _refresh(self) -> None:
        self.state.advance_all()
        for sandbox in sorted(self.state.sandboxes.values(), key=lambda s: s.created_at):
            if sandbox.id not in self._seen_sandboxes:
                self.sandbox_created(sandbox)

    # ---- create / delete ----------------------------------------------------------------------------

    def create(self, body: dict[str, Any]) -> VolumeRecord:
        dto = v.validate(body, CREATE_VOLUME)
        with self.state.lock:
            self._refresh()
            quota = self.state.snapshot_service.limits.volume_quota
            used = sum(1 for vol in self._mine() if vol.state in CONSUMING_STATES)
            if used + 1 > quota:
                raise bad_request(f"Volume quota exceeded. Maximum allowed: {quota}")
            volume_id = new_id()
            name = dto.get("name") or volume_id
            if any(vol.name == name for vol in self.live()):
                raise bad_request(f"Volume with name {name} already exists")
            record = VolumeRecord(
                id=volume_id, name=name, organization_id=self.org, timeline=Timeline("pending_create")
            )
            record.timeline.on_change = lambda old, new: self._changed(record, old, new)
            self.state.volumes[record.id] = record
            self.state.notifications.volume_created(record)
            half = self.state.settings.transition_delay / 2
            record.timeline.plan("pending_create", (half, "creating"), (half, "ready"))
            return record

    def _changed(self, record: VolumeRecord, old: str, new: str) -> None:
        _touch(record)
        self.state.notifications.volume_state(record, old, new)

    def in_use_by(self, record: VolumeRecord) -> SandboxRecord | None:
        """A sandbox of the organization, not being destroyed, that mounts the volume."""
        users = [
            s
            for s in self.state.sandboxes.values()
            if s.organization_id == record.organization_id
            and s.desired_state != "destroyed"
            and any(m.get("volumeId") == record.id for m in s.volumes)
        ]
        return min(users, key=lambda s: s.created_at) if users else None

    def in_use(self, record: VolumeRecord) -> bool:
        return self.in_use_by(record) is not None

    def delete(self, record: VolumeRecord) -> None:
        with self.state.lock:
            self._refresh()
            if record.state not in ("ready", "error"):
                raise bad_request("Volume must be in 'ready' or 'error' state in order to be deleted")
            user = self.in_use_by(record)
            if user is not None:
                raise conflict(
                    f"Volume cannot be deleted because it is in use by one or more sandboxes (e.g. {user.name})"
                )
            half = self.state.settings.transition_delay / 2

            def renamed() -> None:
                tombstone = f"{record.name}-deleted"
                for other in list(self._mine()):
                    if other is not record and other.name == tombstone and other.state == "deleted":
                        self.state.volumes.pop(other.id, None)
                record.name = tombstone

            record.timeline.plan("pending_delete", (half, "deleting"), (half, "deleted", renamed))

    # ---- sandboxes that mount volumes --------------------------------------------------------------

    def sandbox_created(self, sandbox: SandboxRecord) -> None:
        """A new sandbox's volumes get its creation time as ``lastUsedAt`` (at most once a minute each)."""
        with self.state.lock:
            if sandbox.id in self._seen_sandboxes:
                return
            self._seen_sandboxes.add(sandbox.id)
            stamp = sandbox.created_at.timestamp()
            for mount in sandbox.volumes:
                record = self.state.volumes.get(str(mount.get("volumeId")))
                if record is None or stamp < self._last_used_locks.get(record.id, 0.0):
                    continue
                self._last_used_locks[record.id] = stamp + LAST_USED_LOCK_SECONDS
                record.last_used_at = sandbox.created_at
                record.updated_at = h.utcnow()
                self.state.notifications.volume_last_used(record)

    def listing(self, include_deleted: bool) -> list[VolumeRecord]:
        """ORDER BY lastUsedAt DESC NULLS LAST, createdAt DESC."""
        with self.state.lock:
            self._refresh()
            items = self._mine() if include_deleted else self.live()
            return sorted(
                items,
                key=lambda vol: (
                    vol.last_used_at is None,
                    -(vol.last_used_at.timestamp() if vol.last_used_at else 0.0),
                    -vol.created_at.timestamp(),
                ),
            )


def _touch(record: VolumeRecord) -> None:
    record.updated_at = h.utcnow()


# ---- HTTP -----------------------------------------------------------------------------------------


def _service(request: Request) -> VolumeService:
    return h.emulator(request).volume_service


def _raw_param(request: Request, after: str) -> str:
    """A path parameter as Express decodes it (percent-encoded slashes included)."""
    raw = (request.scope.get("raw_path") or request.scope["path"].encode()).decode("latin-1").split("?", 1)[0]
    tail = raw[raw.index(after) + len(after) :]
    if "/" in tail:
        raise HTTPException(404)
    return unquote(tail)


async def list_volumes(request: Request) -> Response:
    """``includeDeleted`` reaches the service as the raw query string: any non-empty value includes them."""
    include_deleted = bool(request.query_params.get("includeDeleted"))
    return h.ok([volume_view(vol) for vol in _service(request).listing(include_deleted)])


async def create_volume(request: Request) -> Response:
    record = _service(request).create(await h.json_body(request))
    return h.ok(volume_view(record, fresh=True))


async def get_volume(request: Request) -> Response:
    return h.ok(volume_view(_service(request).by_id(h.path_param(request, "volumeId"))))


async def get_volume_by_name(request: Request) -> Response:
    return h.ok(volume_view(_service(request).by_name(_raw_param(request, "/volumes/by-name/"))))


async def delete_volume(request: Request) -> Response:
    service = _service(request)
    service.delete(service.by_id(h.path_param(request, "volumeId")))
    return h.empty(200)


def volume_routes() -> list[BaseRoute]:
    return [
        Route("/volumes", list_volumes, methods=["GET"]),
        Route("/volumes", create_volume, methods=["POST"]),
        Route("/volumes/by-name/{name:path}", get_volume_by_name, methods=["GET"]),
        Route("/volumes/{volumeId}", get_volume, methods=["GET"]),
        Route("/volumes/{volumeId}", delete_volume, methods=["DELETE"]),
    ]
