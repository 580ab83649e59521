"""Following a build log (sandbox or snapshot image builds) as it is written.

The service hands out a URL (``GET /sandbox/{id}/build-logs-url``, ``GET
/snapshots/{id}/build-logs-url``); ``GET {url}?follow=true`` then streams the log until the build
ends. :func:`follow_log` reads that stream on the shared client and calls the user's callback once
per complete line (without its line break), so the callbacks are the same however the bytes are
split into network chunks (and the same when a recorded stream is replayed as one chunk).

Some servers keep a follow stream open after the build is over. When no data arrives for
``idle_seconds`` (real time), the caller's ``is_finished`` check runs; two positive answers in a
row end the stream.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TYPE_CHECKING

from .errors import DaytonaError, error_from_transport

if TYPE_CHECKING:
    import httpx

__all__ = ["DEFAULT_IDLE_SECONDS", "LineSplitter", "LogCallback", "emit", "follow_log", "log_stream_failure"]

logger = logging.getLogger("facade")

#: A log callback: called with each line; may be a coroutine function.
LogCallback = Callable[[str], Awaitable[None] | None]

#: Seconds without data after which the stream's end condition is checked.
DEFAULT_IDLE_SECONDS = 2.0


async def emit(callback: LogCallback, text: str) -> None:
    """Call ``callback(text)`` and await its result if it is awaitable."""
    result = callback(text)
    if inspect.isawaitable(result):
        await result


class LineSplitter:
    """Turns text chunks into complete lines (``\\n``, ``\\r\\n`` or ``\\r`` endings removed)."""

    def __init__(self) -> None:
        self._buffer = ""

    def feed(self, chunk: str) -> list[str]:
        """Add ``chunk`` and return the lines it completed."""
        self._buffer += chunk
        parts = self._buffer.splitlines(keepends=True)
        if parts and not parts[-1].endswith(("\n", "\r")):
            self._buffer = parts.pop()
        else:
            self._buffer = ""
        # A "\r" at the very end may be the first half of "\r\n": keep it for the next chunk.
        if parts and parts[-1].endswith("\r") and not self._buffer:
            self._buffer = parts.pop()
        return [part.rstrip("\r\n") for part in parts]

    def flush(self) -> list[str]:
        """The unterminated rest, if any, as a last line."""
        rest, self._buffer = self._buffer.rstrip("\r\n"), ""
        return [rest] if rest else []


async def follow_log(
    http: httpx.AsyncClient,
    url: str,
    on_line: LogCallback,
    is_finished: Callable[[], Awaitable[bool]],
    *,
    error_prefix: str,
    idle_seconds: float = DEFAULT_IDLE_SECONDS,
) -> None:
    """Stream ``GET {url}?follow=true`` and pass each line to ``on_line``.

    Returns when the server ends the stream, or when ``is_finished`` answers True twice in a
    row during silences of ``idle_seconds``. Exceptions raised by ``on_line`` propagate.

    Raises:
        DaytonaError: If the log cannot be fetched (HTTP error status or transport failure).
    """
    import httpx  # deferred: keeps `import facade` cheap

    from .http import raise_for_status

    splitter = LineSplitter()
    try:
        # No read timeout: a build can be silent for long; silences are handled below.
        base = http.timeout
        timeout = httpx.Timeout(connect=base.connect, read=None, write=base.write, pool=base.pool)
        # Merge, not replace: a log URL may carry its own query (e.g. a signature).
        target = httpx.URL(url).copy_merge_params({"follow": "true"})
        async with http.stream("GET", target, timeout=timeout) as response:
            await raise_for_status(response, error_prefix)
            chunks: AsyncIterator[str] = response.aiter_text().__aiter__()
            pending: asyncio.Future[str] | None = None
            finished_answers = 0
            try:
                while True:
                    if pending is None:
                        pending = asyncio.ensure_future(anext(chunks))
                    done, _ = await asyncio.wait({pending}, timeout=idle_seconds)
                    if not done:
                        if await is_finished():
                            finished_answers += 1
                            if finished_answers >= 2:
                                break
                        else:
                            finished_answers = 0
                        continue
                    task, pending = pending, None
                    try:
                        chunk = task.result()
                    except StopAsyncIteration:
                        break
                    finished_answers = 0
                    for line in splitter.feed(chunk):
                        await emit(on_line, line)
            finally:
                if pending is not None:
                    pending.cancel()
                    with contextlib.suppress(BaseException):
                        await pending
    except httpx.TransportError as exc:
        raise error_from_transport(exc, prefix=error_prefix) from exc
    except httpx.HTTPError as exc:  # decoding or stream-state errors
        raise DaytonaError(f"{error_prefix}{type(exc).__name__} while reading the log: {exc}") from exc
    for line in splitter.flush():
        await emit(on_line, line)


def log_stream_failure(exc: DaytonaError, what: str) -> None:
    """Record that following a build log failed; the operation itself goes on."""
    logger.warning("Could not follow the build log of %s: %s", what, exc)
