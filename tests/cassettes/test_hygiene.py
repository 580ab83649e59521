"""Cassettes hold no credential, no token and nothing that depends on where they were recorded.

These checks read the files only (no cassette is played); they run last, so after ``make record`` they
scan what was just written.
"""

from __future__ import annotations

import ast
import functools
import json
import os
import re
import socket
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cassettes import _vcr

TEST_DIR = Path(__file__).parent


def cassettes() -> list[Path]:
    """Every cassette file, looked up when the test runs (so a fresh ``make record`` is scanned whole)."""
    return sorted(_vcr.CASSETTE_ROOT.rglob("*.yaml"))


def _known_keys() -> list[str]:
    keys = [_vcr.RECORDING_API_KEY, _vcr.REPLAY_API_KEY, "emulator-api-key"]
    env_key = os.environ.get("DAYTONA_API_KEY", "").strip()
    if len(env_key) >= 6:
        keys.append(env_key)
    return keys


def _relative(path: Path) -> str:
    return str(path.relative_to(_vcr.REPO_ROOT))


def secrets_in(text: str) -> list[str]:
    """What in a cassette's text looks like a credential or a token."""
    problems = []
    if re.search(r"bearer", text, re.IGNORECASE):
        problems.append("a Bearer credential")
    if re.search(r"^\s*authorization:", text, re.IGNORECASE | re.MULTILINE):
        problems.append("an Authorization header")
    for key in _known_keys():
        if key in text:
            problems.append(f"the API key {key[:4]}…")
    if _vcr.DAYTONA_KEY_RE.search(text):
        problems.append("a dtn_ API key")
    if _vcr.JWT_RE.search(text):
        problems.append("a JWT")
    return problems


def test_there_are_cassettes_to_check() -> None:
    found = cassettes()
    assert len(found) >= 10, f"expected the recorded cassettes under {_vcr.CASSETTE_ROOT}, found {len(found)}"


def test_the_secret_scan_finds_what_it_looks_for() -> None:
    jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYXNzZXR0ZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ"
    assert secrets_in("headers:\n  Authorization:\n  - Bearer abc\n") == [
        "a Bearer credential",
        "an Authorization header",
    ]
    assert secrets_in("key: dtn_0123456789abcdef") == ["a dtn_ API key"]
    assert secrets_in(f"token: {jwt}") == ["a JWT"]
    assert secrets_in(f"uri: http://daytona.test/api?k={_vcr.RECORDING_API_KEY}") == ["the API key cass…"]
    assert secrets_in("token: scrubbed-token-1") == []


def test_no_cassette_holds_a_credential_or_token() -> None:
    problems = {}
    for path in cassettes():
        found = secrets_in(path.read_text(encoding="utf-8"))
        if found:
            problems[_relative(path)] = found
    assert not problems, f"cassettes holding secrets: {problems}"


def test_no_cassette_depends_on_the_recording_host() -> None:
    problems: dict[str, list[str]] = {}
    for path in cassettes():
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        found = problems.setdefault(_relative(path), [])
        interactions = data.get("interactions", [])
        if not interactions:
            found.append("no interactions")
        for interaction in interactions:
            uri = interaction["request"]["uri"]
            if not uri.startswith(_vcr.PLACEHOLDER_ORIGIN + "/"):
                found.append(f"{uri} is not on the placeholder origin")
            headers = {k.lower() for k in interaction["request"]["headers"]}
            if headers & {"authorization", "cookie", "x-daytona-organization-id"}:
                found.append(f"request headers {sorted(headers)}")
        found += sorted(set(re.findall(r"(?:127\.0\.0\.1|localhost):\d+", text)))
        if not found:
            del problems[_relative(path)]
    assert not problems, f"cassettes that depend on where they were recorded: {problems}"


@functools.cache
def _test_names(module: Path) -> set[str]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test_")
    }


def test_every_cassette_belongs_to_a_test() -> None:
    stale = []
    for path in cassettes():
        module = TEST_DIR / f"{path.parent.name}.py"
        base = path.stem.split("[", 1)[0]
        if not module.exists() or base not in _test_names(module):
            stale.append(_relative(path))
    assert not stale, f"cassettes without a test (delete them): {stale}"


# ---- replay is offline ----------------------------------------------------------------------------------

replay_only = pytest.mark.skipif(_vcr.record_requested(), reason="checks replay mode (DAYTONA_RECORD is set)")


@replay_only
async def test_replay_fails_a_request_the_cassette_does_not_hold(recorder: Any, tmp_path: Path) -> None:
    from vcr.errors import CannotOverwriteExistingCassetteException

    from facade import AsyncDaytona, DaytonaConfig, DaytonaError

    empty = tmp_path / "empty.yaml"
    empty.write_text("interactions: []\nversion: 1\n")
    with _vcr.block_network(), recorder.use_cassette(str(empty), record_mode="none"):
        async with AsyncDaytona(DaytonaConfig(api_key=_vcr.REPLAY_API_KEY, api_url=_vcr.REPLAY_API_URL)) as client:
            with pytest.raises((CannotOverwriteExistingCassetteException, DaytonaError)) as caught:
                await client.get("not-recorded")
    chain: list[BaseException] = []
    error: BaseException | None = caught.value
    while error is not None:
        chain.append(error)
        error = error.__cause__ or error.__context__
    assert any(isinstance(e, CannotOverwriteExistingCassetteException) for e in chain), chain


@replay_only
def test_replay_refuses_connections_and_name_lookups() -> None:
    with _vcr.block_network():
        with pytest.raises(_vcr.NetworkBlockedError):
            socket.create_connection(("192.0.2.10", 80), timeout=1)
        with pytest.raises(_vcr.NetworkBlockedError):
            socket.getaddrinfo(_vcr.PLACEHOLDER_HOST, 80)
    # Outside replay the guard is gone again.
    assert socket.getaddrinfo("127.0.0.1", 80)


# ---- the scrubber ------------------------------------------------------------------------------------------


def test_scrubber_rewrites_origins_tokens_and_credentials() -> None:
    from vcr.request import Request

    scrubber = _vcr.Scrubber([_vcr.RECORDING_API_KEY])
    scrubber.add_origin("http://127.0.0.1:54321/api")
    scrubber.start_cassette()
    response = {
        "status": {"code": 200, "message": "OK"},
        "headers": {"Content-Type": ["application/json"], "Content-Length": ["999"], "Date": ["today"]},
        "body": {
            "string": (
                b'{"token":"abcdef123456","sshCommand":"ssh -p 2222 abcdef123456@127.0.0.1",'
                b'"url":"http://3000-abcdef123456.localhost:54321","toolboxProxyUrl":"http://127.0.0.1:54321/toolbox"}'
            )
        },
    }
    scrubbed = scrubber.before_record_response(response)
    body = json.loads(scrubbed["body"]["string"])
    assert body == {
        "token": "scrubbed-token-1",
        "sshCommand": "scrubbed-sshcommand-1",
        "url": "http://3000-scrubbed-token-1.daytona.test",
        "toolboxProxyUrl": "http://daytona.test/toolbox",
    }
    assert scrubbed["headers"]["Content-Length"] == [str(len(scrubbed["body"]["string"]))]
    assert "Date" not in scrubbed["headers"]

    request = Request(
        "DELETE",
        "http://127.0.0.1:54321/api/sandbox/x/ssh-access?token=abcdef123456",
        b'{"password": "hunter2-secret", "path": "repo"}',
        {
            "Authorization": f"Bearer {_vcr.RECORDING_API_KEY}",
            "Content-Type": "application/json",
            "X-Daytona-Organization-ID": "org",
        },
    )
    stored = scrubber.before_record_request(request)
    assert stored.uri == "http://daytona.test/api/sandbox/x/ssh-access?token=scrubbed-token-1"
    assert {k.lower() for k in stored.headers} == {"content-type"}
    assert json.loads(stored.body) == {"password": "REDACTED", "path": "repo"}
    # Replay sends the placeholder itself, which must match what was stored.
    replayed = Request("DELETE", "http://daytona.test/api/sandbox/x/ssh-access?token=scrubbed-token-1", b"", {})
    assert scrubber.before_record_request(replayed).uri == stored.uri
