"""Session-wide check: every answer any in-process emulator sent during the run matches openapi.yaml.

A :class:`emulator.recording.ResponseRecorder` is installed before collection, so every emulator the
suite starts (``running_emulator``, ``create_app``) records its answers: status, Content-Type, and JSON
bodies under 1 MB, each distinct answer once. When the session ends they are checked against openapi.yaml
(``tests/emulator/_spec_validator.py``); any mismatch is listed in the terminal summary and fails the run.
Answers a test injected on purpose that are not the API's own error body (a chosen body, an empty one,
redirects, corrupt gzip, cut answers: see ``daytona_emulator.control.faults``) are not recorded.

``fault_proxy``: a :class:`emulator.faultproxy.FaultProxy` in front of the directory's ``emulator`` fixture
(TCP-level faults: reset or close after N bytes, stall, refuse), for any test that asks for it.

The testing kit's pytest plugin (``daytona_emulator.pytest_plugin``, registered as ``daytona_emulator``) comes
with the package's ``pytest11`` entry point, so the editable install of ``make setup`` loads it already: it is
registered here only when that did not happen (plugin autoload disabled), never twice, and not against
``-p no:daytona_emulator``. The directories' own fixtures (``emulator``, ``daytona``, ...) override its.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from daytona_emulator import recording
from daytona_emulator.faultproxy import FaultProxy

RECORDER = recording.ResponseRecorder()
_PROBLEMS = pytest.StashKey[str]()


KIT_PLUGIN = "daytona_emulator"


def pytest_configure(config: pytest.Config) -> None:
    recording.install(RECORDER)
    manager = config.pluginmanager
    if not manager.has_plugin(KIT_PLUGIN) and not manager.is_blocked(KIT_PLUGIN):
        from daytona_emulator import pytest_plugin

        manager.register(pytest_plugin, KIT_PLUGIN)


def pytest_unconfigure(config: pytest.Config) -> None:
    recording.uninstall(RECORDER)


@pytest.fixture
def fault_proxy(emulator: Any) -> Iterator[FaultProxy]:
    """A loopback TCP proxy to this directory's emulator (``proxy.url`` instead of ``emulator.root_url``)."""
    with FaultProxy(emulator.host, emulator.port) as proxy:
        yield proxy


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    responses = RECORDER.responses()
    if not responses or exitstatus not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED):
        return
    from tests.emulator._spec_validator import check_recorded, format_problems

    problems = check_recorded(responses)
    session.config.stash[_PROBLEMS] = format_problems(problems)
    if problems:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    report = config.stash.get(_PROBLEMS, None)
    if report is None:  # nothing recorded, or the session did not run to its end
        return
    total, distinct = RECORDER.count(), len(RECORDER.responses())
    if not report:
        terminalreporter.line(f"openapi.yaml: the {total} emulator answers of this run conform ({distinct} distinct)")
        return
    terminalreporter.section("emulator answers that do not match openapi.yaml", sep="=", red=True, bold=True)
    terminalreporter.line(report)
    terminalreporter.line(f"{total} answers recorded ({distinct} distinct): the run FAILED because of these.", red=True)
