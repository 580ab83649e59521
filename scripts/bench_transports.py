"""Which HTTP transport the facade should use: 1,000 ``get`` calls at concurrency 1 and 50 against the emulator.

    .venv/bin/python scripts/bench_transports.py [--calls 1000] [--rounds 5]

Contenders, each doing the facade's work for ``get`` (one ``GET /sandbox/{id}`` with the default headers, the
generated ``Sandbox`` parser) on one pooled client, in the same process and in alternating rounds:

* ``facade stock``: ``AsyncDaytona.get`` on the stock ``httpx.AsyncHTTPTransport`` (httpcore's pool);
* ``facade aiohttp``: ``AsyncDaytona.get`` as shipped: ``httpx_aiohttp.AiohttpTransport`` on one aiohttp session;
* ``httpx2``: a plain ``httpx2.AsyncClient`` sending the generated request and parsing it (needs ``httpx2``;
  the maintained httpx fork, whose pool has the linear-time fix);
* ``official``: the official SDK's ``AsyncDaytona.get``.

Printed per contender: median throughput and median client CPU per call, and the ratio to the official SDK.
Nothing is asserted. Optional contenders are skipped when their package is not installed.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from daytona_emulator.process import emulator_process


async def _rate(call: Callable[[], Awaitable[Any]], total: int, concurrency: int) -> tuple[float, float]:
    semaphore = asyncio.Semaphore(concurrency)

    async def one() -> None:
        async with semaphore:
            await call()

    start, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(one() for _ in range(total)))
    return total / (time.perf_counter() - start), (time.process_time() - cpu) / total * 1e6


async def _contenders(api_url: str, key: str, sandbox_id: str, stack: Any) -> dict[str, Callable[[], Awaitable[Any]]]:
    import daytona
    import httpx
    from daytona_openapi.api import sandbox as api

    import facade
    from facade._config import default_headers, resolve_config

    config = facade.DaytonaConfig(api_key=key, api_url=api_url)
    ours = await stack.enter_async_context(facade.AsyncDaytona(config))
    theirs = await stack.enter_async_context(daytona.AsyncDaytona(daytona.DaytonaConfig(api_key=key, api_url=api_url)))
    limits = httpx.Limits(max_connections=250, max_keepalive_connections=250, keepalive_expiry=4.0)
    stock = facade.AsyncDaytona._from_transport(config, httpx.AsyncHTTPTransport(limits=limits))
    stock = await stack.enter_async_context(stock)
    calls: dict[str, Callable[[], Awaitable[Any]]] = {"facade stock": lambda: stock.get(sandbox_id)}
    calls["facade aiohttp"] = lambda: ours.get(sandbox_id)
    try:
        import httpx2

        headers = default_headers(resolve_config(config))
        limits2 = httpx2.Limits(max_connections=250, max_keepalive_connections=250, keepalive_expiry=4.0)
        client2 = await stack.enter_async_context(httpx2.AsyncClient(headers=headers, limits=limits2))

        async def httpx2_get() -> Any:
            req = api.get_sandbox.request(sandbox_id)
            response = await client2.request(req.method, api_url + req.url)
            return req.parse(response)

        calls["httpx2"] = httpx2_get
    except ImportError:
        print("  (httpx2 not installed: skipped)")
    calls["official"] = lambda: theirs.get(sandbox_id)
    return calls


async def _run(api_url: str, key: str, total: int, rounds: int) -> None:
    import contextlib

    import facade

    async with facade.AsyncDaytona(facade.DaytonaConfig(api_key=key, api_url=api_url)) as client:
        sandbox = await client.create(timeout=60)
    async with contextlib.AsyncExitStack() as stack:
        calls = await _contenders(api_url, key, sandbox.id, stack)
        for concurrency in (1, 50):
            results: dict[str, list[tuple[float, float]]] = {name: [] for name in calls}
            for call in calls.values():  # warm-up: open connections, import what is loaded lazily
                await _rate(call, concurrency, concurrency)
            for _ in range(rounds):
                for name, call in calls.items():
                    results[name].append(await _rate(call, total, concurrency))
            official_cpu = statistics.median(cpu for _, cpu in results["official"])
            official_rate = statistics.median(rate for rate, _ in results["official"])
            print(f"\n  {total} x get at concurrency {concurrency} (median of {rounds} rounds)")
            for name, rs in results.items():
                rate, cpu = statistics.median(r for r, _ in rs), statistics.median(c for _, c in rs)
                print(
                    f"    {name:<15} {rate:8.1f} calls/s ({rate / official_rate:4.2f}x official)"
                    f"   client CPU {cpu:6.0f} µs/call ({cpu / official_cpu:4.2f}x official)"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with emulator_process(api_key="bench-emulator-key") as emu:
        asyncio.run(_run(emu.api_url, emu.api_key, args.calls, args.rounds))


if __name__ == "__main__":
    main()
