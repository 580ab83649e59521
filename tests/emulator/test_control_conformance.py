"""Every in-scope control-plane operation answers with the shape Daytona's published API description gives.

Drives the emulator over plain HTTP (including operations the official SDK never calls) and validates
each JSON answer against the response schema of that operation in ``../shared/reference``.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from openapi_schema_validator import OAS30Validator

from emulator.server import RunningEmulator

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "daytona-api.v0.190.0.yaml"
pytestmark = pytest.mark.skipif(
    not REFERENCE.exists(), reason="the reference API description is not beside the project"
)


class Conformance:
    def __init__(self, emulator: RunningEmulator, client: httpx.AsyncClient) -> None:
        self.emulator = emulator
        self.client = client
        self.doc = yaml.safe_load(REFERENCE.read_text())
        self.templates = [(re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", p) + "$"), p) for p in self.doc["paths"]]
        self.checked: set[tuple[str, str]] = set()

    def operation(self, method: str, path: str) -> tuple[str, dict[str, Any]]:
        candidates = [t for rx, t in self.templates if rx.match(path) and method.lower() in self.doc["paths"][t]]
        # a fixed segment beats a parameter (e.g. /sandbox/paginated over /sandbox/{sandboxIdOrName})
        template = min(candidates, key=lambda t: t.count("{"))
        return template, self.doc["paths"][template][method.lower()]

    async def call(self, method: str, path: str, status: int = 200, **kwargs: Any) -> Any:
        response = await self.client.request(method, path, **kwargs)
        assert response.status_code == status, f"{method} {path}: {response.status_code} {response.text}"
        template, op = self.operation(method, path)
        self.checked.add((method.upper(), template))
        documented = op["responses"].get(str(status), {})
        schema = documented.get("content", {}).get("application/json", {}).get("schema")
        if schema is not None:
            validator = OAS30Validator(
                {"allOf": [schema], "components": self.doc["components"]}, format_checker=OAS30Validator.FORMAT_CHECKER
            )
            errors = sorted(validator.iter_errors(response.json()), key=str)
            assert not errors, f"{method} {path}: {errors[0].message} at {list(errors[0].absolute_path)}"
        if response.headers.get("content-type", "").startswith("application/json"):
            return response.json()
        return response.text


def in_scope(method: str, path: str) -> bool:
    """The emulated part of the API: sandboxes, snapshots, volumes and the read-only service endpoints."""
    if not re.match(r"^/(sandbox|snapshots|volumes|config|regions|shared-regions|health|object-storage)", path):
        return False
    if re.search(r"for-runner|/state$|/organization$|/region-quota$", path):
        return False
    return not (path.startswith("/regions") and method != "GET")  # region administration is not emulated


async def settle(emulator: RunningEmulator, sandbox_id: str, state: str) -> None:
    for _ in range(200):
        if emulator.state.sandbox(sandbox_id).state == state:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"{sandbox_id} never reached {state}")


async def test_control_plane_answers_match_the_reference(emulator: RunningEmulator) -> None:
    headers = {"Authorization": f"Bearer {emulator.api_key}"}
    async with httpx.AsyncClient(base_url=emulator.base_url, headers=headers, timeout=10) as client:
        c = Conformance(emulator, client)

        await c.call("GET", "/config")
        assert {r["id"] for r in await c.call("GET", "/regions")} == set(emulator.state.settings.regions)
        await c.call("GET", "/regions/us")
        await c.call("GET", "/regions/mars", status=404)
        await c.call("GET", "/shared-regions")
        await c.call("GET", "/health")
        await c.call("GET", "/health/ready")
        await c.call("GET", "/object-storage/push-access")

        volume = await c.call("POST", "/volumes", json={"name": "conformance-volume"})
        await c.call("GET", f"/volumes/{volume['id']}")
        await c.call("GET", "/volumes/by-name/conformance-volume")
        await c.call("GET", "/volumes", params={"includeDeleted": "true"})
        for _ in range(100):
            if emulator.state.volume(volume["id"]).state == "ready":
                break
            await asyncio.sleep(0.02)

        body = {
            "name": "conformance",
            "labels": {"suite": "conformance"},
            "env": {"A": "1"},
            "volumes": [{"volumeId": volume["id"], "mountPath": "/home/daytona/data"}],
        }
        sandbox = await c.call("POST", "/sandbox", json=body)
        sid = sandbox["id"]
        await settle(emulator, sid, "started")
        await c.call("DELETE", f"/volumes/{volume['id']}", status=409)

        await c.call("GET", f"/sandbox/{sid}", params={"verbose": "true"})
        await c.call("GET", "/sandbox", params={"labels": '{"suite": "conformance"}', "limit": 1})
        await c.call("GET", "/sandbox/paginated", params={"page": 1, "limit": 5, "sort": "name", "order": "asc"})
        await c.call("PUT", f"/sandbox/{sid}/labels", json={"labels": {"suite": "conformance", "x": "y"}})
        await c.call("POST", f"/sandbox/{sid}/public/true")
        await c.call("POST", f"/sandbox/{sid}/last-activity", status=201)
        await c.call("POST", f"/sandbox/{sid}/autostop/20")
        await c.call("POST", f"/sandbox/{sid}/autoarchive/0")
        await c.call("POST", f"/sandbox/{sid}/autodelete/-1")
        await c.call("POST", f"/sandbox/{sid}/network-settings", json={"networkBlockAll": False})
        await c.call("GET", f"/sandbox/{sid}/ports/3000/preview-url")
        signed = await c.call("GET", f"/sandbox/{sid}/ports/3000/signed-preview-url", params={"expiresInSeconds": 30})
        await c.call("POST", f"/sandbox/{sid}/ports/3000/signed-preview-url/{signed['token']}/expire")
        ssh = await c.call("POST", f"/sandbox/{sid}/ssh-access", params={"expiresInMinutes": 5})
        assert (await c.call("GET", "/sandbox/ssh-access/validate", params={"token": ssh["token"]}))["valid"]
        await c.call("DELETE", f"/sandbox/{sid}/ssh-access", params={"token": ssh["token"]})
        await c.call("GET", f"/sandbox/{sid}/toolbox-proxy-url")
        window = {"from": "2025-01-01T00:00:00Z", "to": "2025-01-02T00:00:00Z"}
        await c.call("GET", f"/sandbox/{sid}/telemetry/logs", params=window)
        await c.call("GET", f"/sandbox/{sid}/telemetry/traces", params=window)
        await c.call("GET", f"/sandbox/{sid}/telemetry/traces/abc")
        await c.call("GET", f"/sandbox/{sid}/telemetry/metrics", params=window)

        await c.call("POST", f"/sandbox/{sid}/backup")
        await c.call("POST", f"/sandbox/{sid}/snapshot", json={"name": "conformance-snap"})
        await settle(emulator, sid, "started")
        fork = await c.call("POST", f"/sandbox/{sid}/fork", json={"name": "conformance-fork"})
        await settle(emulator, fork["id"], "started")
        await c.call("GET", f"/sandbox/{sid}/forks")
        assert (await c.call("GET", f"/sandbox/{fork['id']}/parent"))["id"] == sid
        assert [a["id"] for a in await c.call("GET", f"/sandbox/{fork['id']}/ancestors")] == [sid]

        await c.call("POST", f"/sandbox/{sid}/resize", json={"cpu": 2})
        await settle(emulator, sid, "started")
        await c.call("POST", f"/sandbox/{sid}/pause")
        await settle(emulator, sid, "paused")
        await c.call("POST", f"/sandbox/{sid}/start")
        await settle(emulator, sid, "started")
        await c.call("POST", f"/sandbox/{sid}/stop", params={"force": "false"})
        await settle(emulator, sid, "stopped")
        await c.call("POST", f"/sandbox/{sid}/archive")
        await c.call("POST", f"/sandbox/{sid}/start", status=409)
        await settle(emulator, sid, "archived")
        await c.call("POST", f"/sandbox/{sid}/start")
        await settle(emulator, sid, "started")
        emulator.state.force_error(sid, "conformance")
        await c.call("POST", f"/sandbox/{sid}/recover", params={"skipStart": "true"})
        await settle(emulator, sid, "stopped")

        built = await c.call("POST", "/sandbox", json={"buildInfo": {"dockerfileContent": "FROM alpine:3.20\n"}})
        await c.call("GET", f"/sandbox/{built['id']}/build-logs-url")
        logs = await c.call("GET", f"/sandbox/{built['id']}/build-logs", params={"follow": "true"})
        assert "FROM alpine:3.20" in logs

        snap = await c.call("POST", "/snapshots", json={"name": "conformance-image", "imageName": "alpine:3.20"})
        await c.call("GET", f"/snapshots/{snap['id']}")
        await c.call("GET", "/snapshots/conformance-image")
        await c.call("GET", "/snapshots", params={"page": 1, "limit": 2, "sort": "name", "order": "asc"})
        await c.call("GET", f"/snapshots/{snap['id']}/build-logs-url")
        await c.call("GET", f"/snapshots/{snap['id']}/build-logs", params={"follow": "true"})
        for _ in range(200):
            if emulator.state.snapshot(snap["id"]).state == "active":
                break
            await asyncio.sleep(0.02)
        await c.call("POST", f"/snapshots/{snap['id']}/deactivate", status=204)
        await c.call("POST", f"/snapshots/{snap['id']}/activate")
        await c.call("POST", "/snapshots", status=400, json={"name": "bad", "imageName": "alpine:latest"})
        await c.call("DELETE", f"/snapshots/{snap['id']}")

        for target in (fork["id"], built["id"], sid):
            await c.call("DELETE", f"/sandbox/{target}")
        await c.call("GET", "/sandbox/does-not-exist", status=404)

        missing = {
            (m.upper(), p)
            for p, item in c.doc["paths"].items()
            for m in item
            if m in ("get", "post", "put", "delete", "patch") and in_scope(m.upper(), p)
        } - c.checked
        assert not missing, f"operations never exercised: {sorted(missing)}"


async def test_errors_have_the_api_error_shape(emulator: RunningEmulator) -> None:
    async with httpx.AsyncClient(base_url=emulator.base_url, timeout=10) as client:
        refused = await client.get("/sandbox")
        assert refused.status_code == 401
        assert {"statusCode", "message", "error"} <= set(refused.json())
        wrong = await client.get("/sandbox", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        client.headers["Authorization"] = f"Bearer {emulator.api_key}"
        bad = await client.get("/sandbox", params={"limit": 0})
        assert (bad.status_code, bad.json()["statusCode"]) == (400, 400)
        bad_json = await client.post("/sandbox", content=b"{nope", headers={"content-type": "application/json"})
        assert bad_json.status_code == 400
        unknown_route = await client.get("/no-such-thing")
        assert (unknown_route.status_code, unknown_route.json()["statusCode"]) == (404, 404)
