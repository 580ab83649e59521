"""Import an SDK, build a client and ``get`` one sandbox in this fresh interpreter (run by ``scripts/bench.py``).

    python scripts/_bench_first_get.py SDK API_URL API_KEY SANDBOX_ID

Nothing is imported before the timer starts but ``sys`` and ``time`` (both already loaded by the interpreter
itself), so the import time is the SDK's whole cost. Prints one JSON line: the import time, the time from
before the import to the first ``get`` returning, and the ``time.monotonic()`` at which it returned (the parent
noted the same clock just before it started this interpreter).
"""

import sys
import time

start = time.perf_counter()
if sys.argv[1] == "facade":
    from facade import AsyncDaytona, DaytonaConfig
else:
    from daytona import AsyncDaytona, DaytonaConfig  # type: ignore[no-redef]
imported = time.perf_counter() - start


async def main() -> tuple[float, float]:
    config = DaytonaConfig(api_key=sys.argv[3], api_url=sys.argv[2], target="us")
    async with AsyncDaytona(config) as daytona:
        await daytona.get(sys.argv[4])
        return time.monotonic(), time.perf_counter()


import asyncio  # noqa: E402  (after the timer: both SDKs import it anyway)
import json  # noqa: E402

returned, returned_perf = asyncio.run(main())
in_process = returned_perf - start
print(json.dumps({"import_s": imported, "in_process_s": in_process, "returned_at": returned}))
