"""facade.params and facade.language: validation, list query string, create bodies, no mutation."""

from __future__ import annotations

import copy
import json
import warnings
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from facade._errors import DaytonaValidationError
from facade._image import Image
from facade._params import (
    CODE_TOOLBOX_LANGUAGE_LABEL,
    CodeLanguage,
    CreateSandboxBaseParams,
    CreateSandboxFromImageParams,
    CreateSandboxFromSnapshotParams,
    CreateSnapshotParams,
    ListSandboxesQuery,
    Resources,
    VolumeMount,
    parse_language,
    to_create_sandbox_body,
    to_create_snapshot_body,
)


def sandbox_body(*args: Any, **kwargs: Any) -> dict[str, Any]:
    """The JSON form of :func:`to_create_sandbox_body`'s model (what is sent)."""
    return to_create_sandbox_body(*args, **kwargs).to_dict()


def snapshot_body(*args: Any, **kwargs: Any) -> dict[str, Any]:
    """The JSON form of :func:`to_create_snapshot_body`'s model (what is sent)."""
    return to_create_snapshot_body(*args, **kwargs).to_dict()


# --------------------------------------------------------------------------- language


def test_code_language_equals_its_string_value() -> None:
    assert CodeLanguage.PYTHON == "python"  # type: ignore[comparison-overlap]
    assert str(CodeLanguage.TYPESCRIPT) == "typescript"
    assert f"{CodeLanguage.JAVASCRIPT}" == "javascript"


def test_parse_language_ignores_case_and_rejects_unknown() -> None:
    assert parse_language("TypeScript") is CodeLanguage.TYPESCRIPT
    assert parse_language(CodeLanguage.PYTHON) is CodeLanguage.PYTHON
    with pytest.raises(DaytonaValidationError, match="ruby"):
        parse_language("ruby")


def test_a_sandbox_language_comes_from_its_label_missing_or_unknown_means_python(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from daytona_openapi import models as m

    from facade._sandbox import AsyncSandbox

    def language(labels: dict[str, str]) -> CodeLanguage:
        record = {"id": "sb", "organizationId": "o", "name": "n", "user": "u", "env": {}, "labels": labels,
                  "public": False, "networkBlockAll": False, "target": "us", "cpu": 1, "gpu": 0, "memory": 1,
                  "disk": 1, "toolboxProxyUrl": "http://toolbox.invalid", "state": "started"}  # fmt: skip
        return AsyncSandbox(m.Sandbox.from_dict(record), None).language  # type: ignore[arg-type]  # no request made

    assert language({}) is CodeLanguage.PYTHON
    assert language({CODE_TOOLBOX_LANGUAGE_LABEL: " JavaScript"}) is CodeLanguage.JAVASCRIPT
    assert not caplog.records
    assert language({CODE_TOOLBOX_LANGUAGE_LABEL: "cobol"}) is CodeLanguage.PYTHON
    assert "cobol" in caplog.text


# --------------------------------------------------------------------------- ListSandboxesQuery


def test_empty_query_sends_nothing() -> None:
    assert ListSandboxesQuery().to_query_params() == []


def test_full_query_matches_the_official_wire_form() -> None:
    utc = UTC
    query = ListSandboxesQuery(
        limit=50,
        id="sb-",
        name="web",
        labels={"team": "ml", "env": "dev"},
        states=["started", "stopped"],
        snapshots=["snap-a", "snap-b"],
        targets=["us", "eu"],
        min_cpu=1,
        max_cpu=4,
        min_memory_gib=2,
        max_memory_gib=8,
        min_disk_gib=10,
        max_disk_gib=50,
        is_public=False,
        is_recoverable=True,
        created_at_after=datetime(2024, 1, 2, 3, 4, 5, tzinfo=utc),
        created_at_before=datetime(2024, 2, 1, tzinfo=utc),
        last_activity_after=datetime(2024, 3, 1, 12, 0, 0, 123456, tzinfo=timezone(timedelta(hours=2))),
        last_activity_before=datetime(2024, 4, 1, tzinfo=utc),
        sort="createdAt",
        order="desc",
    )
    assert query.to_query_params(cursor="cur-2") == [
        ("cursor", "cur-2"),
        ("limit", "50"),
        ("id", "sb-"),
        ("name", "web"),
        ("labels", '{"team": "ml", "env": "dev"}'),
        ("states", "started"),
        ("states", "stopped"),
        ("snapshots", "snap-a"),
        ("snapshots", "snap-b"),
        ("regionIds", "us"),
        ("regionIds", "eu"),
        ("minCpu", "1"),
        ("maxCpu", "4"),
        ("minMemoryGiB", "2"),
        ("maxMemoryGiB", "8"),
        ("minDiskGiB", "10"),
        ("maxDiskGiB", "50"),
        ("isPublic", "false"),
        ("isRecoverable", "true"),
        ("createdAtAfter", "2024-01-02T03:04:05.000000+0000"),
        ("createdAtBefore", "2024-02-01T00:00:00.000000+0000"),
        ("lastEventAfter", "2024-03-01T12:00:00.123456+0200"),
        ("lastEventBefore", "2024-04-01T00:00:00.000000+0000"),
        ("sort", "createdAt"),
        ("order", "desc"),
    ]


def test_labels_are_one_json_string() -> None:
    params = dict(ListSandboxesQuery(labels={"a": "b"}).to_query_params())
    assert json.loads(params["labels"]) == {"a": "b"}


def test_enum_states_are_sent_by_value() -> None:
    assert ListSandboxesQuery(states=[CodeLanguage.PYTHON]).to_query_params() == [("states", "python")]


@pytest.mark.parametrize("limit", [0, -5])
def test_limit_below_one_is_rejected(limit: int) -> None:
    with pytest.raises(DaytonaValidationError, match="limit"):
        ListSandboxesQuery(limit=limit)


def test_limit_changed_after_construction_is_checked_when_building() -> None:
    query = ListSandboxesQuery(limit=10)
    query.limit = 0
    with pytest.raises(DaytonaValidationError, match="limit"):
        query.to_query_params()


def test_query_with_wrong_types_is_rejected() -> None:
    with pytest.raises(TypeError, match="states"):
        ListSandboxesQuery(states="started")
    with pytest.raises(TypeError, match="created_at_after"):
        ListSandboxesQuery(created_at_after="2024-01-01")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- params validation


def test_negative_intervals_and_timeout_are_rejected() -> None:
    for field in ("auto_stop_interval", "auto_archive_interval"):
        with pytest.raises(DaytonaValidationError, match=field):
            CreateSandboxFromSnapshotParams(**{field: -1})  # type: ignore[arg-type]
    with pytest.raises(DaytonaValidationError, match="timeout"):
        CreateSandboxFromSnapshotParams(timeout=-1)


def test_negative_auto_delete_means_disabled_and_is_allowed() -> None:
    body = sandbox_body(CreateSandboxFromSnapshotParams(auto_delete_interval=-1), None)
    assert body["autoDeleteInterval"] == -1


def test_unknown_language_is_rejected() -> None:
    with pytest.raises(DaytonaValidationError, match="cobol"):
        CreateSandboxFromSnapshotParams(language="cobol")


def test_language_contradicting_the_label_is_rejected() -> None:
    with pytest.raises(DaytonaValidationError, match="contradicts"):
        CreateSandboxFromSnapshotParams(language="python", labels={CODE_TOOLBOX_LANGUAGE_LABEL: "typescript"})


def test_image_params_need_an_image() -> None:
    with pytest.raises(TypeError):
        CreateSandboxFromImageParams()  # type: ignore[call-arg]
    with pytest.raises(DaytonaValidationError):
        CreateSandboxFromImageParams(image="")


def test_invalid_resources_and_volumes_are_rejected() -> None:
    with pytest.raises(DaytonaValidationError):
        Resources(cpu=-1)
    with pytest.raises(DaytonaValidationError):
        VolumeMount(volume_id="", mount_path="/data")
    with pytest.raises(TypeError, match=r"volumes\[0\]"):
        CreateSandboxFromSnapshotParams(volumes=[{"volume_id": "v", "mount_path": "/d"}])  # type: ignore[list-item]


def test_env_vars_must_be_strings() -> None:
    with pytest.raises(TypeError, match="env_vars"):
        CreateSandboxFromSnapshotParams(env_vars={"DEBUG": 1})  # type: ignore[dict-item]


# --------------------------------------------------------------------------- create body


def test_minimal_snapshot_body() -> None:
    body = sandbox_body(CreateSandboxFromSnapshotParams(), None)
    assert body == {"env": {}, "labels": {CODE_TOOLBOX_LANGUAGE_LABEL: "python"}, "volumes": []}


def test_full_snapshot_body() -> None:
    params = CreateSandboxFromSnapshotParams(
        name="web-1",
        snapshot="my-snapshot",
        language="typescript",
        os_user="daytona",
        env_vars={"DEBUG": "true"},
        labels={"team": "ml"},
        public=True,
        auto_stop_interval=0,
        auto_archive_interval=60,
        auto_delete_interval=120,
        volumes=[VolumeMount("vol-1", "/data"), VolumeMount("vol-2", "/cache", subpath="users/a")],
        network_block_all=False,
        network_allow_list="10.0.0.0/8",
        domain_allow_list="pypi.org",
        linked_sandbox="sb-0",
    )
    assert sandbox_body(params, "eu") == {
        "name": "web-1",
        "snapshot": "my-snapshot",
        "user": "daytona",
        "env": {"DEBUG": "true"},
        "labels": {"team": "ml", CODE_TOOLBOX_LANGUAGE_LABEL: "typescript"},
        "public": True,
        "networkBlockAll": False,
        "networkAllowList": "10.0.0.0/8",
        "domainAllowList": "pypi.org",
        "target": "eu",
        "autoStopInterval": 0,
        "autoArchiveInterval": 60,
        "autoDeleteInterval": 120,
        "volumes": [
            {"volumeId": "vol-1", "mountPath": "/data"},
            {"volumeId": "vol-2", "mountPath": "/cache", "subpath": "users/a"},
        ],
        "linkedSandbox": "sb-0",
    }


def test_building_the_body_does_not_mutate_the_callers_objects() -> None:
    labels = {"team": "ml"}
    env = {"A": "1"}
    volumes = [VolumeMount("vol-1", "/data")]
    params = CreateSandboxFromImageParams(
        image=Image.base("alpine:3.18"),
        language="javascript",
        labels=labels,
        env_vars=env,
        volumes=volumes,
        resources=Resources(cpu=2, gpu_type=["H100"]),
        ephemeral=True,
    )
    before = copy.deepcopy(params)
    body = sandbox_body(params, "us")
    body["labels"]["x"] = "y"
    body["env"]["B"] = "2"
    body["volumes"].append({})
    body["gpuType"].append("other")
    assert params == before
    assert labels == {"team": "ml"}
    assert CODE_TOOLBOX_LANGUAGE_LABEL not in labels
    assert env == {"A": "1"}
    assert len(volumes) == 1
    assert params.resources is not None and params.resources.gpu_type == ["H100"]
    assert params.language == "javascript"
    assert params.auto_delete_interval is None


def test_ephemeral_sends_auto_delete_zero_without_changing_the_field() -> None:
    with pytest.warns(UserWarning, match="ephemeral"):
        params = CreateSandboxFromSnapshotParams(ephemeral=True, auto_delete_interval=30)
    assert sandbox_body(params, None)["autoDeleteInterval"] == 0
    assert params.auto_delete_interval == 30
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        quiet = CreateSandboxFromSnapshotParams(ephemeral=True)
    assert sandbox_body(quiet, None)["autoDeleteInterval"] == 0


def test_language_label_alone_sets_the_language() -> None:
    params = CreateSandboxFromSnapshotParams(labels={CODE_TOOLBOX_LANGUAGE_LABEL: "typescript"})
    assert sandbox_body(params, None)["labels"] == {CODE_TOOLBOX_LANGUAGE_LABEL: "typescript"}


def test_default_language_is_used_when_none_is_given() -> None:
    body = sandbox_body(CreateSandboxBaseParams(), None, default_language=CodeLanguage.JAVASCRIPT)
    assert body["labels"] == {CODE_TOOLBOX_LANGUAGE_LABEL: "javascript"}


def test_string_image_becomes_a_from_dockerfile() -> None:
    body = sandbox_body(CreateSandboxFromImageParams(image="debian:12.9"), None)
    assert body["buildInfo"] == {"dockerfileContent": "FROM debian:12.9\n"}
    assert "snapshot" not in body


def test_declarative_image_sends_its_dockerfile_and_resources() -> None:
    image = Image.base("alpine:3.18").pip_install("numpy")
    params = CreateSandboxFromImageParams(
        image=image, resources=Resources(cpu=2, memory=4, disk=20, gpu=1, gpu_type="H100")
    )
    body = sandbox_body(params, None)
    assert body["buildInfo"] == {"dockerfileContent": image.dockerfile(), "contextHashes": []}
    assert {k: body[k] for k in ("cpu", "memory", "disk", "gpu", "gpuType")} == {
        "cpu": 2,
        "memory": 4,
        "disk": 20,
        "gpu": 1,
        "gpuType": ["H100"],
    }


def test_body_rechecks_fields_changed_after_construction() -> None:
    params = CreateSandboxFromSnapshotParams()
    params.auto_stop_interval = -3
    with pytest.raises(DaytonaValidationError, match="auto_stop_interval"):
        sandbox_body(params, None)


# --------------------------------------------------------------------------- snapshot body


def test_snapshot_body_for_registry_image() -> None:
    params = CreateSnapshotParams(
        name="snap", image="python:3.12", entrypoint=["sleep", "infinity"], resources=Resources(cpu=1)
    )
    assert snapshot_body(params, default_region_id="us") == {
        "name": "snap",
        "imageName": "python:3.12",
        "entrypoint": ["sleep", "infinity"],
        "cpu": 1,
        "regionId": "us",
    }


def test_snapshot_body_for_declarative_image_appends_entrypoint_without_changing_the_image() -> None:
    image = Image.base("alpine:3.18")
    params = CreateSnapshotParams(name="snap", image=image, entrypoint=["/bin/sh"], region_id="eu")
    body = snapshot_body(params, default_region_id="us")
    assert body["buildInfo"]["dockerfileContent"] == 'FROM alpine:3.18\nENTRYPOINT ["/bin/sh"]\n'
    assert body["regionId"] == "eu"
    assert "imageName" not in body
    assert image.dockerfile() == "FROM alpine:3.18\n"
