"""pytest plugin of the testing kit (``pip install 'daytona-facade[testing]'``; registered as ``daytona_emulator``).

Test a service that uses Daytona without Daytona::

    @pytest.mark.asyncio
    @pytest.mark.daytona_cassette            # record once, replay offline after
    async def test_answer(daytona: AsyncDaytona) -> None:
        assert await my_service.answer(daytona) == "42"

Fixtures (each starts nothing until a test asks for it):

* ``daytona_emulator`` (session): a local emulator of Daytona's API and toolbox in a child process
  (:class:`daytona_emulator.process.EmulatorProcess`: ``api_url``, ``api_key``, ``root_url``), stopped at the
  end of the session. Its options are the session fixture ``daytona_emulator_options`` (override it in a
  ``conftest.py``: keyword arguments of :func:`daytona_emulator.process.start_emulator`); its key is
  ``DAYTONA_EMULATOR_API_KEY`` or a random one.
* ``daytona_config``: a :class:`facade.DaytonaConfig` for the emulator, or for the test's cassette when it
  has one; ``daytona``: an :class:`facade.AsyncDaytona` on it, closed after the test (needs pytest-asyncio);
  ``daytona_sync``: the synchronous :class:`facade.Daytona` on it, closed after the test; ``daytona_env``:
  the same target in ``DAYTONA_API_URL`` / ``DAYTONA_API_KEY``, for services that build their own client.
* ``daytona_faults``: :class:`daytona_emulator.control_client.EmulatorControl` on the session emulator
  (``fail``, ``rate_limit``, ``delay``, ``cut``, ``redirect``, ``force_error``, the request journal, ...); the
  faults a test planned are removed after it. ``daytona_fault_proxy``: a
  :class:`daytona_emulator.faultproxy.FaultProxy` in front of the emulator (connection resets, stalls).
* ``daytona_cassette`` (or the marker ``@pytest.mark.daytona_cassette(name=None)``): the test's Daytona
  traffic in ``<test dir>/cassettes/<test module>/<test name or name>.yaml``. When the file is missing, or
  ``DAYTONA_RECORD=1``, the test runs against the emulator, or against the real service when
  ``DAYTONA_API_KEY`` is set (``DAYTONA_API_URL`` optional), and the cassette is written if it passes. Else
  it replays: nothing leaves the machine (non-loopback connections are refused), a request the cassette
  does not hold fails, every recorded request must be made, and the SDK's waits do not sleep. Files hold no
  API key, Authorization header, JWT, preview, SSH or storage token (:mod:`daytona_emulator.cassettes`).
"""

from __future__ import annotations

import importlib.util
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from daytona_emulator.control_client import EmulatorControl
    from daytona_emulator.faultproxy import FaultProxy
    from daytona_emulator.process import EmulatorProcess
    from facade import AsyncDaytona, Daytona, DaytonaConfig

try:
    import pytest_asyncio
except ImportError:  # the kit's extra is not installed: the async fixture says so when asked for
    pytest_asyncio = None

_INSTALL_HINT = "install the testing kit: pip install 'daytona-facade[testing]'"
_CALL_REPORT = pytest.StashKey[pytest.TestReport]()
_MARKER = "daytona_cassette"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{_MARKER}(name=None): record the test's Daytona traffic once (emulator, or the real service when "
        "DAYTONA_API_KEY is set) and replay it offline after; the `daytona` fixture goes through it",
    )


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash[_CALL_REPORT] = report
    return report


def _call_passed(request: pytest.FixtureRequest) -> bool:
    report = request.node.stash.get(_CALL_REPORT, None)
    return bool(report is not None and report.passed)


def _require(*modules: str) -> None:
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} missing: {_INSTALL_HINT}", pytrace=False)


# ---- the emulator --------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def daytona_emulator_options() -> dict[str, Any]:
    """Keyword arguments of :func:`daytona_emulator.process.start_emulator` for the session's emulator.

    Short transitions by default (long enough for waits to see the intermediate states). Override this
    fixture in a ``conftest.py`` to change them."""
    return {"transition_delay": 0.05, "build_duration": 0.3}


@pytest.fixture(scope="session")
def daytona_emulator(daytona_emulator_options: dict[str, Any]) -> Iterator[EmulatorProcess]:
    """A Daytona emulator in a child process for the whole session (``api_url``, ``api_key``, ``root_url``)."""
    _require("uvicorn", "starlette", "moto")
    from daytona_emulator.process import start_emulator

    options = dict(daytona_emulator_options)
    options.setdefault(
        "api_key", os.environ.get("DAYTONA_EMULATOR_API_KEY", "").strip() or f"emulator-{secrets.token_hex(12)}"
    )
    with start_emulator(**options) as emulator:
        yield emulator


@pytest.fixture
def daytona_faults(daytona_emulator: EmulatorProcess) -> Iterator[EmulatorControl]:
    """Fault injection and the other test hooks of the session's emulator; this test's faults go after it."""
    from daytona_emulator.control_client import EmulatorControl

    with EmulatorControl(daytona_emulator.root_url, daytona_emulator.api_key) as control:
        control.clear_faults()
        try:
            yield control
        finally:
            control.clear_faults()


@pytest.fixture
def daytona_fault_proxy(daytona_emulator: EmulatorProcess) -> Iterator[FaultProxy]:
    """A TCP proxy in front of the emulator (point a client at ``f"{proxy.url}/api"``) that can reset, close,
    stall or refuse connections."""
    from daytona_emulator.faultproxy import FaultProxy

    with FaultProxy(daytona_emulator.host, daytona_emulator.port) as proxy:
        yield proxy


# ---- cassettes -----------------------------------------------------------------------------------------


@dataclass
class DaytonaCassette:
    """The running test's cassette: where it is, what the client talks to, and the vcrpy cassette itself."""

    path: Path
    #: ``replay`` (nothing is sent anywhere), ``emulator`` or ``real`` (recording).
    backend: str
    api_url: str
    api_key: str = field(repr=False)
    cassette: Any = field(repr=False)

    @property
    def recording(self) -> bool:
        return self.backend != "replay"

    def sent(self) -> list[Any]:
        """The requests made so far, as stored (scrubbed): the same while recording and in replay."""
        from daytona_emulator.cassettes import sent

        return sent(self.cassette)


def cassette_file(request: pytest.FixtureRequest) -> Path:
    """``<test file's dir>/cassettes/<module>/<name>.yaml``, the name being the marker's or the test's."""
    marker = request.node.get_closest_marker(_MARKER)
    name = None
    if marker is not None:
        name = marker.kwargs.get("name", marker.args[0] if marker.args else None)
    safe = re.sub(r"[^A-Za-z0-9_.\[\]-]+", "_", str(name or request.node.name)).strip("_")
    test_file = Path(str(request.node.path))
    return test_file.parent / "cassettes" / test_file.stem / f"{safe}.yaml"


@pytest.fixture
def daytona_cassette(request: pytest.FixtureRequest) -> Iterator[DaytonaCassette]:
    """Record this test's Daytona traffic once, replay it offline after (see the module docstring)."""
    _require("vcr")
    from daytona_emulator import cassettes as c

    path = cassette_file(request)
    if path.exists() and not c.record_requested():
        from facade._polling import FakeClock, use_clock

        recorder = c.make_vcr(c.Scrubber([c.REPLAY_API_KEY]))
        with c.block_network(), use_clock(FakeClock()), recorder.use_cassette(str(path), record_mode="none") as cas:
            yield DaytonaCassette(path, "replay", c.REPLAY_API_URL, c.REPLAY_API_KEY, cas)
            if _call_passed(request):
                unplayed = [f"{r.method} {r.path}" for i, r in enumerate(cas.requests) if cas.play_counts[i] == 0]
                assert not unplayed, (
                    f"recorded requests that were not made (re-record with DAYTONA_RECORD=1): {unplayed}"
                )
        return
    if c.real_service_requested():
        backend = "real"
        api_url, api_key = c.real_service()
    else:
        backend = "emulator"
        emulator = request.getfixturevalue("daytona_emulator")
        api_url, api_key = emulator.api_url, emulator.api_key
    # Waits poll while recording: vcrpy cannot record the notification gateway's WebSocket, and the replay
    # (on a fake clock) polls, so it must find every poll in the cassette.
    request.getfixturevalue("monkeypatch").setenv("DAYTONA_STATE_NOTIFICATIONS", "0")
    scrubber = c.Scrubber([api_key, c.REPLAY_API_KEY])
    scrubber.add_origin(api_url)
    recorder = c.make_vcr(scrubber)
    # Record into a scratch file; it becomes the cassette only if the test passes.
    scratch_dir = Path(tempfile.mkdtemp(prefix="daytona-cassette-"))
    scratch = scratch_dir / path.name
    try:
        with recorder.use_cassette(str(scratch), record_mode="all") as cas:
            yield DaytonaCassette(path, backend, api_url, api_key, cas)
        if _call_passed(request) and scratch.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(scratch), path)
    finally:
        shutil.rmtree(scratch_dir, ignore_errors=True)


# ---- clients -------------------------------------------------------------------------------------------


def _target(request: pytest.FixtureRequest) -> tuple[str, str]:
    """The API URL and key of this test: its cassette's when it has one, else the session emulator's."""
    if request.node.get_closest_marker(_MARKER) is not None or _MARKER in request.fixturenames:
        cassette: DaytonaCassette = request.getfixturevalue(_MARKER)
        return cassette.api_url, cassette.api_key
    emulator: EmulatorProcess = request.getfixturevalue("daytona_emulator")
    return emulator.api_url, emulator.api_key


@pytest.fixture
def daytona_config(request: pytest.FixtureRequest) -> DaytonaConfig:
    """A client configuration for the emulator (or the test's cassette)."""
    from facade import DaytonaConfig

    api_url, api_key = _target(request)
    return DaytonaConfig(api_key=api_key, api_url=api_url)


@pytest.fixture
def daytona_env(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """Point ``DAYTONA_API_URL`` / ``DAYTONA_API_KEY`` at the emulator (or the cassette) for this test, for
    code that makes its own ``AsyncDaytona()``; returns (api_url, api_key)."""
    api_url, api_key = _target(request)
    for name in ("DAYTONA_JWT_TOKEN", "DAYTONA_ORGANIZATION_ID", "DAYTONA_SERVER_URL", "DAYTONA_TARGET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DAYTONA_API_URL", api_url)
    monkeypatch.setenv("DAYTONA_API_KEY", api_key)
    return api_url, api_key


@pytest.fixture
def daytona_sync(daytona_config: DaytonaConfig) -> Iterator[Daytona]:
    """The synchronous ``Daytona`` on the emulator (or the test's cassette), closed after the test."""
    from facade import Daytona

    with Daytona(daytona_config) as client:
        yield client


if pytest_asyncio is not None:

    @pytest_asyncio.fixture
    async def daytona(daytona_config: DaytonaConfig) -> AsyncIterator[AsyncDaytona]:
        """An ``AsyncDaytona`` on the emulator (or the test's cassette), closed after the test."""
        from facade import AsyncDaytona

        client = AsyncDaytona(daytona_config)
        try:
            yield client
        finally:
            await client.close()

else:

    @pytest.fixture
    def daytona() -> None:
        """An ``AsyncDaytona`` on the emulator (needs pytest-asyncio)."""
        pytest.fail(f"the `daytona` fixture needs pytest-asyncio: {_INSTALL_HINT}", pytrace=False)
