"""The results table of ``scripts/bench.py``: on the terminal and as ``docs/benchmarks.md``."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass
class Row:
    """One figure: the medians of both SDKs and the target the issue sets on their ratio (facade / official).

    ``max_ratio``: met when the ratio is at most it; ``min_ratio``: at least it; ``info``: no target;
    ``target``/``met`` given: a target that is not a ratio (e.g. "flat"), judged by the caller.
    """

    figure: str
    unit: str
    values: dict[str, float]
    max_ratio: float | None = None
    min_ratio: float | None = None
    info: bool = False
    target: str | None = None
    met: bool | None = None
    show_ratio: bool = True

    @property
    def ratio(self) -> float:
        facade, official = self.values["facade"], self.values["official"]
        return facade / official if official else math.nan

    @property
    def target_text(self) -> str:
        if self.target is not None:
            return self.target
        if self.max_ratio is not None:
            return f"≤ {self.max_ratio:g}x"
        if self.min_ratio is not None:
            return f"≥ {self.min_ratio:g}x"
        return "—"

    @property
    def verdict(self) -> str:
        if self.info:
            return "—"
        if self.met is not None:
            return "yes" if self.met else "no"
        if math.isnan(self.ratio):
            return "n/a"
        if self.max_ratio is not None:
            return "yes" if self.ratio <= self.max_ratio else "no"
        if self.min_ratio is not None:
            return "yes" if self.ratio >= self.min_ratio else "no"
        return "—"


def _number(value: float, unit: str) -> str:
    if math.isnan(value):
        return "n/a"
    if not unit:  # a count (median of counts: whole or half)
        return f"{value:g}"
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}"
    return f"{text} {unit}".strip()


def _cells(row: Row) -> list[str]:
    ratio = "—" if not row.show_ratio else "n/a" if math.isnan(row.ratio) else f"{row.ratio:.2f}x"
    return [
        row.figure,
        _number(row.values["facade"], row.unit),
        _number(row.values["official"], row.unit),
        ratio,
        row.target_text,
        row.verdict,
    ]


HEADER = ["figure", "facade", "official", "ratio", "target", "met"]


def render_table(rows: list[Row]) -> str:
    """A plain-text table for the terminal."""
    table = [HEADER, *(_cells(r) for r in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADER))]
    lines = []
    for index, line in enumerate(table):
        lines.append(
            "  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(line))
        )
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "|".join(["---"] + ["---:"] * 5) + "|"]
    lines += ["| " + " | ".join(_cells(r)) + " |" for r in rows]
    return "\n".join(lines)


METHOD = """\
## Method

- **Same run, same emulator, separate processes.** `scripts/bench.py` starts one emulator
  (`scripts/emulator.py`) in a child process and keeps it for the whole run. Every measurement runs one SDK
  in a fresh child interpreter (`scripts/_bench_child.py`, `scripts/_bench_first_get.py`,
  `scripts/bench_transfer.py`): one child per SDK per round, the SDKs alternating and the one that goes first
  alternating from round to round. Figures are medians over the rounds; the ratio is facade / official of
  the same run, so a busy machine slows both sides alike.
- **Client CPU** is `time.process_time()` of the child (user + system time of the client process, all its
  threads) around the calls, divided by the calls (or by the MiB streamed). The emulator's CPU is not
  counted. A warm-up of 50 calls comes first (connections, lazily loaded code).
- **get**: `AsyncDaytona.get(id)` of one started sandbox, sequentially (concurrency 1) and 50 at a time
  through one client (`asyncio.gather` under a semaphore of 50).
- **import + first get**: a fresh interpreter imports the SDK (`AsyncDaytona`, `DaytonaConfig`), builds a
  client and makes one `get`. "import alone" and "import + construct + first get" are timed inside the
  child; "interpreter start to first get returned" is `time.monotonic()` when the `get` returned minus the
  parent's `time.monotonic()` just before it started the interpreter (one clock for all processes on Linux).
- **State-change detection**: a third party (plain httpx in the parent, its requests marked and left out of
  the count) stops, then starts the sandbox; each transition lasts 0.5 s or 3 s (the emulator's
  `transitionDelay` set to half of it through `PATCH /api/_emulator/settings`: `stopping` then `stopped`,
  `starting` then `started`). The child has fetched the sandbox before (so its local state is the old one)
  and calls its public `wait_for_sandbox_stop(timeout=60)` / `wait_for_sandbox_start(timeout=60)` as soon
  as the emulator has planned the transition (after one unmeasured stop and start, so that lazily loaded
  code and first connections are behind it). Delay = when the wait returned - (when the third party sent
  its request + the transition's length), i.e. after the moment the emulator made the new state due (the
  median of the rounds, for stops and starts apart: the official SDK sleeps once more after it saw
  `stopped`, not after `started`); it
  is over-stated by the third party's request latency (a few ms, the same for both SDKs). Requests = the
  entries of the emulator's request journal (`GET /api/_emulator/requests`, cleared before the third party
  acts) that the SDK's process sent until its wait returned, WebSocket handshakes included.
- **Session-log streaming**: a session command (`python3 -c`, 100-byte lines alternately to stdout and
  stderr) writes the given size; once it has ended (and after the same with a 1 KiB log, unmeasured), the
  child streams its log with
  `get_session_command_logs_async(session, command, on_stdout, on_stderr)` (plain callbacks counting
  characters): client CPU per MiB received.
- **Build-log streaming**: `create(CreateSandboxFromImageParams(image=...), on_snapshot_create_logs=cb)` of a
  declarative image (`Image.base(...).run_commands(...)`, about 1 KiB per instruction: the emulator's build
  log has one line per instruction, spread over a 1.5 s build; a fresh first instruction each time, so every
  create builds). Both SDKs follow the build log only inside `create()`, so each child makes three creates
  with the callback: a warm-up, one with a tiny log and one with a 5 MiB log; the figure is the difference
  of the last two's client CPU (same requests, same build time) per MiB of log received. The official SDK
  hands its callback raw chunks, the facade hands it lines.
- **Transfers**: `scripts/bench_transfer.py`'s child for each SDK uploads a random file from its path and
  downloads it back to a path (the streaming forms of both SDKs), after a tiny warm-up transfer; its peak
  RSS (`ru_maxrss`) and the time of upload + download, at two sizes (one child per SDK, size and round, up
  to 3 rounds; the first SDK alternates); medians over the rounds. "Flat" means the facade's peak RSS grew by
  less than 10% of the size step between the two sizes. Throughput is all MiB moved (up + down, both sizes) /
  all the seconds the median rounds took.
- Nothing is asserted about time; a target a run misses is reported as "no" with the ratio it reached.
"""


def _why(row: Row, rows: list[Row]) -> str:
    """What this run's own figures say about a missed target (facts of the measurement, no guesses), and for the
    get and first-get figures where their time goes as measured apart (dated)."""
    by_name = {r.figure: r for r in rows}
    if row.figure in ("import + construct + first get", "interpreter start to first get returned"):
        alone = by_name.get("import alone")
        if alone is None:
            return ""
        rest = row.values["facade"] - alone.values["facade"]
        return (
            f"The import alone is {alone.ratio:.2f}x ({alone.values['facade']:.0f} ms); the other {rest:.0f} ms of"
            " the facade's figure are building the client and the first `get`"
            + (" (and the interpreter's own start)" if row.figure.startswith("interpreter") else "")
            + ", i.e. what the facade loads and sets up on first use. "
            + IMPORT_COSTS
        )
    if row.figure.endswith("transition: delay"):
        return (
            "The facade learns of the change from the notification gateway (its requests per wait are listed in the"
            " rounds below); the emulator sends a state change at its periodic tick (every 50 ms) after the"
            " transition is due, while a poll makes it apply the change at once: compare the rounds."
        )
    if row.figure.startswith("build-log streaming"):
        return BUILD_LOG_COSTS
    if row.figure == "client CPU per get, concurrency 50":
        return GET_COSTS
    return ""


#: Where the CPU of a `get` goes, measured apart (these are not figures of this run).
GET_COSTS = (
    "Measured apart on 2026-12-02 (the same `GET /sandbox/{id}` at concurrency 50 against the emulator, 7 x 1,000"
    " calls; CPU per call, lowest and median): aiohttp alone with `json.loads` 118 / 181 µs; httpx's client on the"
    " httpx-aiohttp transport, what the facade sends through, 293 / 373 µs; `AsyncDaytona.get` (checks, request,"
    " parse into the generated `Sandbox`, the `AsyncSandbox`) 293 / 374 µs. About half of the facade's CPU per"
    " `get` is httpx and its aiohttp transport (request and response objects, headers converted on both sides,"
    " the URL parsed per request, body streams as async generators); the official SDK's own figure moves by up"
    " to a third between runs on this shared machine (see the rounds)."
)
#: What the build-log figure is made of, measured apart (these are not figures of this run).
BUILD_LOG_COSTS = (
    "Measured apart on 2026-12-02 (the 5 MiB create of this benchmark): both SDKs parse the sandbox record, which"
    " carries the 5 MiB Dockerfile, six times per create (the official SDK: the POST answer and 5 polls; the"
    " facade: the POST answer, 2 fetches and 3 state events of the gateway). The facade follows the log from the"
    " moment the build starts (first line at 0.31 s, told by the gateway), so it reads it as it is written, in"
    " about 1,400 network chunks, and splits it into lines (5,126 callbacks); the official SDK starts after its"
    " first poll (1.14 s), when 40 % of the log is waiting, and reads it in 26 large chunks handed on as read."
)
#: Where the time to a first `get` goes, measured apart (these are not figures of this run).
IMPORT_COSTS = (
    "Measured apart on 2026-12-02 with `python -X importtime` (first `get`, medians of 5): importing aiohttp"
    " (on the first request) takes 81 ms, 38 ms of it `aiohttp.connector` building two TLS contexts (the CA"
    " store) at import time; httpx 61 ms, 40 ms of it its command-line entry point (`httpx._main`: click, rich,"
    " pygments), which httpx imports whenever those are installed, as they are here for the dev tools (uvicorn,"
    " openapi-python-client), not for the facade: in a venv with only the facade's dependencies the same"
    " child measured 194 ms instead of 234 ms (medians of 6; 0.17x of the official SDK's 1,176 ms that day); asyncio"
    " 31 ms (both SDKs need it); the generated `Sandbox` model and attrs 13 ms."
)


def render_markdown(rows: list[Row], about: str, settings: dict[str, str], argv: str, note: str, log: list[str]) -> str:
    missed = [r for r in rows if r.verdict == "no"]
    lines = [
        "# Benchmarks: the facade vs the official SDK (daytona 0.190.0)",
        "",
        f"Written by `python scripts/bench.py {argv}` (`make bench` runs it with `--write docs/benchmarks.md`);",
        "the targets are issue 10's.",
        "Ratio = facade / official, both measured in the same run.",
        "",
        markdown_table(rows),
        "",
        "## This run",
        "",
        f"- Machine: {about}.",
        "- A load average above the CPU count means other jobs shared the machine: absolute figures are then",
        "  noisy (both SDKs alike, rounds alternating); the ratios are the figures to read.",
    ]
    if note:
        lines.append(f"- {note}")
    lines += [f"- {key}: {value}" for key, value in settings.items()]
    if missed:
        lines += ["", "Targets this run missed (by how much, and what the figures show about why):", ""]
        for r in missed:
            hint = _why(r, rows)
            lines.append(
                f"- {r.figure}: {r.ratio:.2f}x against a target of {r.target_text}." + (f" {hint}" if hint else "")
            )
    lines += ["", METHOD, "## Rounds, as printed", "", "```", *(x.strip("\n") for x in log), "```", ""]
    return "\n".join(lines)
