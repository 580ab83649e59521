"""The object storage ``/object-storage/push-access`` hands out is real: what is put there with its credentials
is what a build's ``contextHashes`` can name, and a build naming objects that are not there fails as the runner
fails it."""

from __future__ import annotations

import io
import tarfile
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from daytona_emulator.server import RunningEmulator
from tests.fidelity._platform_support import Made, unique, wait_snapshot


@pytest.fixture
def snapshots(api: httpx.Client) -> Iterator[Made]:
    made = Made(api, "snapshots")
    yield made
    made.clean_up()


def _s3(access: dict[str, Any], ca_file: str) -> Any:
    import boto3  # type: ignore[import-untyped]

    return boto3.client(
        "s3",
        endpoint_url=access["storageUrl"],
        aws_access_key_id=access["accessKey"],
        aws_secret_access_key=access["secret"],
        aws_session_token=access["sessionToken"],
        region_name="us-east-1",
        verify=ca_file,
    )


def _context_tar(name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        info = tarfile.TarInfo(name)
        info.size = len(content)
        tar.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


@pytest.mark.upstream(
    "apps/api/src/object-storage/services/object-storage.service.ts", "apps/api/src/sandbox/dto/storage-access-dto.ts"
)
def test_push_access_gives_temporary_credentials_for_an_https_bucket(
    api: httpx.Client, emulator: RunningEmulator
) -> None:
    access = api.get("/object-storage/push-access").json()
    assert access["storageUrl"].startswith("https://127.0.0.1:")
    assert access["accessKey"].startswith("ASIA") and access["sessionToken"]  # STS AssumeRole credentials
    storage = emulator.state.snapshot_service.storage
    key = f"{access['organizationId']}/{uuid.uuid4().hex}/context.tar"
    _s3(access, storage.ca_file).put_object(Bucket=access["bucket"], Key=key, Body=b"tar bytes")
    assert key in storage.keys() and storage.read(key) == b"tar bytes"


@pytest.mark.upstream(
    "apps/runner/pkg/docker/image_build.go",
    "apps/runner/pkg/storage/minio_client.go",
    "apps/api/src/sandbox/managers/snapshot.manager.ts",
)
def test_a_build_naming_context_objects_never_uploaded_ends_in_error(
    api: httpx.Client, snapshots: Made, emulator: RunningEmulator
) -> None:
    missing = uuid.uuid4().hex
    created = snapshots(
        name=unique("no-context"),
        buildInfo={"dockerfileContent": "FROM alpine:3.20\nCOPY x /x\n", "contextHashes": [missing]},
    ).json()
    failed = wait_snapshot(api, created["id"], "error", "active")
    assert failed["state"] == "error"
    assert failed["errorReason"] == (
        f"failed to get tar from storage with hash {missing}: "
        "failed to read object data: The specified key does not exist."
    )


@pytest.mark.upstream("apps/runner/pkg/docker/image_build.go")
def test_a_build_whose_context_objects_were_uploaded_succeeds_and_an_empty_one_fails(
    api: httpx.Client, snapshots: Made, emulator: RunningEmulator
) -> None:
    access = api.get("/object-storage/push-access").json()
    s3 = _s3(access, emulator.state.snapshot_service.storage.ca_file)
    good, empty = uuid.uuid4().hex, uuid.uuid4().hex
    organization = access["organizationId"]
    s3.put_object(Bucket=access["bucket"], Key=f"{organization}/{good}/context.tar", Body=_context_tar("x", b"x"))
    s3.put_object(Bucket=access["bucket"], Key=f"{organization}/{empty}/context.tar", Body=b"")

    built = snapshots(
        name=unique("with-context"),
        buildInfo={"dockerfileContent": "FROM alpine:3.20\nCOPY x /x\n", "contextHashes": [good]},
    ).json()
    assert wait_snapshot(api, built["id"], "active", "error")["state"] == "active"

    hollow = snapshots(
        name=unique("empty-context"),
        buildInfo={"dockerfileContent": "FROM alpine:3.20\nCOPY y /y\n", "contextHashes": [good, empty]},
    ).json()
    failed = wait_snapshot(api, hollow["id"], "error", "active")
    assert (failed["state"], failed["errorReason"]) == ("error", f"empty tar file received for hash {empty}")
