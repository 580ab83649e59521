"""A loopback TCP proxy with connection faults, for testing clients against network failures.

Put it between a client and a server (the emulator, or anything listening on TCP) and switch its behaviour
at any time, from any thread; a switch applies to the connections already open as well as to new ones:

- :meth:`FaultProxy.pass_through`: forward both ways untouched (the initial mode);
- :meth:`FaultProxy.reset_after`: forward the first ``n`` bytes of the server's answer, then reset the
  client's connection (TCP RST) and drop the server's;
- :meth:`FaultProxy.close_after`: the same, but end the client's connection cleanly (FIN) after ``n`` bytes;
- :meth:`FaultProxy.stall`: hold the server's answers (requests still reach the server) until switched back;
- :meth:`FaultProxy.refuse`: stop listening, so new connections are refused; open ones carry on.

The byte count starts with the first answer bytes a connection gets after the switch. ``times`` (for the
reset and close modes) is how many connections it cuts before going back to :meth:`pass_through`.
:meth:`wait_for` waits (with a ceiling) until the proxy has cut or accepted a number of connections.

Usage::

    with FaultProxy("127.0.0.1", emulator.port) as proxy:
        client = make_client(proxy.url)     # http://127.0.0.1:<proxy port>
        proxy.reset_after(100, times=1)     # the next answer breaks after 100 bytes
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

CHUNK = 65536
START_TIMEOUT = 15.0


@dataclass(frozen=True)
class _Mode:
    kind: str  # pass | reset | close | stall | refuse
    limit: int = 0
    times: int | None = None
    generation: int = 0


class FaultProxy:
    """A TCP proxy on ``host``:``port`` (0: a free port) forwarding to ``target_host``:``target_port``."""

    def __init__(self, target_host: str, target_port: int, host: str = "127.0.0.1", port: int = 0) -> None:
        self.target = (target_host, target_port)
        self.host = host
        self.port = port
        self._mode = _Mode("pass")
        self._times_left: int | None = None
        self._lock = threading.Condition()
        self.accepted = 0  # connections accepted
        self.cut = 0  # connections reset or closed by a fault
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._changed: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._stopping: asyncio.Event | None = None
        self._error: BaseException | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    # ---- life cycle ---------------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """``http://host:port`` of the proxy."""
        return f"http://{self.host}:{self.port}"

    def start(self) -> FaultProxy:
        self._thread = threading.Thread(target=self._run, name="fault-proxy", daemon=True)
        self._thread.start()
        if not self._ready.wait(START_TIMEOUT) or self._error is not None:
            raise RuntimeError(f"fault proxy did not start: {self._error!r}")
        return self

    def stop(self) -> None:
        loop, stopping = self._loop, self._stopping
        if loop is not None and stopping is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(stopping.set)
        if self._thread is not None:
            self._thread.join(timeout=30)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # reported to the starting thread
            self._error = exc
            self._ready.set()

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._changed = asyncio.Event()
        self._stopping = asyncio.Event()
        await self._listen()
        self._ready.set()
        await self._stopping.wait()
        if self._server is not None:
            self._server.close()
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._accept, self.host, self.port, reuse_address=True)
        self.port = self._server.sockets[0].getsockname()[1]

    # ---- switching (any thread) -----------------------------------------------------------------------------

    def pass_through(self) -> None:
        """Forward everything untouched (and listen again after :meth:`refuse`)."""
        self._switch("pass")

    def reset_after(self, n: int, times: int | None = None) -> None:
        """After ``n`` bytes of an answer, reset the client's connection (RST)."""
        self._switch("reset", n, times)

    def close_after(self, n: int, times: int | None = None) -> None:
        """After ``n`` bytes of an answer, close the client's connection (FIN)."""
        self._switch("close", n, times)

    def stall(self) -> None:
        """Hold every answer (the server still gets the requests) until the mode changes."""
        self._switch("stall")

    def refuse(self) -> None:
        """Stop listening: new connections are refused until :meth:`pass_through`."""
        self._switch("refuse")

    def _switch(self, kind: str, limit: int = 0, times: int | None = None) -> None:
        if limit < 0 or (times is not None and times < 1):
            raise ValueError("n must be non-negative and times at least 1")
        loop = self._loop
        if loop is None:
            raise RuntimeError("the proxy is not running")
        asyncio.run_coroutine_threadsafe(self._apply(kind, limit, times), loop).result(START_TIMEOUT)

    async def _apply(self, kind: str, limit: int, times: int | None) -> None:
        with self._lock:
            previous = self._mode
            self._mode = _Mode(kind, limit, times, previous.generation + 1)
            self._times_left = times
        if kind == "refuse" and self._server is not None:
            self._server.close()
            self._server = None
        elif kind != "refuse" and self._server is None:
            await self._listen()
        self._wake()

    def _wake(self) -> None:
        assert self._changed is not None
        self._changed.set()
        self._changed = asyncio.Event()

    # ---- waiting (any thread) -------------------------------------------------------------------------------

    def wait_for(self, predicate: Callable[[FaultProxy], bool], timeout: float = 60.0) -> None:
        """Wait until ``predicate(proxy)`` holds (checked on every accept and cut); TimeoutError after ``timeout``."""
        with self._lock:
            if not self._lock.wait_for(lambda: predicate(self), timeout):
                raise TimeoutError("the fault proxy did not get there in time")

    def _count(self, accepted: int = 0, cut: int = 0) -> None:
        with self._lock:
            self.accepted += accepted
            self.cut += cut
            self._lock.notify_all()

    # ---- connections ----------------------------------------------------------------------------------------

    async def _accept(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        self._count(accepted=1)
        try:
            try:
                server_reader, server_writer = await asyncio.open_connection(*self.target)
            except OSError:
                _reset(client_writer)
                return
            client_writer.transport.set_write_buffer_limits(0)  # drain() then means: all in the kernel
            upstream = asyncio.create_task(_copy(client_reader, server_writer))
            try:
                await self._answers(server_reader, client_writer)
            finally:
                upstream.cancel()
                with contextlib.suppress(BaseException):
                    await upstream
                server_writer.close()
        except (OSError, asyncio.IncompleteReadError):
            pass
        finally:
            if not client_writer.is_closing():
                client_writer.close()
            self._tasks.discard(task)

    async def _answers(self, server: asyncio.StreamReader, client: asyncio.StreamWriter) -> None:
        """Copy the server's answers to the client, as the mode says."""
        generation, count = -1, 0
        while True:
            data = await server.read(CHUNK)
            if not data:
                with contextlib.suppress(OSError):
                    client.write_eof()
                return
            while True:
                with self._lock:
                    mode = self._mode
                if mode.generation != generation:
                    generation, count = mode.generation, 0
                if mode.kind != "stall":
                    break
                assert self._changed is not None
                await self._changed.wait()
            if mode.kind in ("reset", "close") and count + len(data) >= mode.limit:
                client.write(data[: mode.limit - count])
                await client.drain()
                self._spend(mode)
                if mode.kind == "reset":
                    _reset(client)
                else:
                    client.close()
                self._count(cut=1)
                return
            count += len(data)
            client.write(data)
            await client.drain()

    def _spend(self, mode: _Mode) -> None:
        """One cut of ``mode`` done: after its last one, back to passing through."""
        with self._lock:
            if self._mode.generation != mode.generation or self._times_left is None:
                return
            self._times_left -= 1
            if self._times_left > 0:
                return
            self._mode = _Mode("pass", generation=mode.generation + 1)
        self._wake()


async def _copy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(OSError, asyncio.CancelledError):
        while data := await reader.read(CHUNK):
            writer.write(data)
            await writer.drain()
        writer.write_eof()


def _reset(writer: asyncio.StreamWriter) -> None:
    """Close with SO_LINGER 0: the peer gets a TCP RST."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()
