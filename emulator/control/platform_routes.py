"""Service-wide endpoints: configuration, regions, health, object-storage credentials, telemetry."""

from __future__ import annotations

from datetime import UTC, datetime

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from emulator.control import http as h
from emulator.control.records import new_token
from emulator.errors import bad_request, not_found

_EPOCH = datetime(2025, 1, 1, tzinfo=UTC)


async def get_config(request: Request) -> Response:
    settings = h.emulator(request).settings
    root = h.server_root(request)
    port = f":{request.url.port}" if request.url.port else ""
    return h.ok(
        {
            "version": settings.version,
            "oidc": {"issuer": f"{root}/oidc", "clientId": "daytona-emulator", "audience": "daytona-emulator"},
            "linkedAccountsEnabled": False,
            "announcements": {},
            "proxyTemplateUrl": f"{request.url.scheme}://{{{{PORT}}}}-{{{{sandboxId}}}}.localhost{port}",
            "proxyToolboxUrl": f"{root}/toolbox",
            "defaultSnapshot": settings.default_snapshot,
            "dashboardUrl": f"{root}/dashboard",
            "maxAutoArchiveInterval": 43200,
            "maintananceMode": False,
            "environment": "emulator",
            "sshGatewayCommand": f"ssh -p 2222 {{{{TOKEN}}}}@{request.url.hostname or 'localhost'}",
        }
    )


def _regions(request: Request) -> list[dict[str, object]]:
    stamp = h.iso(_EPOCH)
    return [
        {
            "id": region,
            "name": region,
            "organizationId": None,
            "regionType": "shared",
            "createdAt": stamp,
            "updatedAt": stamp,
            "proxyUrl": None,
            "sshGatewayUrl": None,
            "snapshotManagerUrl": None,
        }
        for region in h.emulator(request).settings.regions
    ]


async def list_regions(request: Request) -> Response:
    return h.ok(_regions(request))


async def get_region(request: Request) -> Response:
    wanted = h.path_param(request, "id")
    for region in _regions(request):
        if region["id"] == wanted:
            return h.ok(region)
    raise not_found(f"Region {wanted}")


async def health(request: Request) -> Response:
    """The liveness probe: openapi.yaml documents its 200 without a body."""
    return h.empty()


async def health_ready(request: Request) -> Response:
    details = {"database": {"status": "up"}, "redis": {"status": "up"}}
    return h.ok({"status": "ok", "info": details, "error": {}, "details": details})


async def push_access(request: Request) -> Response:
    """Credentials that look right but open nothing: image-context uploads are not emulated."""
    settings = h.emulator(request).settings
    return h.ok(
        {
            "accessKey": "EMULATOR" + new_token(9).upper(),
            "secret": new_token(30),
            "sessionToken": new_token(48),
            "storageUrl": f"{h.server_root(request)}/object-storage",
            "organizationId": settings.organization_id,
            "bucket": "daytona-emulator-contexts",
        }
    )


def _time_range(request: Request) -> None:
    start, end = h.q_datetime(request, "from"), h.q_datetime(request, "to")
    if start is None or end is None:
        raise bad_request("from and to are required")
    if end < start:
        raise bad_request("to must not be before from")


async def telemetry_page(request: Request) -> Response:
    h.emulator(request).sandbox_by_id(h.path_param(request, "sandboxId"))
    _time_range(request)
    page = h.q_int(request, "page", 1) or 1
    h.q_int(request, "limit", 1)
    return h.ok({"items": [], "total": 0, "page": page, "totalPages": 0})


async def telemetry_spans(request: Request) -> Response:
    h.emulator(request).sandbox_by_id(h.path_param(request, "sandboxId"))
    return h.ok([])


async def telemetry_metrics(request: Request) -> Response:
    h.emulator(request).sandbox_by_id(h.path_param(request, "sandboxId"))
    _time_range(request)
    return h.ok({"series": []})


def platform_routes() -> list[BaseRoute]:
    telemetry = "/sandbox/{sandboxId}/telemetry"
    return [
        Route("/config", get_config, methods=["GET"]),
        Route("/regions", list_regions, methods=["GET"]),
        Route("/regions/{id}", get_region, methods=["GET"]),
        Route("/shared-regions", list_regions, methods=["GET"]),
        Route("/health", health, methods=["GET"]),
        Route("/health/ready", health_ready, methods=["GET"]),
        Route("/object-storage/push-access", push_access, methods=["GET"]),
        Route(f"{telemetry}/logs", telemetry_page, methods=["GET"]),
        Route(f"{telemetry}/traces", telemetry_page, methods=["GET"]),
        Route(f"{telemetry}/traces/{{traceId}}", telemetry_spans, methods=["GET"]),
        Route(f"{telemetry}/metrics", telemetry_metrics, methods=["GET"]),
    ]
