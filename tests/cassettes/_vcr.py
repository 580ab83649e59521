"""vcrpy set-up of this repository's cassette tests: the package's scrubbing and matching, plus where the
cassettes live and how the session emulator records.

Scrubbing, matching, the offline guard and the request readers are the testing kit's own
(:mod:`daytona_emulator.cassettes`, one copy for users and for these tests). Two modes, chosen by the
environment:

* **replay** (default): every request is answered from ``cassettes/<module>/<test>.yaml`` (record mode
  ``none``: a request the cassette does not hold fails the test), the client points at the fixed,
  unresolvable origin :data:`PLACEHOLDER_ORIGIN`, sockets to anything but loopback are refused, and waits
  run on a :class:`facade._polling.FakeClock`, so nothing sleeps and nothing leaves the machine.
* **record** (``DAYTONA_RECORD=1``, what ``make record`` sets): every cassette is written anew, against an
  in-process emulator started for the session, or against the real service when ``DAYTONA_API_KEY`` (and
  ``DAYTONA_API_URL``) are set.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from daytona_emulator.cassettes import (
    DAYTONA_KEY_RE,
    JWT_RE,
    PLACEHOLDER_HOST,
    PLACEHOLDER_ORIGIN,
    REPLAY_API_KEY,
    REPLAY_API_URL,
    NetworkBlockedError,
    Scrubber,
    block_network,
    find_requests,
    json_body,
    last_request,
    make_vcr,
    one_request,
    query,
    real_service_requested,
    record_requested,
    response_json,
    response_of,
    sent,
    status_of,
)

__all__ = [
    "CASSETTE_ROOT",
    "DAYTONA_KEY_RE",
    "JWT_RE",
    "PLACEHOLDER_HOST",
    "PLACEHOLDER_ORIGIN",
    "RECORDING_API_KEY",
    "RECORD_BUILD_DURATION",
    "RECORD_TRANSITION_DELAY",
    "REPLAY_API_KEY",
    "REPLAY_API_URL",
    "REPORT_ATTRIBUTE",
    "REPO_ROOT",
    "NetworkBlockedError",
    "Scrubber",
    "block_network",
    "call_passed",
    "cassette_path",
    "find_requests",
    "json_body",
    "last_request",
    "make_vcr",
    "one_request",
    "query",
    "real_service_requested",
    "record_requested",
    "response_json",
    "response_of",
    "sent",
    "status_of",
]

REPO_ROOT = Path(__file__).resolve().parents[2]
CASSETTE_ROOT = REPO_ROOT / "cassettes"

#: The key the session emulator accepts while recording (scrubbed from every cassette).
RECORDING_API_KEY = "cassette-recording-key-5d27c8"
#: Transition delays of the emulator while recording: short, but long enough for polls to see
#: intermediate states, so replay exercises the polling loops.
RECORD_TRANSITION_DELAY = 0.05
RECORD_BUILD_DURATION = 0.3

#: Attribute prefix under which the conftest keeps each test's reports (``..._call`` is the body's).
REPORT_ATTRIBUTE = "_cassette_report"


def call_passed(request: Any) -> bool:
    """Whether the running test's body has finished and passed (for fixture teardown)."""
    report = getattr(request.node, f"{REPORT_ATTRIBUTE}_call", None)
    return bool(report is not None and report.passed)


def cassette_path(module_name: str, test_name: str) -> Path:
    """``cassettes/<test module>/<test name>.yaml`` (parametrised ids made file-name safe)."""
    safe = re.sub(r"[^A-Za-z0-9_.\[\]-]+", "_", test_name).strip("_")
    return CASSETTE_ROOT / module_name / f"{safe}.yaml"
