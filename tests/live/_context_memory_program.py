"""Run by test_build_context.py in its own process: upload one large file as build context through the facade
and print, as JSON, its hash, the peak of Python allocations during the upload (tracemalloc) and how much the
process's peak resident memory grew (VmHWM, reset before the upload through /proc/self/clear_refs)."""

from __future__ import annotations

import asyncio
import json
import sys
import tracemalloc
from pathlib import Path

from daytona_openapi.models import CreateBuildInfo

from facade import AsyncDaytona, DaytonaConfig, Image
from facade._context import context_hash, upload_context


def high_water_mark() -> int:
    """Peak resident memory in bytes since the last reset (VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM")


def reset_high_water_mark() -> int:
    Path("/proc/self/clear_refs").write_text("5")
    return high_water_mark()


async def main(api_url: str, api_key: str, path: str) -> None:
    async with AsyncDaytona(DaytonaConfig(api_key=api_key, api_url=api_url, target="us")) as client:
        warm = Path(path).with_name("warm.txt")
        warm.write_text("warm-up: imports, TLS, the store\n")
        info = CreateBuildInfo(dockerfile_content="")
        await upload_context(client._ctx, info, Image.base("a").add_local_file(warm, "/w"))
        image = Image.base("a").add_local_file(path, "/big")
        before = reset_high_water_mark()
        tracemalloc.start()
        await upload_context(client._ctx, info, image)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        growth = high_water_mark() - before
    digest = context_hash(*image._context[0])
    assert info.context_hashes == [digest]
    print(json.dumps({"hash": digest, "python_peak": peak, "rss_growth": growth}))


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:4]))
