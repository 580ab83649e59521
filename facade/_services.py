"""Organization-level services reached from ``AsyncDaytona``: ``daytona.volume`` and ``daytona.snapshot``,
and the build-log follower used by image builds (sandboxes and snapshots).

Calls return the generated ``Volume``, ``Snapshot`` and ``PaginatedSnapshots`` models. Every failure is a
typed :class:`~facade.DaytonaError` (a missing volume is :class:`~facade.DaytonaNotFoundError`).
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

from daytona_openapi import models as m
from daytona_openapi.api import snapshots as snapshots_api
from daytona_openapi.api import volumes as volumes_api

from . import _checks as check
from ._errors import DaytonaConflictError, DaytonaError, DaytonaNotFoundError, DaytonaStateError
from ._params import CreateSnapshotParams, to_create_snapshot_body
from ._polling import Clock, Deadline

if TYPE_CHECKING:
    from daytona_openapi.types import Request

    from ._http import Endpoint

logger = logging.getLogger("facade")
T = TypeVar("T")

#: A log callback: called with each line; may be a coroutine function.
LogCallback = Callable[[str], Awaitable[None] | None]
SNAPSHOT_FAILURE_STATES = ("error", "build_failed")


async def emit(callback: Callable[[T], object], value: T) -> None:
    """Call a user callback and await its result if it is awaitable (async callbacks)."""
    if (result := callback(value)) is not None and inspect.isawaitable(result):  # None: skip the ABC check
        await result


async def follow_log(
    api: Endpoint, url: str, on_line: LogCallback, is_finished: Callable[[], Awaitable[bool]], prefix: str,
    idle_seconds: float = 2.0,
) -> None:  # fmt: skip
    """Stream ``GET {url}?follow=true`` (a build log URL the service handed out) and pass each line to ``on_line``
    (split by httpx's ``aiter_lines``: ``\\n``, ``\\r\\n`` or ``\\r`` endings removed, the unterminated rest as a
    last line when the stream ends). Returns when the stream ends, or when ``is_finished`` answers True twice in
    a row during silences of ``idle_seconds`` (some servers keep a follow stream open after the build). No read
    timeout."""
    import httpx
    from daytona_openapi.types import Request

    from ._http import timeout_with

    req: Request[None] = Request("GET", "", lambda response: None)
    target = str(httpx.URL(url).copy_merge_params({"follow": "true"}))  # merged: the URL may carry its own query
    async with api.at(target).stream(req, prefix, timeout=timeout_with(api.http, None)) as response:
        lines = 0

        async def read() -> None:  # one task for the whole stream: no task or wait per line
            nonlocal lines
            async for line in response.aiter_lines():
                lines += 1
                await emit(on_line, line)

        reader, finished = asyncio.ensure_future(read()), 0
        try:
            while finished < 2:
                before = lines
                if (await asyncio.wait({reader}, timeout=idle_seconds))[0]:
                    reader.result()  # the stream ended (or failed, or a callback did)
                    break
                finished = (finished + 1 if await is_finished() else 0) if lines == before else 0
        finally:
            reader.cancel()
            with contextlib.suppress(BaseException):
                await reader


async def follow_build_log(
    deadline: Deadline, follow: Callable[[], Awaitable[None]], what: str, state: str | None
) -> None:
    """Run ``follow`` within the deadline; a log failure is only logged (the build goes on) unless time is up."""
    try:
        await deadline.run(follow, state)
    except DaytonaError as exc:
        if (left := deadline.remaining()) is not None and left <= 0:
            raise  # the caller's timeout is over: not a log problem
        logger.warning("Could not follow the build log of %s: %s", what, exc)


class AsyncVolumeService:
    """Create, find, list and delete volumes (``daytona.volume``)."""

    def __init__(self, api: Endpoint) -> None:
        """Internal: use ``AsyncDaytona.volume``."""
        self._api = api

    async def list(self) -> list[m.Volume]:
        """Every volume of the organization (``GET /volumes``)."""
        return await self._api.send(volumes_api.list_volumes.request(), "Failed to list volumes: ")

    async def get(self, name: str, create: bool = False) -> m.Volume:
        """The volume called ``name`` (``GET /volumes/by-name/{name}``); with ``create``, it is created when
        missing (``POST /volumes``; if another client creates it at the same moment, that one is returned)."""
        req = volumes_api.get_volume_by_name.request(check.text(name, "name"))
        check.flag(create, "create")
        try:
            return await self._api.send(req, "Failed to get volume: ")
        except DaytonaNotFoundError:
            if not create:
                raise
        with contextlib.suppress(DaytonaConflictError):  # created by another client at the same moment
            return await self.create(name)
        return await self._api.send(req, "Failed to get volume: ")

    async def create(self, name: str) -> m.Volume:
        """Create a volume called ``name`` (``POST /volumes``; ``DaytonaConflictError`` if the name is taken)."""
        req = volumes_api.create_volume.request(body=m.CreateVolume(name=check.text(name, "name")))
        return await self._api.send(req, "Failed to create volume: ")

    async def delete(self, volume: m.Volume | str) -> None:
        """Delete a volume (a ``Volume`` or its ID; ``DELETE /volumes/{id}``)."""
        volume_id = check.text(volume if isinstance(volume, str) else volume.id, "volume")
        await self._api.send(volumes_api.delete_volume.request(volume_id), "Failed to delete volume: ")


class AsyncSnapshotService:
    """Create, get, list, delete and activate snapshots (``daytona.snapshot``)."""

    def __init__(self, api: Endpoint, default_region_id: str | None = None, clock: Clock | None = None) -> None:
        """Internal: use ``AsyncDaytona.snapshot``."""
        self._api, self._default_region_id, self._clock = api, default_region_id, clock

    async def list(self, page: int | None = None, limit: int | None = None) -> m.PaginatedSnapshots:
        """One page of the organization's snapshots (``GET /snapshots[?page=&limit=]``)."""
        page, limit = check.integers(minimum=1, optional=True, page=page, limit=limit)
        req = snapshots_api.list_snapshots.request(page=page, limit=limit, sort=None, order=None)  # service defaults
        return await self._api.send(req, "Failed to list snapshots: ")

    async def _send(self, op: Callable[[str], Request[T]], snapshot: m.Snapshot | str, prefix: str) -> T:
        """Send ``op`` for ``snapshot`` (a ``Snapshot``, or its name or ID; checked first)."""
        value = snapshot if isinstance(snapshot, str) else check.instance(snapshot, "snapshot", m.Snapshot).id
        return await self._api.send(op(str(check.text(value, "snapshot"))), prefix)

    async def get(self, name: str) -> m.Snapshot:
        """The snapshot with this name or ID (``GET /snapshots/{name}``)."""
        return await self._send(snapshots_api.get_snapshot.request, name, "Failed to get snapshot: ")

    async def delete(self, snapshot: m.Snapshot | str) -> None:
        """Delete a snapshot (a ``Snapshot`` or its ID; ``DELETE /snapshots/{id}``)."""
        await self._send(snapshots_api.delete_snapshot.request, snapshot, "Failed to delete snapshot: ")

    async def activate(self, snapshot: m.Snapshot | str) -> m.Snapshot:
        """Make an inactive snapshot usable again (``POST /snapshots/{id}/activate``)."""
        return await self._send(snapshots_api.activate_snapshot.request, snapshot, "Failed to activate snapshot: ")

    async def create(
        self, params: CreateSnapshotParams, *, on_logs: LogCallback | None = None, timeout: float | None = 0
    ) -> m.Snapshot:
        """Create a snapshot (``POST /snapshots``, never retried) and wait until it is ``active``.

        A registry image is sent as ``imageName``, a declarative :class:`~facade.Image` as a Dockerfile build.
        ``on_logs`` receives ``"Creating snapshot <name> (<state>)"`` on every state change, the build log
        line by line while a declarative image builds (``GET /snapshots/{id}/build-logs-url``, then
        ``GET {url}?follow=true``) and ``"Created snapshot <name> (active)"``. ``timeout`` covers everything
        (0 or None, the default: no limit).

        Raises:
            DaytonaStateError: If the build fails (the message has the service's reason).
            DaytonaTimeoutError: If it is not active in time (names the last state).
        """
        deadline = Deadline(timeout, "the new snapshot to become active", self._clock)
        check.callback(on_logs, "on_logs")
        body = m.CreateSnapshot.from_dict(to_create_snapshot_body(params, self._default_region_id))
        from ._context import upload_context  # deferred: only creates need it

        await deadline.run(lambda: upload_context(self._api, body.build_info, params.image))
        req = snapshots_api.create_snapshot.request(body=body)
        dto = await deadline.run(lambda: self._api.send(req, "Failed to create snapshot: "))
        deadline.what = f"snapshot '{dto.name}' to become active"
        log_task: asyncio.Task[None] | None = None
        last: str | None = None

        async def seen(current: m.Snapshot) -> m.Snapshot:
            """Take ``current`` as the snapshot's record: tell ``on_logs`` of a new state; follow a build's log."""
            nonlocal last, log_task
            if on_logs is not None and current.state != last and current.state != "active":
                await emit(on_logs, f"Creating snapshot {dto.name} ({current.state})")
            building = current.state not in ("pending", "active", *SNAPSHOT_FAILURE_STATES)
            if on_logs and body.build_info and not log_task and building:
                log_task = asyncio.ensure_future(self._follow_build_log(dto.id, on_logs))
            last = current.state
            return current

        async def fetch() -> m.Snapshot:
            req = snapshots_api.get_snapshot.request(dto.id)
            return await seen(await self._api.send(req, "Failure during waiting for snapshot to become active: "))

        await seen(dto)
        try:
            final = dto if last == "active" else await deadline.wait(
                fetch, last, state_of=lambda s: s.state, done=lambda s: s == "active", terminal=SNAPSHOT_FAILURE_STATES,
                error_reason_of=lambda s: s.error_reason,
            )  # fmt: skip
            if (task := log_task) is not None:
                await follow_build_log(deadline, lambda: task, f"snapshot {dto.name}", last)
        except DaytonaStateError as exc:
            message = f"Failed to create snapshot {dto.name}, reason: {exc.error_reason or 'none given'}"
            raise DaytonaStateError(message, state=exc.state, error_reason=exc.error_reason) from exc
        finally:
            if log_task:  # stopped on failure; done already after a success
                log_task.cancel()
                with contextlib.suppress(BaseException):
                    await log_task
        if on_logs is not None:
            await emit(on_logs, f"Created snapshot {dto.name} ({final.state})")
        return final

    async def _follow_build_log(self, snapshot_id: str, on_line: LogCallback) -> None:
        prefix = "Failed to get build logs: "
        link = await self._api.send(snapshots_api.get_snapshot_build_logs_url.request(snapshot_id), prefix)

        async def is_finished() -> bool:
            current = await self._api.send(snapshots_api.get_snapshot.request(snapshot_id), prefix)
            return current.state in ("active", *SNAPSHOT_FAILURE_STATES)

        await follow_log(self._api, link.url, on_line, is_finished, prefix)
