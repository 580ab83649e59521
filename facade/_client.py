"""``AsyncDaytona``: the client. Creates, finds, lists, starts, stops and deletes sandboxes.

One ``AsyncDaytona`` owns one pooled ``httpx.AsyncClient`` (the :class:`facade._http.Endpoint` of the API)
that every sandbox, toolbox service, volume and snapshot call made through it shares. Close it with
``await daytona.close()`` or use ``async with AsyncDaytona() as daytona:``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Generator, Mapping
from typing import TYPE_CHECKING, Any, overload

from daytona_openapi import models as m
from daytona_openapi.api import sandbox as api

from . import _checks as check
from . import _params
from ._config import DaytonaConfig, resolve_config
from ._errors import DaytonaError, DaytonaNotFoundError
from ._events import StateEvents
from ._params import CodeLanguage, CreateSandboxFromImageParams, CreateSandboxFromSnapshotParams, ListSandboxesQuery
from ._polling import Clock, Deadline
from ._sandbox import AsyncSandbox
from ._services import AsyncSnapshotService, AsyncVolumeService, LogCallback, follow_build_log, follow_log

if TYPE_CHECKING:
    import httpx

    from ._http import Endpoint

#: Sandbox states during an image build; ``create`` follows the build log while in them.
BUILD_STATES = frozenset({"pending_build", "building_snapshot"})


class AsyncDaytona:
    """Main class for interacting with the Daytona API.

    Attributes:
        volume: :class:`~facade.AsyncVolumeService` for volumes.
        snapshot: :class:`~facade.AsyncSnapshotService` for snapshots.
        default_language: Language given to sandboxes created without one (Python).

    Example::

        async with AsyncDaytona() as daytona:  # DAYTONA_API_KEY, DAYTONA_API_URL, DAYTONA_TARGET
            sandbox = await daytona.create()
    """

    def __init__(self, config: DaytonaConfig | None = None) -> None:
        """Create a client from ``config``, completed from ``DAYTONA_*`` environment variables; nothing is sent
        until the first call.

        Raises:
            DaytonaAuthenticationError: If there is neither an API key nor a JWT (with an organization ID).
            TypeError / DaytonaValidationError: If a setting is invalid.
        """
        self._setup(config, None, None)

    @classmethod
    def _from_transport(
        cls, config: DaytonaConfig | None, transport: httpx.AsyncBaseTransport, *, clock: Clock | None = None
    ) -> AsyncDaytona:
        """Test hook: a client whose requests go to ``transport`` (e.g. ``httpx.MockTransport``)."""
        (client := cls.__new__(cls))._setup(config, transport, clock)
        return client

    def _setup(
        self, config: DaytonaConfig | None, transport: httpx.AsyncBaseTransport | None, clock: Clock | None
    ) -> None:
        from ._http import Endpoint, build_client  # deferred: httpx is imported when the first client is built

        resolved = resolve_config(config)
        self._ctx: Endpoint = Endpoint(build_client(resolved, transport), resolved.api_url)
        token = resolved.authorization.reveal().removeprefix("Bearer ")
        org = resolved.organization_id if resolved.auth_mode == "jwt" else None  # an API key knows its organization
        events = resolved.state_notifications and not transport
        self._events = StateEvents(resolved.api_url, token, org) if events else None
        self._clock, self._target, self.default_language = clock, resolved.target, CodeLanguage.PYTHON
        self.volume, self.snapshot = AsyncVolumeService(self._ctx), AsyncSnapshotService(self._ctx, self._target, clock)

    async def __aenter__(self) -> AsyncDaytona:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the connection pool (safe to call more than once; later calls fail with DaytonaError)."""
        from ._http import close

        if self._events is not None:
            await self._events.aclose()
        await close(self._ctx.http)

    def _sandbox(self, dto: m.Sandbox | m.SandboxListItem) -> AsyncSandbox:
        return AsyncSandbox(dto, self._ctx, clock=self._clock, events=self._events)

    @overload
    async def create(
        self, params: CreateSandboxFromSnapshotParams | None = None, *, timeout: float | None = 60
    ) -> AsyncSandbox: ...

    @overload
    async def create(
        self, params: CreateSandboxFromImageParams | None = None, *, timeout: float | None = 60,
        on_snapshot_create_logs: LogCallback | None = None,
    ) -> AsyncSandbox: ...  # fmt: skip

    async def create(
        self, params: CreateSandboxFromSnapshotParams | CreateSandboxFromImageParams | None = None, *,
        timeout: float | None = 60, on_snapshot_create_logs: LogCallback | None = None,
    ) -> AsyncSandbox:  # fmt: skip
        """Create a sandbox and wait until it is started.

        With no params (or :class:`CreateSandboxFromSnapshotParams`) the sandbox starts from a snapshot (the
        service's default one if unset). With :class:`CreateSandboxFromImageParams` Daytona first builds the
        image (a registry name is sent as ``FROM <image>``); ``on_snapshot_create_logs`` then receives the
        build log line by line. Sends ``POST /sandbox`` (never retried); for a build with a log callback
        ``GET /sandbox/{id}/build-logs-url`` and ``GET {url}?follow=true``; then polls ``GET /sandbox/{id}``
        until ``started``. ``params`` is not modified.

        Args:
            params: Creation parameters.
            timeout: Seconds for the whole operation (0 or None: no limit); ``params.timeout`` wins when set.
            on_snapshot_create_logs: Called with each build-log line (may be async).

        Raises:
            TypeError / DaytonaValidationError: On invalid arguments (before anything is sent).
            DaytonaStateError: If the build or start fails (``build_failed``/``error``).
            DaytonaTimeoutError: If the sandbox is not started in time (names the last state).

        Once the service has accepted the sandbox, any error of the build or the wait carries it as ``sandbox``
        (and names it), so the caller can delete it or wait for it again.
        """
        checked = check.instance(params or CreateSandboxFromSnapshotParams(), "params", _params.CreateSandboxBaseParams)
        limit = checked.timeout if checked.timeout is not None else timeout
        deadline = Deadline(limit, "the new sandbox to start", self._clock)
        check.callback(on_snapshot_create_logs, "on_snapshot_create_logs")
        body = _params.to_create_sandbox_body(checked, self._target, default_language=self.default_language)
        from ._context import upload_context  # deferred: only creates need it

        await deadline.run(lambda: upload_context(self._ctx, body.build_info, getattr(checked, "image", None)))
        req = api.create_sandbox.request(body=body)
        dto = await deadline.run(lambda: self._ctx.send(req, "Failed to create sandbox: "))
        sandbox = self._sandbox(dto)  # its language from the label the body set
        deadline.what = f"sandbox '{sandbox.id}' to start"
        try:
            if on_snapshot_create_logs and body.build_info and dto.state in BUILD_STATES:  # an image build
                await self._follow_build_log(sandbox, deadline, on_snapshot_create_logs)
            await sandbox._wait(deadline, "to start")
        except DaytonaError as exc:  # the sandbox exists: hand it over, to delete or to wait for again
            created = f"sandbox {sandbox.id} ('{sandbox.name}') was created; the error's .sandbox is it"
            failed = exc.with_message(f"{exc.message} [{created}]")
            failed.sandbox = sandbox
            raise failed from exc.__cause__
        return sandbox

    async def _follow_build_log(self, sandbox: AsyncSandbox, deadline: Deadline, on_line: LogCallback) -> None:
        """Stream the build log of ``sandbox`` to ``on_line`` until it leaves the build states."""
        prefix = "Failed to get build logs: "
        link = await deadline.run(lambda: self._ctx.send(api.get_sandbox_build_logs_url.request(sandbox.id), prefix))
        # The log exists once the build has started: wait out `pending_build` first.
        await sandbox._wait(deadline, "to start building")
        if (state := sandbox._state_text) not in BUILD_STATES:
            return

        async def is_finished() -> bool:
            await sandbox.refresh_data()
            return sandbox._state_text not in BUILD_STATES

        await follow_build_log(deadline, lambda: follow_log(self._ctx, link.url, on_line, is_finished, prefix), state)

    async def get(self, sandbox_id_or_name: str | None = None, *, sandbox_id: str | None = None) -> AsyncSandbox:
        """The sandbox with this ID or name (``GET /sandbox/{sandbox_id_or_name}``; ``sandbox_id=`` is an alias).

        Raises:
            DaytonaValidationError: If the ID or name is empty or given twice (nothing is sent).
            DaytonaNotFoundError: If there is no such sandbox.
        """
        if sandbox_id is not None and sandbox_id_or_name is not None:
            raise check.bad("sandbox_id_or_name", "and sandbox_id: give one of them, not both")
        sid = sandbox_id_or_name if sandbox_id is None else sandbox_id
        sid = check.text(check.instance(sid, "sandbox_id_or_name", str, "a str"), "sandbox_id_or_name")
        return self._sandbox(await self._ctx.send(api.get_sandbox.request(sid), "Failed to get sandbox: "))

    async def find_one(self, sandbox_id: str | None = None, labels: Mapping[str, str] | None = None) -> AsyncSandbox:
        """The sandbox with ``sandbox_id`` (whose labels must then match too), else the first one carrying all
        ``labels`` (``GET /sandbox?labels=...&limit=1``); with neither, the organization's first sandbox.

        Raises:
            DaytonaNotFoundError: If no sandbox matches.
        """
        prefix, wanted = "Failed to find sandbox: ", ListSandboxesQuery(labels=labels, limit=1)
        if (sid := check.text(sandbox_id, "sandbox_id", optional=True)) is not None:
            found = [self._sandbox(await self._ctx.send(api.get_sandbox.request(sid), prefix))]
        else:
            found = list(map(self._sandbox, (await self._page(wanted, None, prefix)).items))
        labels = dict(labels or {})  # a sandbox asked for by ID must carry them too
        if not (found := [sandbox for sandbox in found if labels.items() <= sandbox.labels.items()]):
            raise DaytonaNotFoundError(f"{prefix}no sandbox found with labels {labels} (ID: {sid or 'any'})")
        return found[0]

    def list(
        self, labels: Mapping[str, str] | ListSandboxesQuery | None = None, *, query: ListSandboxesQuery | None = None
    ) -> SandboxList:
        """List sandboxes, filtered by labels or a :class:`ListSandboxesQuery`; await the result for a list, or
        ``async for`` over it to fetch pages lazily (``GET /sandbox`` per page, following ``nextCursor``).

        Raises:
            DaytonaValidationError: On invalid filters (raised here, before anything is sent).
        """
        if query is not None and labels is not None:
            raise check.bad("query", "was given with labels beside it: put the labels inside the ListSandboxesQuery")
        if query is None:
            query = labels if isinstance(labels, ListSandboxesQuery) else ListSandboxesQuery(labels=labels)
        check.instance(query, "query", ListSandboxesQuery).validate()
        return SandboxList(self, query)

    async def _page(self, query: ListSandboxesQuery, cursor: str | None, prefix: str) -> m.SandboxListPage:
        """One page of ``GET /sandbox`` for ``query`` (the official SDK's query encoding)."""
        req = api.list_sandboxes.request()
        req.params = query.to_query_params(cursor)  # type: ignore[assignment]
        return await self._ctx.send(req, prefix)

    async def delete(self, sandbox: AsyncSandbox, timeout: float | None = 60) -> None:
        """Delete ``sandbox`` and wait until it is gone (see :meth:`AsyncSandbox.delete`)."""
        await check.instance(sandbox, "sandbox", AsyncSandbox).delete(timeout)

    async def start(self, sandbox: AsyncSandbox, timeout: float | None = 60) -> None:
        """Start ``sandbox`` and wait until it is started (see :meth:`AsyncSandbox.start`)."""
        await check.instance(sandbox, "sandbox", AsyncSandbox).start(timeout)

    async def stop(self, sandbox: AsyncSandbox, timeout: float | None = 60) -> None:
        """Stop ``sandbox`` and wait until it is stopped (see :meth:`AsyncSandbox.stop`)."""
        await check.instance(sandbox, "sandbox", AsyncSandbox).stop(timeout)


class SandboxList:
    """The result of :meth:`AsyncDaytona.list`: ``await`` it for every match, or ``async for`` over it to fetch
    pages one at a time. Each ``await`` or ``async for`` starts over from the first page."""

    def __init__(self, client: AsyncDaytona, query: ListSandboxesQuery) -> None:
        self._client, self.query = client, query

    async def __aiter__(self) -> AsyncIterator[AsyncSandbox]:
        cursors: list[str | None] = [None]  # those sent: a cursor seen before would start a loop
        while True:
            page = await self._client._page(self.query, cursors[-1], "Failed to list sandboxes: ")
            for item in page.items:
                yield self._client._sandbox(item)
            if not page.next_cursor or page.next_cursor in cursors:
                return
            cursors.append(page.next_cursor)

    async def _collect(self) -> list[AsyncSandbox]:
        return [sandbox async for sandbox in self]

    def __await__(self) -> Generator[Any, None, list[AsyncSandbox]]:
        return self._collect().__await__()
