"""Sandbox creation (``POST /sandbox``): ``CreateSandboxDto`` validation, the controller's checks and
``createFromSnapshot`` / ``createFromBuildInfo`` of ``apps/api/src/sandbox/services/sandbox.service.ts``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from daytona_emulator.control import http as h
from daytona_emulator.control import validation as v
from daytona_emulator.control.buildlog import build_snapshot_ref, plan_build
from daytona_emulator.control.records import SandboxRecord, SnapshotRecord, new_id
from daytona_emulator.control.sandbox_rules import (
    GPU_TYPES,
    PER_SANDBOX_LIMIT_MESSAGE,
    auto_stop,
    check_volume,
    int_column,
    is_ephemeral,
    is_uuid,
    js_text,
    mount_path_error,
    subpath_error,
    validate_domain_allow_list,
    validate_network_allow_list,
)
from daytona_emulator.control.timeline import Timeline, monotonic
from daytona_emulator.errors import bad_request, conflict, not_found

if TYPE_CHECKING:
    from daytona_emulator.state import EmulatorState

# cpu, memory (GiB), disk (GiB) of a build that names none (DEFAULT_CPU/MEMORY/DISK of the service).
DEFAULT_BUILD_RESOURCES = (1, 1, 3)


class SandboxCreation:
    """Mixed into ``SandboxService``: everything ``POST /sandbox`` does before it answers."""

    state: EmulatorState
    built_refs: set[str]

    @property
    def delay(self) -> float:
        return self.state.settings.transition_delay

    def _watch(self, rec: SandboxRecord) -> None:  # provided by SandboxService
        raise NotImplementedError

    def inserted(self, rec: SandboxRecord) -> None:  # provided by SandboxService
        raise NotImplementedError

    def find(self, id_or_name: str) -> SandboxRecord:  # provided by SandboxService
        raise NotImplementedError

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
        c.nested_list("volumes", check_volume)
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
        cpu = data.get("cpu") or DEFAULT_BUILD_RESOURCES[0]
        memory = data.get("memory") or DEFAULT_BUILD_RESOURCES[1]
        disk = data.get("disk") or DEFAULT_BUILD_RESOURCES[2]
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
        if ref not in self.built_refs:  # inserted in PENDING_BUILD, without a runner
            rec.runner_id = None
            rec.timeline.set("pending_build")
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
            rec.auto_stop_interval = auto_stop(data["autoStopInterval"])
        if data.get("autoArchiveInterval") is not None:
            rec.auto_archive_interval = self._auto_archive(data["autoArchiveInterval"])
        if data.get("autoDeleteInterval") is not None:
            rec.auto_delete_interval = int_column(data["autoDeleteInterval"])
        rec.created_at = rec.updated_at = rec.last_activity_at = h.utcnow()
        return rec

    def _insert(self, rec: SandboxRecord, data: dict[str, Any]) -> None:
        """Store the new sandbox; a taken name is 409 (the unique index on organization and name)."""
        if any(other.name == rec.name for other in self.state.sandboxes.values()):
            raise conflict(f"Sandbox with name {data.get('name')} already exists")
        self._watch(rec)
        self.state.sandbox_root(rec.id).mkdir(parents=True, exist_ok=True)
        self.state.sandboxes[rec.id] = rec
        self.inserted(rec)

    def check_per_sandbox_limits(self, cpu: float, memory: float, disk: float) -> None:
        """The organization's per-sandbox limits (``validateOrganizationQuotas``)."""
        settings = self.state.settings
        if cpu > settings.max_cpu_per_sandbox:
            raise bad_request(
                f"CPU request {js_text(cpu)} exceeds maximum allowed per sandbox ({settings.max_cpu_per_sandbox})."
                f"\n{PER_SANDBOX_LIMIT_MESSAGE}"
            )
        if memory > settings.max_memory_per_sandbox:
            raise bad_request(
                f"Memory request {js_text(memory)}GB exceeds maximum allowed per sandbox "
                f"({settings.max_memory_per_sandbox}GB).\n{PER_SANDBOX_LIMIT_MESSAGE}"
            )
        if disk > settings.max_disk_per_sandbox:
            raise bad_request(
                f"Disk request {js_text(disk)}GB exceeds maximum allowed per sandbox "
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
        errors = [e for e in (mount_path_error(m.get("mountPath")) for m in mounts) if e]
        if errors:
            raise bad_request(", ".join(errors))
        errors = [e for e in (subpath_error(m.get("subpath")) for m in mounts) if e]
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

    def _auto_archive(self, minutes: float) -> int:
        """``resolveAutoArchiveInterval``: non-negative; 0 and anything above the maximum mean the maximum."""
        if minutes < 0:
            raise bad_request("Auto-archive interval must be non-negative")
        maximum = self.state.settings.max_auto_archive_interval
        if minutes == 0:
            return maximum
        return int_column(min(minutes, maximum))
