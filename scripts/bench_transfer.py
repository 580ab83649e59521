"""Peak memory of a large upload + download through the local emulator: facade vs the official SDK.

    .venv/bin/python scripts/bench_transfer.py [--size-mib 256]

The emulator runs in this process; each measurement runs in a fresh child process that only
holds the client, so its peak RSS (``ru_maxrss``) belongs to the SDK under test. A child sets up
its client, makes one tiny warm-up transfer (so imports and connection set-up are behind it),
notes its RSS, then uploads the file from its local path and downloads it back to a local path
(the streaming forms of both SDKs) and checks the SHA-256 of the copy. Reported per SDK:

* ``rss peak``: the child's peak RSS;
* ``rss growth``: peak RSS minus the RSS after warm-up, i.e. what the transfer itself added;
* ``heap peak``: the Python heap's peak during the transfer (``tracemalloc``; measured in a
  separate child run, since tracing inflates RSS).

The official SDK (``daytona``) measured in the same run is the baseline: the ratio column is
facade / official. Nothing is asserted; the numbers are printed.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MiB = 1024 * 1024


def maxrss_bytes() -> int:
    """This process's peak resident set size (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def write_file(path: Path, size: int) -> str:
    """Write `size` pseudo-random bytes 1 MiB at a time; return their SHA-256."""
    block = bytearray(os.urandom(MiB))
    digest = hashlib.sha256()
    with path.open("wb") as handle:
        for index in range(size // MiB):
            block[:8] = index.to_bytes(8, "little")
            digest.update(block)
            handle.write(block)
    return digest.hexdigest()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(MiB):
            digest.update(chunk)
    return digest.hexdigest()


# --------------------------------------------------------------------------- child side


async def run_facade(args: argparse.Namespace, measure: dict[str, Any]) -> None:
    from facade._client import AsyncDaytona
    from facade._config import DaytonaConfig

    async with AsyncDaytona(DaytonaConfig(api_key=args.api_key, api_url=args.api_url, target="us")) as daytona:
        sandbox = await daytona.get(args.sandbox)
        await sandbox.fs.upload_file(b"warm-up", args.remote + ".warm")
        await sandbox.fs.download_file(args.remote + ".warm")
        measure["start"]()
        await sandbox.fs.upload_file(args.file, args.remote)
        await sandbox.fs.download_file(args.remote, args.copy)
        measure["stop"]()


async def run_official(args: argparse.Namespace, measure: dict[str, Any]) -> None:
    from daytona import AsyncDaytona, DaytonaConfig

    async with AsyncDaytona(DaytonaConfig(api_key=args.api_key, api_url=args.api_url, target="us")) as daytona:
        sandbox = await daytona.get(args.sandbox)
        await sandbox.fs.upload_file(b"warm-up", args.remote + ".warm")
        await sandbox.fs.download_file(args.remote + ".warm")
        measure["start"]()
        await sandbox.fs.upload_file(args.file, args.remote)
        await sandbox.fs.download_file(args.remote, args.copy)
        measure["stop"]()


def child(args: argparse.Namespace) -> None:
    result: dict[str, Any] = {}

    def start() -> None:
        result["rss_before"] = maxrss_bytes()
        if args.trace:
            tracemalloc.start()
        result["started"] = time.perf_counter()

    def stop() -> None:
        result["seconds"] = time.perf_counter() - result["started"]
        if args.trace:
            result["heap_peak"] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        result["rss_peak"] = maxrss_bytes()

    runner = run_facade if args.child == "facade" else run_official
    asyncio.run(runner(args, {"start": start, "stop": stop}))
    result["sha_ok"] = sha256_of(Path(args.copy)) == args.sha
    print(json.dumps(result))


# --------------------------------------------------------------------------- parent side


def create_started_sandbox(base_url: str, api_key: str) -> str:
    import httpx

    with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {api_key}"}, timeout=30) as client:
        sandbox = client.post("/sandbox", json={}).raise_for_status().json()
        deadline = time.monotonic() + 30
        while sandbox["state"] != "started":
            if time.monotonic() > deadline:
                raise RuntimeError(f"sandbox stuck in {sandbox['state']}")
            time.sleep(0.05)
            sandbox = client.get(f"/sandbox/{sandbox['id']}").raise_for_status().json()
        return str(sandbox["id"])


def measure(sdk: str, trace: bool, common: list[str], workdir: Path) -> dict[str, Any]:
    copy = workdir / f"copy-{sdk}-{int(trace)}.bin"
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        sdk,
        *common,
        "--remote",
        f"/home/daytona/bench/{sdk}-{int(trace)}.bin",
        "--copy",
        str(copy),
    ]
    if trace:
        command.append("--trace")
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    copy.unlink(missing_ok=True)
    if done.returncode != 0:
        raise RuntimeError(f"{sdk} child failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    if not result["sha_ok"]:
        raise RuntimeError(f"{sdk}: the downloaded copy differs from the source")
    return result


def parent(size_mib: int) -> None:
    sys.path.insert(0, str(ROOT))
    from daytona_emulator.server import running_emulator
    from daytona_emulator.settings import EmulatorSettings

    with tempfile.TemporaryDirectory(prefix="bench-transfer-") as tmp:
        workdir = Path(tmp)
        source = workdir / "source.bin"
        print(f"writing a {size_mib} MiB file ...", flush=True)
        sha = write_file(source, size_mib * MiB)
        settings = EmulatorSettings(transition_delay=0, build_duration=0, data_dir=workdir / "emulator")
        with running_emulator(settings) as emulator:
            sandbox_id = create_started_sandbox(emulator.base_url, emulator.api_key)
            common = [
                "--api-url",
                emulator.base_url,
                "--api-key",
                emulator.api_key,
                "--sandbox",
                sandbox_id,
                "--file",
                str(source),
                "--sha",
                sha,
            ]
            results: dict[str, dict[str, Any]] = {}
            for sdk in ("official", "facade"):
                print(f"measuring {sdk} ...", flush=True)
                rss = measure(sdk, False, common, workdir)
                heap = measure(sdk, True, common, workdir)
                results[sdk] = {
                    "rss_peak": rss["rss_peak"],
                    "rss_growth": rss["rss_peak"] - rss["rss_before"],
                    "heap_peak": heap["heap_peak"],
                    "seconds": rss["seconds"],
                }
    official, facade = results["official"], results["facade"]
    print()
    print(f"upload + download of {size_mib} MiB through the emulator (baseline: official SDK, same run)")
    print(f"{'metric':<14}{'official':>14}{'facade':>14}{'facade/official':>18}")
    for key in ("rss_peak", "rss_growth", "heap_peak"):
        ratio = facade[key] / official[key] if official[key] else float("nan")
        print(f"{key:<14}{official[key] / MiB:>11.1f} MiB{facade[key] / MiB:>11.1f} MiB{ratio:>18.3f}")
    print(f"{'seconds':<14}{official['seconds']:>14.2f}{facade['seconds']:>14.2f}  (informative only)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mib", type=int, default=256)
    parser.add_argument("--child", choices=("facade", "official"), help=argparse.SUPPRESS)
    for name in ("--api-url", "--api-key", "--sandbox", "--file", "--sha", "--remote", "--copy"):
        parser.add_argument(name, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
    else:
        parent(args.size_mib)


if __name__ == "__main__":
    main()
