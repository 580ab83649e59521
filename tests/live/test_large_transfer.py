"""A 256 MiB file goes up to and back down from the in-process emulator, intact and in flat memory.

The file is generated on disk 1 MiB at a time (never held in memory), uploaded from its path,
checked on the emulator's disk, downloaded to a local path and checked again, with SHA-256
digests computed while streaming. The Python heap's peak during both transfers is measured with
`tracemalloc` (the emulator runs in this process, so its side counts too) and must stay far
below the file size. This runs in the default suite; nothing in it is timed.
"""

from __future__ import annotations

import hashlib
import os
import tracemalloc
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from _live_support import started_sandbox

from daytona_emulator.server import RunningEmulator
from facade._transfer import AsyncFileSystem, DownloadProgress, UploadProgress

MiB = 1024 * 1024
SIZE = 256 * MiB
# Generous bound on the heap's growth during a transfer: a few MiB of chunks and buffers on each
# side; loading the file whole would take 256 MiB.
PEAK_LIMIT = 48 * MiB
REMOTE = "/home/daytona/large/blob.bin"


def write_file(path: Path, size: int) -> str:
    """Write `size` pseudo-random bytes in 1 MiB chunks and return their SHA-256."""
    block = bytearray(os.urandom(MiB))
    digest = hashlib.sha256()
    with path.open("wb") as handle:
        for index in range(size // MiB):
            block[:8] = index.to_bytes(8, "little")  # every chunk differs
            digest.update(block)
            handle.write(block)
    return digest.hexdigest()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(MiB):
            digest.update(chunk)
    return digest.hexdigest()


@pytest.fixture
async def fs_and_root(instant_emulator: RunningEmulator) -> AsyncIterator[tuple[AsyncFileSystem, Path]]:
    async with started_sandbox(instant_emulator) as started:
        yield AsyncFileSystem(started.toolbox), started.root


async def test_256_mib_round_trip_keeps_the_bytes_and_flat_memory(
    fs_and_root: tuple[AsyncFileSystem, Path], tmp_path: Path
) -> None:
    fs, root = fs_and_root
    source = tmp_path / "source.bin"
    expected = write_file(source, SIZE)
    uploaded: list[int] = []
    downloaded: list[int] = []

    def on_upload(progress: UploadProgress) -> None:
        uploaded.append(progress.bytes_sent)

    def on_download(progress: DownloadProgress) -> None:
        downloaded.append(progress.bytes_received)

    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        await fs.upload_file(source, REMOTE, on_progress=on_upload)
        _, upload_peak = tracemalloc.get_traced_memory()

        on_disk = root / REMOTE.lstrip("/")
        assert on_disk.stat().st_size == SIZE
        assert sha256_of(on_disk) == expected

        target = tmp_path / "copy.bin"
        tracemalloc.reset_peak()
        await fs.download_file(REMOTE, target, on_progress=on_download)
        _, download_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert target.stat().st_size == SIZE
    assert sha256_of(target) == expected
    assert uploaded[-1] == SIZE
    assert downloaded[-1] == SIZE
    print(f"peak heap: upload {upload_peak / MiB:.1f} MiB, download {download_peak / MiB:.1f} MiB")
    assert upload_peak < PEAK_LIMIT, f"upload peak {upload_peak / MiB:.1f} MiB"
    assert download_peak < PEAK_LIMIT, f"download peak {download_peak / MiB:.1f} MiB"
