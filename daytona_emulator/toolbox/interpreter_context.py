"""Interpreter contexts as the daemon runs them (``apps/daemon/pkg/toolbox/process/interpreter/``).

One worker process per context (interpreter_driver.py) keeps the context's state. Executions of a context
run one at a time, in the order they arrived; each streams the worker's chunks to its WebSocket client and
ends with a close: 1000 when the code finished, 4008 when its timeout passed. At the timeout the worker gets
SIGINT: if the run ends within 2 s the context keeps its state; otherwise the worker is killed and the next
execution starts a fresh one (state lost). A worker that dies is restarted by the next execution.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import uuid
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from daytona_emulator.errors import EmulatorHTTPError
from daytona_emulator.toolbox import go_wire
from daytona_emulator.toolbox.children import exit_status
from daytona_emulator.toolbox.pty_session import reset_signals

if TYPE_CHECKING:
    from daytona_emulator.toolbox.workspace import SandboxWorkspace

DRIVER = Path(__file__).with_name("interpreter_driver.py")
DEFAULT_CONTEXT = "default"
LANGUAGE = "python"
GRACE_SECONDS = 2.0  # after SIGINT, how long a timed-out run may take to stop before its worker is killed
SHUTDOWN_SECONDS = 2.0  # after SIGTERM, how long a deleted context's worker may take to exit
KILL_SECONDS = 30.0  # ceiling on waiting for a SIGKILLed worker to be reaped
TIMEOUT_CLOSE_CODE = 4008
CLIENT_QUEUE = 1024  # frames a client may fall behind before it is closed as a slow consumer
MAX_LINE = 1024 * 1024  # the daemon's line scanner limit: a longer worker line stops its reading for good
_OUTPUT_FIELDS = ("type", "text", "name", "value", "traceback")


class ContextError(Exception):
    """A context that cannot be started or found; the message is the daemon's."""


@dataclass(frozen=True)
class CloseFrame:
    code: int
    reason: str = ""


class ExecutionClient:
    """The WebSocket of one execution: frames not sent yet, then (once) how to close it."""

    def __init__(self) -> None:
        self.pending: deque[str] = deque()
        self.close: CloseFrame | None = None
        self._wake = asyncio.Event()

    def offer(self, frame: str) -> None:
        if self.close is not None:
            return
        if len(self.pending) >= CLIENT_QUEUE:
            self.finish(CloseFrame(1008, "slow consumer"))
            return
        self.pending.append(frame)
        self._wake.set()

    def finish(self, frame: CloseFrame) -> None:
        if self.close is None:
            self.close = frame
        self._wake.set()

    async def next(self) -> str | CloseFrame:
        while True:
            if self.pending:
                return self.pending.popleft()
            if self.close is not None:
                return self.close
            self._wake.clear()
            await self._wake.wait()


class _Run:
    """The execution in progress: its client and status (``running``, ``ok``, ``error`` or ``timeout``)."""

    def __init__(self, client: ExecutionClient) -> None:
        self.client = client
        self.status = "running"
        self.ended = asyncio.Event()


class _Worker:
    """One started worker process and what watches it."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.exited = asyncio.Event()
        self.tasks: list[asyncio.Task[None]] = []


def _output_frame(chunk: dict[str, Any]) -> str:
    """The daemon's ``OutputMessage`` for a worker chunk: every field present, non-strings as ``""``."""
    return go_wire.dumps({name: go_wire.string_field(chunk, name) for name in _OUTPUT_FIELDS})


class InterpreterContext:
    def __init__(self, manager: InterpreterManager, context_id: str, cwd: str, language: str) -> None:
        self.manager = manager
        self.id = context_id
        self.cwd = cwd
        self.language = language
        self.created_at = go_wire.time_now()
        self.deleted = False
        self._worker: _Worker | None = None
        self._run: _Run | None = None
        self._queue = asyncio.Lock()  # executions of a context run one at a time, first come first served

    @property
    def workspace(self) -> SandboxWorkspace:
        return self.manager.workspace

    @property
    def active(self) -> bool:
        return self._worker is not None and not self._worker.exited.is_set()

    def info(self) -> dict[str, Any]:
        """``ContextInfo`` in the daemon's field order."""
        return {
            "id": self.id,
            "cwd": self.cwd,
            "createdAt": self.created_at,
            "active": self.active,
            "language": self.language,
        }

    # -- the worker -------------------------------------------------------------------------------------

    async def start(self) -> None:
        """Start the worker unless it runs; ContextError if it cannot start (its directory does not exist)."""
        if self.active:
            return
        try:
            host_cwd = self.workspace.paths.host(self.cwd)
        except EmulatorHTTPError:
            host_cwd = None
        if host_cwd is None or not host_cwd.is_dir():
            raise ContextError(f"failed to start Python worker: chdir {self.cwd}: no such file or directory")
        try:
            proc = await self.workspace.children.spawn(
                sys.executable,
                "-P",
                str(DRIVER),
                cwd=host_cwd,
                env=self.workspace.env(),
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.DEVNULL,
                preexec_fn=reset_signals,
            )
        except OSError as exc:
            raise ContextError(f"failed to start Python worker: {exc}") from exc
        worker = _Worker(proc)
        worker.tasks = [asyncio.ensure_future(self._read(worker)), asyncio.ensure_future(self._watch(worker))]
        self._worker = worker

    async def _watch(self, worker: _Worker) -> None:
        """The worker's exit, as soon as it happens (even while a child of it still holds its stdout)."""
        await exit_status(worker.proc)
        self.workspace.children.forget(worker.proc)
        worker.exited.set()

    async def _read(self, worker: _Worker) -> None:
        """Read the worker's protocol lines, like the daemon's line scanner (lines over 1 MiB stop it)."""
        assert worker.proc.stdout is not None
        buffer = bytearray()
        while True:
            data = await worker.proc.stdout.read(65536)
            if not data:
                return
            buffer.extend(data)
            while (end := buffer.find(b"\n")) >= 0:
                line = bytes(buffer[:end]).removesuffix(b"\r")
                del buffer[: end + 1]
                self._on_line(line)
            if len(buffer) >= MAX_LINE:
                return

    def _on_line(self, line: bytes) -> None:
        chunk = go_wire.unmarshal_object(line)
        if chunk is None:
            return  # not a chunk (e.g. a child process's output): the daemon logs and skips it
        run = self._run
        kind, text = go_wire.string_field(chunk, "type"), go_wire.string_field(chunk, "text")
        if run is not None:
            if kind == "error":
                run.status = "error"
            elif kind == "control" and text in ("completed", "interrupted"):
                if text == "interrupted":
                    run.status = "timeout"
                elif run.status == "running":
                    run.status = "ok"
            run.client.offer(_output_frame(chunk))
            if kind == "control" and text in ("completed", "interrupted"):
                run.ended.set()

    async def _send(self, worker: _Worker, code: str, envs: dict[str, str] | None) -> bool:
        stdin = worker.proc.stdin
        if stdin is None or stdin.is_closing():
            return False
        command = {"id": str(uuid.uuid4()), "code": code, "envs": envs}
        try:
            stdin.write((go_wire.dumps(command) + "\n").encode())
            await stdin.drain()
        except (ConnectionError, OSError):
            return False
        return True

    # -- executions ------------------------------------------------------------------------------------------

    async def execute(
        self, code: str, envs: dict[str, str] | None, timeout: float | None, client: ExecutionClient
    ) -> None:
        """Queue an execution; when its turn comes, run it and close ``client`` as the daemon does."""
        async with self._queue:
            if self.deleted:
                client.finish(CloseFrame(1001, "context shutdown"))
                return
            try:
                await self.start()
            except ContextError:
                client.finish(CloseFrame(1011, "worker process ended"))
                return
            worker = self._worker
            assert worker is not None
            run = _Run(client)
            self._run = run
            try:
                client.finish(await self._execute(worker, run, code, envs, timeout))
            finally:
                self._run = None

    async def _execute(
        self, worker: _Worker, run: _Run, code: str, envs: dict[str, str] | None, timeout: float | None
    ) -> CloseFrame:
        if not await self._send(worker, code, envs):
            return CloseFrame(1000)  # the daemon ends a run it could not send normally
        if await _first(run.ended, worker.exited, timeout):
            return self._close_for(run)
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker.proc.pid, signal.SIGINT)
        if await _first(run.ended, worker.exited, GRACE_SECONDS):
            return self._close_for(run)
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker.proc.pid, signal.SIGKILL)
        await _wait(worker.exited, KILL_SECONDS)  # so the next execution sees it gone and starts a fresh one
        return CloseFrame(TIMEOUT_CLOSE_CODE)

    def _close_for(self, run: _Run) -> CloseFrame:
        if not run.ended.is_set() or self.deleted:
            return CloseFrame(1001, "worker process ended")
        return CloseFrame(TIMEOUT_CLOSE_CODE) if run.status == "timeout" else CloseFrame(1000)

    async def shutdown(self) -> None:
        """The daemon's delete: SIGTERM the worker, SIGKILL it if it has not exited within 2 s."""
        self.deleted = True
        worker = self._worker
        if worker is None or worker.exited.is_set():
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker.proc.pid, signal.SIGTERM)
        if not await _wait(worker.exited, SHUTDOWN_SECONDS):
            with contextlib.suppress(ProcessLookupError):
                os.kill(worker.proc.pid, signal.SIGKILL)
        run = self._run
        if run is not None:
            run.client.finish(CloseFrame(1001, "context shutdown"))

    async def close(self) -> None:
        """Stop the worker for good (the sandbox is going away); a run in progress ends as on a worker crash."""
        self.deleted = True
        worker = self._worker
        if worker is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker.proc.pid, signal.SIGKILL)
        await _wait(worker.exited, KILL_SECONDS)
        if worker.proc.stdin is not None:
            worker.proc.stdin.close()
        for task in worker.tasks:
            task.cancel()


async def _wait(event: asyncio.Event, seconds: float) -> bool:
    """Wait until ``event`` is set; False if ``seconds`` passed first."""
    try:
        await asyncio.wait_for(event.wait(), seconds)
    except TimeoutError:
        return False
    return True


async def _first(one: asyncio.Event, other: asyncio.Event, seconds: float | None) -> bool:
    """Wait until either event is set; False if ``seconds`` (None: no limit) passed first."""
    waiters = [asyncio.ensure_future(one.wait()), asyncio.ensure_future(other.wait())]
    try:
        done, _ = await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
    return bool(done)


class InterpreterManager:
    """The sandbox's interpreter contexts by id; ``default`` is the one executions without a context use."""

    def __init__(self, workspace: SandboxWorkspace) -> None:
        self.workspace = workspace
        self.contexts: dict[str, InterpreterContext] = {}
        self.executions: set[asyncio.Task[None]] = set()

    async def create(self, cwd: str, language: str, context_id: str | None = None) -> InterpreterContext:
        """A new context with its worker started (ContextError if it cannot start; nothing is kept then)."""
        context = InterpreterContext(self, context_id or str(uuid.uuid4()), cwd, language)
        await context.start()
        self.contexts[context.id] = context
        return context

    async def get(self, context_id: str) -> InterpreterContext:
        """An existing context, its worker restarted if it had died (ContextError when there is none)."""
        context = self.contexts.get(context_id)
        if context is None and context_id == DEFAULT_CONTEXT:
            return await self.default(self.workspace.paths.normalise(""))  # the daemon's starts with the sandbox
        if context is None:
            raise ContextError(f"context with ID '{context_id}' not found")
        await context.start()
        return context

    async def default(self, cwd: str) -> InterpreterContext:
        """The default context, created on first use (the daemon starts it with the sandbox)."""
        if DEFAULT_CONTEXT in self.contexts:
            return await self.get(DEFAULT_CONTEXT)
        return await self.create(cwd, LANGUAGE, DEFAULT_CONTEXT)

    def user_contexts(self) -> list[InterpreterContext]:
        return [context for key, context in self.contexts.items() if key != DEFAULT_CONTEXT]

    async def delete(self, context_id: str) -> bool:
        context = self.contexts.pop(context_id, None)
        if context is None:
            return False
        await context.shutdown()
        return True

    def run(self, context: InterpreterContext, code: str, envs: dict[str, str] | None, timeout: float | None,
            client: ExecutionClient) -> None:  # fmt: skip
        """Start an execution that runs to its end even if its client goes away (as the daemon's queue does)."""
        task = asyncio.ensure_future(context.execute(code, envs, timeout, client))
        self.executions.add(task)
        task.add_done_callback(self.executions.discard)

    async def close(self) -> None:
        contexts, self.contexts = list(self.contexts.values()), {}
        for context in contexts:
            await context.close()
        if self.executions:  # they end by themselves now: their workers are gone
            await asyncio.wait(list(self.executions), timeout=KILL_SECONDS)
