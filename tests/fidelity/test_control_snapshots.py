"""Snapshots as Daytona v0.190.0's SnapshotController, SnapshotService and SnapshotManager handle them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from daytona_emulator.server import RunningEmulator
from tests.fidelity._platform_support import Made, error_message, unique, wait_json, wait_snapshot

Create = Callable[..., httpx.Response]


@pytest.fixture
def snapshots(api: httpx.Client) -> Iterator[Made]:
    """``snapshots(**body)`` posts ``/snapshots``; what it made is deleted after the test."""
    made = Made(api, "snapshots")
    yield made
    made.clean_up()


def _pulled(snapshots: Create, **extra: Any) -> dict[str, Any]:
    answer = snapshots(name=unique("pulled"), imageName="alpine:3.20", **extra)
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


def _built(snapshots: Create, dockerfile: str = "FROM alpine:3.20\nRUN true\n", **extra: Any) -> dict[str, Any]:
    answer = snapshots(name=unique("built"), buildInfo={"dockerfileContent": dockerfile, **extra})
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


# ---- create: the answer ---------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/api/src/sandbox/controllers/snapshot.controller.ts",
    "apps/api/src/sandbox/services/snapshot.service.ts",
    "apps/api/src/sandbox/dto/snapshot.dto.ts",
    "apps/api/src/sandbox/entities/snapshot.entity.ts",
)
def test_create_answers_the_pending_row_with_nulls_and_without_runner_or_ref(snapshots: Create) -> None:
    created = _pulled(snapshots, entrypoint=["sleep", " ", "infinity"])
    assert created["state"] == "pending" and created["general"] is False
    assert (created["size"], created["errorReason"], created["lastUsedAt"]) == (None, None, None)
    assert (created["cpu"], created["gpu"], created["mem"], created["disk"]) == (1, 0, 1, 3)
    assert created["entrypoint"] == ["sleep", "infinity"]  # blank entries dropped
    assert created["regionIds"] == ["us"] and created["sandboxClass"] == "container"
    for absent in ("initialRunnerId", "ref", "buildInfo", "gpuType"):
        assert absent not in created


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/snapshot.service.ts", "apps/api/src/sandbox/entities/build-info.entity.ts"
)
def test_a_build_snapshot_has_an_empty_image_name_a_ref_and_build_info(snapshots: Create) -> None:
    import hashlib

    dockerfile = "FROM alpine:3.20\nRUN true\n"
    created = _built(snapshots, dockerfile, contextHashes=["b", "a"])
    digest = hashlib.sha256((dockerfile + "ab").encode()).hexdigest()
    assert created["imageName"] == ""
    assert created["buildInfo"]["snapshotRef"] == f"daytona-{digest}:daytona"
    assert created["buildInfo"]["contextHashes"] == ["b", "a"]
    assert created["ref"].endswith(f"/daytona-{digest}:daytona")
    assert created["entrypoint"] == ["sleep", "infinity"]


@pytest.mark.upstream("apps/api/src/sandbox/services/snapshot.service.ts")
@pytest.mark.parametrize(
    ("line", "entrypoint"),
    [
        ('ENTRYPOINT ["python", "-m", "app"]', ["python", "-m", "app"]),
        ("ENTRYPOINT /bin/sh -c 'run it'", ["/bin/sh -c run it"]),
        ('ENTRYPOINT "just-a-json-string"', ["sleep", "infinity"]),
    ],
)
def test_the_entrypoint_of_a_build_comes_from_its_last_entrypoint_line(
    snapshots: Create, line: str, entrypoint: list[str]
) -> None:
    created = _built(snapshots, f'FROM alpine:3.20\nENTRYPOINT ["ignored"]\n{line}\n')
    assert created["entrypoint"] == entrypoint


# ---- create: validation -----------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/api/src/sandbox/dto/create-snapshot.dto.ts",
    "apps/api/src/common/validators/is-safe-string.validator.ts",
    "apps/api/src/main.ts",
    "apps/api/src/filters/all-exceptions.filter.ts",
)
@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"imageName": "alpine:3.20"}, "name must be a string"),
        (
            {"name": 5, "imageName": "alpine:3.20"},
            "name must not contain HTML tags, URLs, or control characters, name must be a string",
        ),
        (
            {"name": "x", "imageName": "alpine:3.20", "cpu": "2"},
            "cpu must not be less than 0, cpu must be a number conforming to the specified constraints",
        ),
        ({"name": "x", "imageName": "alpine:3.20", "gpu": 2}, "gpu must not be greater than 1"),
        (
            {"name": "x", "imageName": "alpine:3.20", "entrypoint": 5},
            "entrypoint must be an array, each value in entrypoint must be a string",
        ),
        (
            {"name": "x", "imageName": "alpine:3.20", "gpuType": "A100"},
            "each value in gpuType must be one of the following values: H100, RTX-PRO-6000",
        ),
        (
            {"name": "x", "imageName": "alpine:3.20", "gpuType": ["H100", "H100"]},
            "gpuType must contain no more than 1 elements",
        ),
        (
            {"name": "x", "imageName": "alpine:3.20", "sandboxClass": "vm"},
            "sandboxClass must be one of the following values: linux-vm, container, android, windows",
        ),
        ({"name": "x", "buildInfo": "FROM alpine"}, "buildInfo must be an object"),
        (
            {"name": "<b>x</b>", "imageName": 7, "memory": -1},
            "name must not contain HTML tags, URLs, or control characters, imageName must be a string, "
            "memory must not be less than 0",
        ),
    ],
)
def test_the_dto_rules_answer_400_with_every_message_in_order(
    api: httpx.Client, body: dict[str, Any], message: str
) -> None:
    answer = api.post("/snapshots", json=body)
    assert answer.status_code == 400
    assert error_message(answer) == message


@pytest.mark.upstream("apps/api/src/sandbox/controllers/snapshot.controller.ts")
@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            {"imageName": "alpine:3.20", "buildInfo": {"dockerfileContent": "FROM alpine"}},
            "Cannot specify an image name when using a build info entry",
        ),
        (
            {"entrypoint": [], "buildInfo": {"dockerfileContent": "FROM alpine"}},
            "Cannot specify an entrypoint when using a build info entry",
        ),
        ({}, "Must specify an image name when not using a build info entry"),
        ({"imageName": ""}, "Must specify an image name when not using a build info entry"),
    ],
)
def test_image_name_and_build_info_exclude_each_other(api: httpx.Client, body: dict[str, Any], message: str) -> None:
    answer = api.post("/snapshots", json={"name": unique("either"), **body})
    assert (answer.status_code, error_message(answer)) == (400, message)


@pytest.mark.upstream("apps/api/src/sandbox/services/snapshot.service.ts")
@pytest.mark.parametrize(
    ("name", "image", "message"),
    [
        (
            "bad name",
            "alpine:3.20",
            "Invalid snapshot name format. May contain letters, digits, dots, colons, and dashes",
        ),
        ("ok", "alpine", "Image name must include a tag (e.g., ubuntu:22.04) or digest (@sha256:...)"),
        ("ok", "alpine:", "Image name must include a tag (e.g., ubuntu:22.04) or digest (@sha256:...)"),
        ("ok", "alpine:latest", 'Images with tag ":latest" are not allowed'),
        ("ok", "alpine@sha256:abc", "Invalid digest format. Must be image@sha256:64_hex_characters"),
        (
            "ok",
            "my image:1",
            "Invalid image name format. Must be lowercase, may contain digits, dots, dashes, "
            "and single slashes between components",
        ),
    ],
)
def test_snapshot_and_image_names_follow_the_image_reference_rules(
    api: httpx.Client, name: str, image: str, message: str
) -> None:
    answer = api.post("/snapshots", json={"name": name, "imageName": image})
    assert (answer.status_code, error_message(answer)) == (400, message)


@pytest.mark.upstream("apps/api/src/sandbox/services/snapshot.service.ts")
def test_a_digest_reference_is_a_valid_image(snapshots: Create) -> None:
    answer = snapshots(name=unique("digest"), imageName="alpine@sha256:" + "a" * 64)
    assert answer.status_code == 200, answer.text


@pytest.mark.upstream("apps/api/src/sandbox/services/snapshot.service.ts")
def test_windows_snapshots_are_refused(api: httpx.Client) -> None:
    answer = api.post("/snapshots", json={"name": "w", "imageName": "alpine:3.20", "sandboxClass": "windows"})
    assert answer.status_code == 400
    assert error_message(answer).startswith("Windows snapshots cannot be created via this endpoint")


@pytest.mark.upstream("apps/api/src/sandbox/services/snapshot.service.ts")
def test_an_unknown_region_is_404_and_a_blank_one_means_the_default(api: httpx.Client, snapshots: Create) -> None:
    answer = api.post("/snapshots", json={"name": "r", "imageName": "alpine:3.20", "regionId": "mars"})
    assert (answer.status_code, error_message(answer)) == (404, "Region not found")
    blank = snapshots(name=unique("blank-region"), imageName="alpine:3.20", regionId="  ")
    assert blank.json()["regionIds"] == ["us"]


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/snapshot.service.ts",
    "apps/api/src/organization/entities/organization.entity.ts",
    "apps/api/src/organization/utils/sandbox-limits.util.ts",
)
@pytest.mark.parametrize(
    ("field", "value", "start"),
    [
        ("cpu", 5, "CPU request 5 exceeds maximum allowed per sandbox (4).\n"),
        ("memory", 9, "Memory request 9GB exceeds maximum allowed per sandbox (8GB).\n"),
        ("disk", 11, "Disk request 11GB exceeds maximum allowed per sandbox (10GB).\n"),
    ],
)
def test_resources_above_the_organization_limits_are_400(api: httpx.Client, field: str, value: int, start: str) -> None:
    answer = api.post("/snapshots", json={"name": "big", "imageName": "alpine:3.20", field: value})
    assert answer.status_code == 400
    assert error_message(answer).startswith(start)
    assert error_message(answer).endswith("let us know about your use case.")


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/snapshot.service.ts", "apps/api/src/sandbox/services/runner.service.ts"
)
def test_a_gpu_snapshot_finds_no_gpu_runner(api: httpx.Client) -> None:
    plain = api.post("/snapshots", json={"name": "g", "imageName": "alpine:3.20", "gpu": 1})
    assert (plain.status_code, error_message(plain)) == (400, "No available runners")
    typed = api.post("/snapshots", json={"name": "g", "imageName": "alpine:3.20", "gpu": 1, "gpuType": "H100"})
    assert (typed.status_code, error_message(typed)) == (400, "No available runners with GPU type: H100.")


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/snapshot.service.ts", "apps/api/src/sandbox/entities/snapshot.entity.ts"
)
def test_a_second_snapshot_of_the_same_name_is_409(snapshots: Create) -> None:
    name = unique("twice")
    assert snapshots(name=name, imageName="alpine:3.20").status_code == 200
    again = snapshots(name=name, buildInfo={"dockerfileContent": "FROM alpine:3.20"})
    assert again.status_code == 409
    assert error_message(again) == f'Snapshot with name "{name}" already exists for this organization'


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/snapshot.service.ts",
    "apps/api/src/organization/entities/organization.entity.ts",
    "apps/api/src/organization/constants/snapshot-states-consuming-resources.constant.ts",
)
def test_the_snapshot_quota_counts_the_organizations_live_snapshots(
    api: httpx.Client, snapshots: Create, emulator: RunningEmulator
) -> None:
    service = emulator.state.snapshot_service
    used = sum(
        1
        for s in service.all()
        if s.organization_id == service.org and s.state in ("pending", "pulling", "building", "active")
    )
    saved = service.limits.snapshot_quota
    service.limits.snapshot_quota = used + 1
    try:
        assert snapshots(name=unique("last"), imageName="alpine:3.20").status_code == 200
        refused = api.post("/snapshots", json={"name": unique("over"), "imageName": "alpine:3.20"})
        assert (refused.status_code, error_message(refused)) == (
            400,
            f"Snapshot quota exceeded. Maximum allowed: {used + 1}",
        )
    finally:
        service.limits.snapshot_quota = saved


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/snapshot.service.ts", "apps/api/src/sandbox/dto/create-build-info.dto.ts"
)
def test_build_info_without_a_dockerfile_is_not_validated_and_fails_inside(api: httpx.Client) -> None:
    answer = api.post("/snapshots", json={"name": unique("nodockerfile"), "buildInfo": {}})
    assert (answer.status_code, error_message(answer)) == (500, "An unexpected error occurred.")


# ---- the state machine ----------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/api/src/sandbox/managers/snapshot.manager.ts", "apps/api/src/sandbox/enums/snapshot-state.enum.ts"
)
def test_a_pull_goes_through_pulling_to_active_with_runner_ref_size_and_last_use(
    api: httpx.Client, snapshots: Create
) -> None:
    created = _pulled(snapshots)
    seen = wait_snapshot(api, created["id"], "pulling", "active")
    assert seen["initialRunnerId"] and seen["ref"].endswith(":daytona")
    active = wait_snapshot(api, created["id"], "active")
    assert active["size"] is not None and active["lastUsedAt"] is not None


@pytest.mark.upstream("apps/api/src/sandbox/managers/snapshot.manager.ts")
def test_a_build_goes_through_building_to_active(api: httpx.Client, snapshots: Create) -> None:
    created = _built(snapshots)
    building = wait_snapshot(api, created["id"], "building", "active")
    assert building["initialRunnerId"]
    assert wait_snapshot(api, created["id"], "active")["size"] is not None


@pytest.mark.upstream(
    "apps/api/src/sandbox/managers/snapshot.manager.ts", "apps/api/src/sandbox/runner-adapter/runnerAdapter.v2.ts"
)
def test_a_build_the_runner_fails_ends_in_error_with_the_reason(api: httpx.Client, snapshots: Create) -> None:
    created = _built(snapshots, "FROM alpine:3.20\nRUN emulator-fail-build\n")
    failed = wait_snapshot(api, created["id"], "error", "build_failed", "active")
    assert failed["state"] == "error" and "emulator-fail-build" in failed["errorReason"]


@pytest.mark.upstream("apps/api/src/sandbox/services/snapshot.service.ts")
def test_the_same_build_already_on_a_runner_is_active_at_once(api: httpx.Client, snapshots: Create) -> None:
    dockerfile = f"FROM alpine:3.20\nRUN echo {unique('same')}\n"
    first = _built(snapshots, dockerfile)
    size = wait_snapshot(api, first["id"], "active")["size"]
    second = _built(snapshots, dockerfile)
    assert second["state"] == "active" and second["size"] == size and second["lastUsedAt"] is not None


# ---- get / guards -----------------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/api/src/sandbox/controllers/snapshot.controller.ts",
    "apps/api/src/sandbox/guards/snapshot-read-access.guard.ts",
    "apps/api/src/sandbox/services/snapshot.service.ts",
    "apps/api/src/app.service.ts",
)
def test_the_general_default_snapshot_is_readable_by_name_and_owned_by_the_admin_org(
    api: httpx.Client, emulator: RunningEmulator
) -> None:
    name = emulator.state.settings.default_snapshot
    found = api.get(f"/snapshots/{quote(name, safe='')}")
    assert found.status_code == 200, found.text
    snapshot = found.json()
    assert snapshot["general"] is True and snapshot["name"] == name and snapshot["state"] == "active"
    assert snapshot["organizationId"] != emulator.state.settings.organization_id
    assert api.get(f"/snapshots/{snapshot['id']}").json()["id"] == snapshot["id"]
    assert api.get(f"/snapshots/{name}").status_code == 404  # an unencoded slash is another route


@pytest.mark.upstream(
    "apps/api/src/sandbox/guards/snapshot-read-access.guard.ts", "apps/api/src/sandbox/guards/snapshot-access.guard.ts"
)
def test_a_missing_snapshot_is_404_naming_it(api: httpx.Client) -> None:
    for path in ("/snapshots/nope", "/snapshots/00000000-0000-4000-8000-000000000000/build-logs-url"):
        answer = api.get(path)
        name = path.split("/")[2]
        assert (answer.status_code, error_message(answer)) == (404, f"Snapshot with name {name} not found")


@pytest.mark.upstream(
    "apps/api/src/sandbox/guards/snapshot-access.guard.ts",
    "apps/api/src/sandbox/services/snapshot.service.ts",
    "apps/api/src/common/guards/resource-access.guard.ts",
)
def test_the_general_snapshot_is_not_the_organizations_to_change(api: httpx.Client, emulator: RunningEmulator) -> None:
    general = next(s for s in emulator.state.snapshot_service.all() if s.general)
    for method, suffix in (("DELETE", ""), ("POST", "/deactivate"), ("POST", "/activate")):
        answer = api.request(method, f"/snapshots/{general.id}{suffix}")
        assert answer.status_code == 404
        assert error_message(answer) == f"Snapshot with ID or name {general.id} not found"
    assert general.state == "active"


@pytest.mark.upstream("apps/api/src/sandbox/controllers/snapshot.controller.ts")
def test_changing_a_snapshot_by_name_fails_the_uuid_pipe(api: httpx.Client, snapshots: Create) -> None:
    created = _pulled(snapshots)
    for method, suffix in (("DELETE", ""), ("POST", "/activate"), ("POST", "/deactivate")):
        answer = api.request(method, f"/snapshots/{created['name']}{suffix}")
        assert (answer.status_code, error_message(answer)) == (400, "Validation failed (uuid is expected)")


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/snapshot.service.ts", "apps/api/src/sandbox/managers/snapshot.manager.ts"
)
def test_delete_marks_the_snapshot_removing_and_the_clean_up_drops_it(api: httpx.Client, snapshots: Create) -> None:
    created = _pulled(snapshots)
    deleted = api.delete(f"/snapshots/{created['id']}")
    assert (deleted.status_code, deleted.content) == (200, b"")
    state = api.get(f"/snapshots/{created['id']}")
    assert state.status_code == 404 or state.json()["state"] == "removing"
    wait_json(lambda: api.get("/snapshots", params={"name": created["name"]}), lambda p: p["total"] == 0, "removal")


# ---- activate / deactivate -------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/snapshot.service.ts", "apps/api/src/sandbox/controllers/snapshot.controller.ts"
)
def test_deactivate_answers_204_from_any_state(api: httpx.Client, snapshots: Create) -> None:
    created = _built(snapshots)
    answer = api.post(f"/snapshots/{created['id']}/deactivate")
    assert (answer.status_code, answer.content) == (204, b"")
    assert api.get(f"/snapshots/{created['id']}").json()["state"] == "inactive"
    assert api.post(f"/snapshots/{created['id']}/deactivate").status_code == 204


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/snapshot.service.ts", "apps/api/src/sandbox/managers/snapshot.manager.ts"
)
def test_activate_rules(api: httpx.Client, snapshots: Create, emulator: RunningEmulator) -> None:
    created = _pulled(snapshots)
    pending = api.post(f"/snapshots/{created['id']}/activate")
    assert pending.status_code == 400
    assert error_message(pending).startswith(f"Snapshot {created['id']} cannot be activated - it is in ")
    wait_snapshot(api, created["id"], "active")
    already = api.post(f"/snapshots/{created['id']}/activate")
    assert (already.status_code, error_message(already)) == (400, f"Snapshot {created['id']} is already active")
    api.post(f"/snapshots/{created['id']}/deactivate")
    too_soon = api.post(f"/snapshots/{created['id']}/activate")
    assert error_message(too_soon) == "Snapshot deactivation is still in progress. Please try again in a few minutes."
    emulator.state.snapshots[created["id"]].updated_at -= timedelta(minutes=11)
    activated = api.post(f"/snapshots/{created['id']}/activate")
    assert activated.status_code == 200 and activated.json()["state"] == "pending"
    assert wait_snapshot(api, created["id"], "active")["state"] == "active"


# ---- list -------------------------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/api/src/sandbox/controllers/snapshot.controller.ts",
    "apps/api/src/sandbox/dto/list-snapshots-query.dto.ts",
    "apps/api/src/sandbox/services/snapshot.service.ts",
)
def test_the_list_defaults_to_page_1_of_100_with_general_snapshots_last(api: httpx.Client, snapshots: Create) -> None:
    _pulled(snapshots)
    page = api.get("/snapshots").json()
    assert (page["page"], page["totalPages"]) == (1, -(-page["total"] // 100))
    generals = [s["general"] for s in page["items"]]
    assert generals == sorted(generals) and generals[-1] is True


@pytest.mark.upstream(
    "apps/api/src/sandbox/dto/list-snapshots-query.dto.ts", "apps/api/src/sandbox/services/snapshot.service.ts"
)
def test_the_default_order_is_last_use_descending_with_never_used_last(api: httpx.Client, snapshots: Create) -> None:
    tag = unique("order")
    first = snapshots(name=f"{tag}-a", imageName="alpine:3.20").json()
    wait_snapshot(api, first["id"], "active")
    second = snapshots(name=f"{tag}-b", imageName="alpine:3.20").json()
    wait_snapshot(api, second["id"], "active")
    never = snapshots(name=f"{tag}-c", imageName="alpine:3.20").json()
    api.post(f"/snapshots/{never['id']}/deactivate")  # stopped before it was ever active: lastUsedAt stays null
    names = [s["name"] for s in api.get("/snapshots", params={"name": tag}).json()["items"]]
    assert names == [second["name"], first["name"], never["name"]]
    ascending = [s["name"] for s in api.get("/snapshots", params={"name": tag, "order": "asc"}).json()["items"]]
    assert ascending == [first["name"], second["name"], never["name"]]  # nulls stay last either way


@pytest.mark.upstream(
    "apps/api/src/sandbox/dto/list-snapshots-query.dto.ts",
    "apps/api/src/common/decorators/page-number.decorator.ts",
    "apps/api/src/common/decorators/page-limit.decorator.ts",
)
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page": "0"}, "page must not be less than 1"),
        ({"page": "1.5"}, "page must be an integer number"),
        ({"page": "abc"}, "page must be an integer number, page must not be less than 1"),
        ({"limit": "201"}, "limit must not be greater than 200"),
        ({"limit": ""}, "limit must not be less than 1"),
        ({"sort": "size"}, "sort must be one of the following values: name, state, lastUsedAt, createdAt"),
        ({"order": "up"}, "order must be one of the following values: asc, desc"),
    ],
)
def test_list_query_rules(api: httpx.Client, params: dict[str, str], message: str) -> None:
    answer = api.get("/snapshots", params=params)
    assert (answer.status_code, error_message(answer)) == (400, message)


@pytest.mark.upstream("apps/api/src/sandbox/services/snapshot.service.ts")
def test_the_name_filter_is_a_case_insensitive_substring_and_paging_counts_pages(
    api: httpx.Client, snapshots: Create
) -> None:
    tag = unique("Filter")
    for suffix in ("one", "two", "three"):
        snapshots(name=f"{tag}-{suffix}", imageName="alpine:3.20")
    page = api.get("/snapshots", params={"name": tag.upper(), "limit": 2, "page": 2}).json()
    assert (page["total"], page["page"], page["totalPages"], len(page["items"])) == (3, 2, 2, 1)


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/snapshot.service.ts", "apps/api/src/migrations/1765282546000-migration.ts"
)
def test_sorting_by_state_follows_the_database_enum_order(api: httpx.Client, snapshots: Create) -> None:
    tag = unique("bystate")
    active = snapshots(name=f"{tag}-z", imageName="alpine:3.20").json()
    wait_snapshot(api, active["id"], "active")
    inactive = snapshots(name=f"{tag}-y", imageName="alpine:3.20").json()
    api.post(f"/snapshots/{inactive['id']}/deactivate")
    pending = snapshots(name=f"{tag}-x", buildInfo={"dockerfileContent": "FROM alpine:3.20"}).json()
    api.post(f"/snapshots/{pending['id']}/deactivate")
    api.post(f"/snapshots/{active['id']}/deactivate")
    names = [
        s["name"] for s in api.get("/snapshots", params={"name": tag, "sort": "state", "order": "asc"}).json()["items"]
    ]
    assert len(names) == 3  # all inactive now: ties fall back to createdAt descending
    assert names == [f"{tag}-x", f"{tag}-y", f"{tag}-z"]


# ---- build logs -------------------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/api/src/sandbox/controllers/snapshot.controller.ts", "apps/api/src/sandbox/services/snapshot.service.ts"
)
def test_build_logs_of_a_pulled_snapshot_are_404(api: httpx.Client, snapshots: Create) -> None:
    created = _pulled(snapshots)
    for suffix in ("build-logs", "build-logs-url"):
        answer = api.get(f"/snapshots/{created['id']}/{suffix}")
        assert (answer.status_code, error_message(answer)) == (404, f"Snapshot {created['id']} has no build info")


@pytest.mark.upstream(
    "apps/api/src/sandbox/controllers/snapshot.controller.ts",
    "apps/api/src/sandbox/services/snapshot.service.ts",
    "apps/proxy/pkg/proxy/get_snapshot_target.go",
)
def test_build_logs_url_points_at_the_proxy_which_streams_the_runner_log(
    api: httpx.Client, snapshots: Create, emulator: RunningEmulator
) -> None:
    created = _built(snapshots, "FROM alpine:3.20\nRUN echo from-the-proxy\n")
    url = api.get(f"/snapshots/{created['id']}/build-logs-url").json()["url"]
    assert url == f"{emulator.root_url}/snapshots/{created['id']}/build-logs"
    with httpx.Client(headers=api.headers, timeout=api.timeout) as proxy:
        followed = proxy.get(url, params={"follow": "true"})
    assert followed.status_code == 200
    assert followed.headers["content-type"] == "application/octet-stream"
    assert "RUN echo from-the-proxy" in followed.text
    wait_snapshot(api, created["id"], "active")
    with httpx.Client(headers=api.headers, timeout=api.timeout) as proxy:
        assert "RUN echo from-the-proxy" in proxy.get(url).text  # the proxy still has it once active


@pytest.mark.upstream(
    "apps/api/src/sandbox/controllers/snapshot.controller.ts",
    "apps/api/src/sandbox/proxy/log-proxy.ts",
    "apps/runner/pkg/api/controllers/snapshot.go",
)
def test_the_deprecated_build_logs_endpoint_is_empty_once_active(api: httpx.Client, snapshots: Create) -> None:
    created = _built(snapshots)
    wait_snapshot(api, created["id"], "active")
    answer = api.get(f"/snapshots/{created['id']}/build-logs")
    assert (answer.status_code, answer.content) == (200, b"")
    bad = api.get(f"/snapshots/{created['id']}/build-logs", params={"follow": "yes"})
    assert (bad.status_code, error_message(bad)) == (400, "Validation failed (boolean string is expected)")


# ---- lastUsedAt ---------------------------------------------------------------------------------------


@pytest.mark.upstream("apps/api/src/sandbox/services/snapshot.service.ts")
def test_creating_a_sandbox_from_a_snapshot_sets_its_last_use(
    api: httpx.Client, snapshots: Create, new_sandbox: Callable[..., dict[str, Any]]
) -> None:
    created = _pulled(snapshots)
    before = wait_snapshot(api, created["id"], "active")["lastUsedAt"]
    sandbox = new_sandbox(snapshot=created["name"])
    after = api.get(f"/snapshots/{created['id']}").json()["lastUsedAt"]
    assert after is not None and after >= before
    assert after[:19] == sandbox["createdAt"][:19]
