"""``/api/_emulator/...``: test controls over HTTP. Not part of Daytona's API.

- ``GET|POST|DELETE /_emulator/faults``, ``DELETE /_emulator/faults/{id}``: planned failures (body of POST:
  ``{"method", "path", "query", "status", "headers", "body", "emptyBody", "times", "nth", "probability",
  "seed", "delay", "after", "kind", "location", "cutAfter"}``; see :mod:`daytona_emulator.control.faults`).
- ``GET|DELETE /_emulator/requests``: the journal of received requests.
- ``POST /_emulator/sandboxes/{sandboxIdOrName}/error``: force ``error`` (``{"reason", "recoverable"}``).
- ``GET|PATCH /_emulator/settings``: read or change ``transitionDelay``, ``buildDuration`` and
  ``notificationsMuted`` (the notification gateway accepts clients but sends no events: a silent gateway).
"""

from __future__ import annotations

from dataclasses import asdict

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from daytona_emulator.control import http as h
from daytona_emulator.control.views import sandbox_dto
from daytona_emulator.errors import bad_request, not_found


async def list_faults(request: Request) -> Response:
    return h.ok([f.describe() for f in h.emulator(request).faults.items()])


async def add_fault(request: Request) -> Response:
    fault = h.emulator(request).faults.add_from_json(await h.json_body(request))
    return h.ok(fault.describe(), status=201)


async def clear_faults(request: Request) -> Response:
    h.emulator(request).faults.clear()
    return h.empty(204)


async def remove_fault(request: Request) -> Response:
    if not h.emulator(request).faults.remove(h.path_int(request, "faultId")):
        raise not_found("Fault")
    return h.empty(204)


async def list_requests(request: Request) -> Response:
    return h.ok([asdict(e) for e in h.emulator(request).requests.entries()])


async def clear_requests(request: Request) -> Response:
    h.emulator(request).requests.clear()
    return h.empty(204)


async def force_error(request: Request) -> Response:
    state = h.emulator(request)
    body = await h.json_body(request, required=False)
    reason = h.opt_str(body, "reason") or "Injected error"
    recoverable = h.opt_bool(body, "recoverable")
    rec = state.force_error(
        h.path_param(request, "sandboxIdOrName"), reason, True if recoverable is None else recoverable
    )
    return h.ok(sandbox_dto(rec, f"{h.server_root(request)}/toolbox"))


def _timing(request: Request) -> Response:
    state = h.emulator(request)
    settings = state.settings
    return h.ok(
        {
            "transitionDelay": settings.transition_delay,
            "buildDuration": settings.build_duration,
            "notificationsMuted": state.notifications.muted,
        }
    )


async def get_settings(request: Request) -> Response:
    return _timing(request)


async def patch_settings(request: Request) -> Response:
    body = await h.json_body(request)
    settings = h.emulator(request).settings
    for key, attr in (("transitionDelay", "transition_delay"), ("buildDuration", "build_duration")):
        if key in body:
            value = body[key]
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise bad_request(f"{key} must be a non-negative number")
            setattr(settings, attr, float(value))
    if "notificationsMuted" in body:
        if not isinstance(body["notificationsMuted"], bool):
            raise bad_request("notificationsMuted must be a boolean")
        h.emulator(request).notifications.muted = body["notificationsMuted"]
    return _timing(request)


def admin_routes() -> list[BaseRoute]:
    return [
        Route("/_emulator/faults", list_faults, methods=["GET"]),
        Route("/_emulator/faults", add_fault, methods=["POST"]),
        Route("/_emulator/faults", clear_faults, methods=["DELETE"]),
        Route("/_emulator/faults/{faultId}", remove_fault, methods=["DELETE"]),
        Route("/_emulator/requests", list_requests, methods=["GET"]),
        Route("/_emulator/requests", clear_requests, methods=["DELETE"]),
        Route("/_emulator/sandboxes/{sandboxIdOrName}/error", force_error, methods=["POST"]),
        Route("/_emulator/settings", get_settings, methods=["GET"]),
        Route("/_emulator/settings", patch_settings, methods=["PATCH"]),
    ]
