"""Interpreter contexts: one long-lived Python process per context (see interpreter_driver.py)."""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import json
import os
import signal
import sys
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from emulator.errors import bad_request, not_found
from emulator.toolbox.common import now_iso
from emulator.toolbox.interpreter_driver import MARKER_PREFIX, MARKER_SUFFIX

if TYPE_CHECKING:
    from emulator.toolbox.workspace import SandboxWorkspace

DRIVER = Path(__file__).with_name("interpreter_driver.py")
DEFAULT_CONTEXT = "default"
DEFAULT_TIMEOUT_SECONDS = 600
_INTERRUPT_GRACE_SECONDS = 2.0

Emit = Callable[[dict[str, Any]], Awaitable[None]]


class ExecutionTimeout(Exception):
    pass


class _Run:
    """The execution in progress: where its output goes, and when each part of it has ended."""

    def __init__(self, token: str, emit: Emit) -> None:
        self.token = token
        self.emit = emit
        self.streams_done = {"stdout": asyncio.Event(), "stderr": asyncio.Event()}
        self.result: asyncio.Future[dict[str, Any] | None] = asyncio.get_running_loop().create_future()


class _MarkerSplitter:
    """Splits a byte stream at the driver's end-of-execution markers (which may arrive split)."""

    def __init__(self) -> None:
        self.buffer = bytearray()

    def feed(self, data: bytes) -> list[bytes | str]:
        """Plain output as bytes, a marker's token as str, in order."""
        self.buffer.extend(data)
        pieces: list[bytes | str] = []
        while True:
            start = self.buffer.find(MARKER_PREFIX)
            if start == -1:
                keep = 0
                for size in range(min(len(MARKER_PREFIX) - 1, len(self.buffer)), 0, -1):
                    if self.buffer.endswith(MARKER_PREFIX[:size]):
                        keep = size
                        break
                if len(self.buffer) > keep:
                    pieces.append(bytes(self.buffer[: len(self.buffer) - keep]))
                    del self.buffer[: len(self.buffer) - keep]
                return pieces
            end = self.buffer.find(MARKER_SUFFIX, start + len(MARKER_PREFIX))
            if start:
                pieces.append(bytes(self.buffer[:start]))
            if end == -1:
                del self.buffer[:start]
                return pieces
            pieces.append(self.buffer[start + len(MARKER_PREFIX) : end].decode())
            del self.buffer[: end + 1]


async def _safe_emit(run: _Run, frame: dict[str, Any]) -> None:
    """Output for a client that has gone away is dropped; the context carries on."""
    with contextlib.suppress(Exception):
        await run.emit(frame)


class InterpreterContext:
    def __init__(self, workspace: SandboxWorkspace, context_id: str, cwd: str, language: str) -> None:
        self.workspace = workspace
        self.id = context_id
        self.cwd = cwd
        self.language = language
        self.created_at = now_iso()
        self._proc: asyncio.subprocess.Process | None = None
        self._requests: asyncio.StreamWriter | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._run: _Run | None = None
        self._lock = asyncio.Lock()

    @property
    def active(self) -> bool:
        return self._proc is not None and self._proc.returncode is None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "cwd": self.cwd,
            "language": self.language,
            "createdAt": self.created_at,
            "active": self.active,
        }

    async def _ensure_started(self) -> None:
        if self.active:
            return
        await self._stop()
        loop = asyncio.get_running_loop()
        request_read, request_write = os.pipe()
        result_read, result_write = os.pipe()
        try:
            self._proc = await self.workspace.children.spawn(
                sys.executable,
                "-u",
                "-P",
                str(DRIVER),
                str(request_read),
                str(result_write),
                cwd=self.workspace.paths.host(self.cwd),
                env=self.workspace.env({"PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8"}),
                pass_fds=(request_read, result_write),
            )
        finally:
            os.close(request_read)
            os.close(result_write)
        transport, protocol = await loop.connect_write_pipe(
            asyncio.streams.FlowControlMixin, os.fdopen(request_write, "wb", buffering=0)
        )
        self._requests = asyncio.StreamWriter(transport, protocol, None, loop)
        results = asyncio.StreamReader()
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(results), os.fdopen(result_read, "rb", 0))
        assert self._proc.stdout is not None and self._proc.stderr is not None
        self._tasks = [
            asyncio.ensure_future(self._pump("stdout", self._proc.stdout)),
            asyncio.ensure_future(self._pump("stderr", self._proc.stderr)),
            asyncio.ensure_future(self._read_results(results)),
        ]

    async def _pump(self, stream: str, reader: asyncio.StreamReader) -> None:
        splitter = _MarkerSplitter()
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        while True:
            data = await reader.read(65536)
            if not data:
                run = self._run
                if run is not None:
                    run.streams_done[stream].set()
                return
            for piece in splitter.feed(data):
                run = self._run
                if isinstance(piece, str):
                    if run is not None and run.token == piece:
                        tail = decoder.decode(b"", final=True)
                        if tail:
                            await _safe_emit(run, {"type": stream, "text": tail})
                        run.streams_done[stream].set()
                    continue
                text = decoder.decode(piece)
                if run is not None and text:
                    await _safe_emit(run, {"type": stream, "text": text})

    async def _read_results(self, results: asyncio.StreamReader) -> None:
        while True:
            line = await results.readline()
            if not line:
                break
            message = json.loads(line)
            run = self._run
            if run is not None and message.get("token") == run.token and not run.result.done():
                run.result.set_result(message.get("error"))
        run = self._run
        if run is not None and not run.result.done():
            run.result.set_result(
                {"name": "InterpreterExited", "value": "the interpreter process exited", "traceback": ""}
            )
            for event in run.streams_done.values():
                event.set()

    async def execute(self, code: str, envs: dict[str, str], time_limit: float | None, emit: Emit) -> None:
        """Run `code`, emitting output frames and then an error frame if it raised; ExecutionTimeout on timeout."""
        async with self._lock:
            await self._ensure_started()
            run = _Run(uuid.uuid4().hex, emit)
            self._run = run
            assert self._requests is not None
            self._requests.write((json.dumps({"token": run.token, "code": code, "envs": envs}) + "\n").encode())
            finished = asyncio.ensure_future(self._finished(run))
            try:
                await self._requests.drain()
                error = await asyncio.wait_for(asyncio.shield(finished), time_limit)
            except TimeoutError as exc:
                await self._interrupt(run, finished)
                raise ExecutionTimeout from exc
            except asyncio.CancelledError:
                await self._interrupt(run, finished)
                raise
            finally:
                self._run = None
            if error:
                await emit({"type": "error", **error})

    async def _finished(self, run: _Run) -> dict[str, Any] | None:
        error = await run.result
        for event in run.streams_done.values():
            await event.wait()
        return error

    async def _interrupt(self, run: _Run, finished: asyncio.Future[dict[str, Any] | None]) -> None:
        """SIGINT the code (and what it started); if it does not stop in time, the context restarts fresh."""
        if self._proc is not None and self._proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._proc.pid, signal.SIGINT)
        try:
            await asyncio.wait_for(asyncio.shield(finished), _INTERRUPT_GRACE_SECONDS)
        except (TimeoutError, asyncio.CancelledError):
            await self._stop()
            if not run.result.done():
                run.result.set_result(None)
            for event in run.streams_done.values():
                event.set()

    async def _stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            await self.workspace.children.kill(proc)
        if self._requests is not None:
            self._requests.close()
            self._requests = None
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await asyncio.wait_for(task, 2.0)

    async def close(self) -> None:
        await self._stop()


class InterpreterManager:
    def __init__(self, workspace: SandboxWorkspace) -> None:
        self.workspace = workspace
        self.contexts: dict[str, InterpreterContext] = {}

    def create(self, cwd: str | None, language: str | None) -> InterpreterContext:
        language = (language or "python").lower()
        if language != "python":
            raise bad_request(f"unsupported language: {language} (interpreter contexts support python only)")
        sandbox_cwd = self.workspace.paths.normalise(cwd or "")
        if not self.workspace.paths.host(sandbox_cwd).is_dir():
            raise bad_request(f"working directory {sandbox_cwd} does not exist")
        context = InterpreterContext(self.workspace, str(uuid.uuid4()), sandbox_cwd, language)
        self.contexts[context.id] = context
        return context

    def get(self, context_id: str | None) -> InterpreterContext:
        if not context_id or context_id == DEFAULT_CONTEXT:
            context = self.contexts.get(DEFAULT_CONTEXT)
            if context is None:
                context = InterpreterContext(
                    self.workspace, DEFAULT_CONTEXT, self.workspace.paths.normalise(""), "python"
                )
                self.contexts[DEFAULT_CONTEXT] = context
            return context
        context = self.contexts.get(context_id)
        if context is None:
            raise not_found(f"interpreter context {context_id}")
        return context

    def user_contexts(self) -> list[InterpreterContext]:
        return [context for key, context in self.contexts.items() if key != DEFAULT_CONTEXT]

    async def delete(self, context_id: str) -> None:
        if context_id == DEFAULT_CONTEXT or context_id not in self.contexts:
            raise not_found(f"interpreter context {context_id}")
        await self.contexts.pop(context_id).close()

    async def close(self) -> None:
        contexts, self.contexts = list(self.contexts.values()), {}
        for context in contexts:
            await context.close()
