"""Sandbox lifecycle: creation, the state machine, and every operation that changes a sandbox.

Follows ``apps/api/src/sandbox/services/sandbox.service.ts`` rule by rule. A record keeps the entity's
stored ``state`` and ``desiredState``; ``pending`` follows from them as the entity's invariants keep it,
and answers show the state ``SandboxDto`` derives (``started`` + desired ``stopped`` is ``stopping``...).
The emulated runner moves the stored state along timelines (:mod:`emulator.control.timeline`).
"""

from __future__ import annotations

import asyncio
import ipaddress
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from emulator.control import http as h
from emulator.control import validation as v
from emulator.control.buildlog import build_snapshot_ref, plan_build
from emulator.control.copies import SandboxCopies
from emulator.control.records import ERROR_STATES, RUNNER_ID, SandboxRecord, SnapshotRecord, new_id, new_preview_token
from emulator.control.timeline import Timeline, monotonic
from emulator.errors import (
    EmulatorHTTPError,
    bad_request,
    conflict,
    not_found,
    state_change_in_progress,
    unexpected_error,
    unprocessable,
)

if TYPE_CHECKING:
    from emulator.state import EmulatorState

DAEMON_VERSION = "v0.190.0"
GPU_TYPES = ("H100", "RTX-PRO-6000")
VM_CLASSES = ("linux-vm", "windows")
PER_SANDBOX_LIMIT_MESSAGE = (
    "Need higher resource limits per-sandbox? Contact us at support@daytona.io and let us know about your use case."
)
# Intermediate stored states in which the sandbox keeps its runner-side processes.
_DEFAULT_BUILD_RESOURCES = (1, 1, 3)


def is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def is_ephemeral(auto_delete_interval: Any) -> bool:
    """``isEphemeral``: deleted as soon as it stops (``autoDeleteInterval === 0``)."""
    return auto_delete_interval == 0 and not isinstance(auto_delete_interval, bool)


def soft_delete_name(name: str) -> str:
    """``Sandbox.getSoftDeleteName``: a deleted sandbox frees its name at once."""
    return f"DESTROYED_{name}_{int(monotonic_ms())}"


def monotonic_ms() -> float:
    return h.utcnow().timestamp() * 1000


class SandboxService(SandboxCopies):
    def __init__(self, state: EmulatorState) -> None:
        self.state = state
        # Destroyed sandboxes: the service keeps their rows, look-ups skip them.
        self.graveyard: dict[str, SandboxRecord] = {}
        # Image builds that finished: a sandbox built from the same snapshotRef skips the build.
        self.built_refs: set[str] = set()
        self._waiters: dict[str, list[Callable[[], None]]] = {}

    # ---- look-ups ---------------------------------------------------------------------------------

    def find(self, id_or_name: str) -> SandboxRecord:
        """``findOneByIdOrName``: by ID, then by name, skipping destroyed and errored-then-deleted ones."""
        with self.state.lock:
            self.state.advance_all()
            found = self.state.sandboxes.get(id_or_name)
            if found is None or not found.visible:
                found = next((s for s in self.state.sandboxes.values() if s.name == id_or_name and s.visible), None)
            if found is None:
                raise not_found(f"Sandbox with ID or name {id_or_name}")
            return found

    def exists_for_guard(self, id_or_name: str) -> bool:
        """``SandboxAccessGuard``: any row with that ID (even destroyed), or a live one with that name."""
        with self.state.lock:
            self.state.advance_all()
            if id_or_name in self.state.sandboxes or id_or_name in self.graveyard:
                return True
            return any(s.name == id_or_name for s in self.state.sandboxes.values())

    def guard(self, id_or_name: str) -> None:
        """404 ``Sandbox with ID or name X not found`` unless :meth:`exists_for_guard`."""
        if not self.exists_for_guard(id_or_name):
            raise not_found(f"Sandbox with ID or name {id_or_name}")

    def find_by_id(self, sandbox_id: str) -> SandboxRecord:
        """``findOne``: by ID only, 404 ``Sandbox with ID X not found``."""
        with self.state.lock:
            self.state.advance_all()
            found = self.state.sandboxes.get(sandbox_id)
            if found is None or not found.visible:
                raise not_found(f"Sandbox with ID {sandbox_id}")
            return found

    # ---- state change notifications and the controller's wait -------------------------------------

    def _watch(self, rec: SandboxRecord) -> None:
        rec.timeline.on_change = lambda previous, new: self._on_change(rec, previous, new)

    def _on_change(self, rec: SandboxRecord, previous: str, new: str) -> None:
        rec.last_activity_at = h.utcnow()
        if new in ("archived", "destroyed", "pending_build"):
            rec.runner_id = None
        elif rec.runner_id is None and new not in ("archived", "destroyed"):
            rec.runner_id = RUNNER_ID
        if new in ("creating", "started") and rec.daemon_version is None:
            rec.daemon_version = DAEMON_VERSION
        if new == "stopped":
            rec.backup.cancel()
            rec.backup.set("None")
        self.state.on_sandbox_state(rec, previous, new)
        for wake in list(self._waiters.get(rec.id, ())):
            wake()

    async def wait_until_started(self, rec: SandboxRecord, timeout: float | None = None) -> None:
        """The controller's ``waitForSandboxStarted``: until the sandbox is ``started`` (or ``timeout``,
        30 s by default, passes); 400 ``Sandbox failed to start: <reason>`` if it errors meanwhile.

        Woken by the sandbox's state changes, not by polling.
        """
        loop = asyncio.get_running_loop()
        event = asyncio.Event()

        def wake() -> None:
            loop.call_soon_threadsafe(event.set)

        limit = self.state.settings.start_wait_seconds if timeout is None else timeout
        deadline = loop.time() + limit
        self._waiters.setdefault(rec.id, []).append(wake)
        try:
            while True:
                event.clear()
                with self.state.lock:
                    self.state.advance_all()
                    if rec.state == "started":
                        return
                    if rec.state in ERROR_STATES:
                        reason = "null" if rec.error_reason is None else rec.error_reason
                        raise bad_request(f"Sandbox failed to start: {reason}")
                remaining = deadline - loop.time()
                if remaining <= 0:
                    return
                try:
                    await asyncio.wait_for(event.wait(), remaining)
                except TimeoutError:
                    return
        finally:
            waiters = self._waiters.get(rec.id, [])
            if wake in waiters:
                waiters.remove(wake)
            if not waiters:
                self._waiters.pop(rec.id, None)

    # ---- creation ---------------------------------------------------------------------------------

    def validate_create(self, body: dict[str, Any]) -> dict[str, Any]:
        """``CreateSandboxDto`` through the ValidationPipe; returns the body with ``gpuType`` normalized."""
        data = dict(body)
        gpu_type = data.get("gpuType")
        if isinstance(gpu_type, list) and not gpu_type:
            data.pop("gpuType")
        elif gpu_type is not None and not isinstance(gpu_type, list):
            data["gpuType"] = [gpu_type]
        c = v.Checks(data)
        c.optional("name", v.safe_display, v.is_string)
        for key in ("snapshot", "user"):
            c.optional(key, v.is_string)
        c.optional("env", v.is_object)
        c.optional("labels", v.is_object)
        c.optional("public", v.is_boolean)
        c.optional("networkBlockAll", v.is_boolean)
        for key in ("networkAllowList", "domainAllowList", "target"):
            c.optional(key, v.is_string)
        c.optional("cpu", v.minimum(0), v.is_number)
        c.optional("gpu", v.maximum(1), v.minimum(0), v.is_number)
        c.optional("gpuType", v.each(v.is_enum(GPU_TYPES)), v.array_min_size(1), v.is_array)
        c.optional("memory", v.minimum(0), v.is_number)
        c.optional("disk", v.minimum(0), v.is_number)
        for key in ("autoStopInterval", "autoArchiveInterval", "autoDeleteInterval"):
            c.optional(key, v.is_number)
        c.optional("volumes", v.is_array)
        c.nested_list("volumes", _check_volume)
        c.optional("buildInfo", v.is_object)
        c.optional("linkedSandbox", v.is_string)
        c.done()
        return data

    def create(self, body: dict[str, Any]) -> SandboxRecord:
        """``POST /sandbox`` up to the answer (the controller's wait is the caller's)."""
        data = self.validate_create(body)
        build = data.get("buildInfo")
        with self.state.lock:
            self.state.advance_all()
            if build is not None:
                if data.get("snapshot"):
                    raise bad_request("Cannot specify a snapshot when using a build info entry")
                if data.get("linkedSandbox"):
                    raise bad_request(
                        "linkedSandbox is not supported with declarative builds. Create a sandbox from a snapshot"
                    )
                return self._create_from_build(data, build)
            if any(data.get(key) for key in ("cpu", "gpu", "memory", "disk")):
                raise bad_request("Cannot specify Sandbox resources when using a snapshot")
            if data.get("gpuType"):
                raise bad_request(
                    "Cannot specify GPU type when creating sandbox from snapshot. GPU type is inherited from snapshot."
                )
            return self._create_from_snapshot(data)

    def _region(self, target: Any) -> str:
        """``getValidatedOrDefaultRegion``: the organization's default, or a known region (404 otherwise)."""
        name = target.strip() if isinstance(target, str) else ""
        if not name:
            return self.state.settings.default_region
        if name not in self.state.settings.regions:
            raise not_found("Region")
        return name

    def _create_from_snapshot(self, data: dict[str, Any]) -> SandboxRecord:
        settings = self.state.settings
        region = self._region(data.get("target"))
        requested = data.get("snapshot")
        name = requested if isinstance(requested, str) and requested.strip() else settings.default_snapshot
        snapshot = self._snapshot_for(name, region)
        ephemeral = is_ephemeral(data.get("autoDeleteInterval"))
        if snapshot.gpu > 0 and not ephemeral:
            raise bad_request("GPU sandboxes must be ephemeral - set autoDeleteInterval to 0")
        if snapshot.sandbox_class == "android" and not data.get("linkedSandbox"):
            raise bad_request("Android sandboxes must be linked to another sandbox")
        linked = self._linked(data, ephemeral)
        self.check_per_sandbox_limits(snapshot.cpu, snapshot.mem, snapshot.disk)
        volumes = self._volume_mounts(data.get("volumes"))
        rec = self._new_record(data, region, volumes)
        rec.snapshot = snapshot.name
        rec.sandbox_class = snapshot.sandbox_class
        rec.cpu, rec.gpu, rec.memory, rec.disk = snapshot.cpu, snapshot.gpu, snapshot.mem, snapshot.disk
        rec.gpu_type = snapshot.gpu_type
        rec.linked_sandbox_id = None if linked is None else linked.id
        self._insert(rec, data)
        snapshot.last_used_at = h.utcnow()
        rec.timeline.plan("unknown", (self.delay, "creating"), (self.delay, "started"))
        return rec

    def _snapshot_for(self, name: str, region: str) -> SnapshotRecord:
        """The snapshot a sandbox starts from: by name (or ID), preferring an active one."""
        found = [
            s
            for s in self.state.snapshots.values()
            if s.name == name or (is_uuid(name) and s.id == name)
            if s.general or s.organization_id == self.state.settings.organization_id
        ]
        if not found:
            raise bad_request(f"Snapshot {name} not found. Did you add it through the Daytona Dashboard?")
        snapshot = next((s for s in found if s.state == "active"), found[0])
        if snapshot.region_ids and region not in snapshot.region_ids:
            raise bad_request(f"Snapshot {name} is not available in region {region}")
        if snapshot.state != "active":
            raise bad_request(f"Snapshot {name} is {snapshot.state}")
        return snapshot

    def _linked(self, data: dict[str, Any], ephemeral: bool) -> SandboxRecord | None:
        """``resolveLinkedSandbox``."""
        wanted = data.get("linkedSandbox")
        if not wanted:
            return None
        if not ephemeral:
            raise bad_request("Linked sandboxes must be ephemeral (set autoDeleteInterval to 0)")
        linked = self.find(wanted)
        if linked.linked_sandbox_id:
            raise bad_request(
                f"Linked sandbox {linked.id} is itself linked to another sandbox; chained links are not allowed"
            )
        if linked.state not in ("started", "stopped") or linked.runner_id is None:
            raise bad_request(
                f"Linked sandbox must be in STARTED or STOPPED state with an assigned runner (current: {linked.state})"
            )
        return linked

    def _create_from_build(self, data: dict[str, Any], build: dict[str, Any]) -> SandboxRecord:
        region = self._region(data.get("target"))
        cpu = data.get("cpu") or _DEFAULT_BUILD_RESOURCES[0]
        memory = data.get("memory") or _DEFAULT_BUILD_RESOURCES[1]
        disk = data.get("disk") or _DEFAULT_BUILD_RESOURCES[2]
        gpu = data.get("gpu") or 0
        if gpu > 0 and not is_ephemeral(data.get("autoDeleteInterval")):
            raise bad_request("GPU sandboxes must be ephemeral - set autoDeleteInterval to 0")
        self.check_per_sandbox_limits(cpu, memory, disk)
        volumes = self._volume_mounts(data.get("volumes"))
        rec = self._new_record(data, region, volumes)
        rec.snapshot = None
        rec.cpu, rec.memory, rec.disk, rec.gpu = cpu, memory, disk, gpu
        gpu_types = data.get("gpuType") or []
        rec.gpu_type = gpu_types[0] if gpu > 0 and gpu_types else None
        dockerfile = build.get("dockerfileContent")
        hashes = build.get("contextHashes")
        context_hashes = [str(x) for x in hashes] if isinstance(hashes, list) else []
        ref = build_snapshot_ref(dockerfile if isinstance(dockerfile, str) else None, context_hashes)
        now = h.utcnow()
        rec.build_info = {
            "dockerfileContent": dockerfile,
            "contextHashes": context_hashes,
            "createdAt": h.iso(now),
            "updatedAt": h.iso(now),
            "snapshotRef": ref,
        }
        self._insert(rec, data)
        self._plan_build(rec, dockerfile if isinstance(dockerfile, str) else "", ref)
        return rec

    def _new_record(self, data: dict[str, Any], region: str, volumes: list[dict[str, Any]]) -> SandboxRecord:
        """The new entity with what every creation path copies from the request."""
        settings = self.state.settings
        sandbox_id = new_id()
        rec = SandboxRecord(
            id=sandbox_id,
            name=data.get("name") or sandbox_id,
            organization_id=settings.organization_id,
            user=data.get("user") or settings.default_user,
            target=region,
            snapshot=None,
            cpu=1,
            gpu=0,
            memory=1,
            disk=3,
            timeline=Timeline("unknown"),
            env=dict(data.get("env") or {}),
            labels=dict(data.get("labels") or {}),
            public=bool(data.get("public") or False),
            volumes=volumes,
        )
        if data.get("networkBlockAll") is not None:
            rec.network_block_all = data["networkBlockAll"]
        if data.get("networkAllowList") is not None:
            rec.network_allow_list = validate_network_allow_list(data["networkAllowList"])
        if data.get("domainAllowList") is not None:
            rec.domain_allow_list = validate_domain_allow_list(data["domainAllowList"])
        if data.get("autoStopInterval") is not None:
            rec.auto_stop_interval = _auto_stop(data["autoStopInterval"])
        if data.get("autoArchiveInterval") is not None:
            rec.auto_archive_interval = self._auto_archive(data["autoArchiveInterval"])
        if data.get("autoDeleteInterval") is not None:
            rec.auto_delete_interval = _int_column(data["autoDeleteInterval"])
        rec.created_at = rec.updated_at = rec.last_activity_at = h.utcnow()
        return rec

    def _insert(self, rec: SandboxRecord, data: dict[str, Any]) -> None:
        """Store the new sandbox; a taken name is 409 (the unique index on organization and name)."""
        if any(other.name == rec.name for other in self.state.sandboxes.values()):
            raise conflict(f"Sandbox with name {data.get('name')} already exists")
        self._watch(rec)
        self.state.sandbox_root(rec.id).mkdir(parents=True, exist_ok=True)
        self.state.sandboxes[rec.id] = rec

    def check_per_sandbox_limits(self, cpu: float, memory: float, disk: float) -> None:
        """The organization's per-sandbox limits (``validateOrganizationQuotas``)."""
        settings = self.state.settings
        if cpu > settings.max_cpu_per_sandbox:
            raise bad_request(
                f"CPU request {_num(cpu)} exceeds maximum allowed per sandbox ({settings.max_cpu_per_sandbox})."
                f"\n{PER_SANDBOX_LIMIT_MESSAGE}"
            )
        if memory > settings.max_memory_per_sandbox:
            raise bad_request(
                f"Memory request {_num(memory)}GB exceeds maximum allowed per sandbox "
                f"({settings.max_memory_per_sandbox}GB).\n{PER_SANDBOX_LIMIT_MESSAGE}"
            )
        if disk > settings.max_disk_per_sandbox:
            raise bad_request(
                f"Disk request {_num(disk)}GB exceeds maximum allowed per sandbox "
                f"({settings.max_disk_per_sandbox}GB).\n{PER_SANDBOX_LIMIT_MESSAGE}"
            )

    def _volume_mounts(self, raw: Any) -> list[dict[str, Any]]:
        """``resolveVolumes``: volume names become IDs; mount paths and subpaths must be safe."""
        if not raw:
            return []
        mounts: list[dict[str, Any]] = []
        for item in raw:
            wanted = item.get("volumeId")
            volume = next(
                (x for x in self.state.volumes.values() if wanted in (x.id, x.name) and x.state != "deleted"),
                None,
            )
            if volume is None:
                raise bad_request(f"Volume '{wanted}' could not be resolved to a valid volume ID")
            volume.last_used_at = h.utcnow()
            mounts.append({**item, "volumeId": volume.id})
        errors = [e for e in (_mount_path_error(m.get("mountPath")) for m in mounts) if e]
        if errors:
            raise bad_request(", ".join(errors))
        errors = [e for e in (_subpath_error(m.get("subpath")) for m in mounts) if e]
        if errors:
            raise bad_request(", ".join(errors))
        return mounts

    def _plan_build(self, rec: SandboxRecord, dockerfile: str, ref: str) -> None:
        """The image build: ``pending_build`` (no runner has the image), ``building_snapshot`` on a runner,
        then the sandbox is created; or ``build_failed``. An image built before is not built again."""
        settings = self.state.settings
        if ref in self.built_refs:
            rec.timeline.plan("unknown", (self.delay, "creating"), (self.delay, "started"))
            return
        failure = None
        if settings.build_fail_marker.lower() in dockerfile.lower():
            marker = settings.build_fail_marker
            failure = f"Image build failed: the Dockerfile contains the emulator failure marker '{marker}'"
        elif not dockerfile.strip():
            failure = "Image build failed: the build has no Dockerfile"
        rec.build_log = plan_build(dockerfile, monotonic() + self.delay, settings.build_duration, failure)
        rec.runner_id = None

        def built() -> None:
            self.built_refs.add(ref)

        def fail() -> None:
            rec.error_reason = failure

        if failure is None:
            rec.timeline.plan(
                "pending_build",
                (self.delay, "building_snapshot"),
                (settings.build_duration, "unknown", built),
                (self.delay, "creating"),
                (self.delay, "started"),
            )
        else:
            rec.timeline.plan(
                "pending_build", (self.delay, "building_snapshot"), (settings.build_duration, "build_failed", fail)
            )

    # ---- lifecycle operations ---------------------------------------------------------------------

    def start(self, rec: SandboxRecord) -> SandboxRecord:
        """``start``: a stopped, archived(-ing) or paused sandbox is asked to run again."""
        with self.state.lock:
            self.state.advance_all()
            state, desired = rec.state, rec.desired_state
            if state == "started" and desired == "started":
                return rec
            _assert_not_errored(rec)
            if state != desired and not (desired == "archived" and state in ("stopped", "archiving")):
                raise state_change_in_progress()
            if state not in ("stopped", "archived", "archiving", "paused"):
                raise bad_request("Sandbox is not in valid state")
            if rec.pending:
                raise state_change_in_progress()
            if state == "paused" and rec.sandbox_class not in VM_CLASSES:
                raise unprocessable("Resuming is not supported for this sandbox")
            self.check_per_sandbox_limits(rec.cpu, rec.memory, rec.disk)
            rec.desired_state = "started"
            rec.touch()
            if state == "paused":
                rec.timeline.plan("paused", (self.delay, "resuming"), (self.delay, "started"))
                return rec
            rec.preview_token = new_preview_token()
            if state == "stopped":
                rec.timeline.plan("stopped", (self.delay, "starting"), (self.delay, "started"))
            elif state == "archived":
                rec.timeline.plan("archived", (self.delay, "restoring"), (self.delay, "started"))
            else:
                rec.timeline.plan("archiving", (self.delay, "starting"), (self.delay, "started"))
            return rec

    def stop(self, rec: SandboxRecord, force: bool = False) -> SandboxRecord:
        """``stop``: a started or paused sandbox stops; an ephemeral one is deleted instead."""
        with self.state.lock:
            self.state.advance_all()
            _assert_not_errored(rec)
            if rec.state != rec.desired_state:
                raise state_change_in_progress()
            if rec.state not in ("started", "paused"):
                raise bad_request("Sandbox is not in a stoppable state")
            if rec.pending:
                raise state_change_in_progress()
            if is_ephemeral(rec.auto_delete_interval):
                return self._soft_delete(rec)
            rec.desired_state = "stopped"
            rec.touch()
            rec.timeline.plan(
                rec.state, (0.0 if force else self.delay, "stopping"), (0.0 if force else self.delay, "stopped")
            )
            return rec

    def archive(self, rec: SandboxRecord) -> SandboxRecord:
        """``archive``: only a stopped sandbox, and not an ephemeral one."""
        with self.state.lock:
            self.state.advance_all()
            _assert_not_errored(rec)
            if rec.state != rec.desired_state:
                raise state_change_in_progress()
            if rec.state != "stopped":
                raise bad_request("Sandbox is not stopped")
            if rec.pending:
                raise state_change_in_progress()
            if is_ephemeral(rec.auto_delete_interval):
                raise bad_request("Ephemeral sandboxes cannot be archived")
            rec.desired_state = "archived"
            rec.touch()
            rec.timeline.plan("archiving", (self.delay, "archived"))
            return rec

    def pause(self, rec: SandboxRecord) -> SandboxRecord:
        """``pause``: VM sandboxes only (422 for containers)."""
        with self.state.lock:
            self.state.advance_all()
            if rec.state != "started":
                raise bad_request("Sandbox must be in started state to pause")
            if rec.pending:
                raise state_change_in_progress()
            if rec.sandbox_class not in VM_CLASSES:
                raise unprocessable("Pausing is not supported for this sandbox")
            rec.desired_state = "paused"
            rec.touch()
            rec.timeline.plan("pausing", (self.delay, "paused"))
            return rec

    def delete(self, rec: SandboxRecord) -> SandboxRecord:
        """``destroy``: refused while a state change is under way (but a pending build may be dropped)."""
        with self.state.lock:
            self.state.advance_all()
            if rec.pending and rec.state != "pending_build":
                raise state_change_in_progress()
            children = [s for s in self.state.sandboxes.values() if s.parent_id == rec.id]
            if any(child.desired_state != "destroyed" for child in children):
                raise bad_request(
                    "Cannot delete sandbox which has active fork children. The forks must be deleted first."
                )
            return self._soft_delete(rec)

    def _soft_delete(self, rec: SandboxRecord) -> SandboxRecord:
        rec.desired_state = "destroyed"
        rec.name = soft_delete_name(rec.name)
        rec.backup.cancel()
        rec.backup.set("None")
        rec.touch()
        if rec.build_log is not None:
            rec.build_log.cut()
        remove = (self.delay, "destroyed", lambda: self._remove(rec))
        if rec.state in ("archived", "pending_build"):
            rec.timeline.plan(rec.state, remove)  # no runner: straight to destroyed
        elif rec.state in ("started", "stopped"):
            rec.timeline.plan("destroying", remove)  # what the answer shows for these anyway
        else:
            rec.timeline.plan(rec.state, (self.delay, "destroying"), remove)
        for follower in list(self.state.sandboxes.values()):
            if follower.linked_sandbox_id == rec.id and follower.desired_state != "destroyed":
                try:
                    self.delete(follower)
                except EmulatorHTTPError:
                    pass
        return rec

    def _remove(self, rec: SandboxRecord) -> None:
        state = self.state
        state.sandboxes.pop(rec.id, None)
        self.graveyard[rec.id] = rec
        workspace = state.workspaces.pop(rec.id, None)
        state.spawn(_dispose(workspace, state.sandbox_root(rec.id)))

    def recover(self, rec: SandboxRecord, skip_start: bool = False) -> SandboxRecord:
        """``recover`` in place (as a Docker runner does): the sandbox is stopped, then started unless
        ``skipStart``."""
        with self.state.lock:
            self.state.advance_all()
            if not rec.recoverable:
                raise bad_request("Sandbox is not in a recoverable state")
            if rec.state != "error":
                raise bad_request("Sandbox must be in error state to recover")
            rec.error_reason, rec.recoverable = None, False
            rec.desired_state = "stopped"
            rec.backup.set("None")
            rec.touch()
            rec.timeline.plan("stopped")
            if skip_start:
                return rec
            return self.start(rec)

    def force_error(self, rec: SandboxRecord, reason: str, recoverable: bool = True) -> SandboxRecord:
        """Test hook: the runner reports the sandbox in error (``updateState``)."""
        with self.state.lock:
            rec.timeline.cancel()
            if rec.build_log is not None:
                rec.build_log.cut()
            rec.error_reason, rec.recoverable = reason, recoverable
            rec.touch()
            rec.timeline.set("error")
            return rec

    def validate_resize(self, body: dict[str, Any]) -> None:
        c = v.Checks(body)
        for key in ("cpu", "memory", "disk"):
            c.optional(key, v.minimum(1), v.is_number)
        c.done()

    def resize(self, rec: SandboxRecord, body: dict[str, Any]) -> SandboxRecord:
        """``resize``: hot (started: grow cpu/memory) or cold (stopped: also grow disk). Answers ``resizing``
        and applies the new resources when the runner is done (as a job-based runner does)."""
        cpu, memory, disk = body.get("cpu"), body.get("memory"), body.get("disk")
        with self.state.lock:
            self.state.advance_all()
            state = rec.state
            if state not in ("started", "stopped"):
                raise bad_request("Sandbox must be in started or stopped state to resize")
            if rec.pending:
                raise state_change_in_progress()
            unchanged = "No resource changes specified - sandbox is already at the desired configuration"
            if cpu is None and memory is None and disk is None:
                raise bad_request(unchanged)
            if disk is not None and state != "stopped":
                raise bad_request("Disk resize can only be performed on a stopped sandbox")
            if state == "started":
                if cpu is not None and cpu < rec.cpu:
                    raise bad_request("Sandbox must be in stopped state to decrease the number of CPU cores")
                if memory is not None and memory < rec.memory:
                    raise bad_request("Sandbox must be in stopped state to decrease memory")
            if disk is not None and disk < rec.disk:
                raise bad_request("Sandbox disk size cannot be decreased")
            new = (rec.cpu if cpu is None else cpu, rec.memory if memory is None else memory)
            new_disk = rec.disk if disk is None else disk
            if new == (rec.cpu, rec.memory) and new_disk == rec.disk:
                raise bad_request(unchanged)
            self.check_per_sandbox_limits(new[0], new[1], new_disk)

            def apply() -> None:
                rec.cpu, rec.memory, rec.disk = _int_or(new[0]), _int_or(new[1]), _int_or(new_disk)
                rec.touch()

            rec.touch()
            rec.timeline.plan("resizing", (self.delay, state, apply))
            return rec

    # ---- settings ---------------------------------------------------------------------------------

    def replace_labels(self, rec: SandboxRecord, labels: Any) -> SandboxRecord:
        """``replaceLabels``: the labels become exactly the given ones; answers the sandbox."""
        with self.state.lock:
            if labels is not None:
                rec.labels = labels
            rec.touch()
            return rec

    def set_auto_stop(self, rec: SandboxRecord, minutes: float) -> SandboxRecord:
        with self.state.lock:
            rec.auto_stop_interval = _auto_stop(minutes)
            rec.touch()
            return rec

    def set_auto_archive(self, rec: SandboxRecord, minutes: float) -> SandboxRecord:
        with self.state.lock:
            rec.auto_archive_interval = self._auto_archive(minutes)
            rec.touch()
            return rec

    def set_auto_delete(self, rec: SandboxRecord, minutes: float) -> SandboxRecord:
        with self.state.lock:
            if rec.gpu > 0:
                raise bad_request("GPU sandboxes must remain ephemeral")
            rec.auto_delete_interval = _int_column(minutes)
            rec.touch()
            return rec

    def _auto_archive(self, minutes: float) -> int:
        """``resolveAutoArchiveInterval``: non-negative; 0 and anything above the maximum mean the maximum."""
        if minutes < 0:
            raise bad_request("Auto-archive interval must be non-negative")
        maximum = self.state.settings.max_auto_archive_interval
        if minutes == 0:
            return maximum
        return _int_column(min(minutes, maximum))

    def validate_network(self, body: dict[str, Any]) -> None:
        c = v.Checks(body)
        c.defined("networkBlockAll", v.is_boolean)
        c.defined("networkAllowList", v.is_string)
        c.defined("domainAllowList", v.is_string)
        c.done()

    def update_network(self, rec: SandboxRecord, body: dict[str, Any]) -> SandboxRecord:
        """``updateNetworkSettings``: an allow list lifts block-all; block-all (or un-blocking) clears it."""
        block_all = body.get("networkBlockAll")
        allow = body.get("networkAllowList")
        domains = body.get("domainAllowList")
        if block_all is None and allow is None and domains is None:
            raise bad_request("At least one of networkBlockAll, networkAllowList or domainAllowList must be provided")
        with self.state.lock:
            if domains is not None:
                rec.domain_allow_list = None if not domains.strip() else validate_domain_allow_list(domains)
            if block_all is not None:
                rec.network_block_all = block_all
                if block_all:
                    rec.network_allow_list = None
            if allow is not None:
                if not allow.strip():
                    rec.network_allow_list = None
                else:
                    rec.network_allow_list = validate_network_allow_list(allow)
                    rec.network_block_all = False
            elif block_all is False:
                rec.network_allow_list = None
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


def _assert_not_errored(rec: SandboxRecord) -> None:
    if rec.state in ERROR_STATES:
        raise bad_request("Sandbox is in an errored state")


def _check_volume(c: v.Checks) -> None:
    """``SandboxVolume``: ``volumeId`` (non-empty string), ``mountPath`` (string), ``subpath`` (optional)."""
    c.required("volumeId", v.is_not_empty, v.is_string)
    c.required("mountPath", v.is_string)
    c.optional("subpath", v.is_string)


def _num(value: float) -> str:
    return h.js_number_text(float(value))


def _int_or(value: float) -> Any:
    return int(value) if float(value).is_integer() else value


def _int_column(value: float) -> int:
    """What a Postgres ``int`` column accepts from a JS number: an integer; anything else fails (500)."""
    if isinstance(value, bool) or not float(value).is_integer():
        raise unexpected_error()
    return int(value)


def _auto_stop(minutes: float) -> int:
    """``resolveAutoStopInterval``: non-negative."""
    if minutes < 0:
        raise bad_request("Auto-stop interval must be non-negative")
    return _int_column(minutes)


def validate_network_allow_list(value: str) -> str:
    """``validateNetworkAllowList``: up to 10 comma-separated IPv4 CIDR networks (kept as sent)."""
    networks = [net.strip() for net in value.split(",")]
    for network in networks:
        if not network:
            continue
        address, _, prefix = network.partition("/")
        try:
            ipaddress.IPv4Address(address)
        except ValueError:
            raise bad_request(
                f'Invalid IP address: "{address}" in network "{network}". Must be a valid IPv4 address'
            ) from None
        if not prefix:
            raise bad_request(f'Invalid network format: "{network}". Missing CIDR prefix length (e.g., /24)')
        digits = "".join(ch for ch in _leading_int(prefix))
        if digits and not 0 <= int(digits) <= 32:
            raise bad_request(f"Invalid CIDR prefix length: {network}. Prefix must be between 0 and 32")
    if len(networks) > 10:
        raise bad_request("Network allow list cannot contain more than 10 networks")
    return value


def _leading_int(text: str) -> str:
    """The digits ``parseInt`` would read (an optional sign, then digits)."""
    stripped = text.strip()
    sign = stripped[:1] if stripped[:1] in "+-" else ""
    rest = stripped[len(sign) :]
    digits = ""
    for ch in rest:
        if not ch.isdigit():
            break
        digits += ch
    return (sign if sign == "-" else "") + digits if digits else ""


_DOMAIN_LABEL = r"[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"


def validate_domain_allow_list(value: str) -> str:
    """``validateDomainAllowList``: up to 10 comma-separated domain names, optionally ``*.``-prefixed."""
    import re

    pattern = re.compile(rf"^(\*\.)?({_DOMAIN_LABEL}\.)+[a-zA-Z]{{2,}}$")
    domains = [domain.strip() for domain in value.split(",")]
    for domain in domains:
        if domain and not pattern.match(domain):
            raise bad_request(f'Invalid domain: "{domain}". Must be a valid domain name')
    if len(domains) > 10:
        raise bad_request("Domain allow list cannot contain more than 10 domains")
    return value


def _mount_path_error(value: Any) -> str | None:
    """``validateMountPaths`` for one volume."""
    if not isinstance(value, str):
        return f"Invalid mount path {value} (must be a string)"
    if not value.startswith("/"):
        return f"Invalid mount path {value} (must be absolute)"
    if value in ("/", "//"):
        return f"Invalid mount path {value} (cannot mount to the root directory)"
    if "/../" in value or "/./" in value or value.endswith("/..") or value.endswith("/."):
        return f"Invalid mount path {value} (cannot contain relative path components)"
    if "//" in value[1:]:
        return f"Invalid mount path {value} (cannot contain consecutive slashes)"
    system = ("/proc", "/sys", "/dev", "/boot", "/etc", "/bin", "/sbin", "/lib", "/lib64")
    if any(value == p or value.startswith(p + "/") for p in system):
        return f"Invalid mount path {value} (cannot mount to system directory)"
    return None


def _subpath_error(subpath: Any) -> str | None:
    """``validateSubpaths`` for one volume."""
    if not subpath:
        return None
    if not isinstance(subpath, str):
        return f"Invalid subpath {subpath} (must be a string)"
    if subpath.startswith("/"):
        return f'Invalid subpath "{subpath}" (S3 key prefixes cannot start with /)'
    if ".." in subpath:
        return f'Invalid subpath "{subpath}" (cannot contain .. for security)'
    if "//" in subpath:
        return f'Invalid subpath "{subpath}" (cannot contain consecutive slashes)'
    return None


async def _dispose(workspace: Any, root: Path) -> None:
    if workspace is not None:
        await workspace.close()
    await asyncio.to_thread(shutil.rmtree, root, True)
