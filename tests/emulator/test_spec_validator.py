"""The checker behind the spec-conformance tests, and the session-wide recorder of emulator answers."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from daytona_emulator.recording import RecordedResponse, ResponseRecorder
from daytona_emulator.server import RunningEmulator
from tests.emulator._spec_validator import (
    Answer,
    ConformanceRun,
    check_recorded,
    spec_validator,
    to_json_schema,
)

ROOT = Path(__file__).resolve().parents[2]


def answer(status: int, body: object = None, content_type: str | None = "application/json") -> Answer:
    raw = None if body is None else json.dumps(body).encode()
    return Answer(status, content_type, raw)


# ---- OpenAPI 3.0 -> JSON Schema ----------------------------------------------------------------------


def test_nullable_becomes_a_null_type_and_refs_point_into_defs() -> None:
    assert to_json_schema({"type": "string", "nullable": True}) == {"type": ["string", "null"]}
    assert to_json_schema({"type": "string", "enum": ["a"], "nullable": True}) == {
        "type": ["string", "null"],
        "enum": ["a", None],
    }
    assert to_json_schema({"$ref": "#/components/schemas/X", "nullable": True}) == {
        "anyOf": [{"$ref": "#/$defs/X"}, {"type": "null"}]
    }
    converted = to_json_schema(
        {"type": "object", "properties": {"a": {"type": "integer", "example": 1, "x-extra": True}}}
    )
    assert converted == {"type": "object", "properties": {"a": {"type": "integer"}}}


def test_nullable_fields_of_the_spec_accept_null_and_others_do_not() -> None:
    validator = spec_validator()
    op = validator.find("GET", "/api/snapshots/some-id")
    assert op is not None and op.operation_id == "getSnapshot"
    snapshot = {
        "id": "s",
        "organizationId": "o",
        "general": False,
        "name": "n",
        "imageName": "i",
        "state": "active",
        "size": None,
        "entrypoint": None,
        "cpu": 1,
        "gpu": 0,
        "mem": 1,
        "disk": 3,
        "errorReason": None,
        "createdAt": "2025-01-01T00:00:00.000Z",
        "updatedAt": "2025-01-01T00:00:00.000Z",
        "lastUsedAt": None,
    }
    required = validator.doc["components"]["schemas"]["Snapshot"].get("required", [])
    snapshot = {k: v for k, v in snapshot.items() if k in required or v is not None}
    assert validator.check(op, answer(200, snapshot)) == []
    assert validator.check(op, answer(200, {**snapshot, "name": None}))
    assert validator.check(op, answer(200, {**snapshot, "createdAt": "yesterday"}))  # date-time, loosely


# ---- one answer ----------------------------------------------------------------------------------------


def test_status_content_type_and_body_are_each_checked() -> None:
    validator = spec_validator()
    op = validator.by_id["getConfig"]
    assert any("not documented" in p for p in validator.check(op, answer(302, {})))
    assert any("Content-Type text/html" in p for p in validator.check(op, Answer(200, "text/html", b"<p>")))
    assert any("not JSON" in p for p in validator.check(op, Answer(200, "application/json", b"{nope")))
    assert validator.check(op, answer(404, {"statusCode": 404, "message": "gone", "error": "Not Found"})) == []
    assert validator.check(op, answer(404, {"statusCode": "404"}))  # an ApiError's statusCode is an integer
    health = validator.by_id["getHealth"]
    assert validator.check(health, answer(200, {"status": "ok"})) == []
    assert validator.check(health, Answer(200, "text/html", b"<p>"))  # documented as JSON


def test_websocket_handshakes_are_accepted_where_documented() -> None:
    validator = spec_validator()
    upgraded = Answer(101, None, None, websocket=True)
    assert validator.check(validator.by_id["ptyConnect"], upgraded) == []
    assert validator.check(validator.by_id["processGetSessionCommandLogs"], upgraded) == []
    assert validator.check(validator.by_id["getConfig"], upgraded)


def test_requests_find_their_operation_on_the_right_side() -> None:
    validator = spec_validator()
    assert validator.find("GET", "/api/sandbox/paginated").operation_id == "listSandboxesPaginated"
    assert validator.find("GET", "/api/sandbox/abc").operation_id == "getSandbox"
    assert (
        validator.find("GET", "/toolbox/abc/process/session/entrypoint").operation_id == "processGetEntrypointSession"
    )
    assert validator.find("GET", "/api/process/session/entrypoint") is None  # a toolbox path on the control plane
    assert validator.find("GET", "/toolbox/abc/sandbox") is None


def test_recorded_answers_outside_the_spec_pass_only_as_api_errors() -> None:
    error = json.dumps({"statusCode": 404, "message": "Cannot GET /api/nope", "error": "Not Found"}).encode()
    recorded = [
        RecordedResponse("GET", "/api/nope", 404, "application/json", error),
        RecordedResponse("GET", "/api/_emulator/faults", 200, "application/json", b"[]"),
        RecordedResponse("GET", "/api/regions/us", 200, "application/json", b"{}"),
    ]
    problems = check_recorded(recorded)
    assert [label for label, _ in problems] == ["GET /api/regions/us (not in openapi.yaml)"]


def test_the_socketio_gateway_is_outside_openapi_yaml_and_nothing_else_is() -> None:
    """Answers under Engine.IO's path are the notification gateway's (a WebSocket protocol, no REST operation);
    the same answers on any path beside it still fail."""
    transport_unknown = json.dumps({"code": 0, "message": "Transport unknown"}).encode()
    recorded = [
        RecordedResponse("GET", "/api/socket.io/", 101, None, None, websocket=True),
        RecordedResponse("GET", "/api/socket.io/", 400, "application/json", transport_unknown),
        RecordedResponse("GET", "/api/socket.io", 101, None, None, websocket=True),
        RecordedResponse("GET", "/api/socket.iox/", 400, "application/json", transport_unknown),
        RecordedResponse("GET", "/socket.io/", 101, None, None, websocket=True),
    ]
    labels = sorted({label for label, _ in check_recorded(recorded)})
    assert labels == [
        "GET /api/socket.io (not in openapi.yaml)",
        "GET /api/socket.iox/ (not in openapi.yaml)",
        "GET /socket.io/ (not in openapi.yaml)",
    ]


# ---- the recorder, on a live emulator ------------------------------------------------------------------


@pytest.fixture
def recorder(emulator: RunningEmulator) -> Iterator[ResponseRecorder]:
    """A recorder of its own for this test (the session's one gets the answers again afterwards)."""
    previous = emulator.state.response_recorder
    mine = ResponseRecorder(max_body=400)
    emulator.state.response_recorder = mine
    try:
        yield mine
    finally:
        emulator.state.response_recorder = previous
        emulator.state.faults.clear()


async def test_the_recorder_keeps_small_json_bodies_and_skips_injected_ones(
    emulator: RunningEmulator, recorder: ResponseRecorder
) -> None:
    headers = {"Authorization": f"Bearer {emulator.api_key}"}
    async with httpx.AsyncClient(base_url=emulator.base_url, headers=headers, timeout=60) as client:
        run = ConformanceRun(client)
        health_key = emulator.state.settings.health_check_api_key
        await client.get("/health/ready", headers={"Authorization": f"Bearer {health_key}"})
        await client.get("/health/ready")  # a user's key is no health-check key
        await client.get("/health")
        await client.get("/config")  # bigger than this recorder's max_body
        emulator.state.faults.add("GET", "/api/regions$", status=503, body={"not": "an ApiError"})
        assert (await client.get("/regions")).status_code == 503
        emulator.state.faults.add("GET", "/api/regions$", status=429)
        assert (await client.get("/regions")).status_code == 429
        emulator.state.faults.add("GET", "/api/shared-regions$", kind="redirect", location="/api/regions")
        assert (await client.get("/shared-regions")).status_code == 302
        emulator.state.faults.add("GET", "/api/shared-regions$", status=503, empty_body=True)
        assert (await client.get("/shared-regions")).status_code == 503
        # an unknown sandbox fails the proxy's authentication: 401
        await run.websocket(f"{emulator.toolbox_url}/no-such-sandbox/process/interpreter/execute", expect=401)

    by_path = {(r.path, r.status): r for r in recorder.responses()}
    assert json.loads(by_path[("/api/health/ready", 403)].body or b"")["message"] == "Invalid authentication context"
    assert json.loads(by_path[("/api/health/ready", 200)].body or b"") == {"status": "ok"}
    assert json.loads(by_path[("/api/health", 200)].body or b"") == {"status": "ok"}
    assert by_path[("/api/config", 200)].body is None  # too big to keep
    assert ("/api/regions", 503) not in by_path  # the test chose that body
    assert by_path[("/api/regions", 429)].body is not None
    assert not any(path == "/api/shared-regions" for path, _ in by_path)  # neither is the API's own answer
    denied = by_path[("/toolbox/no-such-sandbox/process/interpreter/execute", 401)]
    assert denied.websocket and denied.body is not None
    assert check_recorded(recorder.responses()) == []
    assert not run.problems


def test_a_non_conforming_answer_fails_the_whole_run(tmp_path: Path) -> None:
    """The session check (tests/conftest.py) turns a passing run red when an emulator answer does not conform."""
    (tmp_path / "test_bad_answer.py").write_text(
        "import httpx\n"
        "from daytona_emulator.server import running_emulator\n"
        "from daytona_emulator.settings import EmulatorSettings\n\n"
        "def test_passes_but_the_emulator_answers_badly():\n"
        "    with running_emulator(EmulatorSettings(api_key='k')) as emulator:\n"
        "        emulator.state.faults.add('GET', '/api/config$', status=200)  # an ApiError body as a Config\n"
        "        headers = {'Authorization': 'Bearer k'}\n"
        "        assert httpx.get(emulator.base_url + '/config', headers=headers).status_code == 200\n"
    )
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "tests.conftest",
        "-p",
        "no:cacheprovider",
        "-c",
        str(ROOT / "pyproject.toml"),
        "--rootdir",
        str(ROOT),
        str(tmp_path / "test_bad_answer.py"),
    ]
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "1 passed" in proc.stdout
    assert "emulator answers that do not match openapi.yaml" in proc.stdout
    assert "getConfig (GET /config)" in proc.stdout
