"""Snapshots: images sandboxes start from. Built (buildInfo) or pulled (imageName), then active."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from emulator.control import http as h
from emulator.control.buildlog import image_ref, plan_build, stream_response
from emulator.control.records import SandboxRecord, SnapshotRecord, new_id
from emulator.control.timeline import Timeline, monotonic
from emulator.control.views import snapshot_dto
from emulator.errors import bad_request, conflict

if TYPE_CHECKING:
    from emulator.state import EmulatorState

SANDBOX_CLASSES = ("linux-vm", "container", "android", "windows")
SORT_FIELDS = ("name", "state", "lastUsedAt", "createdAt")


class SnapshotService:
    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    def seed_default(self) -> None:
        settings = self.state.settings
        record = SnapshotRecord(
            id=new_id(),
            name=settings.default_snapshot,
            organization_id=None,
            timeline=Timeline("active"),
            image_name=settings.default_snapshot,
            general=True,
            cpu=settings.default_cpu,
            mem=settings.default_memory_gib,
            disk=settings.default_disk_gib,
            size=1.2,
            region_ids=list(settings.regions),
        )
        self.state.snapshots[record.id] = record

    def _ensure_unique(self, name: str) -> None:
        if any(s.name == name for s in self.state.snapshots.values()):
            raise conflict(f"Snapshot with name {name} already exists")

    def create(self, body: dict[str, Any]) -> SnapshotRecord:
        settings = self.state.settings
        name = h.opt_str(body, "name")
        if not name or not name.strip():
            raise bad_request("name is required")
        image = h.opt_str(body, "imageName")
        build = body.get("buildInfo")
        if (image is None) == (build is None):
            raise bad_request("Exactly one of imageName or buildInfo must be given")
        if image is not None and image.endswith(":latest"):
            raise bad_request('Snapshots with tag ":latest" are not allowed')
        dockerfile = f"FROM {image}\n" if image is not None else None
        context_hashes: list[str] = []
        if build is not None:
            if not isinstance(build, dict) or not h.opt_str(build, "dockerfileContent"):
                raise bad_request("buildInfo.dockerfileContent is required")
            dockerfile = build["dockerfileContent"]
            context_hashes = h.opt_str_list(build, "contextHashes") or []
        assert dockerfile is not None
        region = h.opt_str(body, "regionId") or settings.default_region
        if region not in settings.regions:
            raise bad_request(f"Region {region} is not available")
        sandbox_class = h.opt_str(body, "sandboxClass") or "container"
        if sandbox_class not in SANDBOX_CLASSES:
            raise bad_request(f"sandboxClass must be one of: {', '.join(SANDBOX_CLASSES)}")
        gpu_types = h.opt_str_list(body, "gpuType")
        with self.state.lock:
            self._ensure_unique(name)
            now = h.utcnow()
            record = SnapshotRecord(
                id=new_id(),
                name=name,
                organization_id=settings.organization_id,
                timeline=Timeline("pending"),
                image_name=image,
                entrypoint=h.opt_str_list(body, "entrypoint"),
                cpu=h.opt_int(body, "cpu", 1) or settings.default_cpu,
                gpu=h.opt_int(body, "gpu", 0) or 0,
                gpu_type=gpu_types[0] if gpu_types else None,
                mem=h.opt_int(body, "memory", 1) or settings.default_memory_gib,
                disk=h.opt_int(body, "disk", 1) or settings.default_disk_gib,
                region_ids=[region],
                sandbox_class=sandbox_class,
            )
            if build is not None:
                record.build_info = {
                    "dockerfileContent": dockerfile,
                    "contextHashes": context_hashes,
                    "createdAt": h.iso(now),
                    "updatedAt": h.iso(now),
                    "snapshotRef": image_ref(dockerfile),
                }
            self.state.snapshots[record.id] = record
            self._plan_build(record, dockerfile, pulling=image is not None)
            return record

    def _plan_build(self, record: SnapshotRecord, dockerfile: str, pulling: bool) -> None:
        settings = self.state.settings
        delay, duration = settings.transition_delay, settings.build_duration
        failure = None
        if settings.build_fail_marker.lower() in dockerfile.lower():
            verb = "pull" if pulling else "build"
            failure = f"Image {verb} failed: the emulator failure marker '{settings.build_fail_marker}' was found"
        record.build_log = plan_build(dockerfile, monotonic() + delay, duration, failure)

        def finish() -> None:
            record.updated_at = h.utcnow()
            if failure is None:
                record.size = round(0.1 + len(dockerfile) / 1000, 3)
            else:
                record.error_reason = failure

        final = "active" if failure is None else ("error" if pulling else "build_failed")
        record.timeline.plan("pending", (delay, "pulling" if pulling else "building"), (duration, final, finish))

    def from_sandbox(self, sandbox: SandboxRecord, name: str) -> SnapshotRecord:
        with self.state.lock:
            self._ensure_unique(name)
            record = SnapshotRecord(
                id=new_id(),
                name=name,
                organization_id=sandbox.organization_id,
                timeline=Timeline("pending"),
                image_name=f"daytona-sandbox-snapshot-{sandbox.id}:{name}",
                cpu=sandbox.cpu,
                gpu=sandbox.gpu,
                mem=sandbox.memory,
                disk=sandbox.disk,
                region_ids=[sandbox.target],
            )
            self.state.snapshots[record.id] = record
            return record

    def activate_now(self, record: SnapshotRecord) -> None:
        record.size = record.size or 0.5
        record.updated_at = h.utcnow()
        record.timeline.set("active")

    def activate(self, record: SnapshotRecord) -> SnapshotRecord:
        with self.state.lock:
            if record.state == "active":
                raise bad_request(f"Snapshot {record.name} is already active")
            if record.state != "inactive":
                raise bad_request(
                    f"Snapshot {record.name} is {record.state}; only an inactive snapshot can be activated"
                )
            record.updated_at = h.utcnow()
            record.timeline.set("active")
            return record

    def deactivate(self, record: SnapshotRecord) -> None:
        with self.state.lock:
            if record.state == "inactive":
                return
            if record.state != "active":
                raise bad_request(
                    f"Snapshot {record.name} is {record.state}; only an active snapshot can be deactivated"
                )
            record.updated_at = h.utcnow()
            record.timeline.set("inactive")

    def delete(self, record: SnapshotRecord) -> None:
        with self.state.lock:
            if record.general:
                raise bad_request("General snapshots cannot be deleted")
            if record.state == "removing":
                return
            if record.build_log is not None:
                record.build_log.cut()
            delay = self.state.settings.transition_delay

            def forget() -> None:
                self.state.snapshots.pop(record.id, None)

            record.timeline.plan("removing", (delay, "removing", forget))


# ---- HTTP -------------------------------------------------------------------------------------------


async def list_snapshots(request: Request) -> Response:
    state = h.emulator(request)
    page = h.q_int(request, "page", 1) or 1
    limit = h.q_int(request, "limit", 1, 200) or 100
    name = h.q_str(request, "name")
    sort = h.q_enum(request, "sort", SORT_FIELDS, "lastUsedAt")
    order = h.q_enum(request, "order", ("asc", "desc"), "desc")
    with state.lock:
        state.advance_all()
        items = [s for s in state.snapshots.values() if name is None or name.lower() in s.name.lower()]

        def key(s: SnapshotRecord) -> tuple[Any, ...]:
            value: Any = {"name": s.name, "state": s.state, "createdAt": s.created_at.timestamp()}.get(sort or "")
            if sort == "lastUsedAt":
                value = s.last_used_at.timestamp() if s.last_used_at else float("-inf")
            return (value, s.created_at.timestamp(), s.id)

        items.sort(key=key, reverse=order == "desc")
        total = len(items)
        chunk = items[(page - 1) * limit : page * limit]
        return h.ok(
            {
                "items": [snapshot_dto(s) for s in chunk],
                "total": total,
                "page": page,
                "totalPages": math.ceil(total / limit),
            }
        )


async def create_snapshot(request: Request) -> Response:
    state = h.emulator(request)
    record = state.snapshot_service.create(await h.json_body(request))
    return h.ok(snapshot_dto(record))


async def get_snapshot(request: Request) -> Response:
    return h.ok(snapshot_dto(h.emulator(request).snapshot(h.path_param(request, "id"))))


async def delete_snapshot(request: Request) -> Response:
    state = h.emulator(request)
    state.snapshot_service.delete(state.snapshot(h.path_param(request, "id")))
    return h.empty(200)


async def activate_snapshot(request: Request) -> Response:
    state = h.emulator(request)
    record = state.snapshot_service.activate(state.snapshot(h.path_param(request, "id")))
    return h.ok(snapshot_dto(record))


async def deactivate_snapshot(request: Request) -> Response:
    state = h.emulator(request)
    state.snapshot_service.deactivate(state.snapshot(h.path_param(request, "id")))
    return h.empty(204)


async def snapshot_build_logs(request: Request) -> Response:
    state = h.emulator(request)
    record = state.snapshot(h.path_param(request, "id"))
    if record.build_log is None:
        raise bad_request(f"Snapshot {record.name} has no build logs")
    return stream_response(record.build_log, bool(h.q_bool(request, "follow")))


async def snapshot_build_logs_url(request: Request) -> Response:
    state = h.emulator(request)
    record = state.snapshot(h.path_param(request, "id"))
    return h.ok({"url": f"{h.server_root(request)}/api/snapshots/{record.id}/build-logs"})


def snapshot_routes() -> list[BaseRoute]:
    return [
        Route("/snapshots", list_snapshots, methods=["GET"]),
        Route("/snapshots", create_snapshot, methods=["POST"]),
        Route("/snapshots/{id}", get_snapshot, methods=["GET"]),
        Route("/snapshots/{id}", delete_snapshot, methods=["DELETE"]),
        Route("/snapshots/{id}/activate", activate_snapshot, methods=["POST"]),
        Route("/snapshots/{id}/deactivate", deactivate_snapshot, methods=["POST"]),
        Route("/snapshots/{id}/build-logs", snapshot_build_logs, methods=["GET"]),
        Route("/snapshots/{id}/build-logs-url", snapshot_build_logs_url, methods=["GET"]),
    ]
