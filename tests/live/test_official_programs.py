"""Programs written for the official SDK (``daytona==0.190.0``), sync and async, run against the emulator
twice: as written, and with only ``from daytona import`` changed to ``from facade import``. Both runs must
print the same lines."""

from __future__ import annotations

import uuid

import pytest

from daytona_emulator.server import RunningEmulator

SYNC_PROGRAM = """
from {sdk} import (CreateSandboxFromSnapshotParams, Daytona, DaytonaConfig, DaytonaError, ListSandboxesQuery,
    SandboxListSortDirection, SandboxListSortField)

daytona = Daytona(DaytonaConfig(api_key=API_KEY, api_url=API_URL, target="us"))
sandbox = daytona.create(CreateSandboxFromSnapshotParams(language="python", labels={{"program": LABEL}}))
out("created", sandbox.state == "started", sandbox.labels["program"] == LABEL)
response = sandbox.process.code_run("print(6 * 7)")
out("code_run", response.exit_code, response.result.strip())
response = sandbox.process.exec("echo hello", cwd="/tmp")
out("exec", response.exit_code, response.result.strip())
sandbox.fs.upload_file(b"payload bytes", "/tmp/program.txt")
out("download", sandbox.fs.download_file("/tmp/program.txt"))
out("list_files", [f.name for f in sandbox.fs.list_files("/tmp") if f.name == "program.txt"])
query = ListSandboxesQuery(
    labels={{"program": LABEL}}, sort=SandboxListSortField.CREATEDAT, order=SandboxListSortDirection.DESC
)
out("list", [found.id == sandbox.id for found in daytona.list(query)])
try:
    sandbox.fs.download_file("/tmp/missing.txt")
except DaytonaError as error:
    out("missing file", type(error).__name__, str(error))
daytona.delete(sandbox)
out("deleted")
"""

ASYNC_PROGRAM = """
import asyncio

from {sdk} import (AsyncDaytona, CreateSandboxFromSnapshotParams, DaytonaConfig, DaytonaError, ListSandboxesQuery,
    SandboxListSortDirection, SandboxListSortField)


async def main():
    async with AsyncDaytona(DaytonaConfig(api_key=API_KEY, api_url=API_URL, target="us")) as daytona:
        sandbox = await daytona.create(CreateSandboxFromSnapshotParams(language="python", labels={{"program": LABEL}}))
        out("created", sandbox.state == "started", sandbox.labels["program"] == LABEL)
        response = await sandbox.process.code_run("print(6 * 7)")
        out("code_run", response.exit_code, response.result.strip())
        response = await sandbox.process.exec("echo hello", cwd="/tmp")
        out("exec", response.exit_code, response.result.strip())
        await sandbox.fs.upload_file(b"payload bytes", "/tmp/program.txt")
        out("download", await sandbox.fs.download_file("/tmp/program.txt"))
        out("list_files", [f.name for f in await sandbox.fs.list_files("/tmp") if f.name == "program.txt"])
        query = ListSandboxesQuery(
            labels={{"program": LABEL}}, sort=SandboxListSortField.CREATEDAT, order=SandboxListSortDirection.DESC
        )
        out("list", [found.id == sandbox.id async for found in daytona.list(query)])
        try:
            await sandbox.fs.download_file("/tmp/missing.txt")
        except DaytonaError as error:
            out("missing file", type(error).__name__, str(error))
        await daytona.delete(sandbox)
        out("deleted")


asyncio.run(main())
"""


def _run(program: str, sdk: str, emulator: RunningEmulator) -> list[tuple[object, ...]]:
    lines: list[tuple[object, ...]] = []
    scope = {
        "API_KEY": emulator.api_key,
        "API_URL": emulator.base_url,
        "LABEL": f"{sdk}-{uuid.uuid4().hex[:8]}",
        "out": lambda *values: lines.append(values),
    }
    exec(compile(program.format(sdk=sdk), f"<{sdk} program>", "exec"), scope)
    return lines


@pytest.mark.parametrize("program", [SYNC_PROGRAM, ASYNC_PROGRAM], ids=["sync", "async"])
def test_an_official_program_prints_the_same_with_only_the_import_changed(
    program: str, emulator: RunningEmulator
) -> None:
    official = _run(program, "daytona", emulator)
    ours = _run(program, "facade", emulator)
    assert official[-1] == ("deleted",) and len(official) == 8, official
    assert ours == official
