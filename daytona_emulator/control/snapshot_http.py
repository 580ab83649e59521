"""The ``/snapshots`` routes (SnapshotController), and the proxy's ``/snapshots/{id}/build-logs`` stream.

Snapshot names may hold slashes (``daytonaio/sandbox:0.5.0``); clients send them percent-encoded, so the
routes take the raw path and split it on real slashes only, as Express does.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from urllib.parse import unquote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from daytona_emulator.control import dto_checks as v
from daytona_emulator.control import http as h
from daytona_emulator.control.buildlog import POLL_SECONDS, BuildLog
from daytona_emulator.control.snapshots import Snapshot, SnapshotService
from daytona_emulator.errors import EmulatorHTTPError, bad_request

RUNNER_WAIT_SECONDS = 30.0
PREFIX = "/snapshots/"
PROXY_ID = re.compile(r"[\w-]+")


def missing(message: str) -> EmulatorHTTPError:
    """A 404 with exactly this message."""
    return EmulatorHTTPError(404, message, code="NOT_FOUND")


def _service(request: Request) -> SnapshotService:
    return h.emulator(request).snapshot_service


def _segments(request: Request) -> list[str]:
    """The path after ``/snapshots/``, split on unencoded slashes, each part percent-decoded."""
    raw = request.scope.get("raw_path") or request.scope["path"].encode()
    text = raw.decode("latin-1").split("?", 1)[0]
    tail = text[text.index(PREFIX) + len(PREFIX) :]
    return [unquote(part) for part in tail.split("/")]


async def list_snapshots(request: Request) -> Response:
    return h.ok(_service(request).list(v.query_source(request.query_params)))


async def create_snapshot(request: Request) -> Response:
    service = _service(request)
    body = await h.json_body(request)
    # A build's context objects are looked up in the object storage: off the event loop.
    record = await asyncio.to_thread(service.create, body)
    return h.ok(service.view(record))


async def snapshot_item(request: Request) -> Response:
    """GET/DELETE ``/snapshots/{id}``, GET ``.../build-logs[-url]``, POST ``.../activate|deactivate``."""
    parts = _segments(request)
    method = request.method
    if len(parts) == 1 and parts[0]:
        if method == "GET":
            return _get(request, parts[0])
        if method == "DELETE":
            return _delete(request, parts[0])
    elif len(parts) == 2 and parts[0]:
        action = (method, parts[1])
        if action == ("GET", "build-logs"):
            return await _build_logs(request, parts[0])
        if action == ("GET", "build-logs-url"):
            return await _build_logs_url(request, parts[0])
        if action == ("POST", "activate"):
            return _activate(request, parts[0])
        if action == ("POST", "deactivate"):
            return _deactivate(request, parts[0])
    raise HTTPException(404)


def _get(request: Request, id_or_name: str) -> Response:
    service = _service(request)
    service.guarded(id_or_name, write=False)
    return h.ok(service.view(service.with_regions(id_or_name)))


def _delete(request: Request, snapshot_id: str) -> Response:
    service = _service(request)
    service.guarded(snapshot_id, write=True)
    record = service.by_id(service.require_uuid(snapshot_id))
    service.delete(record)
    return h.empty(200)


def _activate(request: Request, snapshot_id: str) -> Response:
    service = _service(request)
    service.guarded(snapshot_id, write=True)
    record = service.by_id(service.require_uuid(snapshot_id))
    return h.ok(service.view(service.activate(record)))


def _deactivate(request: Request, snapshot_id: str) -> Response:
    service = _service(request)
    service.guarded(snapshot_id, write=True)
    service.deactivate(service.by_id(service.require_uuid(snapshot_id)))
    return h.empty(204)


def _follow(request: Request) -> bool:
    """Nest's optional ParseBoolPipe."""
    raw = request.query_params.get("follow")
    if raw is None:
        return False
    if raw not in ("true", "false"):
        raise bad_request("Validation failed (boolean string is expected)")
    return raw == "true"


async def _with_runner(service: SnapshotService, snapshot_id: str) -> Snapshot:
    """The snapshot (by ID) once it has build info and an initial runner, waiting up to 30 s for the runner."""
    record = service.by_id(snapshot_id)
    if record.build_info is None:
        raise missing(f"Snapshot {snapshot_id} has no build info")
    deadline = asyncio.get_running_loop().time() + RUNNER_WAIT_SECONDS
    while record.initial_runner_id is None:
        if asyncio.get_running_loop().time() > deadline:
            raise missing(f"Timeout waiting for build runner assignment for snapshot {snapshot_id}")
        await asyncio.sleep(POLL_SECONDS)
        with service.state.lock:
            service.state.advance_all()
        record = service.by_id(snapshot_id)
    return record


async def _build_logs(request: Request, snapshot_id: str) -> Response:
    """The deprecated log endpoint: empty once the snapshot is active, else the runner's log stream."""
    service = _service(request)
    service.guarded(snapshot_id, write=True)
    follow = _follow(request)
    record = service.by_id(snapshot_id)
    if record.build_info is None:
        raise missing(f"Snapshot {snapshot_id} has no build info")
    if record.state == "active":
        return Response(status_code=200)
    record = await _with_runner(service, snapshot_id)
    return _log_stream(record.build_log, follow)


async def _build_logs_url(request: Request, snapshot_id: str) -> Response:
    """Where the proxy streams the build log: ``{proxy}/snapshots/{id}/build-logs`` (the emulator's root)."""
    service = _service(request)
    service.guarded(snapshot_id, write=True)
    record = await _with_runner(service, snapshot_id)
    return h.ok({"url": f"{h.server_root(request)}/snapshots/{record.id}/build-logs"})


def _log_stream(log: BuildLog | None, follow: bool) -> Response:
    """The runner's ``/snapshots/logs``: the whole log, or with ``follow`` until the build is over."""

    async def chunks() -> AsyncIterator[bytes]:
        sent = 0
        while log is not None:
            finished = log.finished()
            lines = log.visible()
            if len(lines) > sent:
                yield "".join(line + "\n" for line in lines[sent:]).encode()
                sent = len(lines)
            if finished or not follow:
                return
            await asyncio.sleep(POLL_SECONDS)

    return StreamingResponse(chunks(), media_type="application/octet-stream")


async def proxy_build_logs(request: Request) -> Response:
    """The proxy's build-log route: it looks the snapshot up with the caller's token, then asks the runner."""
    service = _service(request)
    id_or_name = h.path_param(request, "id")
    if not PROXY_ID.fullmatch(id_or_name):
        raise HTTPException(404)
    try:
        service.guarded(id_or_name, write=False)
    except EmulatorHTTPError as exc:
        raise EmulatorHTTPError(exc.status, exc.message, code="NOT_FOUND" if exc.status == 404 else exc.code) from exc
    record = service.with_regions(id_or_name)
    if record.ref is None:
        raise bad_request("snapshot has no snapshot reference")
    if record.initial_runner_id is None:
        raise bad_request("snapshot has no initial runner")
    if record.build_log is None:
        raise missing(f"build logs not found for ref: {record.ref}")
    return _log_stream(record.build_log, request.query_params.get("follow") == "true")


def routes() -> list[BaseRoute]:
    return [
        Route("/snapshots", list_snapshots, methods=["GET"]),
        Route("/snapshots", create_snapshot, methods=["POST"]),
        Route("/snapshots/{rest:path}", snapshot_item, methods=["GET", "POST", "DELETE"]),
    ]


def proxy_routes() -> list[BaseRoute]:
    """Routes the emulator serves at its root, where the real proxy serves them."""
    return [Route("/snapshots/{id}/build-logs", proxy_build_logs, methods=["GET"])]
