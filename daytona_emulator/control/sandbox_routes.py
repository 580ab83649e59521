"""HTTP handlers of the ``/sandbox`` operations (lifecycle, settings, listing, build logs).

Each handler runs in the order of ``apps/api/src/sandbox/controllers/sandbox.controller.ts``: the
``SandboxAccessGuard`` (404 for an unknown sandbox) before the ValidationPipe (400 for a bad body or
parameter), then the controller and the service. A POST without ``@HttpCode(200)`` answers 201.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from daytona_emulator.control import http as h
from daytona_emulator.control.buildlog import stream_response
from daytona_emulator.control.records import SandboxRecord
from daytona_emulator.control.sandbox_query import cursor_page, numbered_page
from daytona_emulator.control.sandboxes import SandboxService
from daytona_emulator.control.views import sandbox_dto, sandbox_list_item
from daytona_emulator.errors import EmulatorHTTPError, request_url

NO_WAIT_AFTER_START = ("archived", "restoring", "started")


def toolbox_url(request: Request) -> str:
    return f"{h.server_root(request)}/toolbox"


def _service(request: Request) -> SandboxService:
    return h.emulator(request).sandbox_service


def _one(request: Request, rec: SandboxRecord, status: int = 200) -> Response:
    return h.ok(sandbox_dto(rec, toolbox_url(request)), status=status)


async def _until_disconnected(request: Request) -> None:
    while (await request.receive())["type"] != "http.disconnect":
        pass


async def _wait_started(request: Request, rec: SandboxRecord) -> None:
    """The controller's wait for ``started``; given up early if the client goes away."""
    waiting = asyncio.ensure_future(_service(request).wait_until_started(rec))
    gone = asyncio.ensure_future(_until_disconnected(request))
    try:
        await asyncio.wait({waiting, gone}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (waiting, gone):
            if not task.done():
                task.cancel()
    if waiting.done() and not waiting.cancelled():
        waiting.result()


def _param(request: Request) -> str:
    return h.path_param(request, "sandboxIdOrName")


def _target(request: Request) -> SandboxRecord:
    """The guard, then ``findOneByIdOrName``."""
    service, wanted = _service(request), _param(request)
    service.guard(wanted)
    return service.find(wanted)


async def list_sandboxes(request: Request) -> Response:
    state = h.emulator(request)
    with state.lock:
        state.advance_all()
        page, next_cursor = cursor_page(request, list(state.sandboxes.values()))
        url = toolbox_url(request)
        return h.ok({"items": [sandbox_list_item(s, url) for s in page], "nextCursor": next_cursor})


async def list_sandboxes_paginated(request: Request) -> Response:
    state = h.emulator(request)
    with state.lock:
        state.advance_all()
        items, total, page, pages = numbered_page(request, list(state.sandboxes.values()))
        url = toolbox_url(request)
        return h.ok({"items": [sandbox_dto(s, url) for s in items], "total": total, "page": page, "totalPages": pages})


async def create_sandbox(request: Request) -> Response:
    """Answers the sandbox as created; from a snapshot it first waits (up to 30 s) for ``started``."""
    service = _service(request)
    rec = service.create(await h.nest_object_body(request))
    answer = sandbox_dto(rec, toolbox_url(request), fresh=True)
    if rec.build_info is None and answer.get("state") != "started":
        await _wait_started(request, rec)
    return h.ok(answer)


async def get_sandbox(request: Request) -> Response:
    service, wanted = _service(request), _param(request)
    if h.auth_role(request) == "ssh-gateway":  # the guard lets the gateway through; the service looks up by ID
        return _one(request, service.find_by_id(wanted))
    service.guard(wanted)
    return _one(request, service.find(wanted))


async def delete_sandbox(request: Request) -> Response:
    return _one(request, _service(request).delete(_target(request)))


async def start_sandbox(request: Request) -> Response:
    """Answers once the sandbox is ``started`` (waiting up to 30 s), except when it is being restored
    from an archive."""
    service = _service(request)
    rec = service.start(_target(request))
    if rec.display_state() not in NO_WAIT_AFTER_START:
        await _wait_started(request, rec)
    return _one(request, rec)


async def stop_sandbox(request: Request) -> Response:
    service = _service(request)
    rec = _target(request)
    force = bool(h.parse_bool_pipe(request, "force"))
    return _one(request, service.stop(rec, force))


async def recover_sandbox(request: Request) -> Response:
    service = _service(request)
    rec = _target(request)
    skip = bool(h.parse_bool_pipe(request, "skipStart"))
    rec = service.recover(rec, skip)
    if not skip and rec.display_state() != "started":
        await _wait_started(request, rec)
    return _one(request, rec)


async def pause_sandbox(request: Request) -> Response:
    return _one(request, _service(request).pause(_target(request)))


async def archive_sandbox(request: Request) -> Response:
    return _one(request, _service(request).archive(_target(request)))


async def resize_sandbox(request: Request) -> Response:
    service = _service(request)
    service.guard(_param(request))
    if not h.emulator(request).settings.sandbox_resize_enabled:
        raise EmulatorHTTPError(404, f"Cannot POST {request_url(request)}")
    body = await h.nest_object_body(request)
    service.validate_resize(body)
    return _one(request, service.resize(service.find(_param(request)), body))


async def replace_labels(request: Request) -> Response:
    """``PUT .../labels`` answers the whole sandbox (what the controller returns)."""
    service = _service(request)
    service.guard(_param(request))
    body = await h.nest_object_body(request)
    return _one(request, service.replace_labels(service.find(_param(request)), body.get("labels")))


async def backup_sandbox(request: Request) -> Response:
    return _one(request, _service(request).backup(_target(request)), status=201)


async def snapshot_sandbox(request: Request) -> Response:
    service = _service(request)
    service.guard(_param(request))
    body = await h.nest_object_body(request)
    service.validate_snapshot(body)
    return _one(request, service.snapshot(service.find(_param(request)), body))


async def fork_sandbox(request: Request) -> Response:
    service = _service(request)
    service.guard(_param(request))
    body = await h.nest_object_body(request)
    service.validate_fork(body)
    child = service.fork(service.find(_param(request)), body)
    return h.ok(sandbox_dto(child, toolbox_url(request), fresh=True))


async def sandbox_forks(request: Request) -> Response:
    include = h.query_values(request, "includeDestroyed") == "true"
    url = toolbox_url(request)
    return h.ok([sandbox_dto(s, url) for s in _service(request).forks(_target(request), include)])


async def sandbox_parent(request: Request) -> Response:
    parent = _service(request).parent(_target(request))
    if parent is None:
        raise not_found_message(f"Parent sandbox not found for sandbox {_param(request)}")
    return _one(request, parent)


async def sandbox_ancestors(request: Request) -> Response:
    url = toolbox_url(request)
    return h.ok([sandbox_dto(s, url) for s in _service(request).ancestors(_target(request))])


async def set_public(request: Request) -> Response:
    """``POST .../public/{isPublic}``: only the text ``true`` means public (201)."""
    rec = _target(request)
    public = h.path_param(request, "isPublic") == "true"
    return _one(request, _service(request).set_public(rec, public), status=201)


async def last_activity(request: Request) -> Response:
    """Records activity (201, no body) for any sandbox the guard finds."""
    service, wanted = _service(request), h.path_param(request, "sandboxId")
    if h.auth_role(request) != "ssh-gateway":  # the guard checks an organization's access only
        service.guard(wanted)
    rec = h.emulator(request).sandboxes.get(wanted)
    if rec is not None:
        service.refresh_activity(rec)
    return h.empty(201)


def _interval_handler(kind: str) -> Callable[[Request], Awaitable[Response]]:
    async def handler(request: Request) -> Response:
        service = _service(request)
        rec = _target(request)
        minutes = h.param_number(request, "interval")
        setter = {
            "autostop": service.set_auto_stop,
            "autoarchive": service.set_auto_archive,
            "autodelete": service.set_auto_delete,
        }[kind]
        return _one(request, setter(rec, minutes), status=201)

    return handler


async def network_settings(request: Request) -> Response:
    service = _service(request)
    service.guard(_param(request))
    body = await h.nest_object_body(request)
    service.validate_network(body)
    return _one(request, service.update_network(service.find(_param(request)), body))


async def build_logs(request: Request) -> Response:
    """The deprecated log stream: 404 while no runner builds the image, or for a sandbox without a build."""
    rec = _target(request)
    wanted = _param(request)
    follow = bool(h.parse_bool_pipe(request, "follow"))
    if rec.runner_id is None:
        raise not_found_message(f"Sandbox with ID or name {wanted} has no runner assigned")
    if rec.build_info is None or rec.build_log is None:
        raise not_found_message(f"Sandbox with ID or name {wanted} has no build info")
    return stream_response(rec.build_log, follow)


async def build_logs_url(request: Request) -> Response:
    rec = _target(request)
    if rec.build_info is None:
        raise not_found_message(f"Sandbox {_param(request)} has no build info")
    return h.ok({"url": f"{h.server_root(request)}/sandboxes/{rec.id}/build-logs"})


async def proxied_build_logs(request: Request) -> Response:
    """``GET /sandboxes/{id}/build-logs`` on the proxy (the URL ``build-logs-url`` gives): the runner's
    build log of the sandbox's image; ``?follow=true`` keeps the stream open until the build ends."""
    rec = _service(request).find(h.path_param(request, "sandboxId"))
    if rec.build_info is None or rec.build_log is None:
        raise EmulatorHTTPError(400, "sandbox has no build info")
    follow = request.query_params.get("follow", "").lower() == "true"
    return stream_response(rec.build_log, follow)


async def toolbox_proxy_url(request: Request) -> Response:
    service, wanted = _service(request), h.path_param(request, "sandboxId")
    service.guard(wanted)
    service.find_by_id(wanted)
    return h.ok({"url": toolbox_url(request)})


def not_found_message(message: str) -> EmulatorHTTPError:
    """404 with exactly ``message`` (a ``NotFoundException``)."""
    return EmulatorHTTPError(404, message, code="NOT_FOUND")


def sandbox_routes() -> list[BaseRoute]:
    one = "/sandbox/{sandboxIdOrName}"
    return [
        Route("/sandbox", list_sandboxes, methods=["GET"]),
        Route("/sandbox", create_sandbox, methods=["POST"]),
        Route("/sandbox/paginated", list_sandboxes_paginated, methods=["GET"]),
        Route(one, get_sandbox, methods=["GET"]),
        Route(one, delete_sandbox, methods=["DELETE"]),
        Route(f"{one}/start", start_sandbox, methods=["POST"]),
        Route(f"{one}/stop", stop_sandbox, methods=["POST"]),
        Route(f"{one}/recover", recover_sandbox, methods=["POST"]),
        Route(f"{one}/pause", pause_sandbox, methods=["POST"]),
        Route(f"{one}/archive", archive_sandbox, methods=["POST"]),
        Route(f"{one}/resize", resize_sandbox, methods=["POST"]),
        Route(f"{one}/labels", replace_labels, methods=["PUT"]),
        Route(f"{one}/backup", backup_sandbox, methods=["POST"]),
        Route(f"{one}/snapshot", snapshot_sandbox, methods=["POST"]),
        Route(f"{one}/fork", fork_sandbox, methods=["POST"]),
        Route(f"{one}/forks", sandbox_forks, methods=["GET"]),
        Route(f"{one}/parent", sandbox_parent, methods=["GET"]),
        Route(f"{one}/ancestors", sandbox_ancestors, methods=["GET"]),
        Route(f"{one}/public/{{isPublic}}", set_public, methods=["POST"]),
        Route("/sandbox/{sandboxId}/last-activity", last_activity, methods=["POST"]),
        Route(f"{one}/autostop/{{interval}}", _interval_handler("autostop"), methods=["POST"]),
        Route(f"{one}/autoarchive/{{interval}}", _interval_handler("autoarchive"), methods=["POST"]),
        Route(f"{one}/autodelete/{{interval}}", _interval_handler("autodelete"), methods=["POST"]),
        Route(f"{one}/network-settings", network_settings, methods=["POST"]),
        Route(f"{one}/build-logs", build_logs, methods=["GET"]),
        Route(f"{one}/build-logs-url", build_logs_url, methods=["GET"]),
        Route("/sandbox/{sandboxId}/toolbox-proxy-url", toolbox_proxy_url, methods=["GET"]),
    ]


def proxy_routes() -> list[BaseRoute]:
    """Routes the emulator serves at its root in the place of Daytona's proxy."""
    return [Route("/sandboxes/{sandboxId}/build-logs", proxied_build_logs, methods=["GET"])]
