"""Volumes: named shared storage. pending_create -> creating -> ready; delete -> deleted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from emulator.control import http as h
from emulator.control.records import VolumeRecord, new_id
from emulator.control.timeline import Timeline
from emulator.control.views import volume_dto
from emulator.errors import bad_request, conflict, not_found

if TYPE_CHECKING:
    from emulator.state import EmulatorState


class VolumeService:
    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    def live(self) -> list[VolumeRecord]:
        return [v for v in self.state.volumes.values() if v.state != "deleted"]

    def by_name(self, name: str) -> VolumeRecord:
        with self.state.lock:
            self.state.advance_all()
            found = next((v for v in self.live() if v.name == name), None)
            if found is None:
                raise not_found(f"Volume with name {name}")
            return found

    def create(self, name: str | None) -> VolumeRecord:
        if not name or not name.strip():
            raise bad_request("name is required")
        with self.state.lock:
            self.state.advance_all()
            if any(v.name == name for v in self.live()):
                raise conflict(f"Volume with name {name} already exists")
            record = VolumeRecord(
                id=new_id(),
                name=name,
                organization_id=self.state.settings.organization_id,
                timeline=Timeline("pending_create"),
            )
            half = self.state.settings.transition_delay / 2
            record.timeline.on_change = lambda _old, _new: _touch(record)
            self.state.volumes[record.id] = record
            record.timeline.plan("pending_create", (half, "creating"), (half, "ready"))
            return record

    def in_use(self, record: VolumeRecord) -> bool:
        return any(m.get("volumeId") == record.id for s in self.state.sandboxes.values() for m in s.volumes)

    def delete(self, record: VolumeRecord) -> None:
        with self.state.lock:
            if record.state in ("pending_delete", "deleting", "deleted"):
                return
            if self.in_use(record):
                raise conflict("Volume is in use by one or more sandboxes")
            if record.state not in ("ready", "error"):
                raise bad_request(f"Volume must be in 'ready' or 'error' state to be deleted (state: {record.state})")
            half = self.state.settings.transition_delay / 2
            record.timeline.plan("pending_delete", (half, "deleting"), (half, "deleted"))


def _touch(record: VolumeRecord) -> None:
    record.updated_at = h.utcnow()


async def list_volumes(request: Request) -> Response:
    state = h.emulator(request)
    include_deleted = bool(h.q_bool(request, "includeDeleted"))
    with state.lock:
        state.advance_all()
        items = list(state.volumes.values()) if include_deleted else state.volume_service.live()
        items.sort(key=lambda v: v.created_at, reverse=True)
        return h.ok([volume_dto(v) for v in items])


async def create_volume(request: Request) -> Response:
    body = await h.json_body(request)
    return h.ok(volume_dto(h.emulator(request).volume_service.create(h.opt_str(body, "name"))))


async def get_volume(request: Request) -> Response:
    return h.ok(volume_dto(h.emulator(request).volume(h.path_param(request, "volumeId"))))


async def get_volume_by_name(request: Request) -> Response:
    return h.ok(volume_dto(h.emulator(request).volume_service.by_name(h.path_param(request, "name"))))


async def delete_volume(request: Request) -> Response:
    state = h.emulator(request)
    state.volume_service.delete(state.volume(h.path_param(request, "volumeId")))
    return h.empty(200)


def volume_routes() -> list[BaseRoute]:
    return [
        Route("/volumes", list_volumes, methods=["GET"]),
        Route("/volumes", create_volume, methods=["POST"]),
        Route("/volumes/by-name/{name}", get_volume_by_name, methods=["GET"]),
        Route("/volumes/{volumeId}", get_volume, methods=["GET"]),
        Route("/volumes/{volumeId}", delete_volume, methods=["DELETE"]),
    ]
