"""The notification gateway: Socket.IO at ``/api/socket.io/``, as Daytona's API serves it
(``apps/api/src/notification/gateways/notification.gateway.ts``, Socket.IO 4 / Engine.IO 4).

How a client connects and what it receives:

- URL ``ws://HOST:PORT/api/socket.io/?EIO=4&transport=websocket``: the WebSocket transport only. Any other
  transport (HTTP long-polling, what Socket.IO clients try first unless told ``transports=["websocket"]``)
  is refused as Engine.IO refuses an unknown transport: 400 ``{"code": 0, "message": "Transport unknown"}``.
- Authentication by the Socket.IO handshake's ``auth.token`` (not the ``Authorization`` header): a user's
  API key. A missing, empty or unknown token, a machine key (SSH gateway, health check) or a JWT (the
  emulator issues none) is refused with a ``CONNECT_ERROR`` whose data is ``{"message": "Unauthorized"}``.
  Only the default namespace ``/`` exists (another is ``{"message": "Invalid namespace"}``).
- An accepted client is in its organization's room and receives that organization's events, in the order
  the service emits them (:mod:`daytona_emulator.control.notifications`): ``sandbox.created``,
  ``sandbox.state.updated`` ``{sandbox, oldState, newState}``, ``sandbox.desired-state.updated``
  ``{sandbox, oldDesiredState, newDesiredState}``, ``snapshot.*`` and ``volume.*``. Sandbox payloads carry
  the sandbox as the REST API renders it (``toolboxProxyUrl`` built from the host the client connected to).

Served by python-socketio's ASGI server (``socketio.AsyncServer(async_mode="asgi")``), mounted in the
emulator app so it shares the port. Messages are sent by one dispatcher task on the server loop, fed by
the thread-safe :class:`~daytona_emulator.control.notifications.NotificationHub`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

import socketio
from starlette.requests import HTTPConnection
from starlette.types import Receive, Scope, Send

from daytona_emulator.control.notifications import Notification

if TYPE_CHECKING:
    from daytona_emulator.state import EmulatorState

SOCKETIO_PATH = "/api/socket.io/"
NAMESPACE = "/"
UNAUTHORIZED = "Unauthorized"
INVALID_NAMESPACE = "Invalid namespace"
# Engine.IO's answer to a transport it does not serve (error code 0).
TRANSPORT_UNKNOWN = {"code": 0, "message": "Transport unknown"}

log = logging.getLogger("emulator.notifications")


def is_socketio_path(path: str) -> bool:
    """Whether Engine.IO handles this path (its check is a prefix match on ``/api/socket.io/``)."""
    return path.startswith(SOCKETIO_PATH)


def _toolbox_url(scope: Scope) -> str:
    """The toolboxProxyUrl the REST API would show a client that connected with this handshake."""
    url = HTTPConnection(scope).url
    scheme = {"ws": "http", "wss": "https"}.get(url.scheme, url.scheme)
    return f"{scheme}://{url.netloc}{scope.get('app_root_path', '')}".rstrip("/") + "/toolbox"


class NotificationGateway:
    """The Socket.IO server of one emulator, and the task that delivers its hub's notifications."""

    def __init__(self, state: EmulatorState) -> None:
        self.state = state
        # Engine.IO defaults as Socket.IO 4's (ping every 25 s, 20 s to answer, 1 MB messages); no CORS
        # check (Socket.IO does none on WebSocket upgrades unless configured to).
        self.sio = socketio.AsyncServer(
            async_mode="asgi",
            transports=["websocket"],
            namespaces="*",
            cors_allowed_origins=[],
            logger=False,
            engineio_logger=False,
        )
        self.sio.on("connect", self._connect, namespace="*")
        self.sio.on("disconnect", self._disconnect, namespace="*")
        self._engine = socketio.ASGIApp(self.sio, socketio_path=None)
        self._clients: dict[str, str] = {}  # sid -> the toolboxProxyUrl it sees
        self._task: asyncio.Task[None] | None = None

    # ---- ASGI -----------------------------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            transport = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("transport", [""])[0]
            if transport != "websocket":
                await _json_answer(send, 400, TRANSPORT_UNKNOWN)
                return
        await self._engine(scope, receive, send)

    # ---- Socket.IO handlers ---------------------------------------------------------------------------

    async def _connect(self, namespace: str, sid: str, environ: dict[str, Any], auth: Any = None) -> None:
        """The gateway's middleware: a user's API key in ``auth.token``, then the organization's room."""
        if namespace != NAMESPACE:
            raise socketio.exceptions.ConnectionRefusedError(INVALID_NAMESPACE)
        token = auth.get("token") if isinstance(auth, dict) else None
        if not isinstance(token, str) or not token or self.state.settings.token_role(token) != "user":
            raise socketio.exceptions.ConnectionRefusedError(UNAUTHORIZED)
        organization = self.state.settings.organization_id
        await self.sio.enter_room(sid, organization, namespace=NAMESPACE)
        self._clients[sid] = _toolbox_url(environ.get("asgi.scope") or {"type": "websocket", "headers": []})
        self.state.notifications.listen()

    async def _disconnect(self, namespace: str, sid: str, reason: Any = None) -> None:
        if self._clients.pop(sid, None) is not None:
            self.state.notifications.unlisten()

    # ---- delivery -------------------------------------------------------------------------------------

    def start(self) -> None:
        """Start delivering the hub's notifications (on the running loop: the server's)."""
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._deliver_forever(), name="notifications")

    async def aclose(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        for sid in list(self._clients):
            with contextlib.suppress(Exception):
                await self.sio.disconnect(sid, namespace=NAMESPACE)
        await self.sio.shutdown()

    async def _deliver_forever(self) -> None:
        hub = self.state.notifications
        loop = asyncio.get_running_loop()
        wake = asyncio.Event()

        def wake_up() -> None:
            with contextlib.suppress(RuntimeError):  # the loop is closing
                loop.call_soon_threadsafe(wake.set)

        hub.attach(wake_up)
        try:
            while True:
                await wake.wait()
                wake.clear()
                for notification in hub.drain():
                    try:
                        await self._deliver(notification)
                    except Exception:  # one client's broken connection must not stop the others' events
                        log.exception("could not deliver %s", notification.event)
        finally:
            hub.detach()

    async def _deliver(self, notification: Notification) -> None:
        """Emit to every client in the room, grouped by the toolboxProxyUrl each sees."""
        groups: dict[str, list[str]] = {}
        for sid, _eio_sid in list(self.sio.manager.get_participants(NAMESPACE, notification.room)):
            url = self._clients.get(sid)
            if url is not None:
                groups.setdefault(url, []).append(sid)
        for url, sids in groups.items():
            await self.sio.emit(notification.event, notification.for_client(url), to=sids, namespace=NAMESPACE)


async def _json_answer(send: Send, status: int, body: dict[str, Any]) -> None:
    raw = json.dumps(body, separators=(",", ":")).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(raw)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": raw})
