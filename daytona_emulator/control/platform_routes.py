"""Service-wide endpoints: configuration, regions, health, object-storage credentials, telemetry."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from daytona_emulator.control import dto_checks as v
from daytona_emulator.control import http as h
from daytona_emulator.errors import EmulatorHTTPError, not_found

_EPOCH = datetime(2025, 1, 1, tzinfo=UTC)


async def get_config(request: Request) -> Response:
    """ConfigurationDto: optional integrations (PostHog, Pylon, billing, analytics) are not configured."""
    settings = h.emulator(request).settings
    root = h.server_root(request)
    port = f":{request.url.port}" if request.url.port else ""
    return h.ok(
        {
            "version": settings.version,
            "oidc": {"issuer": f"{root}/oidc", "clientId": "daytona-emulator", "audience": "daytona-emulator"},
            "linkedAccountsEnabled": False,
            "proxyTemplateUrl": f"{request.url.scheme}://{{{{PORT}}}}-{{{{sandboxId}}}}.localhost{port}",
            "proxyToolboxUrl": f"{root}/toolbox",
            "defaultSnapshot": settings.default_snapshot,
            "dashboardUrl": f"{root}/dashboard",
            "maxAutoArchiveInterval": 43200,
            "maintananceMode": False,
            "environment": "emulator",
            "sshGatewayCommand": f"ssh -p 2222 {{{{TOKEN}}}}@{request.url.hostname or 'localhost'}",
            "announcements": {},
            "rateLimit": {"authenticated": {}, "sandboxCreate": {}, "sandboxLifecycle": {}},
        }
    )


def _regions(request: Request) -> list[dict[str, Any]]:
    """The configured regions: shared, not owned by an organization, without quotas to enforce."""
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
    """Regions available to the organization: custom, then dedicated, then shared (all shared here)."""
    return h.ok(_regions(request))


async def list_shared_regions(request: Request) -> Response:
    """Public; shared regions ordered by name."""
    return h.ok(sorted(_regions(request), key=lambda r: r["name"]))


async def get_region(request: Request) -> Response:
    """RegionAccessGuard lets an organization read only its own custom regions; shared ones are 404."""
    raise not_found("Region")


async def health(request: Request) -> Response:
    """The public liveness probe."""
    return h.ok({"status": "ok"})


async def health_ready(request: Request) -> Response:
    """The readiness probe answers only the health-check API key; an organization's key is refused."""
    key = h.emulator(request).settings.health_check_api_key
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if key is None or scheme.lower() != "bearer" or token.strip() != key:
        raise EmulatorHTTPError(403, "Invalid authentication context", code="FORBIDDEN")
    return h.ok({"status": "ok"})


async def push_access(request: Request) -> Response:
    """Temporary credentials for the organization's prefix of the build-context bucket."""
    state = h.emulator(request)
    storage = state.snapshot_service.storage
    # The first call starts the storage server; neither that nor the STS call may block the event loop.
    return h.ok(await asyncio.to_thread(storage.push_access, state.settings.organization_id))


# ---- telemetry (no telemetry store is configured: every query finds nothing) -------------------

_WINDOW = (v.Prop("from", (v.is_date_string(),)), v.Prop("to", (v.is_date_string(),)))
_PAGING = (
    v.Prop("page", (v.minimum(1), v.is_number()), optional=True, transform=v.js_number),
    v.Prop("limit", (v.minimum(1), v.is_number()), optional=True, transform=v.js_number),
)


def _as_list(value: Any) -> Any:
    return value if isinstance(value, list) else [value]


LOGS_QUERY = (
    v.Prop("severities", (v.is_string(each=True), v.is_array()), optional=True, transform=_as_list),
    v.Prop("search", (v.is_string(),), optional=True),
    *_WINDOW,
    *_PAGING,
)
TRACES_QUERY = (*_WINDOW, *_PAGING)
METRICS_QUERY = (
    v.Prop("metricNames", (v.is_string(each=True), v.is_array()), optional=True, transform=_as_list),
    *_WINDOW,
)


def _telemetry(request: Request, props: tuple[v.Prop, ...]) -> v.Checked:
    """SandboxAccessGuard (ID or name), then the query DTO."""
    h.emulator(request).sandbox(h.path_param(request, "sandboxId"))
    return v.validate(v.query_source(request.query_params), props)


def _page(dto: v.Checked) -> dict[str, Any]:
    return {"items": [], "total": 0, "page": dto.get("page", 1), "totalPages": 0}


async def telemetry_logs(request: Request) -> Response:
    return h.ok(_page(_telemetry(request, LOGS_QUERY)))


async def telemetry_traces(request: Request) -> Response:
    return h.ok(_page(_telemetry(request, TRACES_QUERY)))


async def telemetry_spans(request: Request) -> Response:
    h.emulator(request).sandbox(h.path_param(request, "sandboxId"))
    return h.ok([])


async def telemetry_metrics(request: Request) -> Response:
    _telemetry(request, METRICS_QUERY)
    return h.ok({"series": []})


def platform_routes() -> list[BaseRoute]:
    telemetry = "/sandbox/{sandboxId}/telemetry"
    return [
        Route("/config", get_config, methods=["GET"]),
        Route("/regions", list_regions, methods=["GET"]),
        Route("/regions/{id}", get_region, methods=["GET"]),
        Route("/shared-regions", list_shared_regions, methods=["GET"]),
        Route("/health", health, methods=["GET"]),
        Route("/health/ready", health_ready, methods=["GET"]),
        Route("/object-storage/push-access", push_access, methods=["GET"]),
        Route(f"{telemetry}/logs", telemetry_logs, methods=["GET"]),
        Route(f"{telemetry}/traces", telemetry_traces, methods=["GET"]),
        Route(f"{telemetry}/traces/{{traceId}}", telemetry_spans, methods=["GET"]),
        Route(f"{telemetry}/metrics", telemetry_metrics, methods=["GET"]),
    ]
