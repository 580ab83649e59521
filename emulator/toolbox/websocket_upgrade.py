"""How the daemon upgrades a request to a WebSocket (``apps/daemon/internal/util/websocket.go``)."""

from __future__ import annotations

from starlette.websockets import WebSocket

SDK_SUBPROTOCOL_PREFIX = "X-Daytona-SDK-Version~"


def sdk_subprotocol(websocket: WebSocket) -> str | None:
    """The first ``X-Daytona-SDK-Version~...`` entry the client offered in Sec-WebSocket-Protocol, if any."""
    for entry in websocket.headers.get("sec-websocket-protocol", "").split(","):
        entry = entry.strip()
        if entry.startswith(SDK_SUBPROTOCOL_PREFIX):
            return entry
    return None


async def accept_like_the_daemon(websocket: WebSocket) -> None:
    """Accept the upgrade, selecting the SDK-version subprotocol when the client offered one (and no other)."""
    await websocket.accept(subprotocol=sdk_subprotocol(websocket))
