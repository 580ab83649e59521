"""``AsyncDaytona``: the client. Creates, finds, lists, starts, stops and deletes sandboxes.

One ``AsyncDaytona`` owns one pooled ``httpx.AsyncClient`` (:class:`facade._api.ApiContext`) that
every sandbox, toolbox service, volume and snapshot call made through it shares. Close it with
``await daytona.close()`` or use ``async with AsyncDaytona() as daytona:``.
"""

# The documented API takes `timeout` arguments (whole-operation deadlines), not asyncio.timeout.

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Generator, Mapping
from typing import TYPE_CHECKING, Any, overload

from ._deadline import Deadline
from ._logs import LogCallback, follow_log, log_stream_failure
from .config import DaytonaConfig, resolve_config
from .errors import (
    DaytonaError,
    DaytonaNotFoundError,
    DaytonaValidationError,
    error_from_response,
    error_from_transport,
)
from .language import CodeLanguage, parse_language
from .params import (
    CreateSandboxBaseParams,
    CreateSandboxFromImageParams,
    CreateSandboxFromSnapshotParams,
    ListSandboxesQuery,
    to_create_sandbox_body,
)
from .polling import Clock, get_default_clock
from .sandbox import AsyncSandbox, language_of
from .services.snapshot import AsyncSnapshotService
from .services.volume import AsyncVolumeService

if TYPE_CHECKING:
    import httpx
    from daytona_openapi.models import Sandbox as SandboxDto
    from daytona_openapi.models import SandboxListPage

    from ._api import ApiContext

__all__ = ["BUILD_STATES", "AsyncDaytona", "SandboxList"]

logger = logging.getLogger("facade")

#: Sandbox states during an image build; ``create`` follows the build log while in them.
BUILD_STATES = frozenset({"pending_build", "building_snapshot"})


class AsyncDaytona:
    """Main class for interacting with the Daytona API.

    Attributes:
        volume: :class:`~facade.services.volume.AsyncVolumeService` for volumes.
        snapshot: :class:`~facade.services.snapshot.AsyncSnapshotService` for snapshots.
        default_language: Language given to sandboxes created without one (Python).

    Example::

        async with AsyncDaytona() as daytona:  # DAYTONA_API_KEY, DAYTONA_API_URL, DAYTONA_TARGET
            sandbox = await daytona.create()
    """

    volume: AsyncVolumeService
    snapshot: AsyncSnapshotService
    default_language: CodeLanguage

    def __init__(self, config: DaytonaConfig | None = None) -> None:
        """Create a client from ``config``, completed from ``DAYTONA_*`` environment variables.

        Nothing is sent until the first call.

        Raises:
            DaytonaAuthenticationError: If there is neither an API key nor a JWT (with an
                organization ID).
            DaytonaValidationError: If a setting is invalid.
        """
        if config is not None and not isinstance(config, DaytonaConfig):
            raise DaytonaValidationError(f"config must be a DaytonaConfig, got {type(config).__name__}")
        from ._api import ApiContext  # deferred: httpx is imported when the first client is built

        self._setup(ApiContext(resolve_config(config)), clock=None)

    @classmethod
    def _from_transport(
        cls,
        config: DaytonaConfig | None,
        transport: httpx.AsyncBaseTransport,
        *,
        clock: Clock | None = None,
    ) -> AsyncDaytona:
        """Test hook: a client whose requests go to ``transport`` (e.g. ``httpx.MockTransport``)."""
        client = cls.__new__(cls)
        from ._api import ApiContext

        client._setup(ApiContext(resolve_config(config), transport=transport), clock=clock)
        return client

    def _setup(self, ctx: ApiContext, *, clock: Clock | None) -> None:
        self._ctx = ctx
        self._clock = clock
        self._target = ctx.resolved.target
        self.default_language = CodeLanguage.PYTHON
        self.volume = AsyncVolumeService(ctx)
        self.snapshot = AsyncSnapshotService(ctx, default_region_id=self._target, clock=clock)

    def __repr__(self) -> str:
        state = "closed" if self._ctx.closed else "open"
        return f"AsyncDaytona(api_url={self._ctx.resolved.api_url!r}, target={self._target!r}, {state})"

    async def __aenter__(self) -> AsyncDaytona:
        """Enter ``async with``: returns the client itself."""
        return self

    async def __aexit__(self, exc_type: object = None, exc_value: object = None, traceback: object = None) -> None:
        """Leave ``async with``: closes the client."""
        await self.close()

    async def close(self) -> None:
        """Close the connection pool. Safe to call more than once; later calls fail with DaytonaError."""
        await self._ctx.aclose()

    def _check_open(self, prefix: str) -> None:
        if self._ctx.closed:
            raise DaytonaError(f"{prefix}this AsyncDaytona client is closed")

    def _clock_now(self) -> Clock:
        return self._clock if self._clock is not None else get_default_clock()

    def _sandbox(self, dto: SandboxDto | Any, language: CodeLanguage | None = None) -> AsyncSandbox:
        lang = language if language is not None else language_of(dto.labels.additional_properties, dto.id)
        return AsyncSandbox(dto, self._ctx, lang, clock=self._clock)

    # ---- create ---------------------------------------------------------------------------------

    @overload
    async def create(
        self,
        params: CreateSandboxFromSnapshotParams | None = None,
        *,
        timeout: float | None = 60,
    ) -> AsyncSandbox: ...

    @overload
    async def create(
        self,
        params: CreateSandboxFromImageParams | None = None,
        *,
        timeout: float | None = 60,
        on_snapshot_create_logs: LogCallback | None = None,
    ) -> AsyncSandbox: ...

    async def create(
        self,
        params: CreateSandboxFromSnapshotParams | CreateSandboxFromImageParams | None = None,
        *,
        timeout: float | None = 60,
        on_snapshot_create_logs: LogCallback | None = None,
    ) -> AsyncSandbox:
        """Create a sandbox and wait until it is started.

        With no params (or :class:`CreateSandboxFromSnapshotParams`) the sandbox starts from a
        snapshot (the service's default one if unset). With
        :class:`CreateSandboxFromImageParams` Daytona first builds the image (a registry name
        is sent as the Dockerfile ``FROM <image>``); ``on_snapshot_create_logs`` then receives
        the build log line by line as it is written.

        Sends ``POST /sandbox`` (never retried automatically); for a build with a log
        callback, ``GET /sandbox/{id}/build-logs-url`` and ``GET {url}?follow=true``; then polls
        ``GET /sandbox/{id}`` until ``started``. ``params`` is not modified.

        Args:
            params: Creation parameters.
            timeout: Seconds for the whole operation (create, build, start); 0 or None means
                no limit. ``params.timeout``, when set, is used instead.
            on_snapshot_create_logs: Called with each build-log line (may be async).

        Returns:
            The started sandbox.

        Raises:
            DaytonaValidationError: On a negative timeout or interval, an unsupported language
                or other invalid params (before anything is sent).
            DaytonaStateError: If the build or start fails (``build_failed``/``error``).
            DaytonaTimeoutError: If the sandbox is not started in time (names the last state).
            DaytonaError: On other failures.
        """
        prefix = "Failed to create sandbox: "
        if params is None:
            params = CreateSandboxFromSnapshotParams()
        elif not isinstance(params, CreateSandboxBaseParams):
            raise DaytonaValidationError(
                f"params must be CreateSandboxFromSnapshotParams or CreateSandboxFromImageParams, "
                f"got {type(params).__name__}"
            )
        effective_timeout = params.timeout if params.timeout is not None else timeout
        deadline = Deadline(effective_timeout, "the new sandbox to start", self._clock_now())
        if on_snapshot_create_logs is not None and not callable(on_snapshot_create_logs):
            raise DaytonaValidationError("on_snapshot_create_logs must be callable")
        default_language = parse_language(self.default_language)
        body = to_create_sandbox_body(params, self._target, default_language=default_language)
        language = params.resolved_language(default_language)
        self._check_open(prefix)

        from daytona_openapi.api.sandbox import create_sandbox
        from daytona_openapi.models import CreateSandbox

        request = CreateSandbox.from_dict(body)
        dto: SandboxDto = await deadline.run(lambda: self._ctx.call(create_sandbox, body=request, error_prefix=prefix))
        sandbox = self._sandbox(dto, language)
        deadline.what = f"sandbox '{sandbox.id}' to start"
        if (
            on_snapshot_create_logs is not None
            and isinstance(params, CreateSandboxFromImageParams)
            and sandbox.state in BUILD_STATES
        ):
            await self._follow_build_log(sandbox, deadline, on_snapshot_create_logs)
        await sandbox._wait_started(deadline)
        return sandbox

    async def _follow_build_log(self, sandbox: AsyncSandbox, deadline: Deadline, on_line: LogCallback) -> None:
        """Stream the build log of ``sandbox`` to ``on_line`` until it leaves the build states."""
        from daytona_openapi.api.sandbox import get_sandbox_build_logs_url

        prefix = "Failed to get build logs: "
        link = await deadline.run(
            lambda: self._ctx.call(get_sandbox_build_logs_url, sandbox.id, error_prefix=prefix), sandbox._state_text
        )
        # The log exists once the build has started: wait out `pending_build` first.
        await sandbox._wait(
            deadline,
            done=lambda state: state != "pending_build",
            terminal=(),
            error_prefix="Failure during waiting for the build to start: ",
        )
        if sandbox._state_text not in BUILD_STATES:
            return

        async def is_finished() -> bool:
            await sandbox.refresh_data()
            return sandbox._state_text not in BUILD_STATES

        try:
            await deadline.run(
                lambda: follow_log(self._ctx.http, link.url, on_line, is_finished, error_prefix=prefix),
                sandbox._state_text,
            )
        except DaytonaError as exc:
            left = deadline.remaining()
            if left is not None and left <= 0:
                raise  # the caller's timeout is over: not a log problem
            log_stream_failure(exc, f"sandbox {sandbox.id}")

    # ---- find -----------------------------------------------------------------------------------

    async def get(self, sandbox_id_or_name: str | None = None, *, sandbox_id: str | None = None) -> AsyncSandbox:
        """Return the sandbox with this ID or name. Sends ``GET /sandbox/{sandbox_id_or_name}``.

        ``sandbox_id=`` is accepted as a keyword alias (older documentation's name).

        Raises:
            DaytonaValidationError: If the ID or name is empty or given twice (nothing is sent).
            DaytonaNotFoundError: If there is no such sandbox.
            DaytonaError: On other failures.
        """
        prefix = "Failed to get sandbox: "
        if sandbox_id is not None:
            if sandbox_id_or_name is not None:
                raise DaytonaValidationError("Give either sandbox_id_or_name or sandbox_id, not both")
            sandbox_id_or_name = sandbox_id
        if not isinstance(sandbox_id_or_name, str) or not sandbox_id_or_name.strip():
            raise DaytonaValidationError("sandbox_id_or_name is required")
        return await self._get(sandbox_id_or_name, prefix)

    async def _get(self, sandbox_id_or_name: str, prefix: str) -> AsyncSandbox:
        self._check_open(prefix)
        from daytona_openapi.api.sandbox import get_sandbox

        dto = await self._ctx.call(get_sandbox, sandbox_id_or_name, error_prefix=prefix)
        return self._sandbox(dto)

    async def find_one(self, sandbox_id: str | None = None, labels: Mapping[str, str] | None = None) -> AsyncSandbox:
        """Return the sandbox with ``sandbox_id``, or else the first one carrying all ``labels``.

        With ``sandbox_id`` sends ``GET /sandbox/{sandbox_id}`` (and, if ``labels`` is also
        given, checks that they match); otherwise ``GET /sandbox?labels=...&limit=1``. With
        neither, the first sandbox of the organization is returned.

        Raises:
            DaytonaValidationError: If an argument has the wrong type.
            DaytonaNotFoundError: If no sandbox matches.
            DaytonaError: On other failures.
        """
        prefix = "Failed to find sandbox: "
        if sandbox_id is not None and (not isinstance(sandbox_id, str) or not sandbox_id.strip()):
            raise DaytonaValidationError("sandbox_id must be a non-empty string or None")
        query = ListSandboxesQuery(labels=labels, limit=1)  # validates labels
        if sandbox_id is not None:
            sandbox = await self._get(sandbox_id, prefix)
            wanted = dict(labels or {})
            if any(sandbox.labels.get(key) != value for key, value in wanted.items()):
                raise DaytonaNotFoundError(f"{prefix}sandbox {sandbox_id} does not have the labels {wanted}")
            return sandbox
        page = await self._fetch_page(query, None, prefix)
        if not page.items:
            raise DaytonaNotFoundError(f"{prefix}no sandbox found with labels {dict(labels or {})}")
        return self._sandbox(page.items[0])

    def list(
        self,
        labels: Mapping[str, str] | ListSandboxesQuery | None = None,
        *,
        query: ListSandboxesQuery | None = None,
    ) -> SandboxList:
        """List sandboxes, filtered by labels or by a :class:`ListSandboxesQuery`.

        The result serves both styles::

            sandboxes = await daytona.list({"env": "dev"})          # a list: every match
            async for sb in daytona.list(ListSandboxesQuery(states=["started"], limit=50)):
                ...                                                  # pages fetched lazily

        Sends ``GET /sandbox`` with the query's filters (labels as a JSON string, ``targets`` as
        ``regionIds``, ``last_activity_*`` as ``lastEvent*``), once per page, following
        ``nextCursor``. ``limit`` is the page size, not a cap on the total.

        Raises:
            DaytonaValidationError: On invalid filters (raised here, before anything is sent).
            DaytonaError: On failures while fetching pages.
        """
        if isinstance(labels, ListSandboxesQuery):
            if query is not None:
                raise DaytonaValidationError("Pass the ListSandboxesQuery once (positionally or as query=)")
            query, labels = labels, None
        if query is not None:
            if not isinstance(query, ListSandboxesQuery):
                raise DaytonaValidationError(f"query must be a ListSandboxesQuery, got {type(query).__name__}")
            if labels is not None:
                raise DaytonaValidationError("Give labels inside the ListSandboxesQuery, not beside it")
            query.validate()
        else:
            query = ListSandboxesQuery(labels=labels)
        return SandboxList(self, query)

    async def _fetch_page(self, query: ListSandboxesQuery, cursor: str | None, prefix: str) -> SandboxListPage:
        """One page of ``GET /sandbox`` for ``query`` (the facade's own query encoding)."""
        import httpx

        self._check_open(prefix)
        params: list[tuple[str, str | int | float | bool | None]] = list(query.to_query_params(cursor))
        try:
            response = await self._ctx.http.get(self._ctx.url("/sandbox"), params=params)
        except httpx.TransportError as exc:
            raise error_from_transport(exc, prefix=prefix) from exc
        if response.status_code >= 400:
            raise error_from_response(response.status_code, response.content, response.headers, prefix=prefix)
        from daytona_openapi.models import SandboxListPage

        try:
            return SandboxListPage.from_dict(response.json())
        except (ValueError, KeyError, TypeError) as exc:
            raise DaytonaError(
                f"{prefix}unexpected response body from GET /sandbox: {exc}", status_code=response.status_code
            ) from exc

    # ---- lifecycle shortcuts --------------------------------------------------------------------

    @staticmethod
    def _check_sandbox(sandbox: object) -> AsyncSandbox:
        if not isinstance(sandbox, AsyncSandbox):
            raise DaytonaValidationError(f"sandbox must be an AsyncSandbox, got {type(sandbox).__name__}")
        return sandbox

    async def delete(self, sandbox: AsyncSandbox, timeout: float | None = 60) -> None:
        """Delete ``sandbox`` and wait until it is gone (see :meth:`AsyncSandbox.delete`)."""
        await self._check_sandbox(sandbox).delete(timeout)

    async def start(self, sandbox: AsyncSandbox, timeout: float | None = 60) -> None:
        """Start ``sandbox`` and wait until it is started (see :meth:`AsyncSandbox.start`)."""
        await self._check_sandbox(sandbox).start(timeout)

    async def stop(self, sandbox: AsyncSandbox, timeout: float | None = 60) -> None:
        """Stop ``sandbox`` and wait until it is stopped (see :meth:`AsyncSandbox.stop`)."""
        await self._check_sandbox(sandbox).stop(timeout)


class SandboxList:
    """The result of :meth:`AsyncDaytona.list`: await it for a list, or ``async for`` over it.

    ``await`` fetches every page and returns all matching sandboxes; ``async for`` fetches
    pages one at a time as iteration proceeds. Each ``await`` or ``async for`` starts over
    from the first page.
    """

    def __init__(self, client: AsyncDaytona, query: ListSandboxesQuery) -> None:
        self._client = client
        self._query = query

    @property
    def query(self) -> ListSandboxesQuery:
        """The query sent."""
        return self._query

    def __repr__(self) -> str:
        return f"SandboxList({self._query!r})"

    async def _iterate(self) -> AsyncIterator[AsyncSandbox]:
        prefix = "Failed to list sandboxes: "
        cursor: str | None = None
        seen: set[str] = set()
        while True:
            page = await self._client._fetch_page(self._query, cursor, prefix)
            for item in page.items:
                yield self._client._sandbox(item)
            cursor = page.next_cursor or None
            if cursor is None or cursor in seen:
                return
            seen.add(cursor)

    def __aiter__(self) -> AsyncIterator[AsyncSandbox]:
        return self._iterate()

    async def _collect(self) -> list[AsyncSandbox]:
        return [sandbox async for sandbox in self._iterate()]

    def __await__(self) -> Generator[Any, None, list[AsyncSandbox]]:
        return self._collect().__await__()
