"""Sandbox lifecycle: creation, the state machine, and every operation that changes a sandbox."""

from __future__ import annotations

import asyncio
import ipaddress
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from emulator.control import http as h
from emulator.control.buildlog import image_ref, plan_build
from emulator.control.copies import SandboxCopies
from emulator.control.records import SandboxRecord, SnapshotRecord, new_id
from emulator.control.timeline import Timeline, monotonic
from emulator.errors import EmulatorHTTPError, bad_request, conflict

if TYPE_CHECKING:
    from emulator.state import EmulatorState

MAX_AUTO_ARCHIVE_MINUTES = 43200
# Operations that a sandbox already heading for `started` answers by doing nothing.
_ON_THE_WAY_UP = frozenset(
    {
        "started",
        "starting",
        "creating",
        "restoring",
        "resuming",
        "pending_build",
        "building_snapshot",
        "pulling_snapshot",
    }
)


class SandboxService(SandboxCopies):
    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    # ---- creation ---------------------------------------------------------------------------------

    def create(self, body: dict[str, Any]) -> SandboxRecord:
        settings = self.state.settings
        with self.state.lock:
            self.state.advance_all()
            sandbox_id = new_id()
            name = h.opt_str(body, "name")
            if name is not None:
                name = name.strip()
                if not name:
                    raise bad_request("name must not be empty")
                self._ensure_unique_name(name)
            target = h.opt_str(body, "target") or settings.default_region
            if target not in settings.regions:
                raise bad_request(f"Region {target} is not available")
            cpu, memory, disk = h.opt_int(body, "cpu", 1), h.opt_int(body, "memory", 1), h.opt_int(body, "disk", 1)
            gpu = h.opt_int(body, "gpu", 0) or 0
            gpu_types = h.opt_str_list(body, "gpuType")
            build = body.get("buildInfo")
            snapshot_name = h.opt_str(body, "snapshot")
            if build is not None and snapshot_name is not None:
                raise bad_request("Cannot specify both snapshot and buildInfo")
            snapshot: str | None = None
            dockerfile: str | None = None
            context_hashes: list[str] = []
            if build is not None:
                if not isinstance(build, dict):
                    raise bad_request("buildInfo must be an object")
                dockerfile = h.opt_str(build, "dockerfileContent")
                if not dockerfile:
                    raise bad_request("buildInfo.dockerfileContent is required")
                context_hashes = h.opt_str_list(build, "contextHashes") or []
            else:
                explicit = snapshot_name is not None
                record = self._usable_snapshot(snapshot_name or settings.default_snapshot)
                if explicit and any(v is not None for v in (cpu, memory, disk)):
                    raise bad_request("Cannot specify Sandbox resources when using a snapshot")
                snapshot = record.name
                cpu, memory, disk = cpu or record.cpu, memory or record.mem, disk or record.disk
                record.last_used_at = h.utcnow()
            auto_stop = h.opt_int(body, "autoStopInterval", 0)
            auto_archive = h.opt_int(body, "autoArchiveInterval", 0)
            rec = SandboxRecord(
                id=sandbox_id,
                name=name or sandbox_id,
                organization_id=settings.organization_id,
                user=h.opt_str(body, "user") or settings.default_user,
                target=target,
                snapshot=snapshot,
                cpu=cpu or settings.default_cpu,
                gpu=gpu,
                memory=memory or settings.default_memory_gib,
                disk=disk or settings.default_disk_gib,
                timeline=Timeline("creating"),
                env=h.opt_str_map(body, "env") or {},
                labels=h.opt_str_map(body, "labels") or {},
                public=bool(h.opt_bool(body, "public")),
                network_block_all=bool(h.opt_bool(body, "networkBlockAll")),
                network_allow_list=_cidr_list(h.opt_str(body, "networkAllowList")),
                domain_allow_list=_domain_list(h.opt_str(body, "domainAllowList")),
                gpu_type=gpu_types[0] if gpu_types else None,
                auto_stop_interval=_or(auto_stop, 15),
                auto_archive_interval=_archive_minutes(auto_archive),
                auto_delete_interval=_or(h.opt_int(body, "autoDeleteInterval"), -1),
                volumes=self._volume_mounts(body.get("volumes")),
                linked_sandbox_id=self._linked(h.opt_str(body, "linkedSandbox")),
            )
            rec.timeline.on_change = lambda previous, new: self.state.on_sandbox_state(rec, previous, new)
            self.state.sandbox_root(rec.id).mkdir(parents=True, exist_ok=True)
            self.state.sandboxes[rec.id] = rec
            if dockerfile is not None:
                self._start_build(rec, dockerfile, context_hashes)
            else:
                rec.timeline.plan("creating", (self.delay, "started"))
            return rec

    def _usable_snapshot(self, name: str) -> SnapshotRecord:
        try:
            record = self.state.snapshot(name)
        except EmulatorHTTPError as exc:
            raise bad_request(f"Snapshot {name} not found. Did you add it through the Daytona Dashboard?") from exc
        if record.state != "active":
            raise bad_request(f"Snapshot {name} is {record.state}")
        return record

    def _volume_mounts(self, raw: Any) -> list[dict[str, Any]]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            raise bad_request("volumes must be an array")
        mounts: list[dict[str, Any]] = []
        for item in raw:
            if not isinstance(item, dict):
                raise bad_request("each volume must be an object")
            volume_id, mount_path = h.opt_str(item, "volumeId"), h.opt_str(item, "mountPath")
            if not volume_id or not mount_path:
                raise bad_request("volumeId and mountPath are required for each volume")
            if not mount_path.startswith("/"):
                raise bad_request(f"Mount path {mount_path} must be absolute")
            volume = self.state.volume(volume_id)
            if volume.state != "ready":
                raise bad_request(f"Volume {volume.name} is not in a ready state (state: {volume.state})")
            volume.last_used_at = h.utcnow()
            mount: dict[str, Any] = {"volumeId": volume_id, "mountPath": mount_path}
            if h.opt_str(item, "subpath"):
                mount["subpath"] = item["subpath"]
            mounts.append(mount)
        return mounts

    def _linked(self, id_or_name: str | None) -> str | None:
        return None if id_or_name is None else self.state.sandbox(id_or_name).id

    def _start_build(self, rec: SandboxRecord, dockerfile: str, context_hashes: list[str]) -> None:
        settings = self.state.settings
        now = h.utcnow()
        rec.build_info = {
            "dockerfileContent": dockerfile,
            "contextHashes": context_hashes,
            "createdAt": h.iso(now),
            "updatedAt": h.iso(now),
            "snapshotRef": image_ref(dockerfile),
        }
        failure = None
        if settings.build_fail_marker.lower() in dockerfile.lower():
            marker = settings.build_fail_marker
            failure = f"Image build failed: the Dockerfile contains the emulator failure marker '{marker}'"
        rec.build_log = plan_build(dockerfile, monotonic() + self.delay, settings.build_duration, failure)

        def fail() -> None:
            rec.error_reason, rec.recoverable = failure, False

        if failure is None:
            rec.timeline.plan(
                "pending_build",
                (self.delay, "building_snapshot"),
                (settings.build_duration, "starting"),
                (self.delay, "started"),
            )
        else:
            rec.timeline.plan(
                "pending_build", (self.delay, "building_snapshot"), (settings.build_duration, "build_failed", fail)
            )

    # ---- lifecycle operations ---------------------------------------------------------------------

    def start(self, rec: SandboxRecord) -> SandboxRecord:
        with self.state.lock:
            state = rec.state
            if state in _ON_THE_WAY_UP:
                return rec
            rec.desired_state = "started"
            rec.last_activity_at = h.utcnow()
            if state == "stopped":
                rec.timeline.plan("starting", (self.delay, "started"))
            elif state == "archived":
                rec.timeline.plan("restoring", (self.delay, "starting"), (self.delay, "started"))
            elif state == "paused":
                rec.timeline.plan("resuming", (self.delay, "started"))
            elif state in ("error", "build_failed"):
                raise conflict(f"Sandbox is in an errored state ({rec.error_reason}); recover it first")
            else:
                raise conflict(f"Sandbox is {state} and cannot be started now")
            return rec

    def stop(self, rec: SandboxRecord, force: bool = False) -> SandboxRecord:
        with self.state.lock:
            if rec.state in ("stopped", "stopping"):
                return rec
            if rec.state not in ("started", "paused"):
                raise conflict(f"Sandbox is {rec.state} and cannot be stopped now")
            rec.desired_state = "stopped"
            rec.timeline.plan("stopping", (0.0 if force else self.delay, "stopped", lambda: self._after_stop(rec)))
            return rec

    def _after_stop(self, rec: SandboxRecord) -> None:
        if rec.auto_delete_interval == 0:
            self.delete(rec)

    def archive(self, rec: SandboxRecord) -> SandboxRecord:
        with self.state.lock:
            if rec.state in ("archived", "archiving"):
                return rec
            if rec.state != "stopped":
                raise conflict(f"Sandbox is {rec.state}; only a stopped sandbox can be archived")
            rec.desired_state = "archived"
            rec.timeline.plan("archiving", (self.delay, "archived"))
            return rec

    def pause(self, rec: SandboxRecord) -> SandboxRecord:
        with self.state.lock:
            if rec.state in ("paused", "pausing"):
                return rec
            if rec.state != "started":
                raise conflict(f"Sandbox is {rec.state}; only a started sandbox can be paused")
            rec.desired_state = "paused"
            rec.timeline.plan("pausing", (self.delay, "paused"))
            return rec

    def delete(self, rec: SandboxRecord) -> SandboxRecord:
        with self.state.lock:
            if rec.state == "destroying":
                return rec
            rec.desired_state = "destroyed"
            if rec.build_log is not None:
                rec.build_log.cut()
            rec.timeline.plan("destroying", (self.delay, "destroyed", lambda: self._remove(rec)))
            return rec

    def _remove(self, rec: SandboxRecord) -> None:
        state = self.state
        state.sandboxes.pop(rec.id, None)
        for access in state.ssh_access.values():
            if access.sandbox_id == rec.id:
                access.revoked = True
        for preview in state.signed_previews.values():
            if preview.sandbox_id == rec.id:
                preview.expired = True
        workspace = state.workspaces.pop(rec.id, None)
        state.spawn(_dispose(workspace, state.sandbox_root(rec.id)))

    def recover(self, rec: SandboxRecord, skip_start: bool = False) -> SandboxRecord:
        with self.state.lock:
            if rec.state != "error":
                raise bad_request(f"Sandbox is {rec.state}; only a sandbox in error state can be recovered")
            if rec.recoverable is False:
                raise bad_request(f"Sandbox error is not recoverable: {rec.error_reason}")
            rec.error_reason, rec.recoverable = None, None
            if skip_start:
                rec.desired_state = "stopped"
                rec.timeline.plan("stopping", (self.delay, "stopped"))
            else:
                rec.desired_state = "started"
                rec.timeline.plan("starting", (self.delay, "started"))
            return rec

    def force_error(self, rec: SandboxRecord, reason: str, recoverable: bool = True) -> SandboxRecord:
        with self.state.lock:
            rec.timeline.cancel()
            if rec.build_log is not None:
                rec.build_log.cut()
            rec.error_reason, rec.recoverable = reason, recoverable
            rec.timeline.set("error")
            return rec

    def resize(self, rec: SandboxRecord, body: dict[str, Any]) -> SandboxRecord:
        with self.state.lock:
            cpu, memory, disk = h.opt_int(body, "cpu", 1), h.opt_int(body, "memory", 1), h.opt_int(body, "disk", 1)
            if cpu is None and memory is None and disk is None:
                raise bad_request("At least one of cpu, memory or disk must be given")
            state = rec.state
            if state == "started":
                if disk is not None and disk != rec.disk:
                    raise bad_request("Disk can only be resized while the sandbox is stopped")
                if (cpu is not None and cpu < rec.cpu) or (memory is not None and memory < rec.memory):
                    raise bad_request("A started sandbox can only grow its cpu and memory; stop it to shrink them")
            elif state == "stopped":
                if disk is not None and disk < rec.disk:
                    raise bad_request(f"Disk size cannot be decreased (current: {rec.disk} GiB)")
            else:
                raise bad_request(f"Sandbox is {state}; it must be started or stopped to be resized")

            def apply() -> None:
                rec.cpu, rec.memory, rec.disk = cpu or rec.cpu, memory or rec.memory, disk or rec.disk
                rec.desired_state = state

            rec.desired_state = "resized"
            rec.timeline.plan("resizing", (self.delay, state, apply))
            return rec

    # ---- settings ---------------------------------------------------------------------------------

    def replace_labels(self, rec: SandboxRecord, body: dict[str, Any]) -> dict[str, str]:
        labels = h.opt_str_map(body, "labels")
        if labels is None:
            raise bad_request("labels must be an object of string values")
        with self.state.lock:
            rec.labels = labels
            rec.touch()
            return dict(rec.labels)

    def set_interval(self, rec: SandboxRecord, kind: str, minutes: int) -> SandboxRecord:
        with self.state.lock:
            if kind == "autostop":
                if minutes < 0:
                    raise bad_request("Auto-stop interval must be a non-negative integer")
                rec.auto_stop_interval = minutes
            elif kind == "autoarchive":
                if minutes < 0:
                    raise bad_request("Auto-archive interval must be a non-negative integer")
                rec.auto_archive_interval = _archive_minutes(minutes)
            else:
                rec.auto_delete_interval = minutes
            rec.touch()
            return rec

    def update_network(self, rec: SandboxRecord, body: dict[str, Any]) -> SandboxRecord:
        block_all = h.opt_bool(body, "networkBlockAll")
        allow = h.opt_str(body, "networkAllowList")
        domains = h.opt_str(body, "domainAllowList")
        with self.state.lock:
            if block_all is not None:
                rec.network_block_all = block_all
            if allow is not None:
                rec.network_allow_list = _cidr_list(allow)
            if domains is not None:
                rec.domain_allow_list = _domain_list(domains)
            rec.touch()
            return rec

    def set_public(self, rec: SandboxRecord, public: bool) -> SandboxRecord:
        with self.state.lock:
            rec.public = public
            rec.touch()
            return rec

    def refresh_activity(self, rec: SandboxRecord) -> None:
        with self.state.lock:
            rec.last_activity_at = h.utcnow()


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


def _archive_minutes(minutes: int | None) -> int:
    if minutes is None:
        return 10080
    return MAX_AUTO_ARCHIVE_MINUTES if minutes == 0 else minutes


def _cidr_list(value: str | None) -> str | None:
    if value is None:
        return None
    entries = [e.strip() for e in value.split(",") if e.strip()]
    if len(entries) > 10:
        raise bad_request("networkAllowList may contain at most 10 networks")
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError as exc:
            raise bad_request(f"Invalid network in networkAllowList: {entry}") from exc
    return ",".join(entries)


def _domain_list(value: str | None) -> str | None:
    if value is None:
        return None
    entries = [e.strip() for e in value.split(",") if e.strip()]
    for entry in entries:
        bare = entry[2:] if entry.startswith("*.") else entry
        if not bare or any(not part or not part.replace("-", "").isalnum() for part in bare.split(".")):
            raise bad_request(f"Invalid domain in domainAllowList: {entry}")
    return ",".join(entries)


async def _dispose(workspace: Any, root: Path) -> None:
    if workspace is not None:
        await workspace.close()
    await asyncio.to_thread(shutil.rmtree, root, True)
