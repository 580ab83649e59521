"""Cassette tests: replay recorded traffic offline by default; ``DAYTONA_RECORD=1`` re-records it.

See ``tests/cassettes/_vcr.py`` for the modes, the scrubbing and the matching rules. Fixtures:

* ``cassette``: the vcrpy cassette of the running test (``cassettes/<module>/<test>.yaml``); tests read
  ``cassette.requests`` to assert on what was sent. In replay every recorded interaction must be played,
  so a wait that polls more or less often than when it was recorded fails.
* ``daytona``: an ``AsyncDaytona`` pointed at the placeholder origin (replay), the session emulator or
  the real service (record).
* ``backend``: which of those three is in use.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.cassettes import _vcr


@dataclass(frozen=True)
class Backend:
    """What the client talks to: ``replay`` (nothing), ``emulator`` or ``real``."""

    kind: str
    api_url: str
    api_key: str
    emulator: Any = None

    @property
    def recording(self) -> bool:
        return self.kind != "replay"


# ---- session-wide set-up --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def scrubber() -> _vcr.Scrubber:
    secrets = [_vcr.RECORDING_API_KEY, _vcr.REPLAY_API_KEY]
    if _vcr.record_requested() and _vcr.real_service_requested():
        secrets.append(os.environ["DAYTONA_API_KEY"].strip())
    return _vcr.Scrubber(secrets)


@pytest.fixture(scope="session")
def backend(scrubber: _vcr.Scrubber) -> Iterator[Backend]:
    if not _vcr.record_requested():
        yield Backend("replay", _vcr.REPLAY_API_URL, _vcr.REPLAY_API_KEY)
        return
    if _vcr.real_service_requested():
        api_url = os.environ.get("DAYTONA_API_URL", "").strip() or "https://app.daytona.io/api"
        scrubber.add_origin(api_url)
        yield Backend("real", api_url.rstrip("/"), os.environ["DAYTONA_API_KEY"].strip())
        return
    from tests.cassettes._emulator import running_emulator

    with running_emulator(
        api_key=_vcr.RECORDING_API_KEY,
        transition_delay=_vcr.RECORD_TRANSITION_DELAY,
        build_duration=_vcr.RECORD_BUILD_DURATION,
    ) as emulator:
        scrubber.add_origin(emulator.api_url)
        yield Backend("emulator", emulator.api_url, _vcr.RECORDING_API_KEY, emulator)


@pytest.fixture(scope="session")
def recorder(scrubber: _vcr.Scrubber) -> Any:
    return _vcr.make_vcr(scrubber)


# ---- per test ---------------------------------------------------------------------------------------


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    setattr(item, f"{_vcr.REPORT_ATTRIBUTE}_{report.when}", report)
    return report


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the cassette hygiene checks last, so that after re-recording they scan the new cassettes."""
    items.sort(key=lambda item: "cassettes/test_hygiene.py" in item.nodeid)


@pytest.fixture
def cassette(request: pytest.FixtureRequest, backend: Backend, recorder: Any, scrubber: _vcr.Scrubber) -> Iterator[Any]:
    module = request.node.module.__name__.rsplit(".", 1)[-1]
    final = _vcr.cassette_path(module, request.node.name)
    scrubber.start_cassette()
    if not backend.recording:
        if not final.exists():
            pytest.fail(f"no cassette {final.relative_to(_vcr.REPO_ROOT)}: record it with `make record`")
        from facade._polling import FakeClock, use_clock

        with (
            _vcr.block_network(),
            use_clock(FakeClock()),
            recorder.use_cassette(str(final), record_mode="none") as cas,
        ):
            yield cas
            if _vcr.call_passed(request):
                unplayed = [f"{r.method} {r.path}" for i, r in enumerate(cas.requests) if cas.play_counts[i] == 0]
                assert not unplayed, f"recorded requests that were not replayed (did the code change?): {unplayed}"
        return
    # Record into a scratch file; it replaces the committed cassette only if the test passes.
    scratch_dir = Path(tempfile.mkdtemp(prefix="cassette-"))
    scratch = scratch_dir / final.name
    try:
        with recorder.use_cassette(str(scratch), record_mode="all") as cas:
            yield cas
        if _vcr.call_passed(request):
            final.parent.mkdir(parents=True, exist_ok=True)
            if scratch.exists():
                shutil.move(str(scratch), final)
            elif final.exists():  # the test made no request
                final.unlink()
    finally:
        shutil.rmtree(scratch_dir, ignore_errors=True)


@pytest.fixture
async def daytona(cassette: Any, backend: Backend) -> AsyncIterator[Any]:
    from facade import AsyncDaytona, DaytonaConfig

    # Polls only: vcrpy cannot record the notification gateway's WebSocket, and the replay must find every poll.
    config = DaytonaConfig(api_key=backend.api_key, api_url=backend.api_url, state_notifications=False)
    client = AsyncDaytona(config)
    try:
        yield client
    finally:
        await client.close()
