"""HTTP handlers of the ``/sandbox`` operations (lifecycle, settings, listing, build logs)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from emulator.control import http as h
from emulator.control.buildlog import stream_response
from emulator.control.records import SandboxRecord
from emulator.control.sandbox_query import cursor_page, numbered_page
from emulator.control.views import sandbox_dto, sandbox_list_item
from emulator.errors import bad_request


def toolbox_url(request: Request) -> str:
    return f"{h.server_root(request)}/toolbox"


def _one(request: Request, rec: SandboxRecord) -> Response:
    return h.ok(sandbox_dto(rec, toolbox_url(request)))


def _target(request: Request) -> SandboxRecord:
    return h.emulator(request).sandbox(h.path_param(request, "sandboxIdOrName"))


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
    body = await h.json_body(request)
    return _one(request, h.emulator(request).sandbox_service.create(body))


async def get_sandbox(request: Request) -> Response:
    h.q_bool(request, "verbose")
    return _one(request, _target(request))


async def delete_sandbox(request: Request) -> Response:
    return _one(request, h.emulator(request).sandbox_service.delete(_target(request)))


async def start_sandbox(request: Request) -> Response:
    return _one(request, h.emulator(request).sandbox_service.start(_target(request)))


async def stop_sandbox(request: Request) -> Response:
    force = bool(h.q_bool(request, "force"))
    return _one(request, h.emulator(request).sandbox_service.stop(_target(request), force))


async def recover_sandbox(request: Request) -> Response:
    skip = bool(h.q_bool(request, "skipStart"))
    return _one(request, h.emulator(request).sandbox_service.recover(_target(request), skip))


async def pause_sandbox(request: Request) -> Response:
    return _one(request, h.emulator(request).sandbox_service.pause(_target(request)))


async def archive_sandbox(request: Request) -> Response:
    return _one(request, h.emulator(request).sandbox_service.archive(_target(request)))


async def resize_sandbox(request: Request) -> Response:
    body = await h.json_body(request)
    return _one(request, h.emulator(request).sandbox_service.resize(_target(request), body))


async def replace_labels(request: Request) -> Response:
    body = await h.json_body(request)
    labels = h.emulator(request).sandbox_service.replace_labels(_target(request), body)
    return h.ok({"labels": labels})


async def backup_sandbox(request: Request) -> Response:
    return _one(request, h.emulator(request).sandbox_service.backup(_target(request)))


async def snapshot_sandbox(request: Request) -> Response:
    body = await h.json_body(request)
    return _one(request, h.emulator(request).sandbox_service.snapshot(_target(request), body))


async def fork_sandbox(request: Request) -> Response:
    body = await h.json_body(request, required=False)
    return _one(request, h.emulator(request).sandbox_service.fork(_target(request), body))


async def sandbox_forks(request: Request) -> Response:
    h.q_bool(request, "includeDestroyed")  # destroyed sandboxes are forgotten, so there are none to include
    url = toolbox_url(request)
    return h.ok([sandbox_dto(s, url) for s in h.emulator(request).sandbox_service.forks(_target(request))])


async def sandbox_parent(request: Request) -> Response:
    return _one(request, h.emulator(request).sandbox_service.parent(_target(request)))


async def sandbox_ancestors(request: Request) -> Response:
    url = toolbox_url(request)
    return h.ok([sandbox_dto(s, url) for s in h.emulator(request).sandbox_service.ancestors(_target(request))])


async def set_public(request: Request) -> Response:
    raw = h.path_param(request, "isPublic").lower()
    if raw not in ("true", "false"):
        raise bad_request("isPublic must be true or false")
    return _one(request, h.emulator(request).sandbox_service.set_public(_target(request), raw == "true"))


async def last_activity(request: Request) -> Response:
    state = h.emulator(request)
    state.sandbox_service.refresh_activity(state.sandbox_by_id(h.path_param(request, "sandboxId")))
    return h.empty(201)


def _interval_handler(kind: str) -> Callable[[Request], Awaitable[Response]]:
    async def handler(request: Request) -> Response:
        minutes = h.path_int(request, "interval")
        return _one(request, h.emulator(request).sandbox_service.set_interval(_target(request), kind, minutes))

    return handler


async def network_settings(request: Request) -> Response:
    body = await h.json_body(request)
    return _one(request, h.emulator(request).sandbox_service.update_network(_target(request), body))


async def build_logs(request: Request) -> Response:
    rec = _target(request)
    if rec.build_log is None:
        raise bad_request(f"Sandbox {rec.id} was not created from a build, so it has no build logs")
    return stream_response(rec.build_log, bool(h.q_bool(request, "follow")))


async def build_logs_url(request: Request) -> Response:
    rec = _target(request)
    return h.ok({"url": f"{h.server_root(request)}/api/sandbox/{rec.id}/build-logs"})


async def toolbox_proxy_url(request: Request) -> Response:
    h.emulator(request).sandbox_by_id(h.path_param(request, "sandboxId"))
    return h.ok({"url": toolbox_url(request)})


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
