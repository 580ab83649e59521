"""Rules every control-plane route shares: authentication, the exception filter's error body, the
body parser, the validation pipe and unknown routes."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from daytona_emulator.server import RunningEmulator
from tests.fidelity._sandbox_support import ERROR_FIELDS, error
from tests.fidelity.conftest import wait_for_state


@pytest.mark.upstream("apps/api/src/filters/all-exceptions.filter.ts")
def test_error_body_has_exactly_the_filter_fields(api: httpx.Client) -> None:
    response = api.get("/sandbox/no-such-sandbox")
    body = response.json()
    assert response.status_code == 404
    assert set(body) == ERROR_FIELDS
    assert body["error"] == "Not Found" and body["statusCode"] == 404
    assert body["message"] == "Sandbox with ID or name no-such-sandbox not found"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", body["timestamp"])


@pytest.mark.upstream("apps/api/src/filters/all-exceptions.filter.ts")
def test_error_path_is_the_request_url_with_its_query(api: httpx.Client) -> None:
    body = api.get("/sandbox/no-such-sandbox", params={"verbose": "true"}).json()
    assert body["path"] == "/api/sandbox/no-such-sandbox?verbose=true"


@pytest.mark.upstream(
    "apps/api/src/app.module.ts",
    "apps/api/src/auth/global-auth.guard.ts",
    "apps/api/src/filters/all-exceptions.filter.ts",
)
def test_a_missing_key_is_401_invalid_credentials(anon: httpx.Client) -> None:
    response = anon.get("/sandbox")
    assert error(response, 401) == "Invalid credentials"
    assert response.json()["error"] == "Unauthorized"


@pytest.mark.upstream("apps/api/src/auth/global-auth.guard.ts", "apps/api/src/auth/api-key.strategy.ts")
def test_an_unknown_key_is_401_invalid_credentials(anon: httpx.Client) -> None:
    response = anon.get("/sandbox", headers={"Authorization": "Bearer not-a-key"})
    assert error(response, 401) == "Invalid credentials"


@pytest.mark.upstream("apps/api/src/auth/api-key.strategy.ts")
def test_the_bearer_scheme_is_case_insensitive_and_the_query_token_works(
    anon: httpx.Client, emulator: RunningEmulator
) -> None:
    key = emulator.api_key
    assert anon.get("/sandbox", params={"limit": 1}, headers={"Authorization": f"bearer {key}"}).status_code == 200
    assert anon.get("/sandbox", params={"limit": 1, "access_token": key}).status_code == 200
    assert anon.get("/sandbox", headers={"Authorization": f"Token {key}"}).status_code == 401


@pytest.mark.upstream("apps/api/src/health/health.controller.ts", "apps/api/src/auth/decorators/public.decorator.ts")
def test_health_is_public_even_with_a_bad_key(anon: httpx.Client) -> None:
    assert anon.get("/health").status_code == 200
    assert anon.get("/health", headers={"Authorization": "Bearer wrong"}).status_code == 200


@pytest.mark.upstream(
    "apps/api/src/health/health.controller.ts", "apps/api/src/health/guards/health-check-auth-context.guard.ts"
)
def test_health_ready_needs_the_health_check_key(
    api: httpx.Client, anon: httpx.Client, emulator: RunningEmulator
) -> None:
    assert error(anon.get("/health/ready"), 401) == "Invalid credentials"
    assert error(api.get("/health/ready"), 403) == "Invalid authentication context"
    key = emulator.state.settings.health_check_api_key
    assert anon.get("/health/ready", headers={"Authorization": f"Bearer {key}"}).status_code == 200


@pytest.mark.upstream(
    "apps/api/src/organization/guards/organization-auth-context.guard.ts",
    "apps/api/src/common/exceptions/invalid-authentication-context.exception.ts",
)
def test_a_machine_key_opens_no_organization_route(anon: httpx.Client, emulator: RunningEmulator) -> None:
    gateway = {"Authorization": f"Bearer {emulator.state.settings.ssh_gateway_api_key}"}
    assert error(anon.get("/sandbox", headers=gateway), 403) == "Invalid authentication context"
    assert error(anon.post("/sandbox", json={}, headers=gateway), 403) == "Invalid authentication context"


@pytest.mark.upstream("apps/api/src/filters/all-exceptions.filter.ts", "apps/api/src/main.ts")
def test_an_unknown_route_is_404_before_authentication(anon: httpx.Client) -> None:
    assert error(anon.get("/no-such-route", params={"a": "1"}), 404) == "Cannot GET /api/no-such-route?a=1"
    assert error(anon.delete("/sandbox"), 404) == "Cannot DELETE /api/sandbox"  # no 405: Express has none


@pytest.mark.upstream("apps/api/src/common/modules/body-parser-error.module.ts")
def test_malformed_json_is_400_from_the_body_parser_before_anything_else(anon: httpx.Client) -> None:
    headers = {"Content-Type": "application/json"}
    for raw in (b"{nope", b'"a string"', b"42"):
        response = anon.post("/sandbox", content=raw, headers=headers)
        assert response.status_code == 400
        # Sent by the body parser's own error handler: not the exception filter's shape.
        assert response.json() == {"message": "Invalid JSON in request body", "error": "Bad Request", "statusCode": 400}


@pytest.mark.upstream(
    "apps/api/src/main.ts",
    "apps/api/src/filters/all-exceptions.filter.ts",
    "apps/api/src/sandbox/dto/create-sandbox.dto.ts",
)
def test_validation_messages_are_joined_by_the_filter(api: httpx.Client) -> None:
    message = error(api.post("/sandbox", json={"cpu": "two", "public": "yes"}), 400)
    assert message == (
        "public must be a boolean value, cpu must not be less than 0, "
        "cpu must be a number conforming to the specified constraints"
    )


@pytest.mark.upstream(
    "apps/api/src/filters/all-exceptions.filter.ts", "apps/api/src/sandbox/services/sandbox.service.ts"
)
def test_a_non_http_failure_is_500_with_a_generic_message(
    api: httpx.Client, new_sandbox: Callable[..., dict[str, Any]]
) -> None:
    sandbox = new_sandbox()
    # 1.5 minutes is no value of an integer column: the database refuses it.
    response = api.post(f"/sandbox/{sandbox['id']}/autostop/1.5")
    assert error(response, 500) == "An unexpected error occurred."
    assert response.json()["error"] == "Internal Server Error"


@pytest.mark.upstream("apps/api/src/common/interceptors/content-type.interceptors.ts", "apps/api/src/main.ts")
def test_a_body_without_content_type_is_read_as_json_and_other_types_are_ignored(
    api: httpx.Client, emulator: RunningEmulator
) -> None:
    name = f"untyped-{uuid.uuid4().hex[:8]}"
    untyped = api.post("/sandbox", content=json.dumps({"name": name}).encode())
    assert untyped.status_code == 200 and untyped.json()["name"] == name
    text = api.post("/sandbox", content=b'{"name": "ignored"}', headers={"Content-Type": "text/plain"})
    assert text.status_code == 200 and text.json()["name"] == text.json()["id"]  # no body: defaults
    listed = api.post("/sandbox", json=[{"name": "x"}])
    assert error(listed, 400) == "an unknown value was passed to the validate function"
    for sandbox in (untyped.json(), text.json()):
        wait_for_state(api, sandbox["id"], "started")
        api.delete(f"/sandbox/{sandbox['id']}")
