"""How a planned fault (:mod:`daytona_emulator.control.faults`) is answered over ASGI: in the place of the server, or
after the server handled the request (replacing or cutting its real answer)."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket

from daytona_emulator.control.faults import Fault, expect_cut
from daytona_emulator.errors import error_body
from daytona_emulator.recording import ResponseWatcher

# A gzip member header followed by bytes that are no deflate stream: every gzip decoder fails on it.
CORRUPT_GZIP = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\xffnot a deflate stream\xff" * 4


def fault_response(fault: Fault, conn: HTTPConnection) -> Response:
    """The whole answer a fault gives (a ``cut`` one is the ``status`` kind's answer, cut when sent)."""
    status = fault.status or 500
    headers = dict(fault.headers)
    if fault.kind == "redirect":
        headers["location"] = fault.location or "/"
        return Response(b"", status_code=status, headers=headers)
    if fault.kind == "gzip":
        headers["content-encoding"] = "gzip"
        return Response(CORRUPT_GZIP, status_code=status, headers=headers, media_type="application/json")
    if fault.empty_body:
        return Response(b"", status_code=status, headers=headers)
    body: Any = fault.body
    if body is None:
        body = error_body(status, "Injected fault", conn)
        if status == 429:
            body["message"] = "ThrottlerException: Too Many Requests"
    return JSONResponse(body, status_code=status, headers=headers)


async def answer_before(
    fault: Fault, scope: Scope, receive: Receive, send: Send, watcher: ResponseWatcher | None
) -> bool:
    """Apply a fault before the server sees the request; True when the request is answered (or cut) by it."""
    if fault.delay:
        await asyncio.sleep(fault.delay)
    if fault.status is None:  # only delayed
        return False
    if watcher is not None and not fault.recorded:
        watcher.ignore()  # an answer chosen by the test, not the API's
    conn = HTTPConnection(scope)
    response = fault_response(fault, conn)
    if scope["type"] == "websocket":
        websocket = WebSocket(scope, receive, send)
        if "websocket.http.response" in scope.get("extensions", {}):
            await websocket.send_denial_response(response)
        else:
            await websocket.close(code=1008)
        return True
    if fault.kind == "cut":
        await _send_cut(response, fault.cut_after, send)
        return True
    await response(scope, receive, send)
    return True


async def answer_after(
    fault: Fault, app: ASGIApp, scope: Scope, receive: Receive, send: Send, watcher: ResponseWatcher | None
) -> None:
    """Let the server handle an HTTP request, then answer with the fault (or cut the real answer)."""
    if fault.kind == "cut":
        if watcher is not None:
            watcher.ignore()
        cutter = _Cutter(send, fault.cut_after)
        try:
            await app(scope, receive, cutter)
        except Exception:
            if not cutter.cut:
                raise
        if cutter.cut:
            expect_cut()
        return
    held: list[Message] = []

    async def hold(message: Message) -> None:
        held.append(message)

    await app(scope, receive, hold)
    if fault.delay:
        await asyncio.sleep(fault.delay)
    if fault.status is None:  # only delayed: the real answer, late
        for message in held:
            await send(message)
        return
    if watcher is not None and not fault.recorded:
        watcher.ignore()
    await fault_response(fault, HTTPConnection(scope))(scope, receive, send)


async def _send_cut(response: Response, limit: int, send: Send) -> None:
    """Send the answer's head and the first ``limit`` bytes of its body, then leave it incomplete (the server
    closes the connection)."""
    await send({"type": "http.response.start", "status": response.status_code, "headers": response.raw_headers})
    await send({"type": "http.response.body", "body": bytes(response.body[:limit]), "more_body": True})
    expect_cut()


class _CutDone(Exception):
    """Raised into the app once the cut is made (nothing more of its answer is wanted)."""


class _Cutter:
    """A ``send`` that passes the answer on until ``limit`` body bytes, then stops it mid-body. An answer
    whose whole body fits is passed whole."""

    def __init__(self, send: Send, limit: int) -> None:
        self._send = send
        self._room = limit
        self.cut = False

    async def __call__(self, message: Message) -> None:
        if self.cut:
            raise _CutDone
        if message["type"] != "http.response.body":
            await self._send(message)
            return
        body: bytes = message.get("body", b"")
        more = message.get("more_body", False)
        if len(body) < self._room or (len(body) == self._room and not more):
            self._room -= len(body)
            await self._send(message)
            return
        await self._send({"type": "http.response.body", "body": body[: self._room], "more_body": True})
        self.cut = True
        raise _CutDone
