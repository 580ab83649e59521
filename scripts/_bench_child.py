"""One benchmark task of one SDK, run in a fresh interpreter by ``scripts/bench.py``.

    python scripts/_bench_child.py TASK SDK JSON_ARGS

``SDK`` is ``facade`` or ``official`` (the ``daytona`` package); both expose the same public names, so every
task below is the same code for both. The last line printed is the task's result as JSON. Times are
``time.monotonic()`` (CLOCK_MONOTONIC on Linux: one clock for every process of the machine, so the parent
can compare them with its own) and ``time.process_time()`` (this process's CPU time, user + system, all
threads).

Tasks:

- ``gets``: warm up, then ``calls1`` sequential ``get`` calls and ``calls50`` calls 50 at a time; client CPU
  per call and throughput for each.
- ``wait``: line protocol on stdin/stdout driven by the parent (``fetch`` -> ``fetched``;
  ``wait start|stop`` -> the monotonic time the SDK's public wait returned; ``quit``).
- ``logs``: run a command printing ``mib`` MiB in a session, wait until it ended, then stream its logs
  with ``get_session_command_logs_async`` (after the same with a 1 KiB log, to warm up); client CPU of the
  streaming and the characters received.
- ``buildlogs``: ``create`` a sandbox from a declarative image with ``on_snapshot_create_logs``: once to warm
  up, once with a tiny build log, once with ``mib`` MiB of it (1 KiB ``RUN`` instructions: the emulator logs
  one line per instruction); client CPU of each ``create`` and the characters received.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import shlex
import sys
import time
import uuid
from typing import Any


def sdk_module(sdk: str) -> Any:
    return importlib.import_module("facade" if sdk == "facade" else "daytona")


def client(mod: Any, args: dict[str, Any]) -> Any:
    return mod.AsyncDaytona(mod.DaytonaConfig(api_key=args["api_key"], api_url=args["api_url"], target="us"))


def emit(result: dict[str, Any]) -> None:
    print(json.dumps(result), flush=True)


async def _calls(daytona: Any, sandbox_id: str, total: int, concurrency: int) -> dict[str, Any]:
    semaphore = asyncio.Semaphore(concurrency)
    errors: list[str] = []

    async def one() -> None:
        async with semaphore:
            try:
                await daytona.get(sandbox_id)
            except Exception as exc:  # counted and shown, never hidden
                errors.append(f"{type(exc).__name__}: {exc}"[:200])

    wall, cpu = time.perf_counter(), time.process_time()
    if concurrency == 1:
        for _ in range(total):
            await one()
    else:
        await asyncio.gather(*(one() for _ in range(total)))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"cpu_us": cpu / total * 1e6, "rate": total / wall, "errors": len(errors), "error_sample": errors[:2]}


async def gets(sdk: str, args: dict[str, Any]) -> None:
    mod = sdk_module(sdk)
    async with client(mod, args) as daytona:
        await _calls(daytona, args["sandbox"], 50, 50)  # warm-up: connections, lazily loaded code
        c1 = await _calls(daytona, args["sandbox"], args["calls1"], 1)
        c50 = await _calls(daytona, args["sandbox"], args["calls50"], 50)
    emit({"c1": c1, "c50": c50})


async def wait(sdk: str, args: dict[str, Any]) -> None:
    mod = sdk_module(sdk)
    loop = asyncio.get_running_loop()
    sandbox: Any = None
    async with client(mod, args) as daytona:
        while True:
            line = (await loop.run_in_executor(None, sys.stdin.readline)).split()
            if not line or line[0] == "quit":
                break
            if line[0] == "fetch":
                sandbox = await daytona.get(args["sandbox"])
                emit({"fetched": str(sandbox.state)})
            elif line[0] == "wait":
                started = time.monotonic()
                if line[1] == "start":
                    await sandbox.wait_for_sandbox_start(timeout=60)
                else:
                    await sandbox.wait_for_sandbox_stop(timeout=60)
                emit({"wait_called_at": started, "returned_at": time.monotonic(), "state": str(sandbox.state)})


def _log_command(mib: float) -> str:
    """A shell command writing one 100-byte line to stdout, then one to stderr, until ``mib`` MiB were written."""
    lines = int(mib * 1024 * 1024 / 200)
    program = (
        "import sys; o, e = sys.stdout.write, sys.stderr.write; "
        f"[(o('out %09d %s\\n' % (i, 'x' * 86)), e('err %09d %s\\n' % (i, 'y' * 86))) for i in range({lines})]"
    )
    return "python3 -c " + shlex.quote(program)


async def logs(sdk: str, args: dict[str, Any]) -> None:
    mod = sdk_module(sdk)
    async with client(mod, args) as daytona:
        sandbox = await daytona.get(args["sandbox"])
        session = f"bench-{sdk}-{int(time.time() * 1000)}"
        await sandbox.process.create_session(session)
        # A warm-up stream of a tiny log first (lazily loaded code, WebSocket library), then the measured one.
        for mib in (0.001, args["mib"]):
            request = mod.SessionExecuteRequest(command=_log_command(mib), run_async=True)
            command_id = (await sandbox.process.execute_session_command(session, request)).cmd_id
            deadline = time.monotonic() + 120
            while (await sandbox.process.get_session_command(session, command_id)).exit_code is None:
                if time.monotonic() > deadline:
                    raise RuntimeError("the log command did not end within 120 s")
                await asyncio.sleep(0.2)
            received = {"stdout": 0, "stderr": 0}

            def on_stdout(text: str, received: dict[str, int] = received) -> None:
                received["stdout"] += len(text)

            def on_stderr(text: str, received: dict[str, int] = received) -> None:
                received["stderr"] += len(text)

            wall, cpu = time.perf_counter(), time.process_time()
            await sandbox.process.get_session_command_logs_async(session, command_id, on_stdout, on_stderr)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        await sandbox.process.delete_session(session)
    emit({"cpu_s": cpu, "wall_s": wall, **received})


def _image(mod: Any, mib: float) -> Any:
    """A declarative image whose build log is about ``mib`` MiB: one ~1 KiB ``RUN`` instruction per log line.
    Its first instruction is new each time, so each create builds (no snapshot of it exists yet)."""
    lines = int(mib * 1024)
    commands = [f"echo {uuid.uuid4().hex}"] + [f"echo {i:06d} {'z' * 1000}" for i in range(lines)]
    return mod.Image.base("python:3.12-slim").run_commands(*commands)


async def buildlogs(sdk: str, args: dict[str, Any]) -> None:
    mod = sdk_module(sdk)
    results = []
    async with client(mod, args) as daytona:
        # A warm-up create (connections, lazily loaded code), then a tiny log and a big one: same requests and
        # build time, so the difference of their CPU is what streaming the bigger log cost.
        for mib in (0.0, 0.0, args["mib"]):
            image = _image(mod, mib)
            received = {"chars": 0, "calls": 0}

            def on_log(text: str, received: dict[str, int] = received) -> None:
                received["chars"] += len(text)
                received["calls"] += 1

            params = mod.CreateSandboxFromImageParams(image=image)
            wall, cpu = time.perf_counter(), time.process_time()
            sandbox = await daytona.create(params, timeout=120, on_snapshot_create_logs=on_log)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            await daytona.delete(sandbox)
            results.append({"cpu_s": cpu, "wall_s": wall, **received})
    emit({"small": results[1], "big": results[2]})


TASKS = {"buildlogs": buildlogs, "gets": gets, "wait": wait, "logs": logs}

if __name__ == "__main__":
    task, sdk_name, raw = sys.argv[1], sys.argv[2], sys.argv[3]
    asyncio.run(TASKS[task](sdk_name, json.loads(raw)))
