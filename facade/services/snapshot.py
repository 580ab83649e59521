"""``daytona.snapshot``: reusable sandbox images (from a registry image or a declarative ``Image``).

Every failure is a typed :class:`~facade.errors.DaytonaError`, never a raw client exception.
"""

# The documented API takes `timeout` arguments (whole-operation deadlines), not asyncio.timeout.

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .._deadline import Deadline
from .._logs import LogCallback, emit, follow_log, log_stream_failure
from ..errors import DaytonaError, DaytonaStateError, DaytonaTimeoutError, DaytonaValidationError
from ..params import CreateSnapshotParams, to_create_snapshot_body
from ..polling import Clock, get_default_clock, wait_for_state

if TYPE_CHECKING:
    from daytona_openapi.models import Snapshot as SnapshotDto

    from .._api import ApiContext

__all__ = ["SNAPSHOT_FAILURE_STATES", "AsyncSnapshotService", "PaginatedSnapshots", "Snapshot"]

#: States that end a snapshot build with an error.
SNAPSHOT_FAILURE_STATES = ("error", "build_failed")


@dataclass(frozen=True)
class Snapshot:
    """A snapshot: an image sandboxes can be created from.

    Attributes:
        id: Snapshot ID.
        name: Snapshot name (what ``CreateSandboxFromSnapshotParams.snapshot`` takes).
        state: ``pending``, ``pulling``, ``building``, ``active``, ``inactive``, ``error``,
            ``build_failed`` or ``removing``.
        general: True for snapshots offered to every organization.
        image_name: Source image, for snapshots made from a registry image.
        organization_id: Owning organization.
        size: Image size in GB, once known.
        entrypoint: Entrypoint command and arguments.
        cpu, gpu, mem, disk: Default resources of sandboxes made from it (mem and disk in GiB).
        gpu_type: GPU model, if any.
        error_reason: Why it failed, if it did.
        created_at, updated_at, last_used_at: Timestamps.
        dockerfile_content: The Dockerfile it was built from, for declarative images.
        region_ids: Regions where it is available.
        initial_runner_id, ref, sandbox_class: Further service details.
    """

    id: str
    name: str
    state: str
    general: bool
    image_name: str | None
    organization_id: str | None
    size: float | None
    entrypoint: list[str] | None
    cpu: float
    gpu: float
    mem: float
    disk: float
    gpu_type: str | None
    error_reason: str | None
    created_at: datetime
    updated_at: datetime
    last_used_at: datetime | None
    dockerfile_content: str | None
    region_ids: list[str] | None
    initial_runner_id: str | None
    ref: str | None
    sandbox_class: str | None

    @classmethod
    def _from_dto(cls, dto: SnapshotDto) -> Snapshot:
        from daytona_openapi.types import Unset

        def opt(value: Any) -> Any:
            return None if isinstance(value, Unset) else value

        build = opt(dto.build_info)
        regions = opt(dto.region_ids)
        return cls(
            id=dto.id,
            name=dto.name,
            state=str(dto.state),
            general=dto.general,
            image_name=opt(dto.image_name),
            organization_id=opt(dto.organization_id),
            size=dto.size,
            entrypoint=list(dto.entrypoint) if dto.entrypoint is not None else None,
            cpu=dto.cpu,
            gpu=dto.gpu,
            mem=dto.mem,
            disk=dto.disk,
            gpu_type=opt(dto.gpu_type),
            error_reason=dto.error_reason,
            created_at=dto.created_at,
            updated_at=dto.updated_at,
            last_used_at=dto.last_used_at,
            dockerfile_content=None if build is None else opt(build.dockerfile_content),
            region_ids=None if regions is None else list(regions),
            initial_runner_id=opt(dto.initial_runner_id),
            ref=opt(dto.ref),
            sandbox_class=opt(dto.sandbox_class),
        )


@dataclass(frozen=True)
class PaginatedSnapshots:
    """One page of snapshots.

    Attributes:
        items: The snapshots on this page.
        total: Number of snapshots in all pages.
        page: This page's number (from 1).
        total_pages: Number of pages.
    """

    items: list[Snapshot]
    total: int
    page: int
    total_pages: int


def _snapshot_id(snapshot: Snapshot | str) -> str:
    value = snapshot.id if isinstance(snapshot, Snapshot) else snapshot
    if not isinstance(value, str) or not value.strip():
        raise DaytonaValidationError("snapshot must be a Snapshot or a non-empty snapshot ID or name")
    return value


def _page_arg(value: object, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise DaytonaValidationError(f"{name} must be a positive integer or None, got {value!r}")
    return value


class AsyncSnapshotService:
    """Create, get, list, delete and activate snapshots. Reached as ``daytona.snapshot``."""

    def __init__(self, ctx: ApiContext, default_region_id: str | None = None, clock: Clock | None = None) -> None:
        """Internal: use ``AsyncDaytona.snapshot``."""
        self._ctx = ctx
        self._default_region_id = default_region_id
        self._clock = clock

    def __repr__(self) -> str:
        return f"AsyncSnapshotService(default_region_id={self._default_region_id!r})"

    async def _call(self, op: Any, *args: Any, error_prefix: str, **kwargs: Any) -> Any:
        if self._ctx.closed:
            raise DaytonaError(f"{error_prefix}the AsyncDaytona client is closed")
        return await self._ctx.call(op, *args, error_prefix=error_prefix, **kwargs)

    async def list(self, page: int | None = None, limit: int | None = None) -> PaginatedSnapshots:
        """Return one page of the organization's snapshots.

        Sends ``GET /snapshots[?page=&limit=]`` (the service's defaults when unset).

        Raises:
            DaytonaValidationError: If ``page`` or ``limit`` is below 1.
        """
        page_number = _page_arg(page, "page")
        page_size = _page_arg(limit, "limit")
        from daytona_openapi.api.snapshots import list_snapshots
        from daytona_openapi.types import UNSET

        result = await self._call(
            list_snapshots,
            page=UNSET if page_number is None else page_number,
            limit=UNSET if page_size is None else page_size,
            sort=UNSET,
            order=UNSET,
            error_prefix="Failed to list snapshots: ",
        )
        return PaginatedSnapshots(
            items=[Snapshot._from_dto(item) for item in result.items],
            total=int(result.total),
            page=int(result.page),
            total_pages=int(result.total_pages),
        )

    async def get(self, name: str) -> Snapshot:
        """Return the snapshot with this name or ID. Sends ``GET /snapshots/{name}``.

        Raises:
            DaytonaValidationError: If ``name`` is empty.
            DaytonaNotFoundError: If there is no such snapshot.
        """
        from daytona_openapi.api.snapshots import get_snapshot

        dto = await self._call(get_snapshot, _snapshot_id(name), error_prefix="Failed to get snapshot: ")
        return Snapshot._from_dto(dto)

    async def delete(self, snapshot: Snapshot | str) -> None:
        """Delete a snapshot (a :class:`Snapshot` or its ID). Sends ``DELETE /snapshots/{id}``.

        Raises:
            DaytonaNotFoundError: If it does not exist.
        """
        from daytona_openapi.api.snapshots import delete_snapshot

        await self._call(delete_snapshot, _snapshot_id(snapshot), error_prefix="Failed to delete snapshot: ")

    async def activate(self, snapshot: Snapshot | str) -> Snapshot:
        """Make an inactive snapshot usable again. Sends ``POST /snapshots/{id}/activate``.

        Raises:
            DaytonaNotFoundError: If it does not exist.
            DaytonaError: If it cannot be activated.
        """
        from daytona_openapi.api.snapshots import activate_snapshot

        dto = await self._call(activate_snapshot, _snapshot_id(snapshot), error_prefix="Failed to activate snapshot: ")
        return Snapshot._from_dto(dto)

    async def create(
        self,
        params: CreateSnapshotParams,
        *,
        on_logs: LogCallback | None = None,
        timeout: float | None = 0,
    ) -> Snapshot:
        """Create a snapshot and wait until it is ``active``.

        A registry image is sent as ``imageName``; a declarative :class:`~facade.image.Image`
        as a Dockerfile build (``buildInfo``). Sends ``POST /snapshots`` (never retried
        automatically), then polls ``GET /snapshots/{id}`` until ``active``. With ``on_logs``,
        the callback receives ``"Creating snapshot <name> (<state>)"`` on every state change,
        the build log line by line while a declarative image builds
        (``GET /snapshots/{id}/build-logs-url``, then ``GET {url}?follow=true``) and finally
        ``"Created snapshot <name> (active)"``. ``params`` is not modified.

        Args:
            params: What to build.
            on_logs: Progress and build-log callback (may be async).
            timeout: Seconds for the whole operation; 0 or None (the default) means no limit.

        Raises:
            DaytonaValidationError: On invalid params or a negative timeout (nothing is sent).
            DaytonaStateError: If the build fails (``error``/``build_failed``; the message has
                the service's reason).
            DaytonaTimeoutError: If it is not active in time (names the last state).
            DaytonaError: On other failures.
        """
        deadline = Deadline(timeout, "the new snapshot to become active", self._clock or get_default_clock())
        if on_logs is not None and not callable(on_logs):
            raise DaytonaValidationError("on_logs must be callable")
        body = to_create_snapshot_body(params, self._default_region_id)
        built = "buildInfo" in body
        prefix = "Failed to create snapshot: "
        from daytona_openapi.api.snapshots import create_snapshot, get_snapshot
        from daytona_openapi.models import CreateSnapshot

        request = CreateSnapshot.from_dict(body)
        dto: SnapshotDto = await deadline.run(
            lambda: self._call(create_snapshot, body=request, error_prefix=prefix),
        )
        name = dto.name
        deadline.what = f"snapshot '{name}' to become active"
        log_task: asyncio.Task[None] | None = None
        last_state = str(dto.state)

        def start_log(state: str) -> None:
            nonlocal log_task
            if (
                on_logs is not None
                and built
                and log_task is None
                and state not in ("pending", "active", *SNAPSHOT_FAILURE_STATES)
            ):
                log_task = asyncio.ensure_future(self._follow_build_log(dto.id, on_logs))

        async def fetch() -> SnapshotDto:
            nonlocal last_state
            current: SnapshotDto = await self._call(
                get_snapshot, dto.id, error_prefix="Failure during waiting for snapshot to become active: "
            )
            state = str(current.state)
            if state != last_state:
                last_state = state
                if on_logs is not None and state != "active":
                    await emit(on_logs, f"Creating snapshot {name} ({state})")
                start_log(state)
            return current

        if on_logs is not None:
            await emit(on_logs, f"Creating snapshot {name} ({last_state})")
        start_log(last_state)
        final = dto
        try:
            try:
                if last_state != "active":
                    final = await wait_for_state(
                        fetch,
                        state_of=lambda snap: str(snap.state),
                        done=lambda state: state == "active",
                        terminal=SNAPSHOT_FAILURE_STATES,
                        error_reason_of=lambda snap: snap.error_reason,
                        timeout=deadline.wait_budget(last_state),
                        what=deadline.what,
                        clock=deadline.clock,
                    )
            except DaytonaStateError as exc:
                raise DaytonaStateError(
                    f"Failed to create snapshot {name}, reason: {exc.error_reason or 'none given'}",
                    state=exc.state,
                    error_reason=exc.error_reason,
                ) from exc
            except DaytonaTimeoutError as exc:
                raise deadline.expired(exc.last_state) from exc
        except BaseException:
            if log_task is not None:
                log_task.cancel()
                with contextlib.suppress(BaseException):
                    await log_task
            raise
        if log_task is not None:
            task = log_task
            try:
                await deadline.run(lambda: task, last_state)
            except DaytonaError as exc:
                left = deadline.remaining()
                if left is not None and left <= 0:
                    raise  # the caller's timeout is over: not a log problem
                log_stream_failure(exc, f"snapshot {name}")
        if on_logs is not None:
            await emit(on_logs, f"Created snapshot {name} ({final.state})")
        return Snapshot._from_dto(final)

    async def _follow_build_log(self, snapshot_id: str, on_line: LogCallback) -> None:
        from daytona_openapi.api.snapshots import get_snapshot, get_snapshot_build_logs_url

        prefix = "Failed to get build logs: "
        link = await self._call(get_snapshot_build_logs_url, snapshot_id, error_prefix=prefix)

        async def is_finished() -> bool:
            current = await self._call(get_snapshot, snapshot_id, error_prefix=prefix)
            return str(current.state) in ("active", *SNAPSHOT_FAILURE_STATES)

        await follow_log(self._ctx.http, link.url, on_line, is_finished, error_prefix=prefix)
