"""Benchmarks of the facade side by side with the official SDK (``daytona`` 0.190.0), measured in the same run.

    python scripts/bench.py                              # everything (make bench), about 5-8 minutes
    python scripts/bench.py --quick                      # a short smoke run (tiny sizes, one round)
    python scripts/bench.py --only gets --only wait      # some parts: import, gets, wait, logs, transfer
    python scripts/bench.py --write docs/benchmarks.md   # also write the table and the method there

One emulator runs in a child process for the whole run. Every measurement runs each SDK in its own fresh
child process (``scripts/_bench_child.py``, ``scripts/_bench_first_get.py``, ``scripts/bench_transfer.py``),
one child per SDK per round, the two SDKs alternating (the first of a round alternates too); the figures
are medians over the rounds and the ratio is facade / official from this same run.

1. ``gets``: client CPU per ``get`` (``time.process_time()`` of the client process / calls) at concurrency
   1 and 50, and throughput.
2. ``import``: a fresh interpreter imports the SDK, builds a client and makes one ``get``: the import alone,
   import to first ``get`` returned, and interpreter start to first ``get`` returned.
3. ``wait``: a third party (plain httpx in this process) stops, then starts the sandbox, the transition
   lasting 0.5 s or 3 s (the emulator's ``transitionDelay`` is half of it: two steps per transition); the
   SDK waits with its public ``wait_for_sandbox_stop`` / ``wait_for_sandbox_start``. Delay = when the wait
   returned - when the emulator made the final state due (send time of the third party's request + the
   transition's length; ``time.monotonic()`` is one clock for all processes on Linux); requests = what the
   emulator's request journal holds from the SDK's process during the wait (WebSocket handshakes included).
4. ``logs``: a session command writes 15 MiB to stdout and stderr; once it ended, the SDK streams its logs
   with ``get_session_command_logs_async``: client CPU per MiB. Then ``create`` from a declarative image whose
   build log is 5 MiB, with ``on_snapshot_create_logs``: client CPU of the whole ``create`` per MiB of log.
5. ``transfer``: ``scripts/bench_transfer.py``'s children upload a file and download it back (streamed from
   and to local paths) at two sizes: peak RSS of the client process (flat in the size?) and throughput.

Nothing is asserted about time; the table says for each target whether this run met it. The exit status is
non-zero only if a measurement could not be made.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx
from _bench_report import Row, render_markdown, render_table

from daytona_emulator.process import emulator_process

REPO_ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = REPO_ROOT / "scripts"

SDKS = ("facade", "official")
THIRD_PARTY = {"x-bench-third-party": "1"}
API_KEY = "bench-emulator-key"


LOG: list[str] = []


def say(text: str) -> None:
    """Print a progress line now, and keep it for the Markdown report."""
    print(text, flush=True)
    LOG.append(text)


def child_env() -> dict[str, str]:
    """The environment of a child: none of the caller's Python or Daytona settings leak in."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "DAYTONA_"))}


def order(round_index: int) -> tuple[str, ...]:
    """The two SDKs, the first of each round alternating."""
    return SDKS if round_index % 2 == 0 else SDKS[::-1]


def last_json(text: str) -> dict[str, Any]:
    return json.loads(text.strip().splitlines()[-1])


def run_child(args: list[str], what: str, timeout: float = 600) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, *args], cwd=REPO_ROOT, env=child_env(), capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{done.stderr.strip()[-3000:]}")
    return last_json(done.stdout)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


class Emulator:
    """The emulator child and a plain httpx client on its API: the third party of the wait figures."""

    def __init__(self, api_url: str, api_key: str) -> None:
        self.api_url, self.api_key = api_url, api_key
        headers = {"Authorization": f"Bearer {api_key}", **THIRD_PARTY}
        self.http = httpx.Client(base_url=api_url, headers=headers, timeout=60)

    def settings(self, **changes: object) -> None:
        self.http.patch("/_emulator/settings", json=changes).raise_for_status()

    def sandbox(self, sandbox_id: str) -> dict[str, Any]:
        return self.http.get(f"/sandbox/{sandbox_id}").raise_for_status().json()

    def create_started(self) -> str:
        self.settings(transitionDelay=0)
        sandbox = self.http.post("/sandbox", json={}).raise_for_status().json()
        deadline = time.monotonic() + 30
        while sandbox["state"] != "started":
            if time.monotonic() > deadline:
                raise RuntimeError(f"sandbox stuck in {sandbox['state']}")
            time.sleep(0.02)
            sandbox = self.sandbox(sandbox["id"])
        return str(sandbox["id"])

    def sdk_requests(self, sandbox_id: str) -> list[str]:
        """Requests in the journal that neither this third party nor the test controls sent (``METHOD path``)."""
        entries = self.http.get("/_emulator/requests").raise_for_status().json()
        return [
            f"{e['method']} {e['path'].replace(sandbox_id, '{id}')}"
            for e in entries
            if "x-bench-third-party" not in {k.lower() for k in e["headers"]} and "/_emulator/" not in e["path"]
        ]


# ---- 1. gets ----------------------------------------------------------------------------------------------


def bench_gets(emu: Emulator, sandbox_id: str, rounds: int, calls1: int, calls50: int) -> list[Row]:
    say(f"\n== get: {calls1} calls at concurrency 1, {calls50} at 50, per child; {rounds} rounds ==")
    args = {"api_url": emu.api_url, "api_key": emu.api_key, "sandbox": sandbox_id, "calls1": calls1}
    args["calls50"] = calls50
    samples: dict[str, list[dict[str, Any]]] = {sdk: [] for sdk in SDKS}
    for r in range(rounds):
        for sdk in order(r):
            result = run_child([str(SCRIPTS / "_bench_child.py"), "gets", sdk, json.dumps(args)], f"gets ({sdk})")
            samples[sdk].append(result)
            say(
                f"  round {r + 1} {sdk:<8} c1 {result['c1']['cpu_us']:7.0f} µs CPU/call {result['c1']['rate']:6.0f}/s"
                f"   c50 {result['c50']['cpu_us']:7.0f} µs CPU/call {result['c50']['rate']:6.0f}/s"
                f"   errors {result['c1']['errors'] + result['c50']['errors']}",
            )
            for sample in result["c1"]["error_sample"] + result["c50"]["error_sample"]:
                say(f"      e.g. {sample}")

    def fig(level: str, key: str) -> dict[str, float]:
        return {sdk: median([s[level][key] for s in samples[sdk]]) for sdk in SDKS}

    errors = {sdk: sum(s["c1"]["errors"] + s["c50"]["errors"] for s in samples[sdk]) for sdk in SDKS}
    return [
        Row("client CPU per get, concurrency 1", "µs", fig("c1", "cpu_us"), max_ratio=0.5),
        Row("client CPU per get, concurrency 50", "µs", fig("c50", "cpu_us"), max_ratio=0.5),
        Row("get throughput, concurrency 1", "calls/s", fig("c1", "rate"), info=True),
        Row("get throughput, concurrency 50", "calls/s", fig("c50", "rate"), info=True),
        Row("failed get calls (all rounds)", "", {sdk: float(n) for sdk, n in errors.items()}, info=True),
    ]


# ---- 2. import + construct + first get --------------------------------------------------------------------


def bench_import(emu: Emulator, sandbox_id: str, rounds: int) -> list[Row]:
    say(f"\n== import + construct + first get: fresh interpreter, {rounds} rounds ==")
    samples: dict[str, list[dict[str, float]]] = {sdk: [] for sdk in SDKS}
    for r in range(rounds):
        for sdk in order(r):
            spawned = time.monotonic()
            result = run_child(
                [str(SCRIPTS / "_bench_first_get.py"), sdk, emu.api_url, emu.api_key, sandbox_id], f"first get ({sdk})"
            )
            result["from_start_s"] = result["returned_at"] - spawned
            samples[sdk].append(result)
            say(
                f"  round {r + 1} {sdk:<8} import {result['import_s'] * 1000:6.0f} ms   import..first get "
                f"{result['in_process_s'] * 1000:6.0f} ms   interpreter start..first get "
                f"{result['from_start_s'] * 1000:6.0f} ms",
            )

    def fig(key: str) -> dict[str, float]:
        return {sdk: median([s[key] * 1000 for s in samples[sdk]]) for sdk in SDKS}

    return [
        Row("import alone", "ms", fig("import_s"), info=True),
        Row("import + construct + first get", "ms", fig("in_process_s"), max_ratio=0.15),
        Row("interpreter start to first get returned", "ms", fig("from_start_s"), max_ratio=0.15),
    ]


# ---- 3. state-change detection ----------------------------------------------------------------------------


def _wait_child(emu: Emulator, sdk: str, sandbox_id: str, plan: list[tuple[str, float]]) -> list[dict[str, Any]]:
    args = {"api_url": emu.api_url, "api_key": emu.api_key, "sandbox": sandbox_id}
    process = subprocess.Popen(
        [sys.executable, str(SCRIPTS / "_bench_child.py"), "wait", sdk, json.dumps(args)],
        cwd=REPO_ROOT,
        env=child_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None and process.stdout is not None

    def ask(line: str) -> dict[str, Any]:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(line + "\n")
        process.stdin.flush()
        answer = process.stdout.readline()
        if not answer:
            raise RuntimeError(f"wait child ({sdk}) ended:\n{process.stderr.read()[-3000:] if process.stderr else ''}")
        return json.loads(answer)

    results = []
    warm_up = [("stop", 0.2), ("start", 0.2)]  # first waits (lazily loaded code, connections) are not measured
    try:
        for step, (kind, length) in enumerate(warm_up + plan):
            emu.settings(transitionDelay=length / 2)  # two steps: stopping then stopped, starting then started
            ask("fetch")
            emu.http.delete("/_emulator/requests").raise_for_status()
            sent: list[float] = []

            def act(kind: str = kind, sent: list[float] = sent) -> None:
                sent.append(time.monotonic())
                emu.http.post(f"/sandbox/{sandbox_id}/{kind}").raise_for_status()

            actor = threading.Thread(target=act)  # POST /start answers only once started
            actor.start()
            desired = "stopped" if kind == "stop" else "started"
            while emu.sandbox(sandbox_id)["desiredState"] != desired:  # the emulator planned the transition
                time.sleep(0.005)
            answer = ask(f"wait {kind}")
            actor.join()
            sent_by_sdk = emu.sdk_requests(sandbox_id)
            requests = len(sent_by_sdk)
            delay = answer["returned_at"] - (sent[0] + length)
            if step >= len(warm_up):
                kinds = ", ".join(f"{n} x {what}" for what, n in collections.Counter(sent_by_sdk).items())
                results.append({"kind": kind, "length": length, "delay": delay, "requests": requests, "sent": kinds})
            emu.settings(transitionDelay=0)
            state = emu.sandbox(sandbox_id)["state"]
            if state != desired:
                raise RuntimeError(f"after the {sdk} wait the sandbox is {state}, not {desired}")
        process.stdin.write("quit\n")
        process.stdin.flush()
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return results


def bench_wait(emu: Emulator, sandbox_id: str, rounds: int, lengths: tuple[float, ...]) -> list[Row]:
    say(f"\n== state-change detection: stop then start, transitions of {lengths} s; {rounds} rounds ==")
    plan = [(kind, length) for length in lengths for kind in ("stop", "start")]
    samples: dict[str, list[dict[str, Any]]] = {sdk: [] for sdk in SDKS}
    for r in range(rounds):
        for sdk in order(r):
            got = _wait_child(emu, sdk, sandbox_id, plan)
            samples[sdk] += got
            detail = "   ".join(
                f"{g['kind']} {g['length']:g}s: +{g['delay'] * 1000:.0f} ms {g['requests']} req" for g in got
            )
            say(f"  round {r + 1} {sdk:<8} {detail}")
            if r < 2:  # what the requests were, once per SDK
                say(f"      requests of its {got[-1]['kind']} {got[-1]['length']:g}s wait: {got[-1]['sent']}")
    rows = []
    for length in lengths:

        def fig(key: str, scale: float, kinds: tuple[str, ...], length: float = length) -> dict[str, float]:
            return {
                sdk: median([s[key] * scale for s in samples[sdk] if s["length"] == length and s["kind"] in kinds])
                for sdk in SDKS
            }

        for kind in ("stop", "start"):
            figure = f"{kind} noticed after a {length:g} s transition: delay"
            rows.append(Row(figure, "ms", fig("delay", 1000, (kind,)), 1.0))
        rows.append(Row(f"requests per wait ({length:g} s transition)", "", fig("requests", 1, ("stop", "start")), 0.5))
    return rows


# ---- 4. log streaming -------------------------------------------------------------------------------------


def bench_logs(emu: Emulator, sandbox_id: str, rounds: int, mib: float) -> list[Row]:
    say(f"\n== session-log streaming: {mib:g} MiB (stdout + stderr); {rounds} rounds ==")
    args = {"api_url": emu.api_url, "api_key": emu.api_key, "sandbox": sandbox_id, "mib": mib}
    samples: dict[str, list[float]] = {sdk: [] for sdk in SDKS}
    for r in range(rounds):
        for sdk in order(r):
            result = run_child([str(SCRIPTS / "_bench_child.py"), "logs", sdk, json.dumps(args)], f"logs ({sdk})")
            received = (result["stdout"] + result["stderr"]) / (1024 * 1024)
            if received < mib * 0.99:
                raise RuntimeError(f"{sdk} received {received:.2f} MiB of logs, expected {mib:g}")
            samples[sdk].append(result["cpu_s"] * 1000 / received)
            say(
                f"  round {r + 1} {sdk:<8} {received:6.2f} MiB   CPU {result['cpu_s'] * 1000:6.0f} ms"
                f" ({samples[sdk][-1]:5.1f} ms/MiB)   wall {result['wall_s']:.2f} s",
            )
    return [Row("session-log streaming: client CPU per MiB", "ms", {s: median(samples[s]) for s in SDKS}, 1.0)]


def bench_buildlogs(emu: Emulator, rounds: int, mib: float, build_seconds: float) -> list[Row]:
    say(f"\n== build-log streaming: create() from an image, {mib:g} MiB of build log; {rounds} rounds ==")
    args = {"api_url": emu.api_url, "api_key": emu.api_key, "mib": mib}
    samples: dict[str, list[float]] = {sdk: [] for sdk in SDKS}
    # pending_build lasts 0.2 s (so that create's answer is pending_build: the official SDK follows the log
    # only then), the build itself build_seconds, its log lines spread over it.
    emu.settings(transitionDelay=0.2, buildDuration=build_seconds)
    try:
        for r in range(rounds):
            for sdk in order(r):
                result = run_child([str(SCRIPTS / "_bench_child.py"), "buildlogs", sdk, json.dumps(args)], sdk)
                small, big = result["small"], result["big"]
                extra = (big["chars"] - small["chars"]) / (1024 * 1024)
                if extra < mib * 0.99:
                    raise RuntimeError(f"{sdk} received {extra:.2f} MiB more build log, expected {mib:g}")
                samples[sdk].append((big["cpu_s"] - small["cpu_s"]) * 1000 / extra)
                say(
                    f"  round {r + 1} {sdk:<8} CPU of create: tiny log {small['cpu_s'] * 1000:4.0f} ms,"
                    f" {big['chars'] / 2**20:.2f} MiB log {big['cpu_s'] * 1000:4.0f} ms"
                    f" ({big['calls']} callbacks): {samples[sdk][-1]:5.1f} ms/MiB",
                )
    finally:
        emu.settings(transitionDelay=0, buildDuration=0)
    figure = "build-log streaming: client CPU per MiB"
    return [Row(figure, "ms", {s: median(samples[s]) for s in SDKS}, 1.0)]


# ---- 5. transfers -----------------------------------------------------------------------------------------


def bench_transfer(emu: Emulator, sandbox_id: str, sizes: tuple[int, ...], rounds: int) -> list[Row]:
    import bench_transfer as bt

    say(f"\n== transfers: upload + download of {sizes} MiB, one child per SDK, size and round; {rounds} rounds ==")
    peak_samples: dict[int, dict[str, list[float]]] = {}
    speed_samples: dict[int, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        workdir = Path(tmp)
        for index, size in enumerate(sizes):
            source = workdir / "source.bin"
            sha = bt.write_file(source, size * bt.MiB)
            common = ["--api-url", emu.api_url, "--api-key", emu.api_key, "--sandbox", sandbox_id]
            common += ["--file", str(source), "--sha", sha]
            peak_samples[size], speed_samples[size] = {s: [] for s in SDKS}, {s: [] for s in SDKS}
            for r in range(rounds):
                for sdk in order(index + r):
                    result = bt.measure(sdk, False, common, workdir)
                    peak, speed = result["rss_peak"] / bt.MiB, 2 * size / result["seconds"]
                    peak_samples[size][sdk].append(peak)
                    speed_samples[size][sdk].append(speed)
                    say(
                        f"  round {r + 1} {size:5d} MiB {sdk:<8} peak RSS {peak:6.1f} MiB   "
                        f"{speed:6.0f} MiB/s (up + down)",
                    )
            source.unlink()
    # medians over the rounds: the peak RSS per size, and the throughput per size
    peaks = {size: {sdk: median(v) for sdk, v in by_sdk.items()} for size, by_sdk in peak_samples.items()}
    speed = {size: {sdk: median(v) for sdk, v in by_sdk.items()} for size, by_sdk in speed_samples.items()}
    small, big = min(sizes), max(sizes)
    growth = {sdk: peaks[big][sdk] - peaks[small][sdk] for sdk in SDKS}
    flat = growth["facade"] <= 0.1 * (big - small)
    # Throughput: all MiB moved / all seconds, over both sizes (each size's median round).
    rate = {sdk: sum(2 * size for size in sizes) / sum(2 * size / speed[size][sdk] for size in sizes) for sdk in SDKS}
    return [
        Row(f"transfer peak RSS, {small} MiB file", "MiB", peaks[small], 1.0),
        Row(f"transfer peak RSS, {big} MiB file", "MiB", peaks[big], 1.0),
        Row(
            f"peak RSS growth {small} -> {big} MiB (flat: < 10% of the size step)",
            "MiB",
            growth,
            target="flat",
            met=flat,
            show_ratio=False,
        ),
        Row(f"transfer throughput, {' + '.join(map(str, sizes))} MiB up + down", "MiB/s", rate, min_ratio=1.0),
    ]


# ---- main -------------------------------------------------------------------------------------------------

PARTS = ("gets", "import", "wait", "logs", "transfer")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), cpu)
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} CPUs ({cpu}), Python "
        f"{platform.python_version()}; load average at start {load}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=PARTS, action="append", help="run only these parts (repeatable)")
    parser.add_argument("--quick", action="store_true", help="a short smoke run: one round, tiny sizes")
    parser.add_argument("--rounds", type=int, default=None, help="rounds per part (default 5; quick: 1)")
    parser.add_argument("--write", type=Path, help="write the table and the method to this Markdown file")
    parser.add_argument("--note", default="", help="a sentence about the run for --write (e.g. what else ran)")
    args = parser.parse_args(argv)
    quick = args.quick
    rounds = args.rounds or (1 if quick else 5)
    calls1, calls50 = (20, 100) if quick else (300, 1000)
    lengths = (0.5,) if quick else (0.5, 3.0)
    log_mib = 0.5 if quick else 15.0
    build_mib = 0.2 if quick else 5.0
    sizes = (2, 16) if quick else (256, 1024)
    parts = args.only or list(PARTS)
    started = time.monotonic()
    about = machine()
    print(f"machine: {about}")
    rows: list[Row] = []
    with emulator_process(api_key=API_KEY, extra_args=("--delay", "0", "--build-duration", "0")) as process:
        emu = Emulator(process.api_url, process.api_key)
        sandbox_id = emu.create_started()
        steps: dict[str, Callable[[], list[Row]]] = {
            "gets": lambda: bench_gets(emu, sandbox_id, rounds, calls1, calls50),
            "import": lambda: bench_import(emu, sandbox_id, rounds),
            "wait": lambda: bench_wait(emu, sandbox_id, rounds, lengths),
            "logs": lambda: (
                bench_logs(emu, sandbox_id, max(1, min(rounds, 3)), log_mib)
                + bench_buildlogs(emu, max(1, min(rounds, 3)), build_mib, 2.0)
            ),
            "transfer": lambda: bench_transfer(emu, sandbox_id, sizes, max(1, min(rounds, 3))),
        }
        for part in PARTS:
            if part in parts:
                rows += steps[part]()
        emu.http.close()
    elapsed = time.monotonic() - started
    load_end = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print()
    print(render_table(rows))
    print(f"\n(bench took {elapsed:.0f} s; ratio = facade / official, medians of this run)")
    if args.write:
        settings = {
            "rounds": rounds,
            "calls": f"{calls1} at concurrency 1 and {calls50} at 50 per child",
            "transitions": ", ".join(f"{x:g} s" for x in lengths),
            "session log": f"{log_mib:g} MiB",
            "build log": f"{build_mib:g} MiB over a 1.5 s build",
            "transfer sizes": ", ".join(f"{s} MiB" for s in sizes),
            "elapsed": f"{elapsed:.0f} s",
            "load average at the end": load_end,
        }
        words = sys.argv[1:] if argv is None else argv
        command = " ".join(w for i, w in enumerate(words) if w != "--note" and (i == 0 or words[i - 1] != "--note"))
        args.write.write_text(render_markdown(rows, about, settings, command, args.note, LOG))
        print(f"wrote {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
