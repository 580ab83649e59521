"""Benchmarks of the facade, side by side with the official SDK (daytona 0.190.0) in the same run.

    python scripts/bench.py                 # everything
    python scripts/bench.py --only import   # or: calls, transfer (repeatable)
    python scripts/bench.py --only calls --calls 1000 --concurrency 50 --rounds 5

1. Import cost: ``from facade import AsyncDaytona`` vs ``from daytona import AsyncDaytona``, each in fresh
   interpreters; median wall time of the import and median peak RSS of the process.
2. Calls: N ``get`` calls at C concurrency through one client against the emulator (a child process, so
   the server never shares the client's event loop): throughput, client CPU time per call (steadier than
   throughput on a busy machine) and transport errors of each SDK, rounds alternating between the two.
3. Transfer: a file of M MiB uploaded and downloaded back through the facade (streamed to and from local
   paths) in a fresh process: peak RSS and the SHA-256 check.

Only numbers and ratios are printed; nothing is asserted about time. Exit status is non-zero only if a
measurement could not be made (or a transfer corrupted bytes).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from daytona_emulator.process import emulator_process

REPO_ROOT = Path(__file__).resolve().parent.parent

# ---- 1. import cost ---------------------------------------------------------------------------------

# Peak RSS of the probe itself: Linux's VmHWM belongs to the process image started by exec. (ru_maxrss
# is not used there: after fork+exec it still holds the parent's size at the fork.)
_PEAK_RSS = """
def peak_mib():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource, sys
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
"""

_IMPORT_PROBE = (
    _PEAK_RSS
    + """
import json, sys, time
start = time.perf_counter()
{statement}
elapsed = time.perf_counter() - start
print(json.dumps({{"seconds": elapsed, "peak_mib": peak_mib(), "modules": len(sys.modules)}}))
"""
)

IMPORTS = {
    "facade": "from facade import AsyncDaytona",
    "official": "from daytona import AsyncDaytona",
    # The facade defers httpx and the generated client until they are needed: show that cost too.
    "facade+client": "import facade; facade.AsyncDaytona(facade.DaytonaConfig(api_key='k'))",
    "official+client": "import daytona; daytona.AsyncDaytona(daytona.DaytonaConfig(api_key='k'))",
    "python alone": "pass",
}


def _probe(statement: str) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_PROBE.format(statement=statement)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"`{statement}` failed in a fresh interpreter:\n{result.stderr.strip()[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def bench_import(runs: int) -> None:
    print(f"\n== Import cost (fresh interpreter per run, median of {runs}) ==")
    medians: dict[str, dict[str, float]] = {}
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in IMPORTS}
    for _ in range(runs):  # interleaved, so a noisy moment hurts both sides alike
        for name, statement in IMPORTS.items():
            samples[name].append(_probe(statement))
    for name, runs_of in samples.items():
        medians[name] = {key: statistics.median(r[key] for r in runs_of) for key in ("seconds", "peak_mib", "modules")}
        m = medians[name]
        statement = IMPORTS[name]
        print(
            f"  {name:<15} {statement:<35.35} {m['seconds'] * 1000:9.1f} ms   peak RSS {m['peak_mib']:7.1f} MiB"
            f"   {int(m['modules']):5d} modules"
        )
    pairs = (("import", "facade", "official"), ("import + client", "facade+client", "official+client"))
    for label, ours, theirs in pairs:
        f, o = medians[ours], medians[theirs]
        time_ratio, rss_ratio = f["seconds"] / o["seconds"], f["peak_mib"] / o["peak_mib"]
        print(f"  ratio facade/official ({label}): time {time_ratio:.3f}   peak RSS {rss_ratio:.3f}")


# ---- 2. calls ---------------------------------------------------------------------------------------

_TRANSPORT_WORDS = ("connect", "connection", "transport", "timeout", "disconnect", "reset", "refused", "pool")


def _is_transport_error(exc: BaseException) -> bool:
    names = " ".join(f"{c.__module__}.{c.__name__}" for c in type(exc).__mro__).lower()
    text = str(exc).lower()
    return isinstance(exc, OSError | asyncio.TimeoutError) or any(w in names or w in text for w in _TRANSPORT_WORDS)


async def _hammer(call: Callable[[], Awaitable[Any]], total: int, concurrency: int) -> dict[str, Any]:
    semaphore = asyncio.Semaphore(concurrency)
    transport: list[str] = []
    other: list[str] = []

    async def one() -> None:
        async with semaphore:
            try:
                await call()
            except Exception as exc:
                (transport if _is_transport_error(exc) else other).append(f"{type(exc).__name__}: {exc}"[:200])

    start, cpu_start = time.perf_counter(), time.process_time()
    await asyncio.gather(*(one() for _ in range(total)))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    cpu_us = cpu / total * 1e6
    return {"seconds": elapsed, "rate": total / elapsed, "cpu_us": cpu_us, "transport": transport, "other": other}


async def _run_calls(api_url: str, api_key: str, total: int, concurrency: int, rounds: int) -> None:
    import daytona as official

    import facade

    async with facade.AsyncDaytona(facade.DaytonaConfig(api_key=api_key, api_url=api_url)) as client:
        sandbox = await client.create(timeout=60)
    sandbox_id = sandbox.id
    print(f"  sandbox {sandbox_id} created; {total} x get, {concurrency} at a time, {rounds} rounds each")

    results: dict[str, list[dict[str, Any]]] = {"facade": [], "official": []}
    async with (
        facade.AsyncDaytona(facade.DaytonaConfig(api_key=api_key, api_url=api_url)) as ours,
        official.AsyncDaytona(official.DaytonaConfig(api_key=api_key, api_url=api_url)) as theirs,
    ):
        calls = {"facade": lambda: ours.get(sandbox_id), "official": lambda: theirs.get(sandbox_id)}
        for call in calls.values():  # warm-up: open connections, import lazily loaded modules
            await _hammer(call, concurrency, concurrency)
        for _ in range(rounds):
            for name, call in calls.items():
                results[name].append(await _hammer(call, total, concurrency))
        await ours.delete(await ours.get(sandbox_id))

    rates = {}
    for name, rs in results.items():
        rate = statistics.median(r["rate"] for r in rs)
        rates[name] = rate
        transport = sum(len(r["transport"]) for r in rs)
        other = sum(len(r["other"]) for r in rs)
        per_round = ", ".join(f"{r['rate']:.0f}" for r in rs)
        cpu = statistics.median(r["cpu_us"] for r in rs)
        print(
            f"  {name:<9} {rate:9.1f} calls/s (median; rounds: {per_round})   client CPU {cpu:5.0f} µs/call"
            f"   transport errors {transport}   other errors {other}"
        )
        for sample in [e for r in rs for e in r["transport"] + r["other"]][:3]:
            print(f"      e.g. {sample}")
    print(f"  ratio facade/official throughput: {rates['facade'] / rates['official']:.3f}")


def bench_calls(total: int, concurrency: int, rounds: int) -> None:
    print(f"\n== Calls: {total} x get at concurrency {concurrency}, one client each, emulator in a child process ==")
    with emulator_process(api_key="bench-emulator-key") as emu:
        asyncio.run(_run_calls(emu.api_url, emu.api_key, total, concurrency, rounds))


# ---- 3. transfer ------------------------------------------------------------------------------------

_TRANSFER_PROBE = (
    _PEAK_RSS
    + r"""
import asyncio, hashlib, json, os, sys, tempfile, time
from facade import AsyncDaytona, DaytonaConfig

API_URL, API_KEY, MIB = sys.argv[1], sys.argv[2], int(sys.argv[3])

def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()

async def main():
    with tempfile.TemporaryDirectory() as tmp:
        source, back = os.path.join(tmp, "source.bin"), os.path.join(tmp, "back.bin")
        block = os.urandom(1 << 20)
        with open(source, "wb") as handle:
            for _ in range(MIB):
                handle.write(block)
        rss_before = peak_mib()
        async with AsyncDaytona(DaytonaConfig(api_key=API_KEY, api_url=API_URL)) as daytona:
            sandbox = await daytona.create(timeout=60)
            try:
                start = time.perf_counter()
                await sandbox.fs.upload_file(source, "big.bin")
                up = time.perf_counter() - start
                start = time.perf_counter()
                await sandbox.fs.download_file("big.bin", back)
                down = time.perf_counter() - start
            finally:
                await sandbox.delete()
        print(json.dumps({
            "upload_s": up, "download_s": down, "same": sha256(source) == sha256(back),
            "rss_before_mib": rss_before,
            "peak_mib": peak_mib(),
        }))

asyncio.run(main())
"""
)


def bench_transfer(mib: int) -> bool:
    print(f"\n== Transfer: {mib} MiB up and back down through the facade (fresh process), emulator in a child ==")
    with emulator_process(api_key="bench-emulator-key") as emu:
        result = subprocess.run(
            [sys.executable, "-c", _TRANSFER_PROBE, emu.api_url, emu.api_key, str(mib)],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        print(f"  transfer failed:\n{result.stderr.strip()[-3000:]}")
        return False
    r = json.loads(result.stdout.strip().splitlines()[-1])
    print(
        f"  upload {r['upload_s']:.2f} s ({mib / r['upload_s']:.0f} MiB/s)   download {r['download_s']:.2f} s "
        f"({mib / r['download_s']:.0f} MiB/s)   bytes identical: {r['same']}"
    )
    print(
        f"  peak RSS of the client process {r['peak_mib']:.1f} MiB (before the transfer: {r['rss_before_mib']:.1f} MiB;"
        f" file size {mib} MiB)"
    )
    return bool(r["same"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=("import", "calls", "transfer"), action="append")
    parser.add_argument("--import-runs", type=int, default=5)
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--transfer-mib", type=int, default=256)
    args = parser.parse_args(argv)
    parts = args.only or ["import", "calls", "transfer"]
    ok = True
    if "import" in parts:
        bench_import(args.import_runs)
    if "calls" in parts:
        bench_calls(args.calls, args.concurrency, args.rounds)
    if "transfer" in parts:
        ok = bench_transfer(args.transfer_mib) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
