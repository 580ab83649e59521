"""How the daemon upgrades a request to a WebSocket (``apps/daemon/internal/util/websocket.go``)."""

from __future__ import annotations

from starlette.websockets import WebSocket

from daytona_emulator.toolbox.sdk_version import sdk_subprotocol


async def accept_like_the_daemon(websocket: WebSocket) -> None:
    """Accept the upgrade, selecting the SDK-version subprotocol when the client offered one (and no other)."""
    await websocket.accept(subprotocol=sdk_subprotocol(websocket.headers) or None)
