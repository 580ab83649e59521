"""Opening toolbox WebSockets on the shared HTTP client (internal).

The upgrade request is an ordinary GET sent through the client's pooled connections, with
its default headers (authentication, SDK identification) and its retry layer; after the
``101 Switching Protocols`` answer the connection is handed to ``httpx-ws``'s
:class:`~httpx_ws.AsyncWebSocketSession`. Doing the handshake here (rather than with
``httpx_ws.aconnect_ws``) lets a refused upgrade be reported with the server's status *and*
message, as the matching :class:`~facade.errors.DaytonaError` subclass (404 ->
DaytonaNotFoundError, ...).
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from types import ModuleType
from typing import Any

import httpx
from httpx_ws import AsyncWebSocketSession, WebSocketDisconnect, WebSocketNetworkError

from .._api import ToolboxContext
from ..errors import DaytonaConnectionError, DaytonaError, error_from_transport, redact_secrets
from ..http import raise_for_status

__all__ = ["CLEAN_CLOSE_CODES", "close_error", "open_websocket"]

#: Close codes that mean "finished normally": 1000, and 1005 (a close frame without a code).
CLEAN_CLOSE_CODES = frozenset({1000, 1005})


def _sole_exception(group: BaseExceptionGroup[Any]) -> BaseException | None:
    """The single exception inside (possibly nested) exception groups, or None if there are several."""
    current: BaseException = group
    while isinstance(current, BaseExceptionGroup):
        if len(current.exceptions) != 1:
            return None
        current = current.exceptions[0]
    return current


def close_error(exc: WebSocketDisconnect | WebSocketNetworkError, prefix: str = "") -> DaytonaError:
    """The error for a socket that closed abnormally (non-clean close code, or the connection dropped)."""
    if isinstance(exc, WebSocketNetworkError):
        return DaytonaConnectionError(f"{prefix}WebSocket connection lost")
    detail = redact_secrets(exc.reason) if exc.reason else "WebSocket closed unexpectedly"
    return DaytonaConnectionError(f"{prefix}{detail} (close code {exc.code})")


@asynccontextmanager
async def open_websocket(
    ctx: ToolboxContext,
    op: ModuleType,
    *args: Any,
    error_prefix: str = "",
    **kwargs: Any,
) -> AsyncIterator[AsyncWebSocketSession]:
    """Open the WebSocket of generated operation ``op`` (path and query from its ``_get_kwargs``).

    Yields the open session; it is closed (code 1000) when the block exits. Exceptions raised
    in the block come out as they were raised (not wrapped in an exception group).

    Raises:
        DaytonaError: The subclass matching the status when the server refuses the upgrade
            (message from its body); DaytonaConnectionError / DaytonaTimeoutError when the
            connection cannot be made.
    """
    request: dict[str, Any] = op._get_kwargs(*args, **kwargs)
    url = ctx.url(request["url"])
    params = request.get("params") or None
    headers = {
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Key": base64.b64encode(secrets.token_bytes(16)).decode("ascii"),
        "Sec-WebSocket-Version": "13",
    }
    try:
        async with ctx.http.stream("GET", url, params=params, headers=headers) as response:
            if response.status_code != 101:
                await raise_for_status(response, error_prefix)
                raise DaytonaError(
                    f"{error_prefix}the toolbox did not open a WebSocket (HTTP {response.status_code})",
                    status_code=response.status_code,
                )
            session = AsyncWebSocketSession(response.extensions["network_stream"], response=response)
            async with session:
                yield session
    except httpx.TransportError as exc:
        raise error_from_transport(exc, prefix=error_prefix) from exc
    except BaseExceptionGroup as group:
        # httpx-ws runs its reader in an anyio task group, which wraps whatever leaves the
        # block; hand the caller the original exception.
        inner = _sole_exception(group)
        if inner is None:
            raise
        raise inner from inner.__cause__
