"""Volumes as Daytona v0.190.0's VolumeController, VolumeService and VolumeManager handle them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from daytona_emulator.server import RunningEmulator
from tests.fidelity._platform_support import Made, error_message, unique, wait_json, wait_volume


@pytest.fixture
def volumes(api: httpx.Client) -> Iterator[Made]:
    """``volumes(**body)`` posts ``/volumes``; what it made is deleted after the test."""
    made = Made(api, "volumes")
    yield made
    made.clean_up()


def _ready(api: httpx.Client, volumes: Made, name: str | None = None) -> dict[str, Any]:
    created = volumes(name=name or unique("vol"))
    assert created.status_code == 200, created.text
    return wait_volume(api, created.json()["id"], "ready")


@pytest.mark.upstream(
    "apps/api/src/sandbox/controllers/volume.controller.ts",
    "apps/api/src/sandbox/services/volume.service.ts",
    "apps/api/src/sandbox/dto/volume.dto.ts",
    "apps/api/src/sandbox/entities/volume.entity.ts",
)
def test_create_answers_pending_create_without_error_reason_or_last_use(api: httpx.Client, volumes: Made) -> None:
    created = volumes(name=unique("vol"))
    assert created.status_code == 200
    body = created.json()
    assert body["state"] == "pending_create"
    assert set(body) == {"id", "name", "organizationId", "state", "createdAt", "updatedAt"}
    fetched = api.get(f"/volumes/{body['id']}").json()
    assert fetched["errorReason"] is None and "lastUsedAt" not in fetched


@pytest.mark.upstream("apps/api/src/sandbox/managers/volume.manager.ts")
def test_a_volume_becomes_ready(api: httpx.Client, volumes: Made) -> None:
    assert _ready(api, volumes)["state"] == "ready"


@pytest.mark.upstream(
    "apps/api/src/sandbox/dto/create-volume.dto.ts", "apps/api/src/common/validators/is-safe-string.validator.ts"
)
@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "name must be a string"),
        ({"name": 3}, "name must not contain HTML tags, URLs, or control characters, name must be a string"),
        ({"name": "see https://x.io"}, "name must not contain HTML tags, URLs, or control characters"),
        ({"name": "bell\x07"}, "name must not contain HTML tags, URLs, or control characters"),
    ],
)
def test_the_name_must_be_a_safe_string(api: httpx.Client, body: dict[str, Any], message: str) -> None:
    answer = api.post("/volumes", json=body)
    assert (answer.status_code, error_message(answer)) == (400, message)


@pytest.mark.upstream("apps/api/src/sandbox/services/volume.service.ts")
def test_an_empty_name_names_the_volume_after_its_id(volumes: Made) -> None:
    body = volumes(name="").json()
    assert body["name"] == body["id"]


@pytest.mark.upstream("apps/api/src/sandbox/services/volume.service.ts")
def test_a_second_live_volume_of_the_same_name_is_400(api: httpx.Client, volumes: Made) -> None:
    name = unique("dup")
    volumes(name=name)
    again = api.post("/volumes", json={"name": name})
    assert (again.status_code, error_message(again)) == (400, f"Volume with name {name} already exists")


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/volume.service.ts",
    "apps/api/src/organization/entities/organization.entity.ts",
    "apps/api/src/organization/constants/volume-states-consuming-resources.constant.ts",
)
def test_the_volume_quota_counts_live_volumes(api: httpx.Client, volumes: Made, emulator: RunningEmulator) -> None:
    state = emulator.state
    settled = ("ready", "deleted", "error")
    wait_json(
        lambda: api.get("/volumes", params={"includeDeleted": "true"}),
        lambda vs: all(v["state"] in settled for v in vs),
        "earlier volumes to settle",
    )
    used = sum(1 for v in state.volumes.values() if v.state == "ready")
    limits = state.snapshot_service.limits
    saved, limits.volume_quota = limits.volume_quota, used + 1
    try:
        assert volumes(name=unique("last")).status_code == 200
        refused = api.post("/volumes", json={"name": unique("over")})
        assert (refused.status_code, error_message(refused)) == (
            400,
            f"Volume quota exceeded. Maximum allowed: {used + 1}",
        )
    finally:
        limits.volume_quota = saved


@pytest.mark.upstream(
    "apps/api/src/sandbox/guards/volume-access.guard.ts", "apps/api/src/sandbox/services/volume.service.ts"
)
def test_unknown_volumes_are_404_naming_what_was_asked(api: httpx.Client) -> None:
    by_id = api.get("/volumes/not-a-volume")
    assert (by_id.status_code, error_message(by_id)) == (404, "Volume with ID not-a-volume not found")
    deleted = api.delete("/volumes/00000000-0000-4000-8000-000000000000")
    assert error_message(deleted) == "Volume with ID 00000000-0000-4000-8000-000000000000 not found"
    by_name = api.get("/volumes/by-name/nothing-here")
    assert (by_name.status_code, error_message(by_name)) == (404, "Volume with name nothing-here not found")


@pytest.mark.upstream(
    "apps/api/src/sandbox/controllers/volume.controller.ts", "apps/api/src/sandbox/services/volume.service.ts"
)
def test_by_name_finds_names_with_encoded_slashes(api: httpx.Client, volumes: Made) -> None:
    name = f"team/{unique('data')}"
    created = volumes(name=name).json()
    assert api.get(f"/volumes/by-name/{quote(name, safe='')}").json()["id"] == created["id"]


@pytest.mark.upstream("apps/api/src/sandbox/services/volume.service.ts")
def test_only_a_ready_or_errored_volume_can_be_deleted(api: httpx.Client, volumes: Made) -> None:
    created = volumes(name=unique("young")).json()
    answer = api.delete(f"/volumes/{created['id']}")
    if api.get(f"/volumes/{created['id']}").json()["state"] in ("pending_create", "creating"):
        assert answer.status_code == 400
        assert error_message(answer) == "Volume must be in 'ready' or 'error' state in order to be deleted"
    ready = _ready(api, volumes)
    assert api.delete(f"/volumes/{ready['id']}").status_code == 200
    again = api.delete(f"/volumes/{ready['id']}")  # now pending_delete or later
    assert (again.status_code, error_message(again)) == (
        400,
        "Volume must be in 'ready' or 'error' state in order to be deleted",
    )


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/volume.service.ts", "apps/api/src/sandbox/controllers/volume.controller.ts"
)
def test_a_volume_mounted_by_a_sandbox_cannot_be_deleted(
    api: httpx.Client, volumes: Made, new_sandbox: Callable[..., dict[str, Any]]
) -> None:
    ready = _ready(api, volumes)
    sandbox = new_sandbox(name=unique("mounts"), volumes=[{"volumeId": ready["id"], "mountPath": "/home/daytona/v"}])
    answer = api.delete(f"/volumes/{ready['id']}")
    assert answer.status_code == 409
    assert error_message(answer) == (
        f"Volume cannot be deleted because it is in use by one or more sandboxes (e.g. {sandbox['name']})"
    )
    used = api.get(f"/volumes/{ready['id']}").json()
    assert used["lastUsedAt"][:19] == sandbox["createdAt"][:19]


@pytest.mark.upstream(
    "apps/api/src/sandbox/managers/volume.manager.ts", "apps/api/src/sandbox/services/volume.service.ts"
)
def test_a_deleted_volume_is_renamed_and_hidden_unless_include_deleted_is_given(
    api: httpx.Client, volumes: Made
) -> None:
    name = unique("gone")
    ready = _ready(api, volumes, name)
    assert api.delete(f"/volumes/{ready['id']}").status_code == 200
    deleted = wait_volume(api, ready["id"], "deleted")
    assert deleted["name"] == f"{name}-deleted"
    assert api.get(f"/volumes/by-name/{name}").status_code == 404
    assert ready["id"] not in {v["id"] for v in api.get("/volumes").json()}
    assert ready["id"] in {v["id"] for v in api.get("/volumes", params={"includeDeleted": "true"}).json()}
    # The parameter reaches the service as a string: any non-empty value, "false" too, includes them.
    assert ready["id"] in {v["id"] for v in api.get("/volumes", params={"includeDeleted": "false"}).json()}
    assert ready["id"] not in {v["id"] for v in api.get("/volumes", params={"includeDeleted": ""}).json()}
    again = volumes(name=name)  # the name is free again
    assert again.status_code == 200


@pytest.mark.upstream("apps/api/src/sandbox/managers/volume.manager.ts")
def test_a_second_deletion_of_a_name_replaces_the_older_tombstone(api: httpx.Client, volumes: Made) -> None:
    name = unique("twice")
    first = _ready(api, volumes, name)
    api.delete(f"/volumes/{first['id']}")
    wait_volume(api, first["id"], "deleted")
    second = _ready(api, volumes, name)
    api.delete(f"/volumes/{second['id']}")
    wait_volume(api, second["id"], "deleted")
    assert api.get(f"/volumes/{first['id']}").status_code == 404


@pytest.mark.upstream("apps/api/src/sandbox/services/volume.service.ts")
def test_the_list_is_ordered_by_last_use_then_creation_newest_first(
    api: httpx.Client, volumes: Made, new_sandbox: Callable[..., dict[str, Any]]
) -> None:
    older = _ready(api, volumes)
    newer = _ready(api, volumes)
    used = _ready(api, volumes)
    new_sandbox(name=unique("user"), volumes=[{"volumeId": older["id"], "mountPath": "/home/daytona/o"}])
    ids = [v["id"] for v in api.get("/volumes").json() if v["id"] in {older["id"], newer["id"], used["id"]}]
    assert ids == [older["id"], used["id"], newer["id"]]
    wait_json(lambda: api.get(f"/volumes/{older['id']}"), lambda v: "lastUsedAt" in v, "lastUsedAt")
