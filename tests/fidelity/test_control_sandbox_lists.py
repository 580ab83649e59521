"""``GET /sandbox`` and the deprecated ``GET /sandbox/paginated``: query validation, defaults, filters and
cursors."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from daytona_emulator.server import RunningEmulator
from tests.fidelity._sandbox_support import cleanup, error, started, stopped

STATES = (
    "creating, restoring, destroying, started, stopped, starting, stopping, error, build_failed, pending_build, "
    "building_snapshot, unknown, pulling_snapshot, archived, archiving, resizing, snapshotting, forking, pausing, "
    "paused, resuming"
)


@pytest.fixture
def family(api: httpx.Client, emulator: RunningEmulator) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Three sandboxes sharing a fresh label: the first stopped, the others started (in creation order)."""
    label = uuid.uuid4().hex
    members = [stopped(api, labels={"family": label}), started(api, labels={"family": label})]
    members.append(started(api, labels={"family": label}))
    yield label, members
    cleanup(api, emulator, *(m["id"] for m in members))


def of(label: str) -> dict[str, Any]:
    return {"labels": json.dumps({"family": label})}


@pytest.mark.upstream(
    "apps/api/src/sandbox/repositories/sandbox.repository.ts",
    "apps/api/src/sandbox/dto/list-sandboxes-query.dto.ts",
    "apps/api/src/sandbox/adapters/sandbox-typeorm-search.adapter.ts",
)
def test_the_list_is_sorted_by_last_activity_newest_first(
    api: httpx.Client, family: tuple[str, list[dict[str, Any]]]
) -> None:
    label, members = family
    first = members[0]["id"]
    api.post(f"/sandbox/{first}/start")  # a state change is activity
    items = api.get("/sandbox", params=of(label)).json()["items"]
    assert items[0]["id"] == first
    stamps = [item["lastActivityAt"] for item in items]
    assert stamps == sorted(stamps, reverse=True)


@pytest.mark.upstream(
    "apps/api/src/sandbox/dto/list-sandboxes-query.dto.ts",
    "apps/api/src/common/decorators/to-array.decorator.ts",
    "apps/api/src/sandbox/adapters/sandbox-typeorm-search.adapter.ts",
)
def test_states_are_repeated_parameters(api: httpx.Client, family: tuple[str, list[dict[str, Any]]]) -> None:
    label, members = family
    both = api.get("/sandbox", params=[("states", "started"), ("states", "stopped"), *of(label).items()])
    assert len(both.json()["items"]) == 3
    only = api.get("/sandbox", params={"states": "stopped", **of(label)}).json()["items"]
    assert [item["id"] for item in only] == [members[0]["id"]]
    brackets = api.get("/sandbox", params=[("states[]", "stopped"), *of(label).items()]).json()["items"]
    assert [item["id"] for item in brackets] == [members[0]["id"]]
    assert error(api.get("/sandbox", params={"states": "started,stopped"}), 400) == (
        f"each value must be one of the following values: {STATES}"
    )
    error(api.get("/sandbox", params={"states": "destroyed"}), 400)


@pytest.mark.upstream(
    "apps/api/src/sandbox/dto/list-sandboxes-query.dto.ts",
    "apps/api/src/sandbox/adapters/sandbox-typeorm-search.adapter.ts",
)
def test_cursor_pages(api: httpx.Client, family: tuple[str, list[dict[str, Any]]]) -> None:
    label, members = family
    query = {**of(label), "limit": 2, "sort": "createdAt", "order": "asc"}
    first = api.get("/sandbox", params=query).json()
    assert [item["id"] for item in first["items"]] == [m["id"] for m in members[:2]]
    cursor = json.loads(base64.b64decode(first["nextCursor"]))
    assert cursor == {"sortValue": members[1]["createdAt"], "id": members[1]["id"]}
    second = api.get("/sandbox", params={**query, "cursor": first["nextCursor"]}).json()
    assert [item["id"] for item in second["items"]] == [members[2]["id"]] and second["nextCursor"] is None
    assert error(api.get("/sandbox", params={"cursor": "!!!"}), 400) == "Invalid cursor provided: !!!"


@pytest.mark.upstream(
    "apps/api/src/sandbox/dto/list-sandboxes-query.dto.ts", "apps/api/src/common/decorators/page-limit.decorator.ts"
)
def test_query_validation_messages(api: httpx.Client) -> None:
    cases = (
        ({"limit": 0}, "limit must not be less than 1"),
        ({"limit": 201}, "limit must not be greater than 200"),
        ({"limit": "x"}, "limit must be an integer number, limit must not be less than 1, "
                         "limit must not be greater than 200"),
        ({"sort": "id"}, "sort must be one of the following values: "
                         "name, cpu, memoryGib, diskGib, lastActivityAt, createdAt"),
        ({"order": "up"}, "order must be one of the following values: asc, desc"),
        ({"minCpu": 0}, "minCpu must not be less than 1"),
        ({"sandboxClasses": "vm"}, "each value in sandboxClasses must be one of the following values: "
                                   "linux-vm, container, android, windows"),
        ({"createdAtAfter": "yesterday"}, "createdAtAfter must be a Date instance"),
    )  # fmt: skip
    for params, message in cases:
        assert error(api.get("/sandbox", params=params), 400) == message
    assert error(api.get("/sandbox", params={"labels": "{nope"}), 400) == "Invalid labels JSON format"


@pytest.mark.upstream(
    "apps/api/src/sandbox/adapters/sandbox-typeorm-search.adapter.ts",
    "apps/api/src/sandbox/dto/sandbox-list-item.dto.ts",
)
def test_filters_and_the_list_item_shape(api: httpx.Client, family: tuple[str, list[dict[str, Any]]]) -> None:
    label, members = family
    name_prefix = members[1]["id"][:8].upper()  # case-insensitive prefix
    by_id = api.get("/sandbox", params={"id": name_prefix, **of(label)}).json()["items"]
    assert [item["id"] for item in by_id] == [members[1]["id"]]
    item = by_id[0]
    assert "env" not in item and "volumes" not in item and "networkBlockAll" not in item
    assert item["toolboxProxyUrl"] == members[1]["toolboxProxyUrl"]
    since = api.get("/sandbox", params={"createdAtAfter": members[2]["createdAt"], **of(label)}).json()["items"]
    assert [item["id"] for item in since] == [members[2]["id"]]  # inclusive bound
    public = api.get("/sandbox", params={"isPublic": "true", **of(label)}).json()["items"]
    assert public == []


@pytest.mark.upstream(
    "apps/api/src/sandbox/dto/list-sandboxes-query.deprecated.dto.ts",
    "apps/api/src/sandbox/services/sandbox.service.ts",
    "apps/api/src/sandbox/controllers/sandbox.controller.ts",
)
def test_the_paginated_list(api: httpx.Client, family: tuple[str, list[dict[str, Any]]]) -> None:
    label, members = family
    page = api.get("/sandbox/paginated", params={**of(label), "limit": 2}).json()
    assert (page["total"], page["page"], page["totalPages"]) == (3, 1, 2)
    # Newest first by default; the items are full sandboxes.
    assert [item["id"] for item in page["items"]] == [members[2]["id"], members[1]["id"]]
    assert "env" in page["items"][0]
    assert error(api.get("/sandbox/paginated", params={"page": 0}), 400) == "page must not be less than 1"
    assert error(api.get("/sandbox/paginated", params={"labels": "{"}), 400) == "Invalid labels JSON format"
    stopped_only = api.get("/sandbox/paginated", params={"states": "stopped", **of(label)}).json()
    assert [item["id"] for item in stopped_only["items"]] == [members[0]["id"]]
