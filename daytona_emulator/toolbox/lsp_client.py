"""A minimal JSON-RPC 2.0 client for a language server on stdio (Content-Length framing)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

REQUEST_TIMEOUT_SECONDS = 30.0


class LspError(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class JsonRpcConnection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer
        self._next_id = 0
        self._pending: dict[int, asyncio.Future[Any]] = {}
        self._task = asyncio.ensure_future(self._read_loop())

    async def request(self, method: str, params: Any, time_limit: float = REQUEST_TIMEOUT_SECONDS) -> Any:
        self._next_id += 1
        request_id = self._next_id
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[request_id] = future
        try:
            await self._send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
            return await asyncio.wait_for(future, time_limit)
        finally:
            self._pending.pop(request_id, None)

    async def notify(self, method: str, params: Any) -> None:
        await self._send({"jsonrpc": "2.0", "method": method, "params": params})

    async def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode()
        self._writer.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        await self._writer.drain()

    async def _read_message(self) -> dict[str, Any] | None:
        length = None
        while True:
            line = await self._reader.readline()
            if not line:
                return None
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii", "replace").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        if length is None:
            return {}
        message: dict[str, Any] = json.loads(await self._reader.readexactly(length))
        return message

    async def _read_loop(self) -> None:
        try:
            while True:
                message = await self._read_message()
                if message is None:
                    break
                await self._dispatch(message)
        except (asyncio.IncompleteReadError, ConnectionError, ValueError):
            pass
        finally:
            for future in self._pending.values():
                if not future.done():
                    future.set_exception(LspError(-32099, "the language server exited"))

    async def _dispatch(self, message: dict[str, Any]) -> None:
        if "method" in message and "id" in message:
            # A request from the server (configuration, capability registration, progress): accept blandly.
            params = message.get("params") or {}
            result: Any = None
            if message["method"] == "workspace/configuration":
                result = [None for _ in params.get("items", [])]
            with contextlib.suppress(ConnectionError):
                await self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})
            return
        future = self._pending.get(message.get("id"))  # type: ignore[arg-type]
        if future is None or future.done():
            return
        if "error" in message:
            error = message["error"] or {}
            future.set_exception(LspError(error.get("code", -32603), error.get("message", "language server error")))
        else:
            future.set_result(message.get("result"))

    async def close(self) -> None:
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await self._task
        with contextlib.suppress(Exception):
            self._writer.close()
