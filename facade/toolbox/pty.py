"""A live connection to a PTY (pseudo-terminal) session: :class:`AsyncPtyHandle`.

Protocol (``GET /process/pty/{sessionId}/connect``, upgraded to a WebSocket):

* The daemon first sends a text frame ``{"type":"control","status":"connected"}`` (or
  ``{"type":"control","status":"error","error":"..."}``).
* Terminal output arrives as binary frames (text frames that are not control messages are
  output too); it is passed, as bytes, to the ``on_data`` callback.
* Input is sent as binary frames.
* When the shell exits the daemon closes the socket; the close reason is JSON
  ``{"exitCode": int, "exitReason"?: str, "error"?: str}``. A normal close (1000) without a
  readable reason means exit code 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from .._api import ToolboxContext
from ..errors import DaytonaConnectionError, DaytonaError, DaytonaTimeoutError, redact_secrets
from ..polling import validate_timeout
from ._exec_support import invoke
from .process_types import PtyDataHandler, PtyResult, PtySessionInfo, PtySize

if TYPE_CHECKING:
    from httpx_ws import AsyncWebSocketSession

__all__ = ["DEFAULT_PTY_CONNECT_TIMEOUT", "AsyncPtyHandle"]

logger = logging.getLogger("facade.pty")

#: Seconds :meth:`AsyncPtyHandle.wait_for_connection` waits by default.
DEFAULT_PTY_CONNECT_TIMEOUT = 10.0


class AsyncPtyHandle:
    """An open connection to a PTY session: send keystrokes, receive output, wait for the exit.

    Obtained from ``sandbox.process.create_pty_session(...)`` or
    ``sandbox.process.connect_pty_session(...)``, already connected. A background task reads
    the socket and passes output to ``on_data`` (awaited if it is a coroutine function).
    Always call :meth:`disconnect` when done (or use ``async with handle:``); it does not stop
    the terminal — :meth:`kill` does.

    Example::

        handle = await sandbox.process.create_pty_session("term", on_data=lambda b: print(b.decode(), end=""))
        async with handle:
            await handle.send_input("echo hi\\n")
            await handle.send_input("exit 3\\n")
            result = await handle.wait()   # PtyResult(exit_code=3, error=None)
    """

    def __init__(
        self,
        ctx: ToolboxContext,
        session_id: str,
        on_data: PtyDataHandler | None = None,
        *,
        handle_resize: Callable[[PtySize], Awaitable[PtySessionInfo]] | None = None,
        handle_kill: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        """Create the handle; nothing is sent until :meth:`start` (done by ``AsyncProcess``)."""
        self._ctx = ctx
        self._session_id = session_id
        self._on_data = on_data
        self._handle_resize = handle_resize
        self._handle_kill = handle_kill
        self._ws: AsyncWebSocketSession | None = None
        self._exit_code: int | None = None
        self._error: str | None = None
        self._failure: DaytonaError | None = None
        self._callback_error: BaseException | None = None
        self._connected = False  # the socket is open and the daemon confirmed it
        self._confirmed = False  # the daemon confirmed the connection at some point
        self._ready = asyncio.Event()  # set on "connected", on failure, or when the reader ends
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Open the socket in a background task (idempotent)."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name=f"pty-{self._session_id}")

    @property
    def session_id(self) -> str:
        """Id of the PTY session."""
        return self._session_id

    @property
    def exit_code(self) -> int | None:
        """The shell's exit status once it has exited, else None."""
        return self._exit_code

    @property
    def error(self) -> str | None:
        """Why the session ended abnormally or the connection failed, if known."""
        return self._error

    def is_connected(self) -> bool:
        """True while the socket is open and the daemon has confirmed the connection."""
        return self._connected and self._ws is not None

    async def wait_for_connection(self, timeout: float | None = DEFAULT_PTY_CONNECT_TIMEOUT) -> None:
        """Wait until the daemon confirms the connection (its ``connected`` control message).

        Args:
            timeout: Seconds to wait (default 10; None or 0 waits indefinitely).

        Raises:
            DaytonaTimeoutError: If no confirmation arrives in time.
            DaytonaError: The upgrade was refused (the status's subclass, e.g. DaytonaNotFoundError).
            DaytonaConnectionError: The daemon reported an error or the socket closed first.
        """
        limit = validate_timeout(timeout)
        self.start()
        if not self._ready.is_set():
            try:
                await asyncio.wait_for(self._ready.wait(), limit)
            except TimeoutError:
                raise DaytonaTimeoutError(
                    f"PTY connection timeout: session '{self._session_id}' did not confirm within {limit:g} s"
                ) from None
        if self._confirmed:
            return  # even if the terminal has already exited since
        if self._failure is not None:
            raise self._failure
        raise DaytonaConnectionError(
            f"Failed to connect to PTY session '{self._session_id}': {self._error or 'the connection was closed'}"
        )

    async def send_input(self, data: str | bytes) -> None:
        """Send keystrokes (a str is encoded as UTF-8) to the terminal, as one binary frame.

        Raises:
            DaytonaConnectionError: If the handle is not connected or sending fails.
        """
        if isinstance(data, str):
            payload = data.encode("utf-8")
        elif isinstance(data, bytes | bytearray | memoryview):
            payload = bytes(data)
        else:
            raise TypeError(f"data must be str or bytes, got {type(data).__name__}")
        ws = self._ws
        if ws is None or not self._connected:
            raise DaytonaConnectionError(f"PTY session '{self._session_id}' is not connected")
        try:
            await ws.send_bytes(payload)
        except Exception as exc:  # httpx-ws network errors, or wsproto refusing once the socket is closing
            raise DaytonaConnectionError(
                f"Failed to send input to PTY session '{self._session_id}': {type(exc).__name__}: {exc}"
            ) from exc

    async def wait(self) -> PtyResult:
        """Wait until the terminal exits (the daemon closes the socket) and return how it ended.

        Cancelling this call does not disconnect the handle.

        Raises:
            DaytonaError: If the ``on_data`` callback raised (the original exception is the
                cause); the reading stopped at that point.
        """
        self.start()
        assert self._task is not None
        await asyncio.shield(self._task)
        if self._callback_error is not None:
            raise DaytonaError(
                f"PTY session '{self._session_id}': the on_data callback raised "
                f"{type(self._callback_error).__name__}: {self._callback_error}"
            ) from self._callback_error
        return PtyResult(exit_code=self._exit_code, error=self._error)

    async def resize(self, pty_size: PtySize) -> PtySessionInfo:
        """Change the terminal size (``POST /process/pty/{id}/resize``) and return the session info."""
        if self._handle_resize is None:
            raise DaytonaError("Failed to resize PTY: no resize handler available")
        return await self._handle_resize(pty_size)

    async def kill(self) -> None:
        """Stop the terminal's shell and remove the session (``DELETE /process/pty/{id}``)."""
        if self._handle_kill is None:
            raise DaytonaError("Failed to kill PTY: no kill handler available")
        await self._handle_kill()

    async def disconnect(self) -> None:
        """Close the socket and stop the reader (the terminal keeps running). Never raises."""
        task = self._task
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(BaseException):
                await task
        self._connected = False
        self._ready.set()

    async def __aenter__(self) -> AsyncPtyHandle:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.disconnect()

    def __repr__(self) -> str:
        state = "connected" if self.is_connected() else "disconnected"
        return f"AsyncPtyHandle(session_id={self._session_id!r}, {state}, exit_code={self._exit_code!r})"

    # -- reader -------------------------------------------------------------------------------

    async def _run(self) -> None:
        from daytona_openapi.api.toolbox_process import pty_connect

        from ._websocket import open_websocket

        try:
            async with open_websocket(
                self._ctx, pty_connect, self._session_id, error_prefix="Failed to connect to PTY session: "
            ) as ws:
                self._ws = ws
                try:
                    await self._read(ws)
                finally:
                    self._connected = False
                    self._ws = None
        except DaytonaError as exc:
            self._failure = exc
            self._error = exc.message
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug or an unexpected transport failure: keep it on the handle
            logger.debug("PTY reader for %s failed", self._session_id, exc_info=True)
            self._error = f"{type(exc).__name__}: {exc}"
        finally:
            self._connected = False
            self._ready.set()

    async def _read(self, ws: AsyncWebSocketSession) -> None:
        from httpx_ws import WebSocketDisconnect, WebSocketNetworkError
        from wsproto.events import BytesMessage, TextMessage

        while True:
            try:
                event = await ws.receive()
            except WebSocketDisconnect as exc:
                self._on_close(exc.code, exc.reason)
                return
            except WebSocketNetworkError:
                self._error = self._error or "PTY connection lost"
                return
            if isinstance(event, TextMessage):
                if self._on_control(event.data):
                    continue
                payload = event.data.encode("utf-8")
            elif isinstance(event, BytesMessage):
                payload = bytes(event.data)
            else:
                continue
            if self._on_data is not None and payload:
                try:
                    await invoke(self._on_data, payload)
                except Exception as exc:
                    self._callback_error = exc
                    self._error = f"on_data callback raised {type(exc).__name__}: {exc}"
                    return

    def _on_control(self, text: str) -> bool:
        """Handle a control message; False if ``text`` is terminal output."""
        if not text.startswith("{"):
            return False
        try:
            message: Any = json.loads(text)
        except ValueError:
            return False
        if not isinstance(message, dict) or message.get("type") != "control":
            return False
        status = message.get("status")
        if status == "connected":
            self._connected = self._confirmed = True
            self._ready.set()
        elif status == "error":
            error = message.get("error")
            self._error = redact_secrets(error) if isinstance(error, str) and error else "PTY connection error"
            self._connected = False
            self._ready.set()
        return True

    def _on_close(self, code: int, reason: str | None) -> None:
        data: Any = None
        if reason:
            try:
                data = json.loads(reason)
            except ValueError:
                data = None
        if isinstance(data, dict):
            exit_code = data.get("exitCode")
            if isinstance(exit_code, int) and not isinstance(exit_code, bool):
                self._exit_code = exit_code
            for key in ("exitReason", "error"):
                value = data.get(key)
                if isinstance(value, str) and value:
                    self._error = redact_secrets(value)
        elif reason and code not in (1000, 1005):
            self._error = redact_secrets(reason)
        if self._exit_code is None and code == 1000:
            self._exit_code = 0
