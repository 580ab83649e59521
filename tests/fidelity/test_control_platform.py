"""/config, regions, health, object-storage push access and sandbox telemetry as Daytona v0.190.0 serves them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from daytona_emulator.server import RunningEmulator
from tests.fidelity._platform_support import error_message

WINDOW = {"from": "2025-01-01T00:00:00Z", "to": "2025-01-02T00:00:00Z"}


# ---- /config -----------------------------------------------------------------------------------------


@pytest.mark.upstream("apps/api/src/config/config.controller.ts", "apps/api/src/auth/global-auth.guard.ts")
def test_config_is_public_even_with_a_wrong_token(anon: httpx.Client) -> None:
    assert anon.get("/config").status_code == 200
    assert anon.get("/config", headers={"Authorization": "Bearer wrong"}).status_code == 200


@pytest.mark.upstream("apps/api/src/config/dto/configuration.dto.ts", "apps/api/src/config/configuration.ts")
def test_config_has_the_dto_fields_and_leaves_out_unconfigured_integrations(
    anon: httpx.Client, emulator: RunningEmulator
) -> None:
    config = anon.get("/config").json()
    assert config["defaultSnapshot"] == emulator.state.settings.default_snapshot
    assert config["maxAutoArchiveInterval"] == 43200 and config["maintananceMode"] is False
    assert config["announcements"] == {} and config["linkedAccountsEnabled"] is False
    assert set(config["oidc"]) == {"issuer", "clientId", "audience"}
    assert config["rateLimit"] == {"authenticated": {}, "sandboxCreate": {}, "sandboxLifecycle": {}}
    assert config["proxyToolboxUrl"] == f"{emulator.root_url}/toolbox"
    for absent in ("posthog", "pylonAppId", "billingApiUrl", "analyticsApiUrl", "sshGatewayPublicKey"):
        assert absent not in config


# ---- regions ----------------------------------------------------------------------------------------


@pytest.mark.upstream("apps/api/src/region/controllers/region.controller.ts", "apps/api/src/region/dto/region.dto.ts")
def test_shared_regions_are_public_and_ordered_by_name(anon: httpx.Client, emulator: RunningEmulator) -> None:
    regions = anon.get("/shared-regions").json()
    assert [r["name"] for r in regions] == sorted(emulator.state.settings.regions)
    assert all(r["regionType"] == "shared" and r["organizationId"] is None for r in regions)
    assert set(regions[0]) == {
        "id",
        "name",
        "organizationId",
        "regionType",
        "createdAt",
        "updatedAt",
        "proxyUrl",
        "sshGatewayUrl",
        "snapshotManagerUrl",
    }


@pytest.mark.upstream(
    "apps/api/src/organization/controllers/organization-region.controller.ts",
    "apps/api/src/organization/services/organization.service.ts",
)
def test_available_regions_need_credentials(api: httpx.Client, anon: httpx.Client) -> None:
    assert anon.get("/regions").status_code == 401
    assert {r["id"] for r in api.get("/regions").json()} == {"us", "eu"}


@pytest.mark.upstream("apps/api/src/region/guards/region-access.guard.ts")
def test_a_shared_region_is_not_readable_by_id(api: httpx.Client) -> None:
    answer = api.get("/regions/us")
    assert (answer.status_code, error_message(answer)) == (404, "Region not found")


# ---- health -------------------------------------------------------------------------------------------


@pytest.mark.upstream("apps/api/src/health/health.controller.ts")
def test_the_liveness_probe_is_public_json(anon: httpx.Client) -> None:
    answer = anon.get("/health", headers={"Authorization": "Bearer wrong"})
    assert (answer.status_code, answer.json()) == (200, {"status": "ok"})


@pytest.mark.upstream(
    "apps/api/src/health/health.controller.ts",
    "apps/api/src/health/guards/health-check-auth-context.guard.ts",
    "apps/api/src/auth/api-key.strategy.ts",
)
def test_the_readiness_probe_answers_only_the_health_check_key(
    api: httpx.Client, anon: httpx.Client, emulator: RunningEmulator
) -> None:
    assert anon.get("/health/ready").status_code == 401
    refused = api.get("/health/ready")
    assert (refused.status_code, error_message(refused)) == (403, "Invalid authentication context")
    key = emulator.state.settings.health_check_api_key
    ready = anon.get("/health/ready", headers={"Authorization": f"Bearer {key}"})
    assert (ready.status_code, ready.json()) == (200, {"status": "ok"})


# ---- object storage ----------------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/api/src/object-storage/controllers/object-storage.controller.ts",
    "apps/api/src/object-storage/services/object-storage.service.ts",
    "apps/api/src/sandbox/dto/storage-access-dto.ts",
)
def test_push_access_gives_the_organizations_temporary_credentials(
    api: httpx.Client, anon: httpx.Client, emulator: RunningEmulator
) -> None:
    assert anon.get("/object-storage/push-access").status_code == 401
    access = api.get("/object-storage/push-access").json()
    assert set(access) == {"accessKey", "secret", "sessionToken", "storageUrl", "organizationId", "bucket"}
    assert access["organizationId"] == emulator.state.settings.organization_id
    assert access["storageUrl"].startswith("http")
    other = api.get("/object-storage/push-access").json()
    assert other["sessionToken"] != access["sessionToken"]


# ---- telemetry -------------------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/api/src/sandbox-telemetry/controllers/sandbox-telemetry.controller.ts",
    "apps/api/src/sandbox/guards/sandbox-access.guard.ts",
)
def test_telemetry_of_an_unknown_sandbox_is_404_before_the_query_is_checked(api: httpx.Client) -> None:
    for suffix in ("logs", "traces", "traces/abc", "metrics"):
        answer = api.get(f"/sandbox/nope/telemetry/{suffix}")
        assert (answer.status_code, error_message(answer)) == (404, "Sandbox with ID or name nope not found")


@pytest.mark.upstream("apps/api/src/sandbox-telemetry/dto/telemetry-query-params.dto.ts")
@pytest.mark.parametrize("kind", ["logs", "traces", "metrics"])
def test_telemetry_needs_an_iso_8601_window(
    api: httpx.Client, new_sandbox: Callable[..., dict[str, Any]], kind: str
) -> None:
    sandbox = new_sandbox()
    missing = api.get(f"/sandbox/{sandbox['id']}/telemetry/{kind}")
    assert missing.status_code == 400
    assert (
        error_message(missing) == "from must be a valid ISO 8601 date string, to must be a valid ISO 8601 date string"
    )
    loose = api.get(f"/sandbox/{sandbox['id']}/telemetry/{kind}", params={"from": "2025-01", "to": "2025-02-03"})
    assert loose.status_code == 200  # validator.js accepts partial dates


@pytest.mark.upstream("apps/api/src/sandbox-telemetry/dto/telemetry-query-params.dto.ts")
def test_telemetry_paging_must_be_at_least_one(api: httpx.Client, new_sandbox: Callable[..., dict[str, Any]]) -> None:
    sandbox = new_sandbox()
    answer = api.get(f"/sandbox/{sandbox['id']}/telemetry/logs", params={**WINDOW, "page": "0", "limit": "x"})
    assert error_message(answer) == (
        "page must not be less than 1, "
        "limit must not be less than 1, limit must be a number conforming to the specified constraints"
    )


@pytest.mark.upstream(
    "apps/api/src/sandbox-telemetry/services/sandbox-telemetry.service.ts",
    "apps/api/src/clickhouse/clickhouse.service.ts",
)
def test_without_a_telemetry_store_every_query_is_empty(
    api: httpx.Client, new_sandbox: Callable[..., dict[str, Any]]
) -> None:
    sandbox = new_sandbox()
    base = f"/sandbox/{sandbox['name']}/telemetry"  # the guard takes a name as well
    logs = api.get(f"{base}/logs", params={**WINDOW, "page": 3, "severities": "ERROR"}).json()
    assert logs == {"items": [], "total": 0, "page": 3, "totalPages": 0}
    assert api.get(f"{base}/traces", params=WINDOW).json() == {"items": [], "total": 0, "page": 1, "totalPages": 0}
    assert api.get(f"{base}/traces/some-trace").json() == []
    assert api.get(f"{base}/metrics", params={**WINDOW, "metricNames": "cpu"}).json() == {"series": []}
