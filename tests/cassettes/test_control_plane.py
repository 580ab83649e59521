"""The control plane through ``AsyncDaytona``, ``AsyncSandbox`` and the volume/snapshot services, replayed
from cassettes: each test asserts on the requests it sent (as recorded) and on what came back.
"""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from facade import (
    AsyncDaytona,
    AsyncSandbox,
    CreateSandboxFromImageParams,
    CreateSandboxFromSnapshotParams,
    CreateSnapshotParams,
    DaytonaAuthorizationError,
    DaytonaNotFoundError,
    DaytonaValidationError,
    Image,
    ListSandboxesQuery,
    Resources,
    VolumeMount,
)
from facade._polling import get_default_clock
from tests.cassettes._vcr import find_requests, json_body, one_request, query, response_json, sent, status_of

SANDBOX = r"/api/sandbox/[0-9a-f-]{36}"


def labels_for(test: str) -> dict[str, str]:
    return {"cassette": test}


async def new_sandbox(daytona: AsyncDaytona, test: str, **params: Any) -> AsyncSandbox:
    return await daytona.create(CreateSandboxFromSnapshotParams(labels=labels_for(test), **params), timeout=60)


def polls_of(cassette: Any, sandbox_id: str) -> list[Any]:
    return find_requests(cassette, "GET", f"/api/sandbox/{sandbox_id}")


def states_polled(cassette: Any, sandbox_id: str) -> list[str]:
    """The states the sandbox's GETs saw (answers that were not 200 left out)."""
    return [
        response_json(cassette, r)["state"] for r in polls_of(cassette, sandbox_id) if status_of(cassette, r) == 200
    ]


# ---- create -----------------------------------------------------------------------------------------


async def test_create_with_defaults_waits_until_started_then_delete(daytona: AsyncDaytona, cassette: Any) -> None:
    sandbox = await daytona.create()

    assert sandbox.state == "started"
    body = json_body(one_request(cassette, "POST", "/api/sandbox"))
    assert body["labels"] == {"code-toolbox-language": "python"}
    assert "snapshot" not in body and "buildInfo" not in body
    created = response_json(cassette, one_request(cassette, "POST", "/api/sandbox"))
    assert created["id"] == sandbox.id
    # The sandbox was still being created when POST returned, so the wait polled until `started`.
    states = states_polled(cassette, sandbox.id)
    assert created["state"] != "started"
    assert states and states[-1] == "started"
    assert sandbox.toolbox_proxy_url.endswith("/toolbox")

    await daytona.delete(sandbox)
    one_request(cassette, "DELETE", f"/api/sandbox/{sandbox.id}")
    assert sandbox.state == "destroyed"


async def test_create_from_snapshot_params_sends_every_field(daytona: AsyncDaytona, cassette: Any) -> None:
    params = CreateSandboxFromSnapshotParams(
        name="cassette-snapshot-params",
        language="javascript",
        os_user="daytona",
        env_vars={"DEBUG": "true"},
        labels={"team": "sdk"},
        public=True,
        auto_stop_interval=0,
        auto_archive_interval=60,
        auto_delete_interval=120,
        network_allow_list="10.0.0.0/8",
    )
    sandbox = await daytona.create(params, timeout=60)

    body = json_body(one_request(cassette, "POST", "/api/sandbox"))
    assert body["name"] == "cassette-snapshot-params"
    assert body["user"] == "daytona"
    assert body["env"] == {"DEBUG": "true"}
    assert body["labels"] == {"team": "sdk", "code-toolbox-language": "javascript"}
    assert body["public"] is True
    assert (body["autoStopInterval"], body["autoArchiveInterval"], body["autoDeleteInterval"]) == (0, 60, 120)
    assert body["networkAllowList"] == "10.0.0.0/8"
    assert params.labels == {"team": "sdk"}, "the caller's params must not be modified"

    assert sandbox.name == "cassette-snapshot-params"
    assert sandbox.labels["code-toolbox-language"] == "javascript"
    assert sandbox.language == "javascript"
    assert sandbox.env == {"DEBUG": "true"}
    assert sandbox.public is True
    assert (sandbox.auto_stop_interval, sandbox.auto_archive_interval, sandbox.auto_delete_interval) == (0, 60, 120)
    await sandbox.delete()


async def test_create_from_image_name_with_resources_streams_the_build_log(
    daytona: AsyncDaytona, cassette: Any
) -> None:
    lines: list[str] = []
    params = CreateSandboxFromImageParams(
        image="python:3.12-slim",
        resources=Resources(cpu=2, memory=4, disk=10),
        labels=labels_for("image-name"),
    )
    sandbox = await daytona.create(params, timeout=120, on_snapshot_create_logs=lines.append)

    body = json_body(one_request(cassette, "POST", "/api/sandbox"))
    assert body["buildInfo"]["dockerfileContent"] == "FROM python:3.12-slim\n"
    assert (body["cpu"], body["memory"], body["disk"]) == (2, 4, 10)
    one_request(cassette, "GET", f"{SANDBOX}/build-logs-url")
    follow = [r for r in sent(cassette) if query(r).get("follow") == ["true"]]
    assert len(follow) == 1, "the build log is followed once"
    assert lines, "the build log reached the callback"
    assert all("\n" not in line for line in lines)
    assert sandbox.state == "started"
    assert (sandbox.cpu, sandbox.memory, sandbox.disk) == (2, 4, 10)
    await sandbox.delete()


async def test_create_from_declarative_image_sends_its_dockerfile(daytona: AsyncDaytona, cassette: Any) -> None:
    image = Image.debian_slim("3.12").pip_install(["requests"]).env({"GREETING": "hi"}).workdir("/app")
    sandbox = await daytona.create(CreateSandboxFromImageParams(image=image, labels=labels_for("declarative")))

    body = json_body(one_request(cassette, "POST", "/api/sandbox"))
    assert body["buildInfo"]["dockerfileContent"] == image.dockerfile()
    assert "pip install" in body["buildInfo"]["dockerfileContent"]
    assert not find_requests(cassette, "GET", f"{SANDBOX}/build-logs-url"), "no log callback, no log request"
    assert sandbox.state == "started"
    await sandbox.delete()


# ---- find and list ------------------------------------------------------------------------------------


async def test_get_by_id_and_by_name(daytona: AsyncDaytona, cassette: Any) -> None:
    created = await new_sandbox(daytona, "get", name="cassette-get-by-name")

    by_id = await daytona.get(created.id)
    by_name = await daytona.get("cassette-get-by-name")

    assert by_id.id == by_name.id == created.id
    assert by_name.name == "cassette-get-by-name"
    assert by_id.labels["cassette"] == "get"
    one_request(cassette, "GET", "/api/sandbox/cassette-get-by-name")
    await created.delete()


async def test_get_unknown_sandbox_raises_not_found(daytona: AsyncDaytona, cassette: Any) -> None:
    with pytest.raises(DaytonaNotFoundError) as caught:
        await daytona.get("cassette-no-such-sandbox")

    assert caught.value.status_code == 404
    assert caught.value.message.startswith("Failed to get sandbox: ")
    request = one_request(cassette, "GET", "/api/sandbox/cassette-no-such-sandbox")
    assert status_of(cassette, request) == 404


async def test_find_one_by_id_and_by_labels(daytona: AsyncDaytona, cassette: Any) -> None:
    created = await new_sandbox(daytona, "find-one")

    by_id = await daytona.find_one(sandbox_id=created.id)
    by_labels = await daytona.find_one(labels=labels_for("find-one"))

    assert by_id.id == by_labels.id == created.id
    listing = one_request(cassette, "GET", "/api/sandbox")
    assert json.loads(query(listing)["labels"][0]) == labels_for("find-one")
    assert query(listing)["limit"] == ["1"]
    await created.delete()


async def test_list_with_labels_returns_every_match(daytona: AsyncDaytona, cassette: Any) -> None:
    first = await new_sandbox(daytona, "list-labels")
    second = await new_sandbox(daytona, "list-labels")

    found = await daytona.list(labels_for("list-labels"))

    assert isinstance(found, list)
    assert {s.id for s in found} == {first.id, second.id}
    assert all(isinstance(s, AsyncSandbox) for s in found)
    listing = one_request(cassette, "GET", "/api/sandbox")
    assert json.loads(query(listing)["labels"][0]) == labels_for("list-labels")
    await first.delete()
    await second.delete()


async def test_list_query_walks_the_pages_lazily(daytona: AsyncDaytona, cassette: Any) -> None:
    created = [await new_sandbox(daytona, "list-pages") for _ in range(3)]

    seen = []
    async for sandbox in daytona.list(ListSandboxesQuery(labels=labels_for("list-pages"), limit=1)):
        seen.append(sandbox.id)

    assert sorted(seen) == sorted(s.id for s in created), "limit is the page size, not a cap"
    pages = find_requests(cassette, "GET", "/api/sandbox")
    assert len(pages) >= 3
    assert all(query(p)["limit"] == ["1"] for p in pages)
    assert "cursor" not in query(pages[0])
    assert all("cursor" in query(p) for p in pages[1:])
    # Each later page asks for the cursor the previous answer gave.
    for previous, page in itertools.pairwise(pages):
        assert query(page)["cursor"] == [response_json(cassette, previous)["nextCursor"]]
    assert not response_json(cassette, pages[-1]).get("nextCursor")
    for sandbox in created:
        await sandbox.delete()


async def test_list_query_sends_every_filter(daytona: AsyncDaytona, cassette: Any) -> None:
    q = ListSandboxesQuery(
        limit=5,
        id="0",
        name="cassette",
        labels={"cassette": "filters"},
        states=["started", "stopped"],
        snapshots=["daytonaio/sandbox:0.5.0"],
        targets=["us"],
        min_cpu=1,
        max_cpu=4,
        min_memory_gib=1,
        max_memory_gib=8,
        min_disk_gib=1,
        max_disk_gib=50,
        is_public=False,
        is_recoverable=True,
        created_at_after=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
        created_at_before=datetime(2030, 1, 1, tzinfo=UTC),
        last_activity_after=datetime(2024, 1, 1, tzinfo=UTC),
        last_activity_before=datetime(2030, 1, 1, tzinfo=UTC),
        sort="createdAt",
        order="desc",
    )

    found = await daytona.list(q)

    assert found == []
    sent = query(one_request(cassette, "GET", "/api/sandbox"))
    assert sent["limit"] == ["5"] and sent["id"] == ["0"] and sent["name"] == ["cassette"]
    assert json.loads(sent["labels"][0]) == {"cassette": "filters"}
    assert sent["states"] == ["started", "stopped"]
    assert sent["snapshots"] == ["daytonaio/sandbox:0.5.0"]
    assert sent["regionIds"] == ["us"]
    assert float(sent["minCpu"][0]) == 1 and float(sent["maxCpu"][0]) == 4
    assert float(sent["minMemoryGiB"][0]) == 1 and float(sent["maxMemoryGiB"][0]) == 8
    assert float(sent["minDiskGiB"][0]) == 1 and float(sent["maxDiskGiB"][0]) == 50
    assert sent["isPublic"] == ["false"] and sent["isRecoverable"] == ["true"]
    assert sent["createdAtAfter"][0].startswith("2024-01-02T03:04:05")
    assert sent["createdAtBefore"][0].startswith("2030-01-01T00:00:00")
    assert sent["lastEventAfter"][0].startswith("2024-01-01T00:00:00")
    assert sent["lastEventBefore"][0].startswith("2030-01-01T00:00:00")
    assert sent["sort"] == ["createdAt"] and sent["order"] == ["desc"]


# ---- lifecycle ----------------------------------------------------------------------------------------


async def test_client_stop_and_start_wait_for_the_state(daytona: AsyncDaytona, cassette: Any) -> None:
    sandbox = await new_sandbox(daytona, "client-lifecycle")

    await daytona.stop(sandbox)
    assert sandbox.state == "stopped"
    stop = one_request(cassette, "POST", f"{SANDBOX}/stop")
    assert query(stop)["force"] == ["false"]

    await daytona.start(sandbox)
    assert sandbox.state == "started"
    start = one_request(cassette, "POST", f"{SANDBOX}/start")
    states = states_polled(cassette, sandbox.id)
    assert "stopped" in states
    # The service answers `start` once the sandbox is started (it waits server-side); the client is done when
    # the service has said so, in the answer or in a poll after it.
    assert response_json(cassette, start)["state"] == "started" or states[-1] == "started"

    await daytona.delete(sandbox)
    assert sandbox.state == "destroyed"


async def test_sandbox_force_stop_start_and_explicit_waits(daytona: AsyncDaytona, cassette: Any) -> None:
    sandbox = await new_sandbox(daytona, "sandbox-lifecycle")

    await sandbox.stop(force=True)
    assert query(one_request(cassette, "POST", f"{SANDBOX}/stop"))["force"] == ["true"]
    polls_before = len(polls_of(cassette, sandbox.id))
    await sandbox.wait_for_sandbox_stop(timeout=30)
    assert len(polls_of(cassette, sandbox.id)) == polls_before + 1, "an explicit wait polls at least once"
    assert sandbox.state == "stopped"

    await sandbox.start(timeout=60)
    await sandbox.wait_for_sandbox_start(timeout=30)
    assert sandbox.state == "started"
    await sandbox.delete(timeout=60)


async def test_refresh_data_and_set_labels(daytona: AsyncDaytona, cassette: Any) -> None:
    sandbox = await new_sandbox(daytona, "labels")
    listed = (await daytona.list(labels_for("labels")))[0]
    assert listed.env is None, "list results lack env until refreshed"

    await listed.refresh_data()
    assert isinstance(listed.env, dict)
    new = await sandbox.set_labels({"cassette": "labels", "stage": "test"})

    assert new == {"cassette": "labels", "stage": "test"}
    assert sandbox.labels == new
    body = json_body(one_request(cassette, "PUT", f"{SANDBOX}/labels"))
    assert body == {"labels": {"cassette": "labels", "stage": "test"}}
    await sandbox.delete()


async def test_interval_setters(daytona: AsyncDaytona, cassette: Any) -> None:
    sandbox = await new_sandbox(daytona, "intervals")

    await sandbox.set_autostop_interval(30)
    await sandbox.set_auto_archive_interval(120)
    await sandbox.set_auto_delete_interval(-1)

    one_request(cassette, "POST", f"{SANDBOX}/autostop/30")
    one_request(cassette, "POST", f"{SANDBOX}/autoarchive/120")
    one_request(cassette, "POST", f"{SANDBOX}/autodelete/-1")
    assert (sandbox.auto_stop_interval, sandbox.auto_archive_interval, sandbox.auto_delete_interval) == (30, 120, -1)
    with pytest.raises(DaytonaValidationError):
        await sandbox.set_autostop_interval(-5)
    assert not find_requests(cassette, "POST", f"{SANDBOX}/autostop/-5"), "bad input is refused before sending"
    await sandbox.delete()


async def test_update_network_settings(daytona: AsyncDaytona, cassette: Any) -> None:
    sandbox = await new_sandbox(daytona, "network")

    await sandbox.update_network_settings(network_allow_list="10.0.0.0/8,192.168.0.0/16")
    assert sandbox.network_allow_list == "10.0.0.0/8,192.168.0.0/16"
    await sandbox.update_network_settings(network_block_all=True)
    assert sandbox.network_block_all is True
    await sandbox.update_network_settings(network_block_all=False, domain_allow_list="pypi.org,github.com")
    assert sandbox.network_block_all is False and sandbox.domain_allow_list == "pypi.org,github.com"

    first, second, third = find_requests(cassette, "POST", f"{SANDBOX}/network-settings")
    assert json_body(first) == {"networkAllowList": "10.0.0.0/8,192.168.0.0/16"}
    assert json_body(second) == {"networkBlockAll": True}
    assert json_body(third) == {"networkBlockAll": False, "domainAllowList": "pypi.org,github.com"}
    await sandbox.delete()


async def test_preview_links(daytona: AsyncDaytona, cassette: Any) -> None:
    sandbox = await new_sandbox(daytona, "preview")

    link = await sandbox.get_preview_link(3000)
    signed = await sandbox.create_signed_preview_url(8080, expires_in_seconds=120)
    await sandbox.expire_signed_preview_url(8080, signed.token)

    assert link.sandbox_id == sandbox.id and "3000" in link.url and link.token
    one_request(cassette, "GET", f"{SANDBOX}/ports/3000/preview-url")
    signed_request = one_request(cassette, "GET", f"{SANDBOX}/ports/8080/signed-preview-url")
    assert query(signed_request)["expiresInSeconds"] == ["120"]
    assert signed.port == 8080 and signed.token
    recorded_token = response_json(cassette, signed_request)["token"]
    assert recorded_token.startswith("scrubbed-"), "tokens are scrubbed from the cassette"
    one_request(cassette, "POST", f"{SANDBOX}/ports/8080/signed-preview-url/{recorded_token}/expire")
    await sandbox.delete()


async def test_stop_then_archive(daytona: AsyncDaytona, cassette: Any) -> None:
    sandbox = await new_sandbox(daytona, "archive")
    await sandbox.stop()

    await sandbox.archive()

    one_request(cassette, "POST", f"{SANDBOX}/archive")
    assert sandbox.state in ("archiving", "archived")
    await sandbox.delete()


async def test_resize_hot_then_disk_while_stopped(daytona: AsyncDaytona, cassette: Any) -> None:
    sandbox = await new_sandbox(daytona, "resize")

    await sandbox.resize(Resources(cpu=2, memory=2))
    assert (sandbox.cpu, sandbox.memory) == (2, 2)
    with pytest.raises(DaytonaValidationError):
        await sandbox.resize(Resources(cpu=1))  # a running sandbox only grows
    await sandbox.stop()
    await sandbox.resize(Resources(disk=sandbox.disk + 2))
    await sandbox.wait_for_resize_complete(timeout=30)

    hot, disk = find_requests(cassette, "POST", f"{SANDBOX}/resize")
    assert json_body(hot) == {"cpu": 2, "memory": 2}
    assert list(json_body(disk)) == ["disk"]
    assert sandbox.disk == json_body(disk)["disk"]
    assert sandbox.state != "resizing"
    await sandbox.delete()


async def test_ssh_access_create_validate_revoke(daytona: AsyncDaytona, cassette: Any) -> None:
    sandbox = await new_sandbox(daytona, "ssh")

    access = await sandbox.create_ssh_access(expires_in_minutes=30)
    with pytest.raises(DaytonaAuthorizationError):  # validation is for the SSH gateway's key, not a user's
        await sandbox.validate_ssh_access(access.token)
    await sandbox.revoke_ssh_access(access.token)

    assert access.sandbox_id == sandbox.id and access.token and access.ssh_command
    create = one_request(cassette, "POST", f"{SANDBOX}/ssh-access")
    assert query(create)["expiresInMinutes"] == ["30"]
    token = response_json(cassette, create)["token"]
    assert token.startswith("scrubbed-")
    assert query(one_request(cassette, "GET", "/api/sandbox/ssh-access/validate"))["token"] == [token]
    assert query(one_request(cassette, "DELETE", f"{SANDBOX}/ssh-access"))["token"] == [token]
    await sandbox.delete()


async def test_refresh_activity(daytona: AsyncDaytona, cassette: Any) -> None:
    sandbox = await new_sandbox(daytona, "activity")

    await sandbox.refresh_activity()

    request = one_request(cassette, "POST", f"{SANDBOX}/last-activity")
    assert not request.body
    await sandbox.delete()


async def test_recover_from_a_recoverable_error(daytona: AsyncDaytona, cassette: Any, backend: Any) -> None:
    if backend.kind == "real":
        pytest.skip("a real sandbox cannot be put into a recoverable error on purpose")
    sandbox = await new_sandbox(daytona, "recover")
    if backend.kind == "emulator":
        backend.emulator.state.force_error(sandbox.id, "Injected by the cassette test", recoverable=True)

    await sandbox.refresh_data()
    assert sandbox.state == "error" and sandbox.recoverable is True
    assert sandbox.error_reason == "Injected by the cassette test"
    await sandbox.recover(timeout=60)

    one_request(cassette, "POST", f"{SANDBOX}/recover")
    assert sandbox.state == "started"
    await sandbox.delete()


# ---- volumes ------------------------------------------------------------------------------------------


async def wait_volume_ready(daytona: AsyncDaytona, name: str) -> Any:
    clock = get_default_clock()
    volume = await daytona.volume.get(name)
    while volume.state != "ready":
        assert volume.state in ("pending_create", "creating"), volume.state
        await clock.sleep(0.1)
        volume = await daytona.volume.get(name)
    return volume


async def test_volumes_create_get_list_mount_delete(daytona: AsyncDaytona, cassette: Any) -> None:
    created = await daytona.volume.create("cassette-volume")
    assert created.name == "cassette-volume"
    assert json_body(one_request(cassette, "POST", "/api/volumes")) == {"name": "cassette-volume"}

    volume = await wait_volume_ready(daytona, "cassette-volume")
    assert volume.id == created.id
    assert find_requests(cassette, "GET", "/api/volumes/by-name/cassette-volume")
    listed = await daytona.volume.list()
    assert created.id in {v.id for v in listed}
    one_request(cassette, "GET", "/api/volumes")

    mount = VolumeMount(volume_id=volume.id, mount_path="/home/daytona/data")
    sandbox = await new_sandbox(daytona, "volume", volumes=[mount])
    body = json_body(one_request(cassette, "POST", "/api/sandbox"))
    assert body["volumes"] == [{"volumeId": volume.id, "mountPath": "/home/daytona/data"}]
    assert sandbox.volumes is not None and sandbox.volumes[0].volume_id == volume.id
    await sandbox.delete()

    await daytona.volume.delete(volume)
    one_request(cassette, "DELETE", f"/api/volumes/{volume.id}")


async def test_volume_get_with_create_makes_a_missing_one(daytona: AsyncDaytona, cassette: Any) -> None:
    volume = await daytona.volume.get("cassette-volume-auto", create=True)

    assert volume.name == "cassette-volume-auto"
    lookup = one_request(cassette, "GET", "/api/volumes/by-name/cassette-volume-auto")
    assert status_of(cassette, lookup) == 404
    assert json_body(one_request(cassette, "POST", "/api/volumes")) == {"name": "cassette-volume-auto"}
    ready = await wait_volume_ready(daytona, "cassette-volume-auto")
    await daytona.volume.delete(ready)


# ---- snapshots ----------------------------------------------------------------------------------------


async def test_snapshot_from_declarative_image_get_list_use_delete(daytona: AsyncDaytona, cassette: Any) -> None:
    lines: list[str] = []
    image = Image.debian_slim("3.12").pip_install(["requests"])

    snapshot = await daytona.snapshot.create(
        CreateSnapshotParams(name="cassette-snapshot", image=image, resources=Resources(cpu=1, memory=1, disk=3)),
        on_logs=lines.append,
        timeout=180,
    )

    assert snapshot.name == "cassette-snapshot" and snapshot.state == "active"
    body = json_body(one_request(cassette, "POST", "/api/snapshots"))
    assert body["name"] == "cassette-snapshot"
    assert body["buildInfo"]["dockerfileContent"] == image.dockerfile()
    assert (body["cpu"], body["memory"], body["disk"]) == (1, 1, 3)
    assert lines[0].startswith("Creating snapshot cassette-snapshot")
    assert lines[-1] == "Created snapshot cassette-snapshot (active)"
    one_request(cassette, "GET", r"/api/snapshots/[0-9a-f-]{36}/build-logs-url")

    fetched = await daytona.snapshot.get("cassette-snapshot")
    assert fetched.id == snapshot.id
    page = await daytona.snapshot.list(page=1, limit=50)
    assert snapshot.id in {s.id for s in page.items} and page.page == 1
    assert query(one_request(cassette, "GET", "/api/snapshots")) == {"page": ["1"], "limit": ["50"]}

    sandbox = await new_sandbox(daytona, "from-snapshot", snapshot="cassette-snapshot")
    assert json_body(one_request(cassette, "POST", "/api/sandbox"))["snapshot"] == "cassette-snapshot"
    assert sandbox.snapshot == "cassette-snapshot"
    await sandbox.delete()

    await daytona.snapshot.delete(snapshot)
    one_request(cassette, "DELETE", f"/api/snapshots/{snapshot.id}")


async def test_snapshot_from_registry_image_then_activate(daytona: AsyncDaytona, cassette: Any, backend: Any) -> None:
    if backend.kind == "real":
        pytest.skip("a fresh real snapshot is active; it cannot be made inactive on demand")
    snapshot = await daytona.snapshot.create(
        CreateSnapshotParams(name="cassette-registry-snapshot", image="python:3.12-slim", entrypoint=["sleep", "1d"]),
        timeout=180,
    )
    body = json_body(one_request(cassette, "POST", "/api/snapshots"))
    assert body["imageName"] == "python:3.12-slim"
    assert body["entrypoint"] == ["sleep", "1d"]
    assert "buildInfo" not in body
    if backend.kind == "emulator":  # unused snapshots go inactive after a while; make it so now
        state = backend.emulator.state
        record = state.snapshot(snapshot.id)
        state.snapshot_service.deactivate(record)
        # ... and long enough ago that the service's activation cooldown after a deactivation has passed
        record.updated_at -= timedelta(hours=1)

    activated = await daytona.snapshot.activate(snapshot)

    one_request(cassette, "POST", f"/api/snapshots/{snapshot.id}/activate")
    # the service answers the snapshot as it stored it: pending (activation pulls or builds it again)
    assert activated.id == snapshot.id and activated.state == "pending"
    await daytona.snapshot.delete(activated)
