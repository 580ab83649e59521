"""`scripts/bench.py --quick` runs end to end (emulator child, both SDKs' children) and reports every figure.

No timing is asserted: only that each figure of issue 10's list is printed and written with both SDKs'
values and a ratio, so a change that breaks a measurement (an SDK call renamed, a child crashing) fails here.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

FIGURES = (
    "client CPU per get, concurrency 1",
    "client CPU per get, concurrency 50",
    "get throughput, concurrency 1",
    "get throughput, concurrency 50",
    "import alone",
    "import + construct + first get",
    "interpreter start to first get returned",
    "stop noticed after a 0.5 s transition: delay",
    "start noticed after a 0.5 s transition: delay",
    "requests per wait (0.5 s transition)",
    "session-log streaming: client CPU per MiB",
    "build-log streaming: client CPU per MiB",
    "transfer peak RSS, 2 MiB file",
    "transfer peak RSS, 16 MiB file",
    "peak RSS growth 2 -> 16 MiB",
    "transfer throughput, 2 + 16 MiB up + down",
)


def test_quick_bench_prints_and_writes_every_figure(tmp_path: Path) -> None:
    doc = tmp_path / "benchmarks.md"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DAYTONA_")}
    done = subprocess.run(
        [sys.executable, "scripts/bench.py", "--quick", "--write", str(doc)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    table = done.stdout.split("figure", 1)[-1]
    written = doc.read_text()
    for figure in FIGURES:
        line = next((x for x in table.splitlines() if x.startswith(figure)), None)
        assert line is not None, f"{figure!r} missing from the printed table:\n{done.stdout}"
        if not figure.startswith("peak RSS growth"):  # both SDKs measured: a ratio
            assert re.search(r"\d\.\d\dx", line), line
        assert f"| {figure}" in written
    assert "## Method" in written and "shared" in written
