"""``POST /sandbox``: what the DTO, the controller and the service accept, and what they answer."""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterator

import httpx
import pytest

from daytona_emulator.server import RunningEmulator, running_emulator
from daytona_emulator.settings import EmulatorSettings
from tests.fidelity._sandbox_support import cleanup, create, error, started
from tests.fidelity.conftest import wait_for_state

DTO = "apps/api/src/sandbox/dto/create-sandbox.dto.ts"
PER_SANDBOX = (
    "Need higher resource limits per-sandbox? Contact us at support@daytona.io and let us know about your use case."
)


@pytest.fixture
def made(api: httpx.Client, emulator: RunningEmulator) -> Iterator[list[str]]:
    ids: list[str] = []
    yield ids
    cleanup(api, emulator, *ids)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


@pytest.mark.upstream("apps/api/src/sandbox/controllers/sandbox.controller.ts")
def test_resources_without_a_build_are_400(api: httpx.Client) -> None:
    for resources in ({"cpu": 2}, {"memory": 2}, {"disk": 5}, {"gpu": 1}):
        message = error(api.post("/sandbox", json=resources), 400)
        assert message == "Cannot specify Sandbox resources when using a snapshot"
    message = error(api.post("/sandbox", json={"gpuType": "H100"}), 400)
    assert (
        message == "Cannot specify GPU type when creating sandbox from snapshot. GPU type is inherited from snapshot."
    )


@pytest.mark.upstream("apps/api/src/sandbox/controllers/sandbox.controller.ts")
def test_zero_resources_are_no_resources(api: httpx.Client, made: list[str]) -> None:
    sandbox = create(api, cpu=0, memory=0)
    made.append(sandbox["id"])
    assert sandbox["cpu"] == 1  # the snapshot's


@pytest.mark.upstream("apps/api/src/sandbox/controllers/sandbox.controller.ts")
def test_a_build_with_a_snapshot_or_a_linked_sandbox_is_400(api: httpx.Client) -> None:
    build = {"dockerfileContent": "FROM alpine:3.20\n"}
    message = error(api.post("/sandbox", json={"buildInfo": build, "snapshot": "x"}), 400)
    assert message == "Cannot specify a snapshot when using a build info entry"
    message = error(api.post("/sandbox", json={"buildInfo": build, "linkedSandbox": "x"}), 400)
    assert message == "linkedSandbox is not supported with declarative builds. Create a sandbox from a snapshot"


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/sandbox.service.ts",
    "apps/api/src/organization/utils/sandbox-limits.util.ts",
    "apps/api/src/organization/entities/organization.entity.ts",
    "apps/api/src/common/constants/error-messages.ts",
)
def test_the_organizations_per_sandbox_limits_apply(api: httpx.Client) -> None:
    build = {"dockerfileContent": "FROM alpine:3.20\n"}
    cases = (
        ({"cpu": 5}, "CPU request 5 exceeds maximum allowed per sandbox (4)."),
        ({"memory": 9}, "Memory request 9GB exceeds maximum allowed per sandbox (8GB)."),
        ({"disk": 11}, "Disk request 11GB exceeds maximum allowed per sandbox (10GB)."),
    )
    for resources, first_line in cases:
        message = error(api.post("/sandbox", json={"buildInfo": build, **resources}), 400)
        assert message == f"{first_line}\n{PER_SANDBOX}"


@pytest.mark.upstream(
    "apps/api/src/organization/utils/sandbox-limits.util.ts",
    "apps/api/src/organization/entities/organization.entity.ts",
)
def test_the_limits_are_settings_like_an_organizations() -> None:
    settings = EmulatorSettings(api_key="limits", transition_delay=0.02, build_duration=0.05, max_cpu_per_sandbox=8)
    with running_emulator(settings) as emulator:
        with httpx.Client(base_url=emulator.base_url, headers={"Authorization": "Bearer limits"}, timeout=60) as api:
            build = {"dockerfileContent": "FROM alpine:3.20\n"}
            answer = api.post("/sandbox", json={"buildInfo": build, "cpu": 6})
            assert answer.status_code == 200 and answer.json()["cpu"] == 6
            assert error(api.post("/sandbox", json={"buildInfo": build, "cpu": 9}), 400).startswith("CPU request 9")


@pytest.mark.upstream(
    "apps/api/src/sandbox/dto/create-sandbox.dto.ts", "apps/api/src/common/validators/is-safe-string.validator.ts"
)
def test_names_are_safe_display_strings(api: httpx.Client) -> None:
    for name in ("<b>x</b>", "see https://example.com", "www.example", "bad\x07bell", "javascript:alert"):
        message = error(api.post("/sandbox", json={"name": name}), 400)
        assert message == "name must not contain HTML tags, URLs, or control characters"
    assert error(api.post("/sandbox", json={"name": 7}), 400) == (
        "name must not contain HTML tags, URLs, or control characters, name must be a string"
    )


@pytest.mark.upstream(
    "apps/api/src/common/validators/is-safe-string.validator.ts", "apps/api/src/sandbox/entities/sandbox.entity.ts"
)
def test_an_empty_name_means_the_id_and_names_are_kept_as_sent(api: httpx.Client, made: list[str]) -> None:
    unnamed = create(api, name="")
    made.append(unnamed["id"])
    assert unnamed["name"] == unnamed["id"]
    spaced = create(api, name=f"  {unique('spaced')} tab\there ")
    made.append(spaced["id"])
    assert spaced["name"].startswith("  ") and spaced["name"].endswith(" ")


@pytest.mark.upstream("apps/api/src/sandbox/services/sandbox.service.ts")
def test_a_taken_name_is_409(api: httpx.Client, made: list[str]) -> None:
    name = unique("taken")
    made.append(create(api, name=name)["id"])
    assert error(api.post("/sandbox", json={"name": name}), 409) == f"Sandbox with name {name} already exists"


@pytest.mark.upstream("apps/api/src/sandbox/services/sandbox.service.ts")
def test_an_unknown_region_is_404(api: httpx.Client) -> None:
    assert error(api.post("/sandbox", json={"target": "mars"}), 404) == "Region not found"


@pytest.mark.upstream("apps/api/src/sandbox/services/sandbox.service.ts")
def test_an_unknown_snapshot_is_400(api: httpx.Client) -> None:
    message = error(api.post("/sandbox", json={"snapshot": "no-such-image"}), 400)
    assert message == "Snapshot no-such-image not found. Did you add it through the Daytona Dashboard?"


@pytest.mark.upstream("apps/api/src/sandbox/dto/create-sandbox.dto.ts")
def test_dto_type_errors_use_class_validator_messages(api: httpx.Client) -> None:
    cases = (
        ({"env": ["A=1"]}, "env must be an object"),
        ({"labels": "x"}, "labels must be an object"),
        ({"autoStopInterval": "5"}, "autoStopInterval must be a number conforming to the specified constraints"),
        ({"gpuType": ["A100"]}, "each value in gpuType must be one of the following values: H100, RTX-PRO-6000"),
        ({"volumes": {}}, "volumes must be an array"),
        ({"buildInfo": "FROM x"}, "buildInfo must be an object"),
        ({"networkBlockAll": 1}, "networkBlockAll must be a boolean value"),
        ({"gpu": 2}, "gpu must not be greater than 1"),
    )
    for body, message in cases:
        assert error(api.post("/sandbox", json=body), 400) == message


@pytest.mark.upstream("apps/api/src/sandbox/dto/create-sandbox.dto.ts", "apps/api/src/sandbox/dto/sandbox.dto.ts")
def test_volume_entries_are_validated_as_nested_objects(api: httpx.Client) -> None:
    message = error(api.post("/sandbox", json={"volumes": [{"mountPath": "/data"}]}), 400)
    assert message == "volumes.0.volumeId should not be empty, volumes.0.volumeId must be a string"


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/sandbox.service.ts",
    "apps/api/src/sandbox/utils/volume-mount-path-validation.util.ts",
)
def test_volumes_resolve_by_id_or_name_with_safe_mount_paths(api: httpx.Client, made: list[str]) -> None:
    message = error(api.post("/sandbox", json={"volumes": [{"volumeId": "nope", "mountPath": "/data"}]}), 400)
    assert message == "Volume 'nope' could not be resolved to a valid volume ID"
    name = unique("vol")
    volume = api.post("/volumes", json={"name": name}).json()
    for path, reason in (("data", "must be absolute"), ("/etc/x", "cannot mount to system directory")):
        message = error(api.post("/sandbox", json={"volumes": [{"volumeId": name, "mountPath": path}]}), 400)
        assert message == f"Invalid mount path {path} ({reason})"
    sandbox = create(api, volumes=[{"volumeId": name, "mountPath": "/home/daytona/data"}])
    made.append(sandbox["id"])
    assert sandbox["volumes"] == [{"volumeId": volume["id"], "mountPath": "/home/daytona/data"}]


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/sandbox.service.ts", "apps/api/src/sandbox/utils/network-validation.util.ts"
)
def test_allow_lists_are_validated_at_creation(api: httpx.Client) -> None:
    message = error(api.post("/sandbox", json={"networkAllowList": "999.1.1.1/8"}), 400)
    assert message == 'Invalid IP address: "999.1.1.1" in network "999.1.1.1/8". Must be a valid IPv4 address'
    many = ",".join(f"10.0.{i}.0/24" for i in range(11))
    message = error(api.post("/sandbox", json={"networkAllowList": many}), 400)
    assert message == "Network allow list cannot contain more than 10 networks"
    message = error(api.post("/sandbox", json={"autoStopInterval": -1}), 400)
    assert message == "Auto-stop interval must be non-negative"


@pytest.mark.upstream(
    "apps/api/src/sandbox/controllers/sandbox.controller.ts", "apps/api/src/sandbox/dto/create-sandbox.dto.ts"
)
def test_an_empty_body_creates_a_default_sandbox(api: httpx.Client, made: list[str]) -> None:
    answer = api.post("/sandbox")
    assert answer.status_code == 200, answer.text
    made.append(answer.json()["id"])
    assert answer.json()["snapshot"] == "daytonaio/sandbox:0.5.0"


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/sandbox.service.ts", "apps/api/src/sandbox/utils/ephemeral.util.ts"
)
def test_a_gpu_build_must_be_ephemeral(api: httpx.Client) -> None:
    build = {"dockerfileContent": "FROM alpine:3.20\n"}
    message = error(api.post("/sandbox", json={"buildInfo": build, "gpu": 1}), 400)
    assert message == "GPU sandboxes must be ephemeral - set autoDeleteInterval to 0"


@pytest.mark.upstream(
    "apps/api/src/sandbox/controllers/sandbox.controller.ts",
    "apps/api/src/sandbox/services/sandbox.service.ts",
    "apps/api/src/sandbox/entities/build-info.entity.ts",
)
def test_a_build_answers_pending_build_at_once_with_its_snapshot_ref(api: httpx.Client, made: list[str]) -> None:
    dockerfile = f"FROM alpine:3.20\nRUN echo {uuid.uuid4().hex}\n"
    answer = create(api, buildInfo={"dockerfileContent": dockerfile, "contextHashes": ["b", "a"]})
    made.append(answer["id"])
    assert answer["state"] == "pending_build" and "runnerId" not in answer and "snapshot" not in answer
    expected = "daytona-" + hashlib.sha256((dockerfile + "ab").encode()).hexdigest() + ":daytona"
    assert answer["buildInfo"]["snapshotRef"] == expected
    assert (answer["cpu"], answer["memory"], answer["disk"]) == (1, 1, 3)
    wait_for_state(api, answer["id"], "started")
    again = create(api, buildInfo={"dockerfileContent": dockerfile, "contextHashes": ["a", "b"]})
    made.append(again["id"])
    assert again["state"] == "creating"  # a runner has that image now: nothing to build


@pytest.mark.upstream(
    "apps/api/src/sandbox/controllers/sandbox.controller.ts", "apps/api/src/sandbox/services/sandbox.service.ts"
)
def test_build_logs_and_their_url(api: httpx.Client, made: list[str]) -> None:
    plain = started(api)
    made.append(plain["id"])
    message = error(api.get(f"/sandbox/{plain['id']}/build-logs-url"), 404)
    assert message == f"Sandbox {plain['id']} has no build info"
    message = error(api.get(f"/sandbox/{plain['id']}/build-logs"), 404)
    assert message == f"Sandbox with ID or name {plain['id']} has no build info"
    built = create(api, buildInfo={"dockerfileContent": f"FROM alpine:3.20\nRUN echo {uuid.uuid4().hex}\n"})
    made.append(built["id"])
    url = api.get(f"/sandbox/{built['id']}/build-logs-url").json()["url"]
    assert re.fullmatch(rf"https?://[^/]+/sandboxes/{built['id']}/build-logs", url)
    wait_for_state(api, built["id"], "started")
    logs = httpx.get(url, params={"follow": "true"}, headers=dict(api.headers), timeout=60)
    assert logs.status_code == 200 and "FROM alpine:3.20" in logs.text


@pytest.mark.upstream("apps/api/src/sandbox/services/sandbox.service.ts")
def test_a_failed_build_ends_in_build_failed(api: httpx.Client, emulator: RunningEmulator, made: list[str]) -> None:
    marker = emulator.state.settings.build_fail_marker
    answer = create(api, buildInfo={"dockerfileContent": f"FROM alpine:3.20\nRUN {marker}\n"})
    made.append(answer["id"])
    failed = wait_for_state(api, answer["id"], "build_failed")
    assert failed["errorReason"] and failed["recoverable"] is False
