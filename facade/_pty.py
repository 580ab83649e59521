"""PTY sessions of ``sandbox.process``: the connected terminal handle, its size and its outcome.

``AsyncProcess.create_pty_session`` / ``connect_pty_session`` return an :class:`AsyncPtyHandle`: a WebSocket
(``GET /process/pty/{id}/connect``) on the client's pool, read by a background task.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from daytona_openapi import models as m
from daytona_openapi.api import toolbox_process as api

from . import _checks as check
from ._errors import DaytonaConnectionError, DaytonaError, DaytonaTimeoutError, json_object, redact_secrets
from ._services import emit

if TYPE_CHECKING:
    from httpx_ws import AsyncWebSocketSession

    from ._process import AsyncProcess, OutputHandler

logger = logging.getLogger("facade.pty")
#: Close codes that mean "finished normally": 1000, and 1005 (a close frame without a code).
CLEAN_CLOSE_CODES = frozenset({1000, 1005})
_CONNECT = "Failed to connect to PTY session: "


@dataclass
class PtySize:
    """Terminal dimensions, each from 1 to 1000."""

    rows: int
    cols: int


@dataclass
class PtyResult:
    """How a PTY session ended: the shell's ``exit_code`` (None if unknown) and ``error``, if any."""

    exit_code: int | None
    error: str | None = None


def checked_size(size: PtySize) -> PtySize:
    """``size`` if it is a :class:`PtySize` whose rows and columns are from 1 to 1000."""
    check.integer(check.instance(size, "pty_size", PtySize).rows, "pty_size.rows", minimum=1, maximum=1000)
    check.integer(size.cols, "pty_size.cols", minimum=1, maximum=1000)
    return size


class AsyncPtyHandle:
    """An open connection to a PTY session: send keystrokes, receive output (passed as bytes to ``on_data``,
    awaited if async, by a background task), wait for the exit. :meth:`disconnect` (or ``async with``) closes
    the connection; :meth:`kill` stops the terminal.

    Protocol: the daemon confirms with a text frame ``{"type":"control","status":"connected"}`` (or
    ``"error"``); output arrives as frames; input goes as binary frames; when the shell exits the socket is
    closed with the JSON reason ``{"exitCode", "exitReason"?, "error"?}`` (a 1000 close without one: exit 0).
    """

    exit_code: int | None = None
    error: str | None = None
    _ws: AsyncWebSocketSession | None = None
    _failure: DaytonaError | None = None  # why connecting failed
    _callback_error: Exception | None = None  # what on_data raised
    _confirmed = False  # the daemon confirmed the connection

    def __init__(self, process: AsyncProcess, session_id: str, on_data: OutputHandler[bytes] | None = None) -> None:
        """Internal: use ``sandbox.process.create_pty_session`` / ``connect_pty_session``."""
        self._process, self.session_id, self._on_data, self._ready = process, session_id, on_data, asyncio.Event()
        self._task = asyncio.create_task(self._run(), name=f"pty-{session_id}")

    def is_connected(self) -> bool:
        """True while the socket is open and the daemon has confirmed the connection."""
        return self._confirmed and self._ws is not None

    async def wait_for_connection(self, timeout: float | None = 10.0) -> None:
        """Wait until the daemon confirms the connection (``DaytonaTimeoutError`` after ``timeout`` seconds; the
        refused upgrade's error, or ``DaytonaConnectionError`` if the daemon reported an error or closed)."""
        limit = check.timeout(timeout)
        try:
            await asyncio.wait_for(self._ready.wait(), limit)
        except TimeoutError:
            message = f"PTY connection timeout: session '{self.session_id}' did not confirm within {limit:g} s"
            raise DaytonaTimeoutError(message) from None
        if not self._confirmed:
            why = f"Failed to connect to PTY session '{self.session_id}': {self.error or 'the connection was closed'}"
            raise self._failure or DaytonaConnectionError(why)

    async def send_input(self, data: str | bytes) -> None:
        """Send keystrokes (a str is encoded as UTF-8) as one binary frame."""
        data = check.instance(data, "data", (str, bytes, bytearray, memoryview))
        if self._ws is None or not self._confirmed:
            raise DaytonaConnectionError(f"PTY session '{self.session_id}' is not connected")
        try:
            await self._ws.send_bytes(data.encode() if isinstance(data, str) else bytes(data))
        except Exception as exc:
            message = f"Failed to send input to PTY session '{self.session_id}': {type(exc).__name__}: {exc}"
            raise DaytonaConnectionError(message) from exc

    async def wait(self) -> PtyResult:
        """Wait until the terminal exits and return how it ended (cancelling this does not disconnect).

        Raises:
            DaytonaError: If the ``on_data`` callback raised (the original exception is the cause).
        """
        await asyncio.shield(self._task)
        if (error := self._callback_error) is not None:
            message = f"PTY session '{self.session_id}': the on_data callback raised {type(error).__name__}: {error}"
            raise DaytonaError(message) from error
        return PtyResult(exit_code=self.exit_code, error=self.error)

    async def resize(self, pty_size: PtySize) -> m.PtySessionInfo:
        """Change the terminal size (``POST /process/pty/{id}/resize``)."""
        return await self._process.resize_pty_session(self.session_id, pty_size)

    async def kill(self) -> None:
        """Stop the terminal's shell and remove the session (``DELETE /process/pty/{id}``)."""
        await self._process.kill_pty_session(self.session_id)

    async def disconnect(self) -> None:
        """Close the socket and stop the reader (the terminal keeps running). Never raises."""
        self._task.cancel()  # nothing if it has ended
        with contextlib.suppress(BaseException):
            await self._task
        self._ready.set()  # the reader may not have started

    async def __aenter__(self) -> AsyncPtyHandle:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.disconnect()

    async def _run(self) -> None:
        """The reader: confirmation, output to ``on_data``, and how the session ended (kept on the handle)."""
        from httpx_ws import WebSocketDisconnect, WebSocketNetworkError
        from wsproto.events import BytesMessage, TextMessage

        try:
            async with self._process._ctx.websocket(api.pty_connect.request(self.session_id), _CONNECT) as self._ws:
                while True:
                    event = await self._ws.receive()
                    if isinstance(event, TextMessage) and (message := json_object(event.data)).get("type") == "control":
                        if (status := message.get("status")) == "error":  # the daemon sends "connected" or "error"
                            self.error = redact_secrets(str(message.get("error") or "PTY connection error"))
                        self._confirmed = status == "connected"
                        self._ready.set()
                    elif isinstance(event, TextMessage | BytesMessage) and event.data and self._on_data is not None:
                        data = event.data.encode() if isinstance(event.data, str) else bytes(event.data)
                        try:
                            await emit(self._on_data, data)
                        except Exception as exc:
                            self._callback_error = exc
                            self.error = f"on_data callback raised {type(exc).__name__}: {exc}"
                            return
        except WebSocketDisconnect as exc:  # the reason: {"exitCode", "exitReason"?, "error"?}, or a plain text
            reason, plain = json_object(exc.reason or ""), None if exc.code in CLEAN_CLOSE_CODES else exc.reason
            self.exit_code = code if type(code := reason.get("exitCode")) is int else 0 if exc.code == 1000 else None
            for value in (reason.get("exitReason"), reason.get("error")) if reason else (plain,):
                self.error = redact_secrets(value) if isinstance(value, str) and value else self.error
        except WebSocketNetworkError:
            self.error = self.error or "PTY connection lost"
        except DaytonaError as exc:
            self._failure, self.error = exc, exc.message
        except Exception as exc:  # a bug or an unexpected transport failure: keep it on the handle
            logger.debug("PTY reader for %s failed", self.session_id, exc_info=True)
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            self._ws = None
            self._ready.set()
