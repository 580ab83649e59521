"""``daytona.volume`` and ``daytona.snapshot`` against the in-process emulator."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import pytest
from _live_support import Journal, NothingSent, Sent

from daytona_emulator.server import RunningEmulator
from facade import (
    AsyncDaytona,
    CreateSnapshotParams,
    DaytonaError,
    DaytonaNotFoundError,
    DaytonaStateError,
    DaytonaTimeoutError,
    DaytonaValidationError,
    Image,
    PaginatedSnapshots,
    Resources,
    Snapshot,
    Volume,
)

# ---------------------------------------------------------------------------------------- volumes


async def _ready(daytona: AsyncDaytona, name: str) -> Volume:
    deadline = time.monotonic() + 60
    while True:
        volume = await daytona.volume.get(name)
        if volume.state == "ready":
            return volume
        assert time.monotonic() < deadline, f"volume {name} never became ready"
        await asyncio.sleep(0.01)


async def test_volume_create_get_list_delete(daytona: AsyncDaytona, sent: Sent, emulator: RunningEmulator) -> None:
    created = await daytona.volume.create("vol-crud")
    assert isinstance(created, Volume) and created.name == "vol-crud"
    assert sent.one("POST", "/api/volumes").body == {"name": "vol-crud"}
    fetched = await _ready(daytona, "vol-crud")
    assert fetched.id == created.id
    sent.matching("GET", "/api/volumes/by-name/vol-crud")
    assert created.id in {v.id for v in await daytona.volume.list()}
    await daytona.volume.delete(fetched)
    sent.one("DELETE", f"/api/volumes/{created.id}")
    assert emulator.state.volumes[created.id].state in ("pending_delete", "deleting", "deleted")


async def test_volume_get_missing_raises_not_found_and_create_true_creates_it(
    daytona: AsyncDaytona, sent: Sent
) -> None:
    with pytest.raises(DaytonaNotFoundError) as info:
        await daytona.volume.get("vol-missing")
    assert str(info.value).startswith("Failed to get volume: ")
    made = await daytona.volume.get("vol-get-or-create", create=True)
    assert made.name == "vol-get-or-create"
    sent.one("POST", "/api/volumes")
    again = await daytona.volume.get("vol-get-or-create", create=True)
    assert again.id == made.id
    assert len(sent.matching("POST", "/api/volumes")) == 1


async def test_volume_create_twice_is_refused_as_bad_input(daytona: AsyncDaytona) -> None:
    await daytona.volume.create("vol-dup")
    with pytest.raises(DaytonaValidationError) as info:  # the service answers 400, not 409
        await daytona.volume.create("vol-dup")
    assert info.value.status_code == 400
    assert str(info.value).endswith("Volume with name vol-dup already exists")


async def test_volume_delete_unknown_is_not_found(daytona: AsyncDaytona) -> None:
    with pytest.raises(DaytonaNotFoundError):
        await daytona.volume.delete("00000000-0000-0000-0000-000000000000")


async def test_volume_bad_input_sends_nothing(offline: tuple[AsyncDaytona, NothingSent]) -> None:
    client, transport = offline
    for call in (client.volume.create, client.volume.get, client.volume.delete):
        with pytest.raises(DaytonaValidationError):
            await call("")
    with pytest.raises(TypeError):
        await client.volume.get("v", create="yes")  # type: ignore[arg-type]
    assert transport.requests == []


# -------------------------------------------------------------------------------------- snapshots


async def test_snapshot_from_an_image_name(daytona: AsyncDaytona, sent: Sent) -> None:
    params = CreateSnapshotParams(
        name="snap-from-name", image="python:3.12-slim", resources=Resources(cpu=2, memory=2), entrypoint=["sleep"]
    )
    snapshot = await daytona.snapshot.create(params, timeout=60)
    assert isinstance(snapshot, Snapshot) and snapshot.state == "active"
    body = sent.one("POST", "/api/snapshots").body
    assert body == {
        "name": "snap-from-name",
        "imageName": "python:3.12-slim",
        "entrypoint": ["sleep"],
        "cpu": 2,
        "memory": 2,
        "regionId": "us",
    }
    assert snapshot.image_name == "python:3.12-slim" and snapshot.cpu == 2
    assert not sent.matching("GET", "/build-logs-url")  # no callback, no log


async def test_snapshot_from_a_declarative_image_streams_logs(daytona: AsyncDaytona, sent: Sent) -> None:
    image = Image.base("alpine:3.18").run_commands("echo built")
    messages: list[str] = []
    snapshot = await daytona.snapshot.create(
        CreateSnapshotParams(name="snap-declarative", image=image), on_logs=messages.append
    )
    assert (
        snapshot.state == "active"
        and snapshot.build_info
        and snapshot.build_info.dockerfile_content == image.dockerfile()
    )
    assert sent.one("POST", "/api/snapshots").body["buildInfo"]["dockerfileContent"] == image.dockerfile()
    sent.one("GET", f"/api/snapshots/{snapshot.id}/build-logs-url")
    assert messages[0] == "Creating snapshot snap-declarative (pending)"
    assert "Creating snapshot snap-declarative (building)" in messages
    assert any("RUN echo built" in m for m in messages)
    assert messages[-1] == "Created snapshot snap-declarative (active)"


async def test_snapshot_build_failure_raises_with_the_reason(daytona: AsyncDaytona) -> None:
    image = Image.base("alpine:3.18").run_commands("echo emulator-fail-build")
    with pytest.raises(DaytonaStateError) as info:
        await daytona.snapshot.create(CreateSnapshotParams(name="snap-broken", image=image))
    assert info.value.state == "error"  # a build the runner fails ends in error
    assert str(info.value).startswith("Failed to create snapshot snap-broken, reason: ")
    assert "emulator-fail-build" in str(info.value)


async def test_snapshot_create_times_out_naming_the_last_state(daytona: AsyncDaytona, slow_transitions: object) -> None:
    # The timeout covers the POST too: it must leave the POST (slow on a busy machine) ample time, and end long
    # before the snapshot's build does.
    slow_transitions(60.0)  # type: ignore[operator]
    with pytest.raises(DaytonaTimeoutError) as info:
        await daytona.snapshot.create(CreateSnapshotParams(name="snap-slow", image="alpine:3.19"), timeout=3)
    assert info.value.last_state == "pending"


async def test_snapshot_get_list_delete_activate(
    daytona: AsyncDaytona, sent: Sent, emulator: RunningEmulator, journal: Journal
) -> None:
    snapshot = await daytona.snapshot.create(CreateSnapshotParams(name="snap-crud", image="alpine:3.20"))
    by_name = await daytona.snapshot.get("snap-crud")
    by_id = await daytona.snapshot.get(snapshot.id)
    assert by_name.id == by_id.id == snapshot.id

    page = await daytona.snapshot.list(page=1, limit=1)
    assert isinstance(page, PaginatedSnapshots) and len(page.items) == 1 and page.page == 1
    assert page.total >= 2 and page.total_pages >= 2
    assert sent.matching("GET", "/api/snapshots")[-1].query == {"page": ["1"], "limit": ["1"]}
    everything = await daytona.snapshot.list()
    assert sent.matching("GET", "/api/snapshots")[-1].query == {}
    assert snapshot.id in {s.id for s in everything.items}

    record = emulator.state.snapshots[snapshot.id]
    emulator.state.snapshot_service.deactivate(record)
    record.updated_at -= timedelta(minutes=11)  # activation waits 10 minutes after the last change
    activated = await daytona.snapshot.activate(snapshot)
    assert activated.state == "pending"
    assert journal.matching("POST", f"/api/snapshots/{snapshot.id}/activate")

    await daytona.snapshot.delete(snapshot)
    assert journal.matching("DELETE", f"/api/snapshots/{snapshot.id}")
    with pytest.raises(DaytonaError) as info:
        await daytona.snapshot.activate(snapshot)
    assert str(info.value).startswith("Failed to activate snapshot: ")


async def test_snapshot_get_missing_raises_not_found(daytona: AsyncDaytona) -> None:
    with pytest.raises(DaytonaNotFoundError) as info:
        await daytona.snapshot.get("no-such-snapshot")
    assert str(info.value).startswith("Failed to get snapshot: ")


async def test_snapshot_bad_input_sends_nothing(offline: tuple[AsyncDaytona, NothingSent]) -> None:
    client, transport = offline
    with pytest.raises(DaytonaValidationError):
        await client.snapshot.list(page=0)
    with pytest.raises(DaytonaValidationError):
        await client.snapshot.list(limit=-1)
    with pytest.raises(DaytonaValidationError):
        await client.snapshot.get("")
    with pytest.raises(DaytonaValidationError):
        await client.snapshot.create(CreateSnapshotParams(name="x", image="alpine:3"), timeout=-1)
    with pytest.raises(TypeError):
        await client.snapshot.create("x")  # type: ignore[arg-type]
    with pytest.raises(DaytonaValidationError):
        CreateSnapshotParams(name="", image="alpine:3")
    assert transport.requests == []
