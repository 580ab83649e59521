"""Simulated image builds: log lines that appear over the build's duration, and their HTTP stream."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from starlette.responses import StreamingResponse

from daytona_emulator.control.timeline import monotonic

POLL_SECONDS = 0.05


def image_ref(dockerfile: str) -> str:
    return "daytona-build-" + hashlib.sha256(dockerfile.encode()).hexdigest()[:16]


def build_snapshot_ref(dockerfile: str | None, context_hashes: list[str] | None = None) -> str:
    """A build's ``snapshotRef`` as ``generateBuildInfoHash`` makes it: ``daytona-<sha256>:daytona`` of the
    Dockerfile followed by the sorted context hashes (a missing Dockerfile hashes as ``undefined``)."""
    combined = ("undefined" if dockerfile is None else dockerfile) + "".join(sorted(context_hashes or []))
    return "daytona-" + hashlib.sha256(combined.encode()).hexdigest() + ":daytona"


@dataclass
class BuildLog:
    """Lines stamped with the monotonic time at which they become visible."""

    lines: list[tuple[float, str]] = field(default_factory=list)
    done_at: float = 0.0

    def visible(self, now: float | None = None) -> list[str]:
        now = monotonic() if now is None else now
        return [text for at, text in self.lines if at <= now]

    def finished(self, now: float | None = None) -> bool:
        return (monotonic() if now is None else now) >= self.done_at

    def cut(self) -> None:
        """End the build now (deleted or failed resource): later lines never appear."""
        now = monotonic()
        self.lines = [(at, text) for at, text in self.lines if at <= now]
        self.done_at = min(self.done_at, now)

    def text(self) -> str:
        return "".join(line + "\n" for line in self.visible())


def plan_build(dockerfile: str, start: float, duration: float, failure: str | None) -> BuildLog:
    """Log lines for building ``dockerfile``: one step per instruction, spread over ``duration``."""
    instructions = [
        line.strip() for line in dockerfile.splitlines() if line.strip() and not line.strip().startswith("#")
    ]
    ref = image_ref(dockerfile)
    texts = ['#0 building with "daytona-emulator" instance', "#1 [internal] load build definition from Dockerfile"]
    texts += [f"#{n} [{n - 1}/{len(instructions)}] {instr}" for n, instr in enumerate(instructions, start=2)]
    if failure is None:
        texts += [f"#{len(instructions) + 2} exporting to image", f"#{len(instructions) + 2} naming to {ref} done"]
    else:
        texts += [f"ERROR: {failure}"]
    step = duration / len(texts)
    log = BuildLog(done_at=start + duration)
    log.lines = [(start + i * step, text) for i, text in enumerate(texts)]
    return log


def stream_response(log: BuildLog, follow: bool) -> StreamingResponse:
    """The log as chunked text; with ``follow`` the body stays open until the build is over."""

    async def chunks() -> AsyncIterator[bytes]:
        sent = 0
        while True:
            finished = log.finished()
            lines = log.visible()
            if len(lines) > sent:
                yield "".join(line + "\n" for line in lines[sent:]).encode()
                sent = len(lines)
            if finished or not follow:
                return
            await asyncio.sleep(POLL_SECONDS)

    return StreamingResponse(chunks(), media_type="text/plain; charset=utf-8")
