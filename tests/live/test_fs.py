"""`sandbox.fs` against the in-process emulator, whose toolbox serves real files.

The sandbox is created through the emulator's control plane with plain httpx; the facade object
under test is built on a `ToolboxContext` for it, and the files it writes are checked on the
emulator's disk too. Wire details and failure paths the emulator cannot produce (error parts
with other statuses, truncated answers) use an `httpx.MockTransport`; the bad-input tests use a
transport that fails the test if anything is sent.
"""

from __future__ import annotations

import asyncio
import io
import itertools
import json
import os
import random
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from _live_support import mock_toolbox, started_sandbox
from python_multipart.multipart import MultipartParser as ReferenceParser
from python_multipart.multipart import parse_options_header

from daytona_emulator.server import RunningEmulator
from facade import FileInfo, Match, ReplaceResult
from facade._config import DaytonaConfig, resolve_config
from facade._errors import (
    DaytonaAuthorizationError,
    DaytonaConnectionError,
    DaytonaError,
    DaytonaNotFoundError,
    DaytonaServerError,
    DaytonaValidationError,
)
from facade._transfer import (
    AsyncFileSystem,
    DownloadProgress,
    FileDownloadErrorDetails,
    FileDownloadRequest,
    FileUpload,
    UploadProgress,
    _Parts,
)
from tests._ctx import ApiContext, ToolboxContext

HOME = "/home/daytona"
UNICODE_NAME = 'ünïcødé dir/файл ☃ "quoted" back\\slash.bin'


def tricky_bytes(size: int, seed: int = 0) -> bytes:
    """Random bytes with CRLF, dashes and multipart-delimiter look-alikes sprinkled in."""
    rng = random.Random(seed)
    pieces = [b"\r\n", b"--", b"\r\n--", b"\r\n--daytona-emulator-", b"\r\n--daytona-facade-", b"--\r\n", b"+++"]
    out = bytearray()
    while len(out) < size:
        out += rng.choice(pieces) if rng.random() < 0.2 else rng.randbytes(rng.randint(1, 64))
    return bytes(out[:size])


# --------------------------------------------------------------------------- fixtures


@dataclass
class Sandbox:
    """The filesystem service plus a view of the sandbox's files on the emulator's disk."""

    fs: AsyncFileSystem
    host: Callable[[str], Path]


@pytest.fixture
async def sandbox(instant_emulator: RunningEmulator) -> AsyncIterator[Sandbox]:
    async with started_sandbox(instant_emulator) as started:
        yield Sandbox(AsyncFileSystem(started.toolbox), started.host)


def mock_fs(handler: Callable[[httpx.Request], httpx.Response]) -> tuple[AsyncFileSystem, ApiContext]:
    toolbox, api = mock_toolbox(handler)
    return AsyncFileSystem(toolbox), api


@pytest.fixture
def offline_fs(offline_toolbox: ToolboxContext) -> AsyncFileSystem:
    """A filesystem whose transport fails the test if any request is sent."""
    return AsyncFileSystem(offline_toolbox)


def leftovers(directory: Path) -> list[str]:
    """Temporary download files left in a directory."""
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".part"))


async def eventually(condition: Callable[[], bool], what: str, ceiling: float = 60.0) -> None:
    """Wait until ``condition()`` holds (fails the test after ``ceiling`` s)."""
    deadline = time.monotonic() + ceiling
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.01)


# --------------------------------------------------------------------------- simple operations


async def test_create_folder_list_and_get_file_info_describe_real_entries(sandbox: Sandbox) -> None:
    await sandbox.fs.create_folder(f"{HOME}/proj/src", "750")
    await sandbox.fs.upload_file(b"hello", f"{HOME}/proj/readme.txt")
    assert sandbox.host(f"{HOME}/proj/src").is_dir()

    info = await sandbox.fs.get_file_info(f"{HOME}/proj/src")
    assert isinstance(info, FileInfo)
    assert (info.name, info.is_dir, info.permissions) == ("src", True, "0750")
    assert info.mode.startswith("d")
    assert info.modified_at and info.mod_time and info.owner and info.group

    listing = await sandbox.fs.list_files(f"{HOME}/proj")
    by_name = {entry.name: entry for entry in listing}
    assert set(by_name) == {"readme.txt", "src"}
    assert by_name["readme.txt"].size == 5
    assert by_name["readme.txt"].is_dir is False
    # An empty path lists the working directory (the home).
    assert "proj" in {entry.name for entry in await sandbox.fs.list_files("")}


async def test_create_folder_defaults_to_mode_755(sandbox: Sandbox) -> None:
    await sandbox.fs.create_folder("relative/dir")
    assert (await sandbox.fs.get_file_info(f"{HOME}/relative/dir")).permissions == "0755"


async def test_get_file_info_of_a_missing_path_raises_not_found_with_prefix(sandbox: Sandbox) -> None:
    with pytest.raises(DaytonaNotFoundError, match=r"^Failed to get file info: ") as caught:
        await sandbox.fs.get_file_info(f"{HOME}/nope")
    assert caught.value.status_code == 404


async def test_delete_file_removes_files_and_needs_recursive_for_directories(sandbox: Sandbox) -> None:
    await sandbox.fs.upload_files([FileUpload(b"1", f"{HOME}/d/a.txt"), FileUpload(b"2", f"{HOME}/d/sub/b.txt")])
    await sandbox.fs.delete_file(f"{HOME}/d/a.txt")
    assert not sandbox.host(f"{HOME}/d/a.txt").exists()
    with pytest.raises(DaytonaValidationError, match=r"^Failed to delete file: HTTP 400"):  # the daemon sends no body
        await sandbox.fs.delete_file(f"{HOME}/d")
    assert sandbox.host(f"{HOME}/d/sub/b.txt").exists()
    await sandbox.fs.delete_file(f"{HOME}/d", recursive=True)
    assert not sandbox.host(f"{HOME}/d").exists()
    with pytest.raises(DaytonaNotFoundError):
        await sandbox.fs.delete_file(f"{HOME}/d")


async def test_move_files_renames_and_moves(sandbox: Sandbox) -> None:
    await sandbox.fs.upload_file(b"moving", f"{HOME}/old.txt")
    await sandbox.fs.create_folder(f"{HOME}/target", "755")
    await sandbox.fs.move_files(f"{HOME}/old.txt", f"{HOME}/target/new.txt")
    assert not sandbox.host(f"{HOME}/old.txt").exists()
    assert sandbox.host(f"{HOME}/target/new.txt").read_bytes() == b"moving"
    with pytest.raises(DaytonaNotFoundError, match=r"^Failed to move files: "):
        await sandbox.fs.move_files(f"{HOME}/old.txt", f"{HOME}/elsewhere.txt")


async def test_set_file_permissions_changes_the_mode(sandbox: Sandbox) -> None:
    await sandbox.fs.upload_file(b"#!/bin/sh\n", f"{HOME}/run.sh")
    await sandbox.fs.set_file_permissions(f"{HOME}/run.sh", mode="700")
    assert (await sandbox.fs.get_file_info(f"{HOME}/run.sh")).permissions == "0700"
    assert sandbox.host(f"{HOME}/run.sh").stat().st_mode & 0o777 == 0o700
    # Owner/group as the sandbox user are accepted (a no-op on the emulator unless it runs as root).
    await sandbox.fs.set_file_permissions(f"{HOME}/run.sh", owner="daytona", group="daytona")


async def test_find_search_and_replace_in_files(sandbox: Sandbox) -> None:
    await sandbox.fs.upload_files(
        [
            FileUpload(b"import os\nTODO: fix\nprint('x')\n", f"{HOME}/code/a.py"),
            FileUpload(b"nothing here\nTODO later\n", f"{HOME}/code/sub/b.py"),
            FileUpload(b"TODO in text", f"{HOME}/code/notes.txt"),
        ]
    )
    matches = await sandbox.fs.find_files(f"{HOME}/code", "TODO")
    assert all(isinstance(m, Match) for m in matches)
    assert sorted((m.file, m.line, m.content) for m in matches) == [
        (f"{HOME}/code/a.py", 2, "TODO: fix"),
        (f"{HOME}/code/notes.txt", 1, "TODO in text"),
        (f"{HOME}/code/sub/b.py", 2, "TODO later"),
    ]

    found = await sandbox.fs.search_files(f"{HOME}/code", "*.py")
    assert sorted(found.files) == [f"{HOME}/code/a.py", f"{HOME}/code/sub/b.py"]

    results = await sandbox.fs.replace_in_files([f"{HOME}/code/a.py", f"{HOME}/code/missing.py"], "TODO", "DONE")
    assert results[0] == ReplaceResult(file=f"{HOME}/code/a.py", success=True, error=None)
    assert results[1].file == f"{HOME}/code/missing.py"
    assert results[1].success is False and results[1].error
    assert sandbox.host(f"{HOME}/code/a.py").read_bytes() == b"import os\nDONE: fix\nprint('x')\n"
    assert await sandbox.fs.replace_in_files([], "a", "b") == []


# --------------------------------------------------------------------------- uploads and downloads


async def test_bytes_survive_a_round_trip_with_delimiter_lookalikes_empty_files_and_unicode_names(
    sandbox: Sandbox,
) -> None:
    payloads = {
        f"{HOME}/data/tricky.bin": tricky_bytes(300_000, seed=1),
        f"{HOME}/data/empty.bin": b"",
        f"{HOME}/data/{UNICODE_NAME}": tricky_bytes(5000, seed=2),
        f"{HOME}/data/crlf-only.bin": b"\r\n--\r\n\r\n--",
    }
    await sandbox.fs.upload_files([FileUpload(content, path) for path, content in payloads.items()])
    for path, content in payloads.items():
        assert sandbox.host(path).read_bytes() == content, path  # on the emulator's disk
        assert await sandbox.fs.download_file(path) == content, path

    results = await sandbox.fs.download_files([FileDownloadRequest(path) for path in payloads])
    assert [r.source for r in results] == list(payloads)
    assert [r.result for r in results] == list(payloads.values())
    assert all(r.error is None and r.error_details is None for r in results)


async def test_upload_from_a_local_path_and_stream_download_to_a_local_path(sandbox: Sandbox, tmp_path: Path) -> None:
    local = tmp_path / "source.bin"
    content = tricky_bytes(3 * 1024 * 1024 + 17, seed=3)  # more than one 1 MiB chunk
    local.write_bytes(content)
    await sandbox.fs.upload_file(local, f"{HOME}/up/from-path.bin")  # a Path object
    await sandbox.fs.upload_file(str(local), f"{HOME}/up/from-str.bin")
    assert sandbox.host(f"{HOME}/up/from-path.bin").read_bytes() == content
    assert sandbox.host(f"{HOME}/up/from-str.bin").read_bytes() == content

    destination = tmp_path / "new" / "nested" / "copy.bin"  # parents are created
    assert await sandbox.fs.download_file(f"{HOME}/up/from-path.bin", str(destination)) is None
    assert destination.read_bytes() == content
    assert leftovers(destination.parent) == []

    # Downloading over an existing file replaces it, keeping its permissions.
    destination.chmod(0o640)
    await sandbox.fs.upload_file(b"short", f"{HOME}/up/short.txt")
    await sandbox.fs.download_file(f"{HOME}/up/short.txt", destination)
    assert destination.read_bytes() == b"short"
    assert destination.stat().st_mode & 0o777 == 0o640


async def test_download_file_accepts_the_timeout_as_second_argument(sandbox: Sandbox) -> None:
    await sandbox.fs.upload_file(b"abc", f"{HOME}/t.txt")
    assert await sandbox.fs.download_file(f"{HOME}/t.txt", 30) == b"abc"
    assert await sandbox.fs.download_file(f"{HOME}/t.txt", timeout=0) == b"abc"


async def test_missing_file_download_raises_not_found_and_leaves_existing_local_file_alone(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    with pytest.raises(DaytonaNotFoundError, match=r"^Failed to download file: ") as caught:
        await sandbox.fs.download_file(f"{HOME}/missing.bin")
    assert caught.value.status_code == 404
    assert caught.value.error_code == "FILE_NOT_FOUND"
    assert "Failed to download files" not in caught.value.message  # no double prefix

    existing = tmp_path / "keep.txt"
    existing.write_bytes(b"precious")
    with pytest.raises(DaytonaNotFoundError):
        await sandbox.fs.download_file(f"{HOME}/missing.bin", existing)
    assert existing.read_bytes() == b"precious"
    assert leftovers(tmp_path) == []

    await sandbox.fs.create_folder(f"{HOME}/adir", "755")
    with pytest.raises(DaytonaValidationError, match=r"^Failed to download file: .*directory"):
        await sandbox.fs.download_file(f"{HOME}/adir", str(tmp_path / "x"))
    assert not (tmp_path / "x").exists()


async def test_bulk_download_reports_missing_files_per_file(sandbox: Sandbox, tmp_path: Path) -> None:
    await sandbox.fs.upload_files([FileUpload(b"one", f"{HOME}/b/1.txt"), FileUpload(b"two", f"{HOME}/b/2.txt")])
    results = await sandbox.fs.download_files(
        [
            FileDownloadRequest(f"{HOME}/b/1.txt"),
            FileDownloadRequest(f"{HOME}/b/missing.txt", tmp_path / "missing.txt"),
            FileDownloadRequest(f"{HOME}/b/2.txt", str(tmp_path / "two.txt")),
            FileDownloadRequest(f"{HOME}/b/1.txt", tmp_path / "one-again.txt"),  # same source twice
        ]
    )
    assert [r.source for r in results] == [
        f"{HOME}/b/1.txt",
        f"{HOME}/b/missing.txt",
        f"{HOME}/b/2.txt",
        f"{HOME}/b/1.txt",
    ]
    assert results[0].result == b"one" and results[0].error is None
    assert results[1].result is None
    assert results[1].error and "not found" in results[1].error
    assert results[1].error_details == FileDownloadErrorDetails(
        message=results[1].error, status_code=404, error_code="FILE_NOT_FOUND"
    )
    assert results[2].result == str(tmp_path / "two.txt")
    assert (tmp_path / "two.txt").read_bytes() == b"two"
    assert results[3].result == str(tmp_path / "one-again.txt")
    assert (tmp_path / "one-again.txt").read_bytes() == b"one"
    assert not (tmp_path / "missing.txt").exists()
    assert leftovers(tmp_path) == []
    assert await sandbox.fs.download_files([]) == []


async def test_download_file_stream_yields_the_content_in_chunks(sandbox: Sandbox) -> None:
    content = tricky_bytes(2 * 1024 * 1024 + 3, seed=4)
    await sandbox.fs.upload_file(content, f"{HOME}/stream.bin")
    seen: list[DownloadProgress] = []

    async def on_progress(progress: DownloadProgress) -> None:
        seen.append(progress)

    chunks = [c async for c in await sandbox.fs.download_file_stream(f"{HOME}/stream.bin", on_progress=on_progress)]
    assert len(chunks) > 1
    assert b"".join(chunks) == content
    assert seen[-1] == DownloadProgress(bytes_received=len(content), total_bytes=len(content))
    assert [p.bytes_received for p in seen] == sorted({p.bytes_received for p in seen})

    stream = await sandbox.fs.download_file_stream(f"{HOME}/nope.bin")
    with pytest.raises(DaytonaNotFoundError, match=r"^Failed to download file: "):
        async for _ in stream:
            pass


async def test_progress_callbacks_sync_and_async_add_up_to_the_totals(sandbox: Sandbox, tmp_path: Path) -> None:
    local = tmp_path / "p.bin"
    local.write_bytes(tricky_bytes(2_500_000, seed=5))
    uploads: list[UploadProgress] = []
    await sandbox.fs.upload_files(
        [FileUpload(local, f"{HOME}/p/1.bin"), FileUpload(b"x" * 1000, f"{HOME}/p/2.bin")],
        on_progress=uploads.append,
    )
    assert uploads[-1] == UploadProgress(bytes_sent=2_501_000, total_bytes=2_501_000)
    assert all(a.bytes_sent < b.bytes_sent for a, b in itertools.pairwise(uploads))

    downloads: list[DownloadProgress] = []

    async def record(progress: DownloadProgress) -> None:
        await asyncio.sleep(0)
        downloads.append(progress)

    await sandbox.fs.download_file(f"{HOME}/p/1.bin", tmp_path / "p-copy.bin", on_progress=record)
    assert downloads[-1] == DownloadProgress(bytes_received=2_500_000, total_bytes=2_500_000)

    bulk: list[DownloadProgress] = []
    await sandbox.fs.download_files(
        [FileDownloadRequest(f"{HOME}/p/1.bin"), FileDownloadRequest(f"{HOME}/p/2.bin")], on_progress=bulk.append
    )
    assert bulk[-1].bytes_received == 2_501_000


async def test_upload_file_stream_accepts_file_objects_and_async_iterables(sandbox: Sandbox) -> None:
    content = tricky_bytes(1_500_000, seed=6)
    reader = io.BytesIO(content)
    progress: list[UploadProgress] = []
    await sandbox.fs.upload_file_stream(reader, f"{HOME}/s/sync.bin", on_progress=progress.append)
    assert sandbox.host(f"{HOME}/s/sync.bin").read_bytes() == content
    assert not reader.closed  # the caller's object is not closed
    assert progress[-1] == UploadProgress(bytes_sent=len(content), total_bytes=None)

    async def generate() -> AsyncIterator[bytes]:
        for start in range(0, len(content), 100_000):
            yield content[start : start + 100_000]

    await sandbox.fs.upload_file_stream(generate(), f"{HOME}/s/async.bin")
    assert sandbox.host(f"{HOME}/s/async.bin").read_bytes() == content

    class AsyncReader:
        def __init__(self, data: bytes) -> None:
            self._data = io.BytesIO(data)

        async def read(self, size: int) -> bytes:
            return self._data.read(size)

    await sandbox.fs.upload_file_stream(AsyncReader(b"async read"), f"{HOME}/s/reader.bin")
    assert sandbox.host(f"{HOME}/s/reader.bin").read_bytes() == b"async read"
    await sandbox.fs.upload_file_stream(b"plain bytes", f"{HOME}/s/bytes.bin")
    assert sandbox.host(f"{HOME}/s/bytes.bin").read_bytes() == b"plain bytes"


async def test_cancelled_upload_writes_nothing(sandbox: Sandbox, tmp_path: Path) -> None:
    local = tmp_path / "big.bin"
    local.write_bytes(os.urandom(4 * 1024 * 1024))
    cancel = threading.Event()

    def on_progress(progress: UploadProgress) -> None:
        cancel.set()  # cancel after the first chunk

    with pytest.raises(DaytonaError, match="Upload cancelled"):
        await sandbox.fs.upload_file(local, f"{HOME}/cancelled.bin", on_progress=on_progress, cancel_event=cancel)
    await asyncio.sleep(0.2)  # let the emulator notice the aborted body
    # The daemon creates the file when its part starts and keeps what arrived: at most a partial file remains.
    partial = sandbox.host(f"{HOME}/cancelled.bin")
    assert not partial.exists() or partial.stat().st_size < local.stat().st_size
    # The client still works afterwards.
    await sandbox.fs.upload_file(b"after", f"{HOME}/after.txt")
    assert await sandbox.fs.download_file(f"{HOME}/after.txt") == b"after"


async def test_cancelled_download_leaves_no_file(sandbox: Sandbox, tmp_path: Path) -> None:
    await sandbox.fs.upload_file(os.urandom(3 * 1024 * 1024), f"{HOME}/dl.bin")
    cancel = asyncio.Event()
    destination = tmp_path / "dl.bin"

    def on_progress(progress: DownloadProgress) -> None:
        cancel.set()

    with pytest.raises(DaytonaError, match="Download cancelled"):
        await sandbox.fs.download_file(f"{HOME}/dl.bin", destination, on_progress=on_progress, cancel_event=cancel)
    assert not destination.exists()
    assert leftovers(tmp_path) == []

    stream = await sandbox.fs.download_file_stream(f"{HOME}/dl.bin", cancel_event=cancel)
    with pytest.raises(DaytonaError, match="Download cancelled"):
        async for _ in stream:
            pass


async def test_task_cancellation_removes_the_temporary_file(sandbox: Sandbox, tmp_path: Path) -> None:
    await sandbox.fs.upload_file(os.urandom(3 * 1024 * 1024), f"{HOME}/slow.bin")
    started = asyncio.Event()

    async def on_progress(progress: DownloadProgress) -> None:
        started.set()
        await asyncio.sleep(3600)

    task = asyncio.create_task(
        sandbox.fs.download_file(f"{HOME}/slow.bin", tmp_path / "slow.bin", on_progress=on_progress)
    )
    await asyncio.wait_for(started.wait(), 60)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    # The clean-up runs in a worker thread.
    await eventually(lambda: not (tmp_path / "slow.bin").exists() and leftovers(tmp_path) == [], "the clean-up")


async def test_upload_into_a_directory_path_raises_typed_error(sandbox: Sandbox) -> None:
    await sandbox.fs.create_folder(f"{HOME}/isdir", "755")
    with pytest.raises(DaytonaValidationError, match=r"^Failed to upload file: .*directory"):
        await sandbox.fs.upload_file(b"x", f"{HOME}/isdir")


# --------------------------------------------------------------------------- bad input: nothing is sent


async def test_bad_input_raises_before_anything_is_sent(offline_fs: AsyncFileSystem, tmp_path: Path) -> None:
    fs = offline_fs
    missing = str(tmp_path / "does-not-exist.bin")
    cases: list[tuple[type[BaseException], str, Any]] = [
        (DaytonaValidationError, "must not be empty", fs.get_file_info("")),
        (DaytonaValidationError, "must not be empty", fs.delete_file("")),
        (DaytonaValidationError, "octal", fs.create_folder(f"{HOME}/x", "rwx")),
        (DaytonaValidationError, "octal", fs.set_file_permissions(f"{HOME}/x", mode="999")),
        (DaytonaValidationError, "at least one", fs.set_file_permissions(f"{HOME}/x")),
        (DaytonaValidationError, "must not be empty", fs.move_files("", f"{HOME}/y")),
        (DaytonaValidationError, "must not be empty", fs.find_files(f"{HOME}", "")),
        (DaytonaValidationError, "must not be empty", fs.search_files("", "*.py")),
        (DaytonaValidationError, "must not be empty", fs.replace_in_files([f"{HOME}/a"], "", "b")),
        (DaytonaValidationError, "local file not found", fs.upload_file(missing, f"{HOME}/x")),
        (DaytonaValidationError, "is a directory", fs.upload_file(str(tmp_path), f"{HOME}/x")),
        (DaytonaValidationError, "must not be empty", fs.upload_file(b"x", "")),
        (DaytonaValidationError, "line breaks", fs.upload_file(b"x", f"{HOME}/a\nb")),
        (DaytonaValidationError, "non-negative", fs.upload_file(b"x", f"{HOME}/x", timeout=-1)),
        (DaytonaValidationError, "more than once", fs.upload_files([FileUpload(b"a", "/d"), FileUpload(b"b", "/d")])),
        (
            DaytonaValidationError,
            "local file not found",
            fs.upload_files([FileUpload(b"a", "/a"), FileUpload(missing, "/b")]),
        ),
        (DaytonaValidationError, "must not be empty", fs.download_file("")),
        (DaytonaValidationError, "is a directory", fs.download_file(f"{HOME}/x", str(tmp_path))),
        (DaytonaValidationError, "non-negative", fs.download_file(f"{HOME}/x", timeout=-5)),
        (DaytonaValidationError, "must not be empty", fs.download_files([FileDownloadRequest("")])),
        (
            DaytonaValidationError,
            "more than once",
            fs.download_files(
                [FileDownloadRequest("/a", str(tmp_path / "f")), FileDownloadRequest("/b", tmp_path / "f")]
            ),
        ),
        (DaytonaValidationError, "must not be empty", fs.download_file_stream("")),
        (DaytonaValidationError, "non-negative", fs.download_file_stream("/a", timeout=-1)),
        (TypeError, "FileUpload", fs.upload_files([("a", "/b")])),  # type: ignore[list-item]
        (TypeError, "FileDownloadRequest", fs.download_files(["/a"])),  # type: ignore[list-item]
        (TypeError, "bytes or a local path", fs.upload_file(12, "/a")),  # type: ignore[arg-type]
        (TypeError, "must be a str", fs.get_file_info(None)),  # type: ignore[arg-type]
        (TypeError, "is_set", fs.download_file("/a", cancel_event=object())),  # type: ignore[arg-type]
        (TypeError, "callable", fs.upload_file(b"x", "/a", on_progress=5)),  # type: ignore[arg-type]
        (TypeError, "must be a list", fs.upload_files(FileUpload(b"x", "/a"))),  # type: ignore[arg-type]
        (TypeError, "bool", fs.delete_file("/a", recursive="yes")),  # type: ignore[arg-type]
    ]
    for error_type, message, call in cases:
        with pytest.raises(error_type, match=message):
            await call
    # Empty lists send nothing and return at once.
    await fs.upload_files([])
    assert await fs.download_files([]) == []
    assert await fs.replace_in_files([], "a", "b") == []


# --------------------------------------------------------------------------- wire format (mock transport)


def parse_multipart(body: bytes, content_type: str) -> list[tuple[dict[str, bytes], bytes]]:
    """Parse a multipart body with python-multipart (an independent implementation)."""
    _, options = parse_options_header(content_type)
    parts: list[tuple[dict[str, bytes], bytes]] = []  # (headers by lower-case name, content)
    state: dict[str, Any] = {}

    def on_part_begin() -> None:
        state.update(headers={}, data=bytearray(), field=b"", value=b"")

    def on_header_field(data: bytes, start: int, end: int) -> None:
        state["field"] += data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        state["value"] += data[start:end]

    def on_header_end() -> None:
        state["headers"][state["field"].decode().lower()] = state["value"]
        state["field"], state["value"] = b"", b""

    def on_part_data(data: bytes, start: int, end: int) -> None:
        state["data"] += data[start:end]

    def on_part_end() -> None:
        parts.append((state["headers"], bytes(state["data"])))

    parser = ReferenceParser(
        options[b"boundary"],
        callbacks={
            "on_part_begin": on_part_begin,
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_header_end": on_header_end,
            "on_part_data": on_part_data,
            "on_part_end": on_part_end,
        },
    )
    parser.write(body)
    parser.finalize()
    return parts


async def test_upload_body_is_the_documented_multipart_with_random_boundary_and_exact_length(tmp_path: Path) -> None:
    seen: list[httpx.Request] = []
    bodies: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        bodies.append(request.read())
        return httpx.Response(200)

    local = tmp_path / "l.bin"
    local.write_bytes(b"local content")
    fs, api = mock_fs(handler)
    try:
        await fs.upload_files([FileUpload(b"\r\n--x", '/home/daytona/a "b".txt'), FileUpload(local, "rel/c.bin")])
        await fs.upload_file(b"again", "/d.txt")
    finally:
        await api.aclose()

    request, body = seen[0], bodies[0]
    assert request.method == "POST"
    assert str(request.url) == "http://toolbox.invalid/toolbox/sbx-1/files/bulk-upload"
    assert request.headers["authorization"] == "Bearer mock-key"
    content_type = request.headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=daytona-facade-")
    assert "+++" not in content_type
    assert int(request.headers["content-length"]) == len(body)
    assert "transfer-encoding" not in request.headers
    boundaries = {r.headers["content-type"] for r in seen}
    assert len(boundaries) == 2  # a fresh boundary per request

    parts = parse_multipart(body, content_type)
    assert [headers["content-disposition"] for headers, _ in parts] == [
        b'form-data; name="files[0].path"',
        b'form-data; name="files[0].file"; filename="/home/daytona/a \\"b\\".txt"',
        b'form-data; name="files[1].path"',
        b'form-data; name="files[1].file"; filename="rel/c.bin"',
    ]
    assert [data for _, data in parts] == [b'/home/daytona/a "b".txt', b"\r\n--x", b"rel/c.bin", b"local content"]
    assert parts[1][0]["content-type"] == b"application/octet-stream"


async def test_upload_error_answers_are_typed() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        request.read()
        return httpx.Response(403, json={"message": "no write access", "code": "FORBIDDEN"})

    fs, api = mock_fs(handler)
    try:
        with pytest.raises(DaytonaAuthorizationError, match=r"^Failed to upload file: no write access") as caught:
            await fs.upload_file(b"x", "/a")
        assert caught.value.status_code == 403
    finally:
        await api.aclose()


def multipart_answer(
    parts: list[tuple[str, str, str, bytes]], boundary: str = "srv-boundary", close: bool = True
) -> bytes:
    out = bytearray()
    for name, filename, content_type, data in parts:
        out += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        ).encode()
        out += data + b"\r\n"
    if close:
        out += f"--{boundary}--\r\n".encode()
    return bytes(out)


def download_handler(
    body: bytes = b"",
    *,
    parts: list[tuple[str, str, str, bytes]] | None = None,
    status: int = 200,
    content_type: str = "multipart/form-data; boundary=srv-boundary",
) -> tuple[Callable[[httpx.Request], httpx.Response], list[httpx.Request]]:
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        answer = body
        if parts is not None:  # like the toolbox: only the parts of the requested paths, in their order
            wanted = json.loads(request.read())["paths"]
            answer = multipart_answer([part for path in wanted for part in parts if part[1] == path])
        chunks = [answer[i : i + 7] for i in range(0, len(answer), 7)]  # a small, awkward chunk size
        return httpx.Response(status, headers={"content-type": content_type}, stream=ByteChunks(chunks))

    return handler, requests


class ByteChunks(httpx.AsyncByteStream):
    def __init__(self, chunks: list[bytes]) -> None:
        self._chunks = chunks

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self._chunks:
            yield chunk


async def test_download_request_and_error_part_statuses_map_to_typed_errors(tmp_path: Path) -> None:
    error = json.dumps({"message": "permission denied: /root/x", "statusCode": 403, "code": "FORBIDDEN"}).encode()
    handler, requests = download_handler(
        parts=[
            ("file", "/a.txt", "application/octet-stream", b"A\r\n--srv-boundar"),
            ("error", "/root/x", "application/json", error),
            ("error", "/plain", "text/plain", b"something broke"),
        ]
    )
    fs, api = mock_fs(handler)
    try:
        results = await fs.download_files(
            [
                FileDownloadRequest("/a.txt"),
                FileDownloadRequest("/root/x"),
                FileDownloadRequest("/plain"),
                FileDownloadRequest("/a.txt"),
            ]
        )
        with pytest.raises(DaytonaAuthorizationError, match=r"^Failed to download file: permission denied") as caught:
            await fs.download_file("/root/x")
        with pytest.raises(DaytonaError, match=r"^Failed to download file: something broke$"):
            await fs.download_file("/plain")
    finally:
        await api.aclose()
    assert caught.value.status_code == 403 and caught.value.error_code == "FORBIDDEN"
    request = requests[0]
    assert request.method == "POST"
    assert str(request.url) == "http://toolbox.invalid/toolbox/sbx-1/files/bulk-download"
    assert request.headers["accept"] == "multipart/form-data"
    assert json.loads(request.read()) == {"paths": ["/a.txt", "/root/x", "/plain"]}  # each source once
    assert results[0].result == b"A\r\n--srv-boundar" == results[3].result
    assert results[1].error_details == FileDownloadErrorDetails("permission denied: /root/x", 403, "FORBIDDEN")
    assert results[2].error == "something broke" and results[2].error_details == FileDownloadErrorDetails(
        "something broke"
    )


async def test_truncated_or_malformed_download_answers_raise_and_leave_no_file(tmp_path: Path) -> None:
    truncated = multipart_answer([("file", "/a", "application/octet-stream", b"partial")], close=False)[:-4]
    destination = tmp_path / "a.bin"
    for body, content_type, expected in [
        (truncated, "multipart/form-data; boundary=srv-boundary", "truncated"),
        (b"{}", "application/json", "unexpected response"),
        (b"--srv-boundary garbage", "multipart/form-data; boundary=srv-boundary", "malformed"),
    ]:
        handler, _ = download_handler(body, content_type=content_type)
        fs, api = mock_fs(handler)
        try:
            with pytest.raises(DaytonaError, match=expected):
                await fs.download_file("/a", destination)
            with pytest.raises(DaytonaError, match=expected):
                await fs.download_files([FileDownloadRequest("/a")])
        finally:
            await api.aclose()
        assert not destination.exists()
        assert leftovers(tmp_path) == []


async def test_whole_request_failures_and_missing_parts() -> None:
    handler, _ = download_handler(b'{"message": "daemon exploded"}', status=500, content_type="application/json")
    fs, api = mock_fs(handler)
    try:
        with pytest.raises(DaytonaServerError, match=r"^Failed to download files: daemon exploded") as caught:
            await fs.download_files([FileDownloadRequest("/a")])
        assert caught.value.status_code == 500
    finally:
        await api.aclose()

    handler, _ = download_handler(multipart_answer([]))
    fs, api = mock_fs(handler)
    try:
        with pytest.raises(DaytonaError, match="No file data received for: /a"):
            await fs.download_file("/a")
        results = await fs.download_files([FileDownloadRequest("/a")])
        assert results[0].error == "No data received for this file"
    finally:
        await api.aclose()

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    fs, api = mock_fs(refuse)
    try:
        with pytest.raises(DaytonaConnectionError, match=r"^Failed to download file: "):
            await fs.download_file("/a")
        with pytest.raises(DaytonaConnectionError, match=r"^Failed to upload file: "):
            await fs.upload_file(b"x", "/a")
    finally:
        await api.aclose()


async def test_local_write_failure_is_reported_per_file_in_bulk(tmp_path: Path) -> None:
    handler, _ = download_handler(
        parts=[("file", "/a", "application/octet-stream", b"aaa"), ("file", "/b", "application/octet-stream", b"bbb")]
    )
    blocker = tmp_path / "blocker"
    blocker.write_bytes(b"a file where a directory is needed")
    fs, api = mock_fs(handler)
    try:
        results = await fs.download_files(
            [FileDownloadRequest("/a", blocker / "sub" / "a"), FileDownloadRequest("/b", tmp_path / "b")]
        )
        with pytest.raises(DaytonaError, match=r"^Failed to download file: Failed to write"):
            await fs.download_file("/a", blocker / "a")
    finally:
        await api.aclose()
    assert results[0].result is None and results[0].error and "Failed to write" in results[0].error
    assert results[1].result == str(tmp_path / "b")
    assert (tmp_path / "b").read_bytes() == b"bbb"


async def test_repr_names_the_sandbox_only() -> None:
    fs, api = mock_fs(lambda request: httpx.Response(200))
    try:
        assert repr(fs) == "AsyncFileSystem(sandbox_id='sbx-1')"
        assert "mock-key" not in repr(fs)
    finally:
        await api.aclose()


def test_toolbox_context_is_the_constructor_argument() -> None:
    api = ApiContext(resolve_config(DaytonaConfig(api_key="k", api_url="http://api.invalid/api")))
    ctx = api.toolbox("http://toolbox.invalid/toolbox", "sbx-2")
    assert isinstance(ctx, ToolboxContext)
    assert repr(AsyncFileSystem(ctx)) == "AsyncFileSystem(sandbox_id='sbx-2')"
    asyncio.run(api.aclose())


def test_an_error_part_is_read_into_memory_only_up_to_64_kib() -> None:
    # a misbehaving server's endless error part must not grow the client's memory without bound
    response = httpx.Response(200, headers={"content-type": "multipart/form-data; boundary=srv-boundary"})
    parts = _Parts(response, ["/big"], single=False, prefix="")
    answer = multipart_answer([("error", "/big", "text/plain", b"x" * (1024 * 1024))], close=False)
    for start in range(0, len(answer), 64 * 1024):
        parts.parser.write(answer[start : start + 64 * 1024])
    assert parts._part is not None and parts._part[1] is not None  # the error part is still open
    assert len(parts._part[1]) == 64 * 1024
