"""``AsyncDaytona`` against the in-process emulator: what each call sends and what it returns."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from _live_support import Journal, NothingSent, Sent, attach_recorder, config_for
from _offline import CannedApi, offline_client

from daytona_emulator.server import RunningEmulator
from facade import (
    AsyncDaytona,
    AsyncSandbox,
    CodeLanguage,
    CreateSandboxFromImageParams,
    CreateSandboxFromSnapshotParams,
    DaytonaAuthenticationError,
    DaytonaConfig,
    DaytonaError,
    DaytonaNotFoundError,
    DaytonaRateLimitError,
    DaytonaServerError,
    DaytonaStateError,
    DaytonaTimeoutError,
    DaytonaValidationError,
    Image,
    ListSandboxesQuery,
    Resources,
    SandboxState,
    VolumeMount,
)
from facade._polling import FakeClock, use_clock

# ---------------------------------------------------------------------------------------- create


async def test_create_without_params_sends_defaults_and_returns_a_started_sandbox(
    daytona: AsyncDaytona, sent: Sent, emulator: RunningEmulator
) -> None:
    sandbox = await daytona.create()
    try:
        body = sent.one("POST", "/api/sandbox").body
        assert body["labels"] == {"code-toolbox-language": "python"}
        assert body["env"] == {}
        assert body["volumes"] == []
        assert body["target"] == "us"
        assert "snapshot" not in body and "buildInfo" not in body
        assert sandbox.state == SandboxState.STARTED
        assert sandbox.language == CodeLanguage.PYTHON
        record = emulator.state.sandboxes[sandbox.id]
        assert record.state == "started"
        assert (sandbox.cpu, sandbox.memory, sandbox.disk) == (record.cpu, record.memory, record.disk)
        assert isinstance(sandbox.cpu, int)
        assert sandbox.env == {} and sandbox.volumes == []
        assert sandbox.toolbox_proxy_url == emulator.toolbox_url
    finally:
        await sandbox.delete()


async def test_create_from_snapshot_params_sends_every_field_and_leaves_params_untouched(
    daytona: AsyncDaytona, sent: Sent, emulator: RunningEmulator
) -> None:
    volume = await daytona.volume.create("live-create-vol")
    deadline = time.monotonic() + 60
    while (await daytona.volume.get("live-create-vol")).state != "ready":
        assert time.monotonic() < deadline, "the volume never became ready"
        await asyncio.sleep(0.02)
    labels = {"team": "sdk"}
    params = CreateSandboxFromSnapshotParams(
        name="live-create-snapshot-params",
        language="typescript",
        snapshot="daytonaio/sandbox:0.5.0",
        os_user="daytona",
        env_vars={"DEBUG": "true"},
        labels=labels,
        public=True,
        auto_stop_interval=0,
        auto_archive_interval=60,
        auto_delete_interval=120,
        volumes=[VolumeMount(volume_id=volume.id, mount_path="/data")],
        network_allow_list="10.0.0.0/8",
    )
    sandbox = await daytona.create(params, timeout=60)
    try:
        body = sent.one("POST", "/api/sandbox").body
        assert body["name"] == "live-create-snapshot-params"
        assert body["snapshot"] == "daytonaio/sandbox:0.5.0"
        assert body["user"] == "daytona"
        assert body["env"] == {"DEBUG": "true"}
        assert body["labels"] == {"team": "sdk", "code-toolbox-language": "typescript"}
        assert body["public"] is True
        assert (body["autoStopInterval"], body["autoArchiveInterval"], body["autoDeleteInterval"]) == (0, 60, 120)
        assert body["volumes"] == [{"volumeId": volume.id, "mountPath": "/data"}]
        assert body["networkAllowList"] == "10.0.0.0/8"
        assert labels == {"team": "sdk"}  # the caller's dict is not modified
        assert params.language == "typescript" and params.labels is labels
        assert sandbox.language == CodeLanguage.TYPESCRIPT
        assert sandbox.labels["code-toolbox-language"] == "typescript"
        assert sandbox.public is True and sandbox.auto_stop_interval == 0
        assert [(v.volume_id, v.mount_path, v.subpath) for v in sandbox.volumes or []] == [(volume.id, "/data", None)]
        assert emulator.state.sandboxes[sandbox.id].env == {"DEBUG": "true"}
    finally:
        await sandbox.delete()


async def test_create_from_image_name_sends_a_dockerfile_and_resources(daytona: AsyncDaytona, sent: Sent) -> None:
    params = CreateSandboxFromImageParams(image="debian:12.9", resources=Resources(cpu=2, memory=3, disk=6))
    sandbox = await daytona.create(params, timeout=60)
    try:
        body = sent.one("POST", "/api/sandbox").body
        assert body["buildInfo"] == {"dockerfileContent": "FROM debian:12.9\n"}
        assert (body["cpu"], body["memory"], body["disk"]) == (2, 3, 6)
        assert sandbox.state == SandboxState.STARTED
        assert (sandbox.cpu, sandbox.memory, sandbox.disk) == (2, 3, 6)
        assert sandbox.build_info is not None and sandbox.build_info.dockerfile_content == "FROM debian:12.9\n"
        # No callback: the build log is not fetched.
        assert not sent.matching("GET", "/build-logs-url")
    finally:
        await sandbox.delete()


async def test_create_from_declarative_image_streams_the_build_log_line_by_line(
    daytona: AsyncDaytona, sent: Sent, journal: Journal
) -> None:
    image = Image.base("alpine:3.18").run_commands("echo one", "echo two").env({"MODE": "test"})
    lines: list[str] = []
    sandbox = await daytona.create(
        CreateSandboxFromImageParams(image=image), timeout=60, on_snapshot_create_logs=lines.append
    )
    try:
        assert sent.one("POST", "/api/sandbox").body["buildInfo"]["dockerfileContent"] == image.dockerfile()
        sent.one("GET", f"/sandbox/{sandbox.id}/build-logs-url")
        follows = [e for e in journal.entries() if e.path.endswith("/build-logs")]
        assert follows and all("follow=true" in e.query for e in follows)
        assert lines[0].startswith("#0 building")
        assert any("FROM alpine:3.18" in line for line in lines)
        assert any("RUN echo two" in line for line in lines)
        assert lines[-1].endswith("done")
        assert all("\n" not in line for line in lines)
        assert sandbox.state == SandboxState.STARTED
    finally:
        await sandbox.delete()


async def test_create_accepts_an_async_log_callback(daytona: AsyncDaytona) -> None:
    lines: list[str] = []

    async def on_line(line: str) -> None:
        await asyncio.sleep(0)
        lines.append(line)

    sandbox = await daytona.create(
        CreateSandboxFromImageParams(image=Image.base("alpine:3.18").run_commands("true")),
        on_snapshot_create_logs=on_line,
    )
    try:
        assert any("RUN true" in line for line in lines)
    finally:
        await sandbox.delete()


async def test_create_with_a_failing_build_raises_state_error_with_the_reason(daytona: AsyncDaytona) -> None:
    image = Image.base("alpine:3.18").run_commands("echo emulator-fail-build")
    lines: list[str] = []
    with pytest.raises(DaytonaStateError) as info:
        await daytona.create(CreateSandboxFromImageParams(image=image), on_snapshot_create_logs=lines.append)
    assert info.value.state == "build_failed"
    assert info.value.error_reason and "emulator-fail-build" in info.value.error_reason
    assert "build_failed" in str(info.value)
    assert any(line.startswith("ERROR") for line in lines)


async def test_create_times_out_naming_the_last_state(
    daytona: AsyncDaytona, slow_transitions: Any, emulator: RunningEmulator
) -> None:
    slow_transitions(5.0)
    with pytest.raises(DaytonaTimeoutError) as info:
        await daytona.create(timeout=0.3)
    # POST /sandbox itself waits server-side for `started` (up to 30 s), so the client may time out before
    # any answer; when it has one, the last state is the answer's.
    assert info.value.last_state in (None, "creating")
    assert "0.3 s" in str(info.value)
    for record in list(emulator.state.sandboxes.values()):
        if record.state == "creating":
            emulator.state.sandbox_service.delete(record)


async def test_create_params_timeout_is_used_when_set(daytona: AsyncDaytona, slow_transitions: Any) -> None:
    slow_transitions(5.0)
    with pytest.raises(DaytonaTimeoutError) as info:
        await daytona.create(CreateSandboxFromSnapshotParams(timeout=0.2), timeout=60)
    assert "0.2 s" in str(info.value)


async def test_create_with_negative_timeout_or_interval_sends_nothing(
    offline: tuple[AsyncDaytona, NothingSent],
) -> None:
    client, transport = offline
    with pytest.raises(DaytonaValidationError):
        await client.create(timeout=-1)
    with pytest.raises(DaytonaValidationError):
        await client.create(CreateSandboxFromSnapshotParams(timeout=-5))
    params = CreateSandboxFromSnapshotParams()
    params.auto_stop_interval = -1  # changed after construction: checked again at create
    with pytest.raises(DaytonaValidationError):
        await client.create(params)
    with pytest.raises(DaytonaValidationError):
        await client.create(CreateSandboxFromSnapshotParams(language="cobol"))
    with pytest.raises(TypeError):
        await client.create("not params")  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        await client.create(CreateSandboxFromImageParams(image="x"), on_snapshot_create_logs="print")  # type: ignore[arg-type]
    assert transport.requests == []


async def test_create_is_not_retried_after_a_server_error(
    daytona: AsyncDaytona, emulator: RunningEmulator, journal: Journal
) -> None:
    emulator.state.faults.add("POST", r"/api/sandbox$", status=503, times=1)
    with pytest.raises(DaytonaServerError) as info:
        await daytona.create()
    assert info.value.status_code == 503
    assert str(info.value).startswith("Failed to create sandbox: ")
    assert len(journal.matching("POST", "/api/sandbox")) == 1


# ------------------------------------------------------------------------------------------ get


async def test_get_by_id_and_by_name_returns_the_full_record(
    daytona: AsyncDaytona, sandbox: AsyncSandbox, sent: Sent
) -> None:
    by_id = await daytona.get(sandbox.id)
    by_name = await daytona.get(sandbox.name)
    by_keyword = await daytona.get(sandbox_id=sandbox.id)  # the older documented keyword
    assert by_id.id == by_name.id == by_keyword.id == sandbox.id
    assert by_id.state == SandboxState.STARTED and by_id.env == {}
    assert sent.matching("GET", f"/api/sandbox/{sandbox.id}")


async def test_get_unknown_sandbox_raises_not_found_with_prefix(daytona: AsyncDaytona) -> None:
    with pytest.raises(DaytonaNotFoundError) as info:
        await daytona.get("no-such-sandbox")
    assert info.value.status_code == 404
    assert str(info.value).startswith("Failed to get sandbox: ")


async def test_get_with_empty_id_sends_nothing(offline: tuple[AsyncDaytona, NothingSent]) -> None:
    client, transport = offline
    for bad in ("", "   "):
        with pytest.raises(DaytonaValidationError, match="sandbox_id_or_name must not be empty"):
            await client.get(bad)
    with pytest.raises(TypeError, match="sandbox_id_or_name must be a str"):
        await client.get(None)
    with pytest.raises(DaytonaValidationError):
        await client.get("a", sandbox_id="b")
    assert transport.requests == []


async def test_get_is_retried_after_a_503(
    daytona: AsyncDaytona, sandbox: AsyncSandbox, emulator: RunningEmulator, journal: Journal
) -> None:
    emulator.state.faults.add("GET", rf"/api/sandbox/{sandbox.id}$", status=503, times=1)
    with use_clock(FakeClock()) as clock:
        fetched = await daytona.get(sandbox.id)
    assert fetched.id == sandbox.id
    assert len(journal.matching("GET", f"/api/sandbox/{sandbox.id}")) == 2
    assert len(clock.sleeps) == 1  # one back-off pause, on the fake clock


async def test_get_honours_retry_after_on_429(
    daytona: AsyncDaytona, sandbox: AsyncSandbox, emulator: RunningEmulator, journal: Journal
) -> None:
    emulator.state.faults.add("GET", rf"/api/sandbox/{sandbox.id}$", status=429, headers={"Retry-After": "3"}, times=1)
    with use_clock(FakeClock()) as clock:
        fetched = await daytona.get(sandbox.id)
    assert fetched.id == sandbox.id
    assert clock.sleeps == [3.0]
    assert len(journal.matching("GET", f"/api/sandbox/{sandbox.id}")) == 2


async def test_429_with_a_long_retry_after_is_raised_with_the_delay(
    daytona: AsyncDaytona, sandbox: AsyncSandbox, emulator: RunningEmulator
) -> None:
    emulator.state.faults.add(
        "GET", rf"/api/sandbox/{sandbox.id}$", status=429, headers={"Retry-After": "120"}, times=1
    )
    with pytest.raises(DaytonaRateLimitError) as info:
        await daytona.get(sandbox.id)
    assert info.value.retry_after == 120.0


async def test_wrong_api_key_raises_authentication_error(emulator: RunningEmulator) -> None:
    async with AsyncDaytona(config_for(emulator, api_key="wrong")) as client:
        with pytest.raises(DaytonaAuthenticationError) as info:
            await client.get("anything")
    assert info.value.status_code == 401
    assert "wrong" not in str(info.value)


def test_missing_credentials_raise_before_anything(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DAYTONA_API_KEY", "DAYTONA_JWT_TOKEN", "DAYTONA_ORGANIZATION_ID"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(DaytonaAuthenticationError):
        AsyncDaytona(DaytonaConfig(api_url="http://127.0.0.1:9/api"))


# ------------------------------------------------------------------------------------- find_one


async def test_find_one_by_id_by_labels_and_not_found(daytona: AsyncDaytona, sandbox: AsyncSandbox) -> None:
    await sandbox.set_labels({"code-toolbox-language": "python", "find-me": sandbox.id})
    assert (await daytona.find_one(sandbox_id=sandbox.id)).id == sandbox.id
    found = await daytona.find_one(labels={"find-me": sandbox.id})
    assert found.id == sandbox.id
    with pytest.raises(DaytonaNotFoundError, match="no sandbox found"):
        await daytona.find_one(labels={"find-me": "nobody"})
    with pytest.raises(DaytonaNotFoundError):
        await daytona.find_one(sandbox_id=sandbox.id, labels={"find-me": "other"})
    with pytest.raises(DaytonaNotFoundError) as info:
        await daytona.find_one(sandbox_id="missing-sandbox")
    assert str(info.value).startswith("Failed to find sandbox: ")


async def test_find_one_by_labels_sends_one_page_of_one(
    daytona: AsyncDaytona, sandbox: AsyncSandbox, sent: Sent
) -> None:
    await daytona.find_one(labels={"code-toolbox-language": "python"})
    request = sent.one("GET", "/api/sandbox")
    assert request.query["limit"] == ["1"]
    assert json.loads(request.query["labels"][0]) == {"code-toolbox-language": "python"}


# ----------------------------------------------------------------------------------------- list


@pytest.fixture
async def three_labelled(daytona: AsyncDaytona) -> Any:
    group = f"grp-{id(daytona)}"
    created = await asyncio.gather(
        *(daytona.create(CreateSandboxFromSnapshotParams(labels={"group": group})) for _ in range(3))
    )
    yield group, {s.id for s in created}
    await asyncio.gather(*(s.delete() for s in created))


async def test_awaited_list_returns_every_match_across_pages(
    daytona: AsyncDaytona, three_labelled: tuple[str, set[str]], sent: Sent
) -> None:
    group, ids = three_labelled
    sandboxes = await daytona.list({"group": group})
    assert {s.id for s in sandboxes} == ids
    assert all(isinstance(s, AsyncSandbox) for s in sandboxes)
    # List items lack the detail fields until refreshed.
    assert all(s.env is None and s.volumes is None for s in sandboxes)
    paged = await daytona.list(ListSandboxesQuery(labels={"group": group}, limit=1))
    assert {s.id for s in paged} == ids
    pages = [r for r in sent.matching("GET", "/api/sandbox") if r.query.get("limit") == ["1"]]
    assert len(pages) >= 3
    assert "cursor" not in pages[0].query and all("cursor" in r.query for r in pages[1:])


async def test_async_for_list_fetches_pages_lazily(
    daytona: AsyncDaytona, three_labelled: tuple[str, set[str]], sent: Sent
) -> None:
    group, ids = three_labelled
    seen = [s.id async for s in daytona.list(ListSandboxesQuery(labels={"group": group}, limit=2))]
    assert set(seen) == ids and len(seen) == 3
    before = len(sent.matching("GET", "/api/sandbox"))
    async for first in daytona.list(labels={"group": group}, query=None):
        assert first.id in ids
        break
    assert len(sent.matching("GET", "/api/sandbox")) == before + 1


async def test_list_sends_every_query_field() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"items": [], "nextCursor": None})

    config = DaytonaConfig(api_key="k", api_url="http://api.invalid/api")
    async with AsyncDaytona._from_transport(config, httpx.MockTransport(handler)) as client:
        moment = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
        query = ListSandboxesQuery(
            limit=5,
            id="ab",
            name="web",
            labels={"a": "b"},
            states=["started", "stopped"],
            snapshots=["snap"],
            targets=["us", "eu"],
            min_cpu=1,
            max_cpu=4,
            min_memory_gib=1,
            max_memory_gib=8,
            min_disk_gib=2,
            max_disk_gib=20,
            is_public=False,
            is_recoverable=True,
            created_at_after=moment,
            created_at_before=moment,
            last_activity_after=moment,
            last_activity_before=moment,
            sort="createdAt",
            order="desc",
        )
        assert await client.list(query) == []
    (request,) = seen
    params = request.url.params
    assert request.url.path == "/api/sandbox"
    assert params["limit"] == "5" and params["id"] == "ab" and params["name"] == "web"
    assert json.loads(params["labels"]) == {"a": "b"}
    assert params.get_list("states") == ["started", "stopped"]
    assert params.get_list("snapshots") == ["snap"]
    assert params.get_list("regionIds") == ["us", "eu"]
    assert (params["minCpu"], params["maxCpu"]) == ("1", "4")
    assert (params["minMemoryGiB"], params["maxMemoryGiB"]) == ("1", "8")
    assert (params["minDiskGiB"], params["maxDiskGiB"]) == ("2", "20")
    assert (params["isPublic"], params["isRecoverable"]) == ("false", "true")
    stamp = "2024-01-02T03:04:05.000000+0000"
    for key in ("createdAtAfter", "createdAtBefore", "lastEventAfter", "lastEventBefore"):
        assert params[key] == stamp
    assert (params["sort"], params["order"]) == ("createdAt", "desc")
    assert "cursor" not in params


async def test_list_follows_cursors_and_stops_on_a_repeated_cursor() -> None:
    pages = {
        None: {"items": [], "nextCursor": "c1"},
        "c1": {"items": [], "nextCursor": "c2"},
        "c2": {"items": [], "nextCursor": "c1"},  # a server bug must not loop forever
    }
    cursors: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        cursor = request.url.params.get("cursor")
        cursors.append(cursor)
        return httpx.Response(200, json=pages[cursor])

    config = DaytonaConfig(api_key="k", api_url="http://api.invalid/api")
    async with AsyncDaytona._from_transport(config, httpx.MockTransport(handler)) as client:
        assert await client.list() == []
    assert cursors == [None, "c1", "c2"]


async def test_list_rejects_bad_input_before_sending(offline: tuple[AsyncDaytona, NothingSent]) -> None:
    client, transport = offline
    with pytest.raises(TypeError):
        client.list({"a": 1})  # type: ignore[dict-item]
    with pytest.raises(DaytonaValidationError):
        client.list(ListSandboxesQuery(), query=ListSandboxesQuery())
    with pytest.raises(DaytonaValidationError):
        client.list({"a": "b"}, query=ListSandboxesQuery())
    with pytest.raises(DaytonaValidationError):
        ListSandboxesQuery(limit=0)
    query = ListSandboxesQuery()
    query.limit = 0
    with pytest.raises(DaytonaValidationError):
        client.list(query)
    assert transport.requests == []


async def test_list_error_is_typed_and_prefixed(daytona: AsyncDaytona, emulator: RunningEmulator) -> None:
    emulator.state.faults.add("GET", r"/api/sandbox$", status=403, times=1)
    with pytest.raises(DaytonaError) as info:
        await daytona.list()
    assert info.value.status_code == 403
    assert str(info.value).startswith("Failed to list sandboxes: ")


# ------------------------------------------------------------------------------- start/stop/delete


async def test_stop_start_and_delete_through_the_client(
    daytona: AsyncDaytona, emulator: RunningEmulator, journal: Journal
) -> None:
    sandbox = await daytona.create()
    await daytona.stop(sandbox)
    assert sandbox.state == SandboxState.STOPPED
    assert emulator.state.sandboxes[sandbox.id].state == "stopped"
    (stop,) = journal.matching("POST", f"/sandbox/{sandbox.id}/stop")
    assert stop.query == "force=false"
    await daytona.start(sandbox)
    assert sandbox.state == SandboxState.STARTED
    assert emulator.state.sandboxes[sandbox.id].state == "started"
    await daytona.delete(sandbox)
    assert sandbox.state == SandboxState.DESTROYED
    assert sandbox.id not in emulator.state.sandboxes
    with pytest.raises(DaytonaNotFoundError):
        await daytona.get(sandbox.id)


async def test_lifecycle_shortcuts_reject_non_sandboxes(offline: tuple[AsyncDaytona, NothingSent]) -> None:
    client, transport = offline
    for call in (client.start, client.stop, client.delete):
        with pytest.raises(TypeError):
            await call("sb-id")  # type: ignore[arg-type]
    assert transport.requests == []


async def test_start_timeout_with_a_fake_clock_names_the_last_state() -> None:
    api = CannedApi(states=["stopped", "starting"])
    clock = FakeClock()
    async with offline_client(api, clock) as client:
        sandbox = await client.get("sb-1")
        with pytest.raises(DaytonaTimeoutError) as info:
            await sandbox.wait_for_sandbox_start(timeout=5)
    assert info.value.last_state == "starting"
    assert "last state: starting" in str(info.value)
    assert clock.now() == pytest.approx(5.0)  # waited on the fake clock, not for real
    assert api.unexpected == []


# ------------------------------------------------------------------------------------ lifecycle


async def test_close_is_idempotent_and_later_calls_fail_clearly(emulator: RunningEmulator) -> None:
    client = AsyncDaytona(config_for(emulator))
    sandbox = await client.create()
    await client.close()
    await client.close()
    with pytest.raises(DaytonaError, match="closed"):
        await client.get(sandbox.id)
    with pytest.raises(DaytonaError, match="closed"):
        await sandbox.refresh_data()
    async with AsyncDaytona(config_for(emulator)) as other:
        await other.delete(await other.get(sandbox.id))
    assert other._ctx.http.is_closed


async def test_one_connection_pool_serves_api_and_toolbox(daytona: AsyncDaytona, sandbox: AsyncSandbox) -> None:
    recorder = attach_recorder(daytona)
    await sandbox.get_user_home_dir()
    await sandbox.refresh_data()
    assert sandbox._toolbox.http is daytona._ctx.http
    assert [r.path.rsplit("/", 1)[-1] for r in recorder.requests] == ["user-home-dir", sandbox.id]


def test_repr_hides_credentials(emulator: RunningEmulator) -> None:
    client = AsyncDaytona(config_for(emulator))
    assert emulator.api_key not in repr(client)
    asyncio.run(client.close())
