"""Snapshots: images sandboxes start from, pulled (``imageName``) or built (``buildInfo``).

States as the snapshot manager moves them: ``pending`` -> ``pulling`` / ``building`` once the initial runner
is assigned -> ``active`` (or ``error``). ``deactivate`` makes any snapshot ``inactive``; ``activate`` takes an
inactive one back through ``pending``. ``DELETE`` marks it ``removing`` and the clean-up job drops it.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from daytona_emulator.control import dto_checks as v
from daytona_emulator.control import http as h
from daytona_emulator.control import snapshot_rules as rules
from daytona_emulator.control.buildlog import BuildLog, plan_build
from daytona_emulator.control.object_storage import ObjectStorage
from daytona_emulator.control.records import SandboxRecord, SnapshotRecord, new_id
from daytona_emulator.control.timeline import Timeline, monotonic
from daytona_emulator.control.views import RUNNER_ID
from daytona_emulator.errors import EmulatorHTTPError, bad_request, conflict, not_found

if TYPE_CHECKING:
    from starlette.routing import BaseRoute

    from daytona_emulator.state import EmulatorState

LAST_USED_LOCK_SECONDS = 60.0


@dataclass
class Snapshot(SnapshotRecord):
    """A snapshot row: the shared record plus what only the snapshot service keeps."""

    initial_runner_id: str | None = None
    ref: str | None = None
    hidden: bool = False
    last_used_lock_until: float = 0.0


def forbidden(message: str) -> EmulatorHTTPError:
    return EmulatorHTTPError(403, message, code="FORBIDDEN")


def unexpected() -> EmulatorHTTPError:
    """What the exception filter answers for an error that is not an HTTP exception."""
    return EmulatorHTTPError(500, "An unexpected error occurred.")


class SnapshotService:
    def __init__(self, state: EmulatorState) -> None:
        self.state = state
        self.limits = rules.OrganizationLimits()
        self.storage = ObjectStorage(state)
        self._seen_sandboxes: set[str] = set()

    # ---- records -----------------------------------------------------------------------------------

    @property
    def org(self) -> str:
        return self.state.settings.organization_id

    def _new(self, **fields: Any) -> Snapshot:
        record = Snapshot(id=new_id(), timeline=Timeline(fields.pop("state", "pending")), **fields)
        record.timeline.on_change = lambda old, new: self._changed(record, old, new)
        return record

    @staticmethod
    def _touch(record: Snapshot) -> None:
        record.updated_at = h.utcnow()

    def _changed(self, record: Snapshot, old: str, new: str) -> None:
        """A state change; announced once the snapshot is stored (a state set before its insert is not)."""
        self._touch(record)
        if self.state.snapshots.get(record.id) is record:
            self.state.notifications.snapshot_state(record, old, new)

    def seed_default(self) -> None:
        """The default snapshot: general, owned by the admin organization, active in the default region."""
        settings = self.state.settings
        image = settings.default_snapshot
        record = self._new(
            name=image,
            organization_id=rules.ADMIN_ORGANIZATION_ID,
            state="active",
            image_name=image,
            general=True,
            cpu=settings.default_cpu,
            mem=settings.default_memory_gib,
            disk=settings.default_disk_gib,
            size=1.2,
            region_ids=[settings.default_region],
            initial_runner_id=RUNNER_ID,
            ref=rules.pulled_ref(image),
        )
        record.last_used_at = record.created_at
        self.state.snapshots[record.id] = record

    def all(self) -> list[Snapshot]:
        return [s for s in self.state.snapshots.values() if isinstance(s, Snapshot)]

    # ---- look-ups as the guards and the service do them ---------------------------------------------

    def _by_name(self, name: str) -> Snapshot | None:
        """The organization's snapshot of that name, else a general one."""
        own = next((s for s in self.all() if s.name == name and s.organization_id == self.org), None)
        return own or next((s for s in self.all() if s.name == name and s.general), None)

    def guarded(self, id_or_name: str, *, write: bool) -> Snapshot:
        """SnapshotAccessGuard (``write``) / SnapshotReadAccessGuard: by ID, else by name; other orgs' are 404."""
        with self.state.lock:
            self.state.advance_all()
            found = self.state.snapshots.get(id_or_name)
            record = found if isinstance(found, Snapshot) else self._by_name(id_or_name)
            if record is None:
                raise not_found(f"Snapshot with name {id_or_name}")
            if record.organization_id != self.org and (write or not record.general):
                raise not_found(f"Snapshot with ID or name {id_or_name}")
            return record

    def by_id(self, snapshot_id: str) -> Snapshot:
        """``getSnapshot(id)``: a value that is not a UUID breaks the database query (500)."""
        if not rules.is_uuid(snapshot_id):
            raise unexpected()
        found = self.state.snapshots.get(snapshot_id.lower())
        if not isinstance(found, Snapshot):
            raise not_found(f"Snapshot {snapshot_id}")
        return found

    def with_regions(self, id_or_name: str) -> Snapshot:
        """``getSnapshotWithRegions``: the organization's snapshot of that name, else a general one, else by ID."""
        candidates = [s for s in self.all() if s.name == id_or_name and (s.organization_id == self.org or s.general)]
        if rules.is_uuid(id_or_name):
            candidates += [s for s in self.all() if s.id == id_or_name.lower()]
        if not candidates:
            raise not_found(f"Snapshot {id_or_name}")
        return sorted(candidates, key=lambda s: s.general)[0]

    @staticmethod
    def require_uuid(value: str) -> str:
        """Nest's ParseUUIDPipe on the ``id`` parameter (after the guard has found the snapshot)."""
        if not rules.is_uuid(value):
            raise bad_request("Validation failed (uuid is expected)")
        return value

    # ---- create -------------------------------------------------------------------------------------

    def create(self, body: dict[str, Any]) -> Snapshot:
        dto = v.validate(body, rules.CREATE_SNAPSHOT)
        build = dto.get("buildInfo")
        image = dto.get("imageName")
        if build is not None:  # any object is truthy in JavaScript, {} included
            if image:
                raise bad_request("Cannot specify an image name when using a build info entry")
            if dto.get("entrypoint") is not None:
                raise bad_request("Cannot specify an entrypoint when using a build info entry")
        elif not image:
            raise bad_request("Must specify an image name when not using a build info entry")
        with self.state.lock:
            self.state.advance_all()
            self._observe_sandboxes()
            region = self._region(dto.get("regionId"))
            return self._from_build(dto, region) if build is not None else self._from_pull(dto, region)

    def _region(self, requested: str | None) -> str:
        region = (requested or "").strip()
        if not region:
            return self.state.settings.default_region
        if region not in self.state.settings.regions:
            raise not_found("Region")
        return region

    def _sandbox_class(self, dto: v.Checked) -> str:
        sandbox_class = dto.get("sandboxClass") or "container"
        if sandbox_class == "windows":
            raise bad_request(
                "Windows snapshots cannot be created via this endpoint; "
                "they are produced by snapshot-from-sandbox flows."
            )
        return str(sandbox_class)

    def _check_quotas(self, cpu: Any, memory: Any, disk: Any) -> None:
        """validateOrganizationQuotas: per-sandbox limits, then the snapshot count."""
        limits = self.limits
        if cpu and cpu > limits.max_cpu_per_sandbox:
            raise bad_request(
                f"CPU request {_js(cpu)} exceeds maximum allowed per sandbox ({limits.max_cpu_per_sandbox}).\n"
                + rules.PER_SANDBOX_LIMIT_MESSAGE
            )
        if memory and memory > limits.max_memory_per_sandbox:
            raise bad_request(
                f"Memory request {_js(memory)}GB exceeds maximum allowed per sandbox "
                f"({limits.max_memory_per_sandbox}GB).\n" + rules.PER_SANDBOX_LIMIT_MESSAGE
            )
        if disk and disk > limits.max_disk_per_sandbox:
            raise bad_request(
                f"Disk request {_js(disk)}GB exceeds maximum allowed per sandbox ({limits.max_disk_per_sandbox}GB).\n"
                + rules.PER_SANDBOX_LIMIT_MESSAGE
            )
        used = sum(1 for s in self.all() if s.organization_id == self.org and s.state in rules.CONSUMING_STATES)
        if used + 1 > limits.snapshot_quota:
            raise bad_request(f"Snapshot quota exceeded. Maximum allowed: {limits.snapshot_quota}")

    @staticmethod
    def _gpu_type(dto: v.Checked) -> str | None:
        """The emulator has no GPU runners: asking for a GPU fails as the scheduler does."""
        if not dto.get("gpu"):
            return None
        preferences = dto.get("gpuType")
        if preferences:
            raise bad_request(f"No available runners with GPU type: {', '.join(preferences)}.")
        raise bad_request("No available runners")

    def _common(self, dto: v.Checked, region: str) -> dict[str, Any]:
        name = dto.get("name")
        problem = rules.snapshot_name_problem(name)
        if problem:
            raise bad_request(problem)
        return {"name": name, "region": region}

    def _insert(self, record: Snapshot) -> Snapshot:
        if any(s.name == record.name and s.organization_id == record.organization_id for s in self.all()):
            raise conflict(f'Snapshot with name "{record.name}" already exists for this organization')
        self.state.snapshots[record.id] = record
        self.state.notifications.snapshot_created(record)
        return record

    def _resources(self, dto: v.Checked) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        for key, column in (("cpu", "cpu"), ("gpu", "gpu"), ("memory", "mem"), ("disk", "disk")):
            if dto.get(key) is not None:
                fields[column] = dto.get(key)
        return fields

    def _from_pull(self, dto: v.Checked, region: str) -> Snapshot:
        common = self._common(dto, region)
        image = str(dto.get("imageName"))
        problem = rules.image_name_problem(image)
        if problem:
            raise bad_request(problem)
        sandbox_class = self._sandbox_class(dto)
        self._check_quotas(dto.get("cpu"), dto.get("memory"), dto.get("disk"))
        gpu_type = self._gpu_type(dto)
        record = self._new(
            name=common["name"],
            organization_id=self.org,
            image_name=image,
            entrypoint=rules.process_entrypoint(dto.get("entrypoint")),
            gpu_type=gpu_type,
            region_ids=[region],
            sandbox_class=sandbox_class,
            **self._resources(dto),
        )
        self._insert(record)
        self._plan_pull(record)
        return record

    def _from_build(self, dto: v.Checked, region: str) -> Snapshot:
        common = self._common(dto, region)
        sandbox_class = self._sandbox_class(dto)
        self._check_quotas(dto.get("cpu"), dto.get("memory"), dto.get("disk"))
        gpu_type = self._gpu_type(dto)
        build = dto.get("buildInfo")
        dockerfile = build.get("dockerfileContent")
        if not isinstance(dockerfile, str):  # the nested DTO is not validated; the service then fails
            raise unexpected()
        context_hashes = build.get("contextHashes")
        hashes = [str(x) for x in context_hashes] if isinstance(context_hashes, list) else None
        snapshot_ref = rules.build_snapshot_ref(dockerfile, hashes)
        now = h.utcnow()
        record = self._new(
            name=common["name"],
            organization_id=self.org,
            entrypoint=rules.process_entrypoint(rules.entrypoint_from_dockerfile(dockerfile)),
            gpu_type=gpu_type,
            region_ids=[region],
            sandbox_class=sandbox_class,
            ref=f"{rules.INTERNAL_REGISTRY}/{snapshot_ref}",
            **self._resources(dto),
        )
        record.build_info = {
            "dockerfileContent": dockerfile,
            "contextHashes": hashes,
            "createdAt": h.iso(now),
            "updatedAt": h.iso(now),
            "snapshotRef": snapshot_ref,
        }
        ready = next(
            (
                s
                for s in self.all()
                if s.ref == record.ref and s.state == "active" and region in s.region_ids and s.size is not None
            ),
            None,
        )
        if ready is not None:  # the image is already on a runner of the region: active at once
            assert ready.size is not None
            if ready.size > self.limits.max_snapshot_size:
                raise bad_request(
                    f"Snapshot size ({ready.size:.2f}GB) exceeds maximum allowed size of "
                    f"{self.limits.max_snapshot_size}GB"
                )
            record.size = ready.size
            record.timeline.set("active")
            record.last_used_at = h.utcnow()
            record.build_log = ready.build_log
        self._insert(record)
        if ready is None:
            self._plan_build(record, dockerfile, hashes or [])
        return record

    # ---- what the snapshot manager does next ---------------------------------------------------------

    def _assign_runner(self, record: Snapshot) -> None:
        record.initial_runner_id = RUNNER_ID

    def _plan_pull(self, record: Snapshot) -> None:
        settings = self.state.settings
        image = record.image_name or ""
        failure = None
        if settings.build_fail_marker.lower() in image.lower():
            marker = settings.build_fail_marker
            failure = f"Failed to pull image {image}: the emulator failure marker '{marker}' was found"

        def start() -> None:
            self._assign_runner(record)
            record.ref = record.ref or rules.pulled_ref(image)

        def finish() -> None:
            if failure is not None:
                record.error_reason = failure
                return
            record.size = _size_of(image)
            record.last_used_at = h.utcnow()

        final = "active" if failure is None else "error"
        record.timeline.plan(
            "pending", (settings.transition_delay, "pulling", start), (settings.build_duration, final, finish)
        )

    def _plan_build(self, record: Snapshot, dockerfile: str, hashes: list[str]) -> None:
        """Building on the runner: it fetches the context objects first, then runs the Dockerfile."""
        settings = self.state.settings
        delay, duration = settings.transition_delay, settings.build_duration
        failure = self.storage.context_problem(record.organization_id or self.org, hashes) if hashes else None
        if failure is not None:
            record.build_log = BuildLog(lines=[(monotonic() + delay, f"ERROR: {failure}")], done_at=monotonic() + delay)
        else:
            if not dockerfile.strip():
                failure = "failed to build image: the Dockerfile cannot be empty"
            elif settings.build_fail_marker.lower() in dockerfile.lower():
                failure = f"Image build failed: the emulator failure marker '{settings.build_fail_marker}' was found"
            record.build_log = plan_build(dockerfile, monotonic() + delay, duration, failure)

        def start() -> None:
            self._assign_runner(record)

        def finish() -> None:
            if failure is not None:
                record.error_reason = failure
                return
            record.size = round(0.1 + len(dockerfile) / 1000, 3)
            record.last_used_at = h.utcnow()

        final = "active" if failure is None else "error"
        record.timeline.plan("pending", (delay, "building", start), (duration, final, finish))

    # ---- activate / deactivate / remove -------------------------------------------------------------

    def activate(self, record: Snapshot) -> Snapshot:
        with self.state.lock:
            self.state.advance_all()
            if record.state == "active":
                raise bad_request(f"Snapshot {record.id} is already active")
            if record.state != "inactive":
                raise bad_request(f"Snapshot {record.id} cannot be activated - it is in {record.state} state")
            if h.utcnow() - record.updated_at < timedelta(seconds=rules.ACTIVATION_COOLDOWN_SECONDS):
                raise bad_request("Snapshot deactivation is still in progress. Please try again in a few minutes.")
            self._check_quotas(record.cpu, record.mem, record.disk)
            if record.build_info is not None:
                info = record.build_info
                self._plan_build(record, info["dockerfileContent"], info.get("contextHashes") or [])
            else:
                self._plan_pull(record)
            return record

    def deactivate(self, record: SnapshotRecord) -> None:
        with self.state.lock:
            self.state.advance_all()
            if record.state == "inactive":
                return
            record.timeline.cancel()
            record.timeline.set("inactive")
            record.updated_at = h.utcnow()

    def delete(self, record: Snapshot) -> None:
        """Mark it ``removing``; the clean-up job drops it shortly after (whatever uses it)."""
        with self.state.lock:
            if record.general:
                raise forbidden("You cannot delete a general snapshot")
            if record.build_log is not None and not record.build_log.finished():
                record.build_log.cut()

            def forget() -> None:
                if self.state.snapshots.pop(record.id, None) is not None:
                    self.state.notifications.snapshot_removed(record)

            record.timeline.plan("removing", (self.state.settings.transition_delay, "removing", forget))

    # ---- snapshots of sandboxes (POST /sandbox/{id}/snapshot) ---------------------------------------

    def from_sandbox(self, sandbox: SandboxRecord, name: str) -> Snapshot:
        with self.state.lock:
            record = self._new(
                name=name,
                organization_id=sandbox.organization_id,
                cpu=sandbox.cpu,
                gpu=sandbox.gpu,
                mem=sandbox.memory,
                disk=sandbox.disk,
                region_ids=[sandbox.target],
                sandbox_class=sandbox.sandbox_class,
                initial_runner_id=RUNNER_ID,
                ref=f"{rules.INTERNAL_REGISTRY}/daytona-sandbox-snapshot-{sandbox.id}:{int(time.time())}",
            )
            return self._insert(record)

    def activate_now(self, record: SnapshotRecord) -> None:
        record.size = record.size or 0.5
        record.last_used_at = h.utcnow()
        record.timeline.set("active")

    # ---- when sandboxes are made from snapshots ----------------------------------------------------

    def sandbox_created(self, sandbox: SandboxRecord) -> None:
        """``lastUsedAt`` of the snapshot a new sandbox uses: the sandbox's creation time, at most once a minute."""
        with self.state.lock:
            if sandbox.id in self._seen_sandboxes:
                return
            self._seen_sandboxes.add(sandbox.id)
            if not sandbox.snapshot:
                return
            record = self._by_name(sandbox.snapshot)
            stamp = sandbox.created_at.timestamp()
            if record is None or stamp < record.last_used_lock_until:
                return
            record.last_used_lock_until = stamp + LAST_USED_LOCK_SECONDS
            record.last_used_at = sandbox.created_at
            record.updated_at = h.utcnow()

    def _observe_sandboxes(self) -> None:
        for sandbox in sorted(self.state.sandboxes.values(), key=lambda s: s.created_at):
            if sandbox.id not in self._seen_sandboxes:
                self.sandbox_created(sandbox)

    # ---- list -------------------------------------------------------------------------------------------

    def list(self, query: dict[str, Any]) -> dict[str, Any]:
        dto = v.validate(query, rules.LIST_SNAPSHOTS_QUERY)
        page, limit = dto.get("page", 1), dto.get("limit", 100)
        name, field = dto.get("name"), dto.get("sort", "lastUsedAt")
        descending = dto.get("order", "desc") == "desc"
        with self.state.lock:
            self.state.advance_all()
            self._observe_sandboxes()
            items = [
                s
                for s in self.all()
                if (s.organization_id == self.org or (s.general and not s.hidden))
                and (name is None or _ilike(s.name, name))
            ]
            items.sort(key=lambda s: _sort_key(s, field, descending))
            total = len(items)
            chunk = items[(page - 1) * limit : page * limit]
            regions = tuple(self.state.settings.regions)
            return {
                "items": [rules.snapshot_view(s, regions) for s in chunk],
                "total": total,
                "page": page,
                "totalPages": -(-total // limit),
            }

    def view(self, record: Snapshot) -> dict[str, Any]:
        with self.state.lock:
            self._observe_sandboxes()
            return rules.snapshot_view(record, tuple(self.state.settings.regions))

    # ---- build logs ----------------------------------------------------------------------------------

    def log_of(self, record: Snapshot) -> BuildLog | None:
        return record.build_log


def _js(number: Any) -> str:
    """A number as JavaScript prints it in a template string."""
    if isinstance(number, float) and number.is_integer():
        return str(int(number))
    return str(number)


def _size_of(image: str) -> float:
    digest = hashlib.sha256(image.encode()).digest()
    return round(0.1 + digest[0] / 255, 3)


def _ilike(value: str, pattern: str) -> bool:
    """Postgres ``ILIKE '%pattern%'`` (``%`` and ``_`` in the pattern stay wildcards)."""
    import re

    regex = "".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in pattern)
    return re.search(regex, value, re.IGNORECASE | re.DOTALL) is not None


def _sort_key(s: Snapshot, field: str, descending: bool) -> tuple[Any, ...]:
    """ORDER BY general ASC, <field> <dir> NULLS LAST, createdAt DESC (unless sorting by createdAt)."""
    value: Any
    if field == "name":
        value = (s.name.casefold(), s.name)
    elif field == "state":
        value = rules.state_rank(s.state)
    elif field == "lastUsedAt":
        value = s.last_used_at.timestamp() if s.last_used_at else None
    else:
        value = s.created_at.timestamp()
    nulls_last = value is None
    ordered = _Desc(value) if descending and value is not None else value
    tail = () if field == "createdAt" else (-s.created_at.timestamp(),)
    return (s.general, nulls_last, ordered if value is not None else 0, *tail)


class _Desc:
    """Reverses the order of one sort-key component."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: _Desc) -> bool:
        return bool(self.value > other.value)

    def __gt__(self, other: _Desc) -> bool:
        return bool(self.value < other.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Desc) and bool(self.value == other.value)

    def __hash__(self) -> int:
        return hash(self.value)


def snapshot_routes() -> list[BaseRoute]:
    from daytona_emulator.control.snapshot_http import routes

    return routes()
