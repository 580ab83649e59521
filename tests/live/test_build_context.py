"""Local build context (``Image.add_local_file`` / ``add_local_dir`` / ``pip_install_from_requirements``): the
facade hashes, archives and uploads it exactly as the official SDK 0.190.0 does, to the object storage the
emulator hands out at ``/object-storage/push-access`` (moto's S3 over HTTPS with the emulator's own CA).

Both SDKs' object stores (``obstore``) trust the CA through ``SSL_CERT_FILE``; the official SDK clears the
environment while it builds its store, so its ``isolated_env`` is replaced here by one that only keeps that
variable (nothing else of its upload changes).
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import daytona as official_sdk
import daytona._async.object_storage as official_storage
import httpx
import pytest
from _live_support import Sent, config_for

import facade
import facade._context as ctx
from daytona_emulator.server import RunningEmulator
from facade import AsyncDaytona, CreateSandboxFromImageParams, CreateSnapshotParams, DaytonaError, Image
from facade._errors import (
    DaytonaAuthenticationError,
    DaytonaAuthorizationError,
    DaytonaConnectionError,
    DaytonaNotFoundError,
    DaytonaValidationError,
)

MEMORY_PROGRAM = Path(__file__).with_name("_context_memory_program.py")


@pytest.fixture
def storage(emulator: RunningEmulator, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The emulator's object storage, trusted by both SDKs' stores through ``SSL_CERT_FILE``."""
    store = emulator.state.snapshot_service.storage
    monkeypatch.setenv("SSL_CERT_FILE", store.ca_file)

    @contextlib.contextmanager
    def only_the_ca(temp_env: Any = None) -> Iterator[None]:
        saved = dict(os.environ)
        os.environ.clear()
        os.environ["SSL_CERT_FILE"] = store.ca_file
        try:
            yield
        finally:
            os.environ.clear()
            os.environ.update(saved)

    monkeypatch.setattr(official_storage, "isolated_env", only_the_ca)
    return store


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every object-store call the facade makes, as ``(method, key)``."""
    seen: list[tuple[str, str]] = []
    make_store = ctx._store

    class Spy:
        def __init__(self, store: Any) -> None:
            self._store = store

        def __getattr__(self, name: str) -> Any:
            method = getattr(self._store, name)

            def record(key: str, *args: Any, **kwargs: Any) -> Any:
                seen.append((name, key))
                return method(key, *args, **kwargs)

            return record

    monkeypatch.setattr(ctx, "_store", lambda access: Spy(make_store(access)))
    return seen


@pytest.fixture
async def official(emulator: RunningEmulator) -> AsyncIterator[official_sdk.AsyncDaytona]:
    client = official_sdk.AsyncDaytona(
        official_sdk.DaytonaConfig(api_key=emulator.api_key, api_url=emulator.base_url, target="us")
    )
    try:
        yield client
    finally:
        await client.close()


def _tree(root: Path) -> dict[str, Path]:
    """A file, a nested directory with an empty subdirectory, a requirements.txt and a pyproject.toml."""
    (root / "src" / "pkg" / "empty").mkdir(parents=True)
    (root / "src" / "pkg" / "mod.py").write_text("VALUE = 1\n")
    (root / "src" / "main.py").write_text("print('main')\n")
    (root / "app.py").write_text(f"print({uuid.uuid4().hex!r})\n")  # new content: a new hash in each test
    (root / "requirements.txt").write_text("numpy==2.1.0\n")
    (root / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["attrs"]\n')
    return {name: root / name for name in ("app.py", "src", "requirements.txt", "pyproject.toml")}


def _images(module: Any, paths: dict[str, Path]) -> Any:
    return (
        module.Image.debian_slim("3.12")
        .add_local_file(paths["app.py"], "/app/")
        .add_local_dir(str(paths["src"]), "/app/src")
        .pip_install_from_requirements(str(paths["requirements.txt"]))
        .pip_install_from_pyproject(str(paths["pyproject.toml"]), ["dev"])
    )


def _context(source: str) -> tuple[str, str]:
    """The build context entry (local path, archive path) the facade makes for ``source``."""
    image = Image.base("a")
    return (image.add_local_dir if os.path.isdir(source) else image.add_local_file)(source, "/x")._context[0]


def _official_hash(source: str, archive: str) -> str:
    store = official_storage.AsyncObjectStorage.__new__(official_storage.AsyncObjectStorage)
    return asyncio.run(store._compute_hash_for_path_md5(source, archive))


def test_hashes_archive_paths_and_dockerfile_match_the_official_sdk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    relative = [
        "app.py",
        "src",
        "./src/pkg/",
        "src/pkg/empty",
        "requirements.txt",
        "pyproject.toml",
        "../" + tmp_path.name,
    ]
    for source in [*map(str, paths.values()), *relative]:
        archive = _context(source)[1]
        assert archive == official_storage.AsyncObjectStorage.compute_archive_base_path(source)
        assert ctx.context_hash(source, archive) == _official_hash(source, archive), source
    ours, theirs = _images(facade, paths), _images(official_sdk, paths)
    assert ours.dockerfile() == theirs.dockerfile()
    assert list(ours._context) == [(c.source_path, c.archive_path) for c in theirs._context_list]


def test_the_tar_is_byte_for_byte_the_official_sdks(tmp_path: Path) -> None:
    source = str(_tree(tmp_path)["src"])
    archive = _context(source)[1]

    class Capture:
        data = b""

        async def put_async(self, key: str, chunks: Any) -> None:
            async for chunk in chunks:
                self.data += chunk

    async def both() -> tuple[bytes, bytes]:
        store = official_storage.AsyncObjectStorage.__new__(official_storage.AsyncObjectStorage)
        store.store = Capture()  # type: ignore[assignment]
        await store._upload_as_tar("key", source, archive)
        ours = b"".join([chunk async for chunk in ctx._tar_chunks(source, archive)])
        return store.store.data, ours  # type: ignore[attr-defined]

    theirs, ours = asyncio.run(both())
    assert ours == theirs
    with tarfile.open(fileobj=io.BytesIO(ours)) as tar:
        assert sorted(tar.getnames()) == [archive + p for p in ("", "/main.py", "/pkg", "/pkg/empty", "/pkg/mod.py")]


def _members(storage: Any, key: str) -> dict[str, bytes | None]:
    with tarfile.open(fileobj=io.BytesIO(storage.read(key))) as tar:
        return {m.name: (f.read() if (f := tar.extractfile(m)) else None) for m in tar.getmembers()}


async def test_create_uploads_each_context_once_under_the_official_keys(
    daytona: AsyncDaytona, sent: Sent, storage: Any, calls: list[tuple[str, str]], tmp_path: Path
) -> None:
    paths = _tree(tmp_path)
    image = _images(facade, paths)
    org = storage.state.settings.organization_id
    expected = [ctx.context_hash(source, archive) for source, archive in image._context]
    keys = [f"{org}/{digest}/context.tar" for digest in expected]

    snapshot = await daytona.snapshot.create(CreateSnapshotParams(name=f"ctx-{uuid.uuid4().hex[:8]}", image=image))
    assert snapshot.state == "active"
    assert set(keys) <= set(storage.keys())
    app, src = (archive for _, archive in image._context[:2])
    assert _members(storage, keys[0]) == {app: paths["app.py"].read_bytes()}
    assert _members(storage, keys[1]) == {
        src: None, f"{src}/main.py": b"print('main')\n", f"{src}/pkg": None,
        f"{src}/pkg/empty": None, f"{src}/pkg/mod.py": b"VALUE = 1\n",
    }  # fmt: skip
    assert calls == [(op, key) for key in keys for op in ("head_async", "put_async")]
    body = sent.one("POST", "/snapshots").body
    assert body["buildInfo"] == {"dockerfileContent": image.dockerfile(), "contextHashes": expected}

    calls.clear()
    sandbox = await daytona.create(CreateSandboxFromImageParams(image=image), timeout=120)
    try:
        assert calls == [("head_async", key) for key in keys]  # found: not uploaded again
        assert sent.one("POST", "/sandbox").body["buildInfo"]["contextHashes"] == expected
        assert len(sent.matching("GET", "/object-storage/push-access")) == 2
    finally:
        await sandbox.delete()


async def test_create_requests_carry_the_official_sdks_hashes_and_dockerfile(
    emulator: RunningEmulator,
    daytona: AsyncDaytona,
    sent: Sent,
    official: official_sdk.AsyncDaytona,
    storage: Any,
    calls: list[tuple[str, str]],
    tmp_path: Path,
) -> None:
    paths = _tree(tmp_path)
    ours, theirs = _images(facade, paths), _images(official_sdk, paths)
    names = [f"ctx-official-{uuid.uuid4().hex[:8]}", f"ctx-facade-{uuid.uuid4().hex[:8]}"]
    before = set(storage.keys())
    await official.snapshot.create(official_sdk.CreateSnapshotParams(name=names[0], image=theirs))
    uploaded = set(storage.keys()) - before
    assert len(uploaded) == 3

    await facade_snapshot(ours, names[1], daytona)
    assert set(storage.keys()) - before == uploaded  # the official SDK's objects are the facade's
    assert [op for op, _ in calls] == ["head_async"] * 3 and {key for _, key in calls} == uploaded
    records = [emulator.state.snapshot_service.with_regions(name).build_info for name in names]
    fields = ("dockerfileContent", "contextHashes", "snapshotRef")
    assert [records[0][f] for f in fields] == [records[1][f] for f in fields]
    sent_info = sent.one("POST", "/snapshots").body["buildInfo"]
    assert sent_info == {
        "dockerfileContent": records[0]["dockerfileContent"],
        "contextHashes": records[0]["contextHashes"],
    }


async def facade_snapshot(image: Image, name: str, client: AsyncDaytona) -> None:
    snapshot = await client.snapshot.create(CreateSnapshotParams(name=name, image=image))
    assert snapshot.state == "active"


async def test_a_context_gone_before_create_is_refused_before_sending(
    offline: tuple[AsyncDaytona, Any], tmp_path: Path
) -> None:
    client, transport = offline
    path = tmp_path / "gone.txt"
    path.write_text("x")
    image = Image.base("alpine").add_local_file(path, "/gone.txt")
    path.unlink()
    with pytest.raises(DaytonaValidationError, match="build context"):
        await client.create(CreateSandboxFromImageParams(image=image))
    assert transport.requests == []
    with pytest.raises(DaytonaNotFoundError):
        image.add_local_file(path, "/again")


async def test_storage_failures_are_typed_and_keep_the_credentials_out(
    emulator: RunningEmulator, storage: Any, tmp_path: Path
) -> None:
    async with httpx.AsyncClient(headers={"Authorization": f"Bearer {emulator.api_key}"}) as plain:
        real = (await plain.get(f"{emulator.base_url}/object-storage/push-access")).json()
    secrets = {"secret": "s3-secret-" + uuid.uuid4().hex, "sessionToken": "s3-token-" + uuid.uuid4().hex}
    forged = {**real, **secrets, "bucket": "no-such-bucket"}  # moto checks no signature: a missing bucket fails

    def answer(request: httpx.Request) -> httpx.Response:
        assert request.url.path.endswith("/object-storage/push-access"), "nothing but push access is sent first"
        return httpx.Response(200, json=forged)

    client = AsyncDaytona._from_transport(config_for(emulator), httpx.MockTransport(answer))
    (tmp_path / "f.txt").write_text("x")
    image = Image.base("alpine").add_local_file(tmp_path / "f.txt", "/f")
    try:
        with pytest.raises(DaytonaError) as caught:
            await client.create(CreateSandboxFromImageParams(image=image))
    finally:
        await client.close()
    error = caught.value
    assert isinstance(error, DaytonaConnectionError), repr(error)
    assert str(error).startswith(f"Failed to upload build context {image._context[0][1]!r}: ")
    assert "NoSuchBucket" in str(error) and "Debug source" not in str(error)
    for secret in secrets.values():
        assert secret not in str(error) and secret not in repr(error) and error.__cause__ is None


def test_a_large_file_is_uploaded_in_constant_memory(emulator: RunningEmulator, storage: Any, tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    with big.open("wb") as file:
        for _ in range(64):
            file.write(os.urandom(1024 * 1024))
    env = {**os.environ, "SSL_CERT_FILE": storage.ca_file, "PYTHONPATH": os.getcwd()}
    program = [sys.executable, str(MEMORY_PROGRAM), emulator.base_url, emulator.api_key, str(big)]
    run = subprocess.run(program, capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    key = f"{storage.state.settings.organization_id}/{report['hash']}/context.tar"
    assert key in storage.keys()
    # Bounded by the upload's parts in flight (2 of 5 MiB, their chunks held until sent), not by the file's size.
    limit = 4 * ctx._PART_SIZE
    assert big.stat().st_size > 3 * limit
    assert report["python_peak"] < limit, report  # Python objects (tracemalloc)
    assert report["rss_growth"] < limit, report  # the whole process, obstore's buffers included


@pytest.mark.parametrize(
    ("raised", "expected"),
    [("PermissionDeniedError", DaytonaAuthorizationError), ("UnauthenticatedError", DaytonaAuthenticationError)],
)
async def test_denied_uploads_are_typed_and_the_credentials_redacted(
    daytona: AsyncDaytona, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, raised: str, expected: type
) -> None:
    import obstore.exceptions

    seen: list[Any] = []

    class Refusing:
        async def head_async(self, key: str) -> None:
            access = seen[0]
            message = f"denied: key {access.access_key} secret={access.secret} token {access.session_token}"
            raise getattr(obstore.exceptions, raised)(message + "\n\nDebug source:\n" + access.secret)

    monkeypatch.setattr(ctx, "_store", lambda access: seen.append(access) or Refusing())
    (tmp_path / "f.txt").write_text("x")
    image = Image.base("alpine").add_local_file(tmp_path / "f.txt", "/f")
    with pytest.raises(expected) as caught:
        await daytona.snapshot.create(CreateSnapshotParams(name=f"denied-{uuid.uuid4().hex[:8]}", image=image))
    text = f"{caught.value} {caught.value!r}"
    access = seen[0]
    assert "denied: key *** secret=*** token ***" in text and "Debug source" not in text
    assert access.secret not in text and access.session_token not in text and access.access_key not in text


def test_the_sync_client_uploads_the_context_too(
    emulator: RunningEmulator, storage: Any, calls: list[tuple[str, str]], tmp_path: Path
) -> None:
    paths = _tree(tmp_path)
    image = facade.Image.base("alpine:3.20").add_local_dir(paths["src"], "/src").add_local_file(paths["app.py"], "/a")
    keys = [f"{storage.state.settings.organization_id}/{ctx.context_hash(*c)}/context.tar" for c in image._context]
    with facade.Daytona(config_for(emulator)) as client:
        client.snapshot.create(CreateSnapshotParams(name=f"ctx-sync-{uuid.uuid4().hex[:8]}", image=image))
    assert set(keys) <= set(storage.keys())
    assert calls == [(op, key) for key in keys for op in ("head_async", "put_async")]
