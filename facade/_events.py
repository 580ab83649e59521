"""State-change notifications: waits wake on the service's pushes instead of polling fast.

The API pushes every state change of an organization's sandboxes over its notification gateway
(Socket.IO at ``{api_url}/socket.io/``, WebSocket transport, the API key or JWT as the handshake's
``auth.token``, with ``organizationId`` in the query for a JWT; ``sandbox.state.updated`` events with
``{sandbox, oldState, newState}``). One client's :class:`StateEvents` opens one connection, through
python-socketio's client, only while some wait is in progress, shares it between all of them, and closes it
when the last one ends. A wait gives the connection a moment to come up (:meth:`Watch.ready`), fetches the
resource, then takes each event's sandbox as the new record (no request); when the connection comes up only
after the first fetch, it fetches again (a change may have happened in between). It polls slowly as a safety
net while the gateway is up, and as before when it is unreachable or drops.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from typing import Protocol, cast
from urllib.parse import urlencode, urlsplit

logger = logging.getLogger("facade")
#: Seconds to wait for the gateway's handshake before polling instead.
CONNECT_TIMEOUT = 5.0
#: Largest WebSocket message taken (aiohttp's default is 4 MiB): events carry the whole sandbox record, build
#: info (the Dockerfile) included, and a bigger message would drop the connection, reconnect and poll instead.
MAX_MESSAGE = 64 * 1024 * 1024


class _SocketIO(Protocol):
    """The part of ``socketio.AsyncClient`` used here (the package ships no type information)."""

    def on(self, event: str, handler: Callable[..., None]) -> None: ...
    async def connect(self, url: str, **options: object) -> None: ...
    async def disconnect(self) -> None: ...


class Watch:
    """One wait's view of the gateway: ``live`` while events flow; :meth:`pause` sleeps until news or timeout,
    :meth:`take` hands over the record the last event about the resource carried."""

    def __init__(self, events: StateEvents, resource_id: str) -> None:
        self._events, self._news, self._pushed = events, asyncio.Event(), cast("dict[str, object] | None", None)
        self.resource_id = resource_id

    def take(self) -> dict[str, object] | None:
        """The resource as the last event pushed it (once), or None."""
        pushed, self._pushed = self._pushed, None
        return pushed

    @property
    def live(self) -> bool:
        """Whether the gateway is connected (events arrive; polls are only a safety net)."""
        return self._events.live

    async def ready(self, seconds: float) -> None:
        """While the connection is being opened, wait (at most ``seconds``) until it is up or has failed, so that
        the first fetch is already covered by the events."""
        if not self.live and (task := self._events._task) is not None and not task.done():  # being opened
            await self.pause(seconds)

    async def pause(self, seconds: float) -> None:
        """Return after ``seconds``, or earlier when the resource changed or the connection came up or dropped."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._news.wait(), seconds)
        self._news.clear()


class StateEvents:
    """The notification gateway of one client, connected while at least one :meth:`watch` is open."""

    def __init__(self, api_url: str, token: str, organization_id: str | None = None) -> None:
        parts = urlsplit(api_url)
        query = f"?{urlencode({'organizationId': organization_id})}" if organization_id else ""
        self._url, self._path = f"{parts.scheme}://{parts.netloc}{query}", parts.path.rstrip("/") + "/socket.io"
        self._token = token
        self._watches: set[Watch] = set()
        self._task: asyncio.Task[None] | None = None
        self._client: _SocketIO | None = None
        self.live = False

    def __repr__(self) -> str:
        return f"StateEvents(url={self._url!r}, live={self.live})"

    @contextlib.asynccontextmanager
    async def watch(self, resource_id: str) -> AsyncIterator[Watch]:
        """Follow the state of ``resource_id`` while the ``with`` block runs (opens the connection if needed)."""
        watch = Watch(self, resource_id)
        self._watches.add(watch)
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._connect(), name="facade-state-events")
        try:
            yield watch
        finally:
            self._watches.discard(watch)
            if not self._watches:
                await self.aclose()

    async def aclose(self) -> None:
        """Close the connection (watches still open fall back to polling)."""
        task, client, self._task, self._client, self.live = self._task, self._client, None, None, False
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)  # its end, however it ends
        if client is not None:
            await asyncio.gather(client.disconnect(), return_exceptions=True)  # a failed goodbye changes nothing

    def _changed(self, data: object) -> None:
        sandbox = data.get("sandbox") if isinstance(data, dict) else None
        for watch in self._watches:
            if isinstance(sandbox, dict) and watch.resource_id == sandbox.get("id"):
                watch._pushed = sandbox
                watch._news.set()

    def _up(self, live: bool) -> None:
        self.live = live
        for watch in self._watches:
            watch._news.set()

    async def _connect(self) -> None:
        try:
            import socketio  # type: ignore[import-untyped]

            client = cast(_SocketIO, socketio.AsyncClient(
                reconnection_attempts=3, logger=False, engineio_logger=False,
                websocket_extra_options={"max_msg_size": MAX_MESSAGE},
            ))  # fmt: skip
            client.on("sandbox.state.updated", self._changed)
            client.on("connect", lambda: self._up(True))
            client.on("disconnect", lambda *_: self._up(False))
            self._client = client
            options = {"auth": {"token": self._token}, "transports": ["websocket"], "socketio_path": self._path}
            await client.connect(self._url, wait_timeout=CONNECT_TIMEOUT, **options)
        except Exception as exc:  # unreachable, refused or not there: the waits poll as before
            logger.debug("state notifications unavailable, polling instead: %s", type(exc).__name__)
            self._up(False)
