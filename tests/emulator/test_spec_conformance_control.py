"""Every control-plane operation of openapi.yaml, called over plain HTTP, answers as openapi.yaml documents.

Drives the in-process emulator through each operation (including those no SDK calls) and checks each
answer's status, Content-Type and JSON body against our openapi.yaml (``_spec_validator``), on the happy
path and on a few error paths (whose bodies must be ``ApiError``s). The test fails listing every
control-plane operation never exercised, or whose answer did not conform.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import timedelta

import httpx
import pytest

from daytona_emulator.server import RunningEmulator
from tests.emulator._spec_validator import ConformanceRun

WINDOW = {"from": "2025-01-01T00:00:00Z", "to": "2025-01-02T00:00:00Z"}
FAILING_DOCKERFILE = "FROM alpine:3.20\nRUN emulator-fail-build\n"


async def wait_for(check: Callable[[], bool], what: str, within: float = 60.0) -> None:
    for _ in range(int(within / 0.02)):
        if check():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


async def settle(emulator: RunningEmulator, sandbox_id: str, state: str) -> None:
    await wait_for(lambda: emulator.state.sandbox(sandbox_id).state == state, f"{sandbox_id} to be {state}")


@pytest.fixture
async def client(emulator: RunningEmulator) -> AsyncIterator[httpx.AsyncClient]:
    headers = {"Authorization": f"Bearer {emulator.api_key}"}
    async with httpx.AsyncClient(base_url=emulator.base_url, headers=headers, timeout=60) as http:
        yield http


async def test_every_control_plane_operation_answers_as_documented(
    emulator: RunningEmulator, client: httpx.AsyncClient
) -> None:
    c = ConformanceRun(client)

    async with c.area("service"):
        await c.call("GET", "/config")
        regions = await c.json("GET", "/regions")
        assert {r["id"] for r in regions} == set(emulator.state.settings.regions)
        await c.call("GET", "/shared-regions")
        await c.call("GET", "/health")
        await c.call("GET", "/health/ready", expect=403)  # a user's key is no health-check key
        health_key = emulator.state.settings.health_check_api_key
        await c.call("GET", "/health/ready", headers={"Authorization": f"Bearer {health_key}"})
        await c.call("GET", "/object-storage/push-access")

    async with c.area("volumes"):
        volume = await c.json("POST", "/volumes", json={"name": "conformance-volume"})
        await c.call("GET", f"/volumes/{volume['id']}")
        await c.call("GET", "/volumes/by-name/conformance-volume")
        await c.call("GET", "/volumes", params={"includeDeleted": "true"})
        await c.call("GET", "/volumes/by-name/no-such-volume", expect=404)
        await wait_for(lambda: emulator.state.volume(volume["id"]).state == "ready", "the volume to be ready")

    async with c.area("sandbox"):
        # Forks and pauses need a VM sandbox: one made from a linux-vm snapshot.
        vm = {"name": "conformance-vm", "imageName": "alpine:3.20", "sandboxClass": "linux-vm"}
        await c.call("POST", "/snapshots", json=vm)
        await wait_for(lambda: emulator.state.snapshot("conformance-vm").state == "active", "the vm snapshot")
        body = {
            "snapshot": "conformance-vm",
            "name": "conformance",
            "labels": {"suite": "conformance"},
            "env": {"A": "1"},
            "volumes": [{"volumeId": volume["id"], "mountPath": "/home/daytona/data"}],
        }
        sandbox = await c.json("POST", "/sandbox", json=body)
        sid = sandbox["id"]
        await c.call("POST", "/sandbox", expect=409, json={"name": "conformance"})
        await settle(emulator, sid, "started")
        await c.call("DELETE", f"/volumes/{volume['id']}", expect=409)

        await c.call("GET", f"/sandbox/{sid}", params={"verbose": "true"})
        await c.call("GET", "/sandbox", params={"labels": '{"suite": "conformance"}', "limit": 1})
        await c.call("GET", "/sandbox", expect=400, params={"limit": 0})
        await c.call("GET", "/sandbox/paginated", params={"page": 1, "limit": 5, "sort": "name", "order": "asc"})
        await c.call("PUT", f"/sandbox/{sid}/labels", json={"labels": {"suite": "conformance", "x": "y"}})
        await c.call("POST", f"/sandbox/{sid}/public/true")
        await c.call("POST", f"/sandbox/{sid}/last-activity", expect=201)
        await c.call("POST", f"/sandbox/{sid}/autostop/20")
        await c.call("POST", f"/sandbox/{sid}/autoarchive/0")
        await c.call("POST", f"/sandbox/{sid}/autodelete/-1")
        await c.call("POST", f"/sandbox/{sid}/network-settings", json={"networkBlockAll": False})
        await c.call("GET", f"/sandbox/{sid}/ports/3000/preview-url")
        signed = await c.json("GET", f"/sandbox/{sid}/ports/3000/signed-preview-url", params={"expiresInSeconds": 30})
        await c.call("POST", f"/sandbox/{sid}/ports/3000/signed-preview-url/{signed['token']}/expire")
        ssh = await c.json("POST", f"/sandbox/{sid}/ssh-access", params={"expiresInMinutes": 5})
        gateway = {"Authorization": f"Bearer {emulator.state.settings.ssh_gateway_api_key}"}
        validate = "/sandbox/ssh-access/validate"
        assert (await c.json("GET", validate, params={"token": ssh["token"]}, headers=gateway))["valid"]
        assert (await c.json("GET", validate, params={"token": "nope"}, headers=gateway))["sandboxId"] is None
        await c.call("GET", validate, expect=403, params={"token": ssh["token"]})
        await c.call("DELETE", f"/sandbox/{sid}/ssh-access", params={"token": ssh["token"]})
        await c.call("GET", f"/sandbox/{sid}/toolbox-proxy-url")
        await c.call("GET", f"/sandbox/{sid}/telemetry/logs", params=WINDOW)
        await c.call("GET", f"/sandbox/{sid}/telemetry/traces", params=WINDOW)
        await c.call("GET", f"/sandbox/{sid}/telemetry/traces/abc")
        await c.call("GET", f"/sandbox/{sid}/telemetry/metrics", params=WINDOW)

        await c.call("POST", f"/sandbox/{sid}/backup")
        await c.call("POST", f"/sandbox/{sid}/snapshot", json={"name": "conformance-snap"})
        await settle(emulator, sid, "started")
        fork = await c.json("POST", f"/sandbox/{sid}/fork", json={"name": "conformance-fork"})
        await settle(emulator, fork["id"], "started")
        await c.call("GET", f"/sandbox/{sid}/forks")
        assert (await c.json("GET", f"/sandbox/{fork['id']}/parent"))["id"] == sid
        assert [a["id"] for a in await c.json("GET", f"/sandbox/{fork['id']}/ancestors")] == [sid]

        await c.call("POST", f"/sandbox/{sid}/resize", json={"cpu": 2})
        await settle(emulator, sid, "started")
        await c.call("POST", f"/sandbox/{sid}/pause")
        await settle(emulator, sid, "paused")
        await c.call("POST", f"/sandbox/{sid}/start")
        await settle(emulator, sid, "started")
        await c.call("POST", f"/sandbox/{sid}/stop", params={"force": "false"})
        await settle(emulator, sid, "stopped")
        await c.call("POST", f"/sandbox/{sid}/archive")
        await c.call("POST", f"/sandbox/{sid}/stop", expect=409)
        await settle(emulator, sid, "archived")
        await c.call("POST", f"/sandbox/{sid}/archive", expect=400)
        await c.call("POST", f"/sandbox/{sid}/start")
        await settle(emulator, sid, "started")
        emulator.state.force_error(sid, "conformance")
        await c.call("POST", f"/sandbox/{sid}/recover", params={"skipStart": "true"})
        await settle(emulator, sid, "stopped")
        await c.call("POST", f"/sandbox/{sid}/recover", expect=400)

        broken = await c.json("POST", "/sandbox", json={"buildInfo": {"dockerfileContent": FAILING_DOCKERFILE}})
        built = await c.json("POST", "/sandbox", json={"buildInfo": {"dockerfileContent": "FROM alpine:3.20\n"}})
        await c.call("GET", f"/sandbox/{built['id']}/build-logs-url")
        await c.call("GET", f"/sandbox/{sid}/build-logs-url", expect=404)  # not built from a Dockerfile
        # No runner builds the image while it is pending_build: the deprecated stream is 404 until one does.
        await wait_for(lambda: emulator.state.sandbox(built["id"]).state != "pending_build", "a runner to build")
        logs = await c.call("GET", f"/sandbox/{built['id']}/build-logs", params={"follow": "true"})
        assert "FROM alpine:3.20" in logs.text

    async with c.area("snapshots"):
        snap = await c.json("POST", "/snapshots", json={"name": "conformance-image", "imageName": "alpine:3.20"})
        await c.call("GET", f"/snapshots/{snap['id']}")
        await c.call("GET", "/snapshots/conformance-image")
        await c.call("GET", "/snapshots", params={"page": 1, "limit": 2, "sort": "name", "order": "asc"})
        await c.call("GET", f"/snapshots/{snap['id']}/build-logs-url", expect=404)  # pulled: no build info
        to_build = {"name": "conformance-built", "buildInfo": {"dockerfileContent": "FROM alpine:3.20\nRUN true\n"}}
        built_snap = await c.json("POST", "/snapshots", json=to_build)
        await c.call("GET", f"/snapshots/{built_snap['id']}/build-logs-url")
        logs = await c.call("GET", f"/snapshots/{built_snap['id']}/build-logs", params={"follow": "true"})
        assert "RUN true" in logs.text
        await wait_for(lambda: emulator.state.snapshot(snap["id"]).state == "active", "the snapshot to be active")
        await c.call("POST", f"/snapshots/{snap['id']}/deactivate", expect=204)
        await c.call("POST", f"/snapshots/{snap['id']}/activate", expect=400)  # deactivated < 10 minutes ago
        emulator.state.snapshot(snap["id"]).updated_at -= timedelta(minutes=11)
        await c.call("POST", f"/snapshots/{snap['id']}/activate")
        await c.call("POST", "/snapshots", expect=400, json={"name": "bad", "imageName": "alpine:latest"})
        await c.call("DELETE", f"/snapshots/{snap['id']}")
        await c.call("GET", "/snapshots/no-such-snapshot", expect=404)
        failed = {"name": "conformance-broken", "buildInfo": {"dockerfileContent": FAILING_DOCKERFILE}}
        failed_snap = await c.json("POST", "/snapshots", json=failed)
        await wait_for(lambda: emulator.state.snapshot(failed_snap["id"]).state == "error", "a failed build")
        await c.call("GET", f"/snapshots/{failed_snap['id']}")  # errorReason set
        await c.call("GET", "/snapshots", params={"limit": 100})
        await c.call("DELETE", f"/snapshots/{failed_snap['id']}")
        await c.call("DELETE", f"/snapshots/{built_snap['id']}")

    async with c.area("clean-up"):
        await settle(emulator, broken["id"], "build_failed")
        await c.call("GET", f"/sandbox/{broken['id']}")  # errorReason set, not recoverable
        await c.call("GET", "/sandbox/paginated", params={"states": "build_failed"})
        await c.call("DELETE", f"/sandbox/{broken['id']}")
        for target in (fork["id"], built["id"], sid):
            await c.call("DELETE", f"/sandbox/{target}")
        await c.call("GET", "/sandbox/does-not-exist", expect=404)
        await c.call("POST", "/sandbox", expect=400, content=b"{nope", headers={"content-type": "application/json"})
        for target in (fork["id"], built["id"], sid):
            await wait_for(lambda t=target: t not in emulator.state.sandboxes, f"{target} to be gone")
        await c.call("DELETE", f"/volumes/{volume['id']}")

    async with c.area("authentication"):
        await c.call("GET", "/sandbox", expect=401, headers={"Authorization": ""})
        await c.call("GET", "/sandbox", expect=401, headers={"Authorization": "Bearer nope"})

    problems = c.report(toolbox=False)
    if problems:
        pytest.fail("control-plane operations not exercised, or not answering as documented:\n" + problems, False)
