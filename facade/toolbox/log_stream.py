"""Following a session command's (or the entrypoint's) output over a WebSocket.

The daemon sends the output as a byte stream in which every chunk is preceded by a 3-byte
marker saying where it came from: ``\\x01\\x01\\x01`` for stdout, ``\\x02\\x02\\x02`` for stderr.
WebSocket frames do not respect chunk boundaries: a marker, or a multi-byte UTF-8 character,
may be split across two frames. :class:`LogDemuxer` undoes the multiplexing incrementally;
:func:`follow_logs` feeds it from a socket and hands the text to the caller's callbacks.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from enum import StrEnum
from types import ModuleType
from typing import Any

from .._api import ToolboxContext
from ._exec_support import invoke
from .process_types import OutputHandler

__all__ = ["STDERR_MARKER", "STDOUT_MARKER", "LogDemuxer", "LogStream", "follow_logs"]

#: Marker that precedes stdout data.
STDOUT_MARKER = b"\x01\x01\x01"
#: Marker that precedes stderr data.
STDERR_MARKER = b"\x02\x02\x02"
_MARKER_LEN = 3


class LogStream(StrEnum):
    """Which output a piece of text came from."""

    STDOUT = "stdout"
    STDERR = "stderr"


_MARKERS: dict[bytes, LogStream] = {STDOUT_MARKER: LogStream.STDOUT, STDERR_MARKER: LogStream.STDERR}


class LogDemuxer:
    """Splits a marker-multiplexed byte stream into stdout and stderr text, incrementally.

    Feed it the frames in order with :meth:`feed`, then call :meth:`finish` once at the end.
    Each call returns the text that became complete, as ``(stream, text)`` pairs in order
    (consecutive pieces of the same stream merged; no empty texts).

    * Data before the first marker is stdout.
    * Up to two trailing bytes that could be the start of a marker are held back until the
      next frame shows whether they are one; at the end they are data.
    * Each stream is decoded from UTF-8 incrementally (a character split across frames comes
      out whole); invalid bytes become U+FFFD.
    """

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._current = LogStream.STDOUT
        self._decoders = {
            LogStream.STDOUT: codecs.getincrementaldecoder("utf-8")(errors="replace"),
            LogStream.STDERR: codecs.getincrementaldecoder("utf-8")(errors="replace"),
        }
        self._finished = False

    @property
    def current(self) -> LogStream:
        """The stream the next data bytes belong to."""
        return self._current

    def feed(self, data: bytes | bytearray | str) -> list[tuple[LogStream, str]]:
        """Add one frame (text frames are encoded as UTF-8) and return the text now complete."""
        if self._finished:
            raise RuntimeError("LogDemuxer.feed() called after finish()")
        if isinstance(data, str):
            data = data.encode("utf-8")
        self._buffer += data
        out: list[tuple[LogStream, str]] = []
        buffer = self._buffer
        start = 0
        while True:
            index, stream = self._next_marker(buffer, start)
            if index < 0:
                break
            self._emit(out, buffer[start:index])
            self._current = stream
            start = index + _MARKER_LEN
        # Hold back a tail that may be the beginning of a marker split across frames.
        keep = self._partial_marker_length(buffer, start)
        end = len(buffer) - keep
        self._emit(out, buffer[start:end])
        del buffer[:end]
        return out

    def finish(self) -> list[tuple[LogStream, str]]:
        """End of stream: return what is left (a held-back partial marker counts as data)."""
        if self._finished:
            return []
        self._finished = True
        out: list[tuple[LogStream, str]] = []
        self._emit(out, self._buffer)
        self._buffer.clear()
        for stream in (LogStream.STDOUT, LogStream.STDERR):
            tail = self._decoders[stream].decode(b"", final=True)
            if tail:
                _append(out, stream, tail)
        return out

    @staticmethod
    def _next_marker(buffer: bytearray, start: int) -> tuple[int, LogStream]:
        best = -1
        best_stream = LogStream.STDOUT
        for marker, stream in _MARKERS.items():
            index = buffer.find(marker, start)
            if index >= 0 and (best < 0 or index < best):
                best, best_stream = index, stream
        return best, best_stream

    @staticmethod
    def _partial_marker_length(buffer: bytearray, start: int) -> int:
        """Length (0-2) of the longest tail of ``buffer[start:]`` that is a proper prefix of a marker."""
        available = len(buffer) - start
        for length in (_MARKER_LEN - 1, 1):
            if length <= available:
                tail = bytes(buffer[len(buffer) - length :])
                if any(marker.startswith(tail) for marker in _MARKERS):
                    return length
        return 0

    def _emit(self, out: list[tuple[LogStream, str]], data: bytes | bytearray) -> None:
        if not data:
            return
        text = self._decoders[self._current].decode(bytes(data), final=False)
        if text:
            _append(out, self._current, text)


def _append(out: list[tuple[LogStream, str]], stream: LogStream, text: str) -> None:
    if out and out[-1][0] is stream:
        out[-1] = (stream, out[-1][1] + text)
    else:
        out.append((stream, text))


async def follow_logs(
    ctx: ToolboxContext,
    op: ModuleType,
    *args: Any,
    on_stdout: OutputHandler[str],
    on_stderr: OutputHandler[str],
    error_prefix: str,
    **kwargs: Any,
) -> None:
    """Stream a log WebSocket (generated operation ``op``, called with ``follow=True``) to the callbacks.

    Returns when the daemon closes the socket normally (the command ended). Callbacks may be
    plain functions or coroutine functions; coroutines are awaited before the next frame is
    read, so output is delivered in order. An exception raised by a callback stops the stream
    and propagates unchanged.

    Raises:
        DaytonaError: The subclass matching the status if the upgrade is refused (e.g.
            DaytonaNotFoundError for an unknown session or command).
        DaytonaConnectionError: If the socket closes with an error code or the connection drops.
    """
    # Deferred: the WebSocket stack is only loaded when a stream is followed.
    from httpx_ws import WebSocketDisconnect, WebSocketNetworkError
    from wsproto.events import BytesMessage, TextMessage

    from ._websocket import CLEAN_CLOSE_CODES, close_error, open_websocket

    handlers: dict[LogStream, Callable[[str], Any]] = {LogStream.STDOUT: on_stdout, LogStream.STDERR: on_stderr}
    demuxer = LogDemuxer()
    async with open_websocket(ctx, op, *args, error_prefix=error_prefix, follow=True, **kwargs) as ws:
        while True:
            try:
                event = await ws.receive()
            except WebSocketDisconnect as exc:
                if exc.code in CLEAN_CLOSE_CODES:
                    break
                for stream, text in demuxer.finish():
                    await invoke(handlers[stream], text)
                raise close_error(exc, error_prefix) from exc
            except WebSocketNetworkError as exc:
                for stream, text in demuxer.finish():
                    await invoke(handlers[stream], text)
                raise close_error(exc, error_prefix) from exc
            if isinstance(event, BytesMessage | TextMessage):
                for stream, text in demuxer.feed(event.data):
                    await invoke(handlers[stream], text)
    for stream, text in demuxer.finish():
        await invoke(handlers[stream], text)
