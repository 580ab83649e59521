"""The official SDK uploads an Image's local files (its build context) to the object storage the emulator
hands out at ``/object-storage/push-access``, and the build that names them succeeds.

The official SDK's object store talks HTTPS only and trusts the system's CA bundle (read with the environment
cleared), so the program runs in its own process inside a private mount namespace where that bundle also holds
the emulator storage's CA; nothing outside that process changes.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest

from daytona_emulator.server import RunningEmulator

SYSTEM_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")
PROGRAM = Path(__file__).with_name("_sdk_upload_program.py")


def _can_use_a_private_mount_namespace() -> bool:
    if shutil.which("unshare") is None or not SYSTEM_BUNDLE.exists():
        return False
    probe = subprocess.run(["unshare", "-m", "--propagation", "private", "true"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.upstream(
    "apps/api/src/object-storage/services/object-storage.service.ts", "apps/runner/pkg/docker/image_build.go"
)
def test_the_official_sdk_uploads_its_build_context_under_its_own_keys(
    emulator: RunningEmulator, tmp_path: Path
) -> None:
    if not _can_use_a_private_mount_namespace():
        pytest.skip("needs unshare and a private mount namespace (root) to let the official SDK trust the storage CA")
    storage = emulator.state.snapshot_service.storage
    organization = emulator.state.settings.organization_id
    (tmp_path / "app.py").write_text("print('hello from the context')\n")
    (tmp_path / "requirements.txt").write_text("numpy==2.1.0\n")
    bundle = tmp_path / "bundle.pem"
    storage_ca = Path(storage.ca_file).read_text()  # starts the storage server if no test did yet
    bundle.write_text(SYSTEM_BUNDLE.read_text() + storage_ca)
    name = f"sdk-context-{uuid.uuid4().hex[:8]}"
    before = set(storage.keys())

    script = f'mount --bind "$1" {SYSTEM_BUNDLE} && shift && exec "$@"'
    program = [sys.executable, str(PROGRAM), emulator.base_url, emulator.api_key, str(tmp_path), name]
    run = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh", str(bundle), *program],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "STATE active" in run.stdout

    # The official SDK's keys: <organization>/<md5 of the archive path and the file's bytes>/context.tar
    expected = {}
    for local in ("app.py", "requirements.txt"):
        path = tmp_path / local
        archive_path = str(path).lstrip("/")
        digest = hashlib.md5(archive_path.encode() + path.read_bytes()).hexdigest()
        expected[f"{organization}/{digest}/context.tar"] = (archive_path, path.read_bytes())
    assert set(storage.keys()) - before == set(expected)
    for key, (archive_path, content) in expected.items():
        with tarfile.open(fileobj=io.BytesIO(storage.read(key))) as tar:
            member = tar.extractfile(archive_path)
            assert member is not None and member.read() == content

    snapshot = emulator.state.snapshot_service.with_regions(name)
    assert snapshot.state == "active"
    assert snapshot.build_info is not None
    assert {f"{organization}/{h}/context.tar" for h in snapshot.build_info["contextHashes"]} == set(expected)
