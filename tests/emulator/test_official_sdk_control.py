"""The official ``daytona`` SDK (0.190.0) as an independent client of the emulator's control plane.

Every test checks both what the SDK got back and what the emulator now holds. When the official
SDK fails or misreads an answer, the emulator is what needs fixing.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from daytona import (
    AsyncDaytona,
    AsyncSandbox,
    CreateSandboxFromImageParams,
    CreateSandboxFromSnapshotParams,
    CreateSnapshotParams,
    DaytonaAuthenticationError,
    DaytonaAuthorizationError,
    DaytonaConfig,
    DaytonaError,
    DaytonaNotFoundError,
    DaytonaRateLimitError,
    DaytonaValidationError,
    Image,
    ListSandboxesQuery,
    Resources,
    SandboxListSortDirection,
    SandboxListSortField,
)
from daytona_api_client_async.exceptions import BadRequestException, NotFoundException

from daytona_emulator.server import RunningEmulator


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


async def wait_until(predicate: Callable[[], bool], what: str, within: float = 60.0) -> None:
    deadline = time.monotonic() + within
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


async def new_sandbox(daytona: AsyncDaytona, **params: object) -> AsyncSandbox:
    return await daytona.create(CreateSandboxFromSnapshotParams(**params), timeout=60)  # type: ignore[arg-type]


def api(emulator: RunningEmulator) -> httpx.AsyncClient:
    headers = {"Authorization": f"Bearer {emulator.api_key}"}
    return httpx.AsyncClient(base_url=emulator.base_url, headers=headers, timeout=60)


# ---- creation and look-up -----------------------------------------------------------------------


async def test_create_from_snapshot_then_get_by_id_and_name(daytona: AsyncDaytona, emulator: RunningEmulator) -> None:
    name = unique("from-snapshot")
    default_snapshot = emulator.state.settings.default_snapshot
    sandbox = await new_sandbox(
        daytona, name=name, snapshot=default_snapshot, env_vars={"GREETING": "hi"}, labels={"team": "qa"}
    )

    assert sandbox.state == "started"
    assert sandbox.name == name
    assert sandbox.snapshot == default_snapshot
    assert sandbox.labels == {"team": "qa", "code-toolbox-language": "python"}
    assert sandbox.env == {"GREETING": "hi"}
    assert sandbox.toolbox_proxy_url == f"{emulator.root_url}/toolbox"
    record = emulator.state.sandbox(sandbox.id)
    assert (record.state, record.name, record.env) == ("started", name, {"GREETING": "hi"})

    by_id = await daytona.get(sandbox.id)
    by_name = await daytona.get(name)
    assert by_id.id == by_name.id == sandbox.id
    assert by_name.cpu == record.cpu and by_name.memory == record.memory and by_name.disk == record.disk

    with pytest.raises(DaytonaNotFoundError):
        await daytona.get(unique("missing"))


async def test_create_from_image_streams_build_logs(daytona: AsyncDaytona, emulator: RunningEmulator) -> None:
    chunks: list[str] = []
    params = CreateSandboxFromImageParams(image="python:3.12-slim", resources=Resources(cpu=2, memory=2, disk=5))

    sandbox = await daytona.create(params, timeout=60, on_snapshot_create_logs=chunks.append)

    logs = "\n".join(chunks)
    assert "FROM python:3.12-slim" in logs
    assert "exporting to image" in logs
    assert sandbox.state == "started"
    assert (sandbox.cpu, sandbox.memory, sandbox.disk) == (2, 2, 5)
    assert sandbox.build_info is not None
    assert sandbox.build_info.dockerfile_content == "FROM python:3.12-slim\n"
    record = emulator.state.sandbox(sandbox.id)
    assert record.build_info is not None and record.build_info["dockerfileContent"] == "FROM python:3.12-slim\n"
    assert record.build_log is not None and record.build_log.finished()


async def test_failed_build_surfaces_the_error_reason(daytona: AsyncDaytona, emulator: RunningEmulator) -> None:
    marker = emulator.state.settings.build_fail_marker
    chunks: list[str] = []
    name = unique("broken-build")
    with pytest.raises(DaytonaError, match=r"(?i)build_failed") as caught:
        await daytona.create(
            CreateSandboxFromImageParams(name=name, image=f"{marker}:1"),
            timeout=60,
            on_snapshot_create_logs=chunks.append,
        )

    assert marker in str(caught.value)
    assert any("ERROR:" in chunk for chunk in chunks)
    record = emulator.state.sandbox(name)
    assert record.state == "build_failed"
    assert record.recoverable is False and record.error_reason and marker in record.error_reason


# ---- listing ------------------------------------------------------------------------------------


async def test_list_by_labels_follows_cursor_pages(daytona: AsyncDaytona, emulator: RunningEmulator) -> None:
    run = unique("run")
    created = await asyncio.gather(*(new_sandbox(daytona, labels={"run": run, "n": str(i)}) for i in range(3)))
    await new_sandbox(daytona, labels={"run": "someone-else"})
    emulator.state.requests.clear()

    listed = [s async for s in daytona.list(ListSandboxesQuery(labels={"run": run}, limit=2))]

    assert sorted(s.id for s in listed) == sorted(s.id for s in created)
    pages = [r for r in emulator.state.requests.entries() if r.method == "GET" and r.path == "/api/sandbox"]
    assert len(pages) == 2
    assert "cursor=" not in pages[0].query and "cursor=" in pages[1].query
    assert all(s.toolbox_proxy_url == f"{emulator.root_url}/toolbox" for s in listed)

    one = [s async for s in daytona.list(ListSandboxesQuery(labels={"run": run, "n": "1"}))]
    assert [s.id for s in one] == [created[1].id]

    query = ListSandboxesQuery(
        labels={"run": run}, sort=SandboxListSortField.NAME, order=SandboxListSortDirection.ASC, limit=1
    )
    by_name = [s async for s in daytona.list(query)]
    assert [s.name for s in by_name] == sorted(s.name for s in created)


async def test_set_labels_replaces_all_labels(daytona: AsyncDaytona, emulator: RunningEmulator) -> None:
    sandbox = await new_sandbox(daytona, labels={"old": "1"})

    labels = await sandbox.set_labels({"new": "2", "code-toolbox-language": "python"})

    assert labels == {"new": "2", "code-toolbox-language": "python"}
    assert sandbox.labels == labels
    assert emulator.state.sandbox(sandbox.id).labels == labels


# ---- lifecycle ----------------------------------------------------------------------------------


async def test_stop_archive_start_and_recover(daytona: AsyncDaytona, emulator: RunningEmulator) -> None:
    sandbox = await new_sandbox(daytona)

    await sandbox.stop()
    assert sandbox.state == "stopped"
    assert emulator.state.sandbox(sandbox.id).state == "stopped"

    await sandbox.archive()
    assert sandbox.state in ("archiving", "archived")
    await wait_until(lambda: emulator.state.sandbox(sandbox.id).state == "archived", what="archived")
    with pytest.raises(DaytonaValidationError):  # a SandboxError (400): only a stopped sandbox can be archived
        await sandbox.archive()

    await sandbox.start()
    assert sandbox.state == "started"
    assert emulator.state.sandbox(sandbox.id).state == "started"

    emulator.state.force_error(sandbox.id, "disk exploded", recoverable=True)
    await sandbox.refresh_data()
    assert (sandbox.state, sandbox.error_reason, sandbox.recoverable) == ("error", "disk exploded", True)

    await sandbox.recover()
    assert sandbox.state == "started"
    record = emulator.state.sandbox(sandbox.id)
    assert (record.state, record.error_reason) == ("started", None)


async def test_unrecoverable_error_cannot_be_recovered(daytona: AsyncDaytona, emulator: RunningEmulator) -> None:
    sandbox = await new_sandbox(daytona)
    emulator.state.force_error(sandbox.id, "runner lost", recoverable=False)

    with pytest.raises(DaytonaValidationError):
        await sandbox.recover()
    with pytest.raises(DaytonaValidationError):  # SandboxError (400): "Sandbox is in an errored state"
        await sandbox.start()
    assert emulator.state.sandbox(sandbox.id).state == "error"


async def test_delete_forgets_the_sandbox(daytona: AsyncDaytona, emulator: RunningEmulator) -> None:
    sandbox = await new_sandbox(daytona)
    root = emulator.state.sandbox_root(sandbox.id)
    assert root.is_dir()

    await daytona.delete(sandbox)

    assert sandbox.state in ("destroying", "destroyed")
    await wait_until(lambda: sandbox.id not in emulator.state.sandboxes, what="removal")
    with pytest.raises(DaytonaNotFoundError):
        await daytona.get(sandbox.id)
    await wait_until(lambda: not root.exists(), what="workspace removal")


# ---- settings -----------------------------------------------------------------------------------


async def test_interval_setters(daytona: AsyncDaytona, emulator: RunningEmulator) -> None:
    sandbox = await new_sandbox(daytona, auto_stop_interval=5)
    assert sandbox.auto_stop_interval == 5

    await sandbox.set_autostop_interval(30)
    await sandbox.set_auto_archive_interval(120)
    await sandbox.set_auto_delete_interval(-1)

    assert (sandbox.auto_stop_interval, sandbox.auto_archive_interval, sandbox.auto_delete_interval) == (30, 120, -1)
    record = emulator.state.sandbox(sandbox.id)
    assert (record.auto_stop_interval, record.auto_archive_interval, record.auto_delete_interval) == (30, 120, -1)
    await sandbox.refresh_data()
    assert (sandbox.auto_stop_interval, sandbox.auto_archive_interval, sandbox.auto_delete_interval) == (30, 120, -1)

    with pytest.raises(DaytonaValidationError):
        await sandbox.set_autostop_interval(-5)


async def test_update_network_settings(daytona: AsyncDaytona, emulator: RunningEmulator) -> None:
    sandbox = await new_sandbox(daytona)

    await sandbox.update_network_settings(network_allow_list="10.0.0.0/8,192.168.1.0/24", domain_allow_list="pypi.org")

    assert sandbox.network_allow_list == "10.0.0.0/8,192.168.1.0/24"
    assert sandbox.domain_allow_list == "pypi.org"
    assert sandbox.network_block_all is False
    await sandbox.update_network_settings(network_block_all=True)
    record = emulator.state.sandbox(sandbox.id)
    assert (record.network_block_all, record.network_allow_list) == (True, None)  # blocking all clears the list

    with pytest.raises(DaytonaValidationError):
        await sandbox.update_network_settings(network_allow_list="not-a-network")


# ---- access -------------------------------------------------------------------------------------


async def test_preview_links(daytona: AsyncDaytona, emulator: RunningEmulator) -> None:
    sandbox = await new_sandbox(daytona)

    link = await sandbox.get_preview_link(3000)
    assert link.sandbox_id == sandbox.id
    assert f"3000-{sandbox.id}" in link.url
    assert link.token == emulator.state.sandbox(sandbox.id).preview_token

    signed = await sandbox.create_signed_preview_url(8080, expires_in_seconds=120)
    assert (signed.sandbox_id, signed.port) == (sandbox.id, 8080)
    assert signed.token in signed.url
    preview = emulator.state.signed_previews[signed.token]
    assert preview.valid()
    assert 100 < (preview.expires_at - preview.expires_at.now(preview.expires_at.tzinfo)).total_seconds() <= 120

    await sandbox.expire_signed_preview_url(8080, signed.token)
    assert not emulator.state.signed_previews[signed.token].valid()

    with pytest.raises(DaytonaValidationError):
        await sandbox.create_signed_preview_url(8080, expires_in_seconds=0)


async def test_ssh_access(daytona: AsyncDaytona, emulator: RunningEmulator) -> None:
    sandbox = await new_sandbox(daytona)

    first = await sandbox.create_ssh_access(expires_in_minutes=30)
    assert first.sandbox_id == sandbox.id and first.token in first.ssh_command
    # Validation is for the SSH gateway: a user's API key is refused (403).
    with pytest.raises(DaytonaAuthorizationError):
        await sandbox.validate_ssh_access(first.token)
    gateway_headers = {"Authorization": f"Bearer {emulator.state.settings.ssh_gateway_api_key}"}
    async with httpx.AsyncClient(base_url=emulator.base_url, headers=gateway_headers, timeout=60) as gateway:

        async def validate(token: str) -> dict[str, object]:
            answer = await gateway.get("/sandbox/ssh-access/validate", params={"token": token})
            assert answer.status_code == 200
            return dict(answer.json())

        assert await validate(first.token) == {"valid": True, "sandboxId": sandbox.id}
        second = await sandbox.create_ssh_access()  # creating access revokes the earlier tokens
        assert await validate(first.token) == {"valid": False, "sandboxId": None}
        assert (await validate(second.token))["sandboxId"] == sandbox.id

        await sandbox.revoke_ssh_access(second.token)

        # 0.190.0 sends the token in a header instead of `?token=`, which the API reads as "revoke all".
        assert (await validate(second.token))["valid"] is False
    assert not emulator.state.ssh_access[second.token].valid()


async def test_refresh_activity(daytona: AsyncDaytona, emulator: RunningEmulator) -> None:
    sandbox = await new_sandbox(daytona)
    before = datetime(2000, 1, 1, tzinfo=UTC)  # so the refresh shows whatever the clock's resolution
    emulator.state.sandbox(sandbox.id).last_activity_at = before

    await sandbox.refresh_activity()

    assert emulator.state.sandbox(sandbox.id).last_activity_at > before
    await sandbox.refresh_data()
    assert sandbox.last_activity_at is not None and sandbox.last_activity_at > before.isoformat()[:19]


# ---- resize -------------------------------------------------------------------------------------


async def test_hot_and_cold_resize(daytona: AsyncDaytona, emulator: RunningEmulator) -> None:
    sandbox = await new_sandbox(daytona)
    assert (sandbox.cpu, sandbox.memory, sandbox.disk) == (1, 1, 3)

    await sandbox.resize(Resources(cpu=2, memory=4))
    assert (sandbox.state, sandbox.cpu, sandbox.memory) == ("started", 2, 4)
    with pytest.raises(DaytonaValidationError):
        await sandbox.resize(Resources(disk=10))
    with pytest.raises(DaytonaValidationError):
        await sandbox.resize(Resources(cpu=1))

    await sandbox.stop()
    await sandbox.resize(Resources(cpu=1, disk=10))
    assert (sandbox.state, sandbox.cpu, sandbox.memory, sandbox.disk) == ("stopped", 1, 4, 10)
    record = emulator.state.sandbox(sandbox.id)
    assert (record.state, record.cpu, record.memory, record.disk) == ("stopped", 1, 4, 10)
    with pytest.raises(DaytonaValidationError):
        await sandbox.resize(Resources(disk=5))


# ---- volumes ------------------------------------------------------------------------------------


async def test_volumes(daytona: AsyncDaytona, emulator: RunningEmulator) -> None:
    name = unique("vol")
    created = await daytona.volume.create(name)
    assert created.name == name and created.state in ("pending_create", "creating", "ready")

    other = unique("vol-auto")
    auto = await daytona.volume.get(other, create=True)
    assert auto.name == other
    assert (await daytona.volume.get(name)).id == created.id
    with pytest.raises(NotFoundException):  # 0.190.0 lets the generated client's exception escape here
        await daytona.volume.get(unique("vol-missing"))

    await wait_until(lambda: emulator.state.volume(created.id).state == "ready", what="volume ready")
    listed = {v.name: v for v in await daytona.volume.list()}
    assert {name, other} <= set(listed)
    assert listed[name].state == "ready"

    await daytona.volume.delete(listed[name])

    assert emulator.state.volume(created.id).state in ("pending_delete", "deleting", "deleted")
    await wait_until(lambda: emulator.state.volume(created.id).state == "deleted", what="volume deleted")
    assert name not in {v.name for v in await daytona.volume.list()}


# ---- snapshots ----------------------------------------------------------------------------------


async def test_snapshot_from_image_name(daytona: AsyncDaytona, emulator: RunningEmulator) -> None:
    name = unique("snap-pulled")
    messages: list[str] = []

    snapshot = await daytona.snapshot.create(
        CreateSnapshotParams(name=name, image="python:3.12-slim"), on_logs=messages.append
    )

    assert snapshot.state == "active" and snapshot.image_name == "python:3.12-slim"
    # 0.190.0 prints the state enum itself, e.g. "(SnapshotState.PENDING)".
    assert messages[0].startswith(f"Creating snapshot {name} (") and "pending" in messages[0].lower()
    assert any("pulling" in m.lower() for m in messages)
    assert messages[-1].startswith(f"Created snapshot {name} (") and "active" in messages[-1].lower()
    assert emulator.state.snapshot(name).state == "active"

    fetched = await daytona.snapshot.get(name)
    assert fetched.id == snapshot.id
    page = await daytona.snapshot.list(limit=200)
    assert name in {s.name for s in page.items}
    assert page.total >= 1 and page.page == 1

    sandbox = await new_sandbox(daytona, snapshot=name)
    assert sandbox.snapshot == name


async def test_snapshot_from_declarative_image_streams_logs(daytona: AsyncDaytona, emulator: RunningEmulator) -> None:
    name = unique("snap-built")
    chunks: list[str] = []
    image = Image.base("alpine:3.20").run_commands("echo built-by-emulator")

    snapshot = await daytona.snapshot.create(
        CreateSnapshotParams(name=name, image=image, resources=Resources(cpu=2, memory=2, disk=4)),
        on_logs=chunks.append,
    )

    logs = "\n".join(chunks)
    assert "RUN echo built-by-emulator" in logs
    assert "building" in logs.lower()
    assert f"Created snapshot {name} (" in logs
    assert (snapshot.cpu, snapshot.mem, snapshot.disk) == (2, 2, 4)
    assert emulator.state.snapshot(snapshot.id).build_info is not None


async def test_activate_snapshot(daytona: AsyncDaytona, emulator: RunningEmulator) -> None:
    name = unique("snap-idle")
    snapshot = await daytona.snapshot.create(CreateSnapshotParams(name=name, image="debian:12"))
    record = emulator.state.snapshot(name)
    emulator.state.snapshot_service.deactivate(record)
    with pytest.raises(DaytonaValidationError):
        await new_sandbox(daytona, snapshot=name)
    with pytest.raises(BadRequestException):  # deactivated less than 10 minutes ago
        await daytona.snapshot.activate(snapshot)
    record.updated_at -= timedelta(minutes=11)

    activated = await daytona.snapshot.activate(snapshot)

    assert activated.state == "pending"  # the snapshot manager takes it from there
    await wait_until(lambda: emulator.state.snapshot(name).state == "active", what="snapshot active again")
    with pytest.raises(BadRequestException):  # already active; 0.190.0 does not wrap this error
        await daytona.snapshot.activate(snapshot)


# ---- errors the way the API shapes them ---------------------------------------------------------


async def test_wrong_api_key_is_refused(emulator: RunningEmulator) -> None:
    async with AsyncDaytona(DaytonaConfig(api_key="wrong", api_url=emulator.base_url, target="us")) as client:
        with pytest.raises(DaytonaAuthenticationError):
            await client.get("anything")


async def test_injected_fault_reaches_the_sdk(daytona: AsyncDaytona, emulator: RunningEmulator) -> None:
    sandbox = await new_sandbox(daytona)
    emulator.state.faults.add("GET", rf"/api/sandbox/{sandbox.id}$", status=429, headers={"Retry-After": "1"})

    with pytest.raises(DaytonaRateLimitError) as caught:
        await daytona.get(sandbox.id)

    assert caught.value.status_code == 429
    assert caught.value.headers is not None and caught.value.headers.get("Retry-After") == "1"
    assert (await daytona.get(sandbox.id)).id == sandbox.id


async def test_fault_injection_over_http(emulator: RunningEmulator) -> None:
    async with api(emulator) as client:
        added = await client.post("/_emulator/faults", json={"method": "GET", "path": "/api/config$", "status": 503})
        assert added.status_code == 201
        refused = await client.get("/config")
        assert refused.status_code == 503 and refused.json()["statusCode"] == 503
        assert (await client.get("/config")).status_code == 200
        assert (await client.get("/_emulator/faults")).json()[0]["hits"] == 1
        assert (await client.delete("/_emulator/faults")).status_code == 204

        forced = await client.post("/sandbox", json={"name": unique("forced")})
        sandbox_id = forced.json()["id"]
        errored = await client.post(f"/_emulator/sandboxes/{sandbox_id}/error", json={"reason": "boom"})
        assert (errored.json()["state"], errored.json()["errorReason"]) == ("error", "boom")
        assert emulator.state.sandbox(sandbox_id).state == "error"


# ---- copies -------------------------------------------------------------------------------------


async def vm_snapshot(emulator: RunningEmulator) -> str:
    """An active snapshot of the ``linux-vm`` class (the only class that forks and pauses)."""
    name = unique("vm")
    async with api(emulator) as client:
        body = {"name": name, "imageName": "debian:12", "sandboxClass": "linux-vm"}
        created = await client.post("/snapshots", json=body)
        assert created.status_code in (200, 201), created.text
    await wait_until(lambda: emulator.state.snapshot(name).state == "active", what="active vm snapshot")
    return name


async def test_container_sandboxes_cannot_fork_or_pause(daytona: AsyncDaytona) -> None:
    sandbox = await new_sandbox(daytona)
    with pytest.raises(DaytonaError) as forking:
        await sandbox._experimental_fork()
    assert forking.value.status_code == 422
    with pytest.raises(DaytonaError) as pausing:
        await sandbox.pause()
    assert pausing.value.status_code == 422


async def test_fork_snapshot_and_pause(daytona: AsyncDaytona, emulator: RunningEmulator) -> None:
    sandbox = await new_sandbox(daytona, labels={"origin": "yes"}, snapshot=await vm_snapshot(emulator))
    (emulator.state.sandbox_root(sandbox.id) / "note.txt").write_text("copied")

    fork = await sandbox._experimental_fork(name=unique("fork"))
    assert fork.state == "started" and fork.labels["origin"] == "yes"
    assert emulator.state.sandbox(fork.id).parent_id == sandbox.id
    assert (emulator.state.sandbox_root(fork.id) / "note.txt").read_text() == "copied"

    snapshot_name = unique("from-sandbox")
    await sandbox._experimental_create_snapshot(snapshot_name)
    assert sandbox.state == "started"
    assert emulator.state.snapshot(snapshot_name).state == "active"

    await sandbox.pause()
    assert sandbox.state == "paused"
    await sandbox.start()
    assert emulator.state.sandbox(sandbox.id).state == "started"
