"""The way to a sandbox's toolbox (``{toolboxProxyUrl}/{sandboxId}/...``): Daytona's proxy and runner rules in
front of the daemon, and the daemon's router for paths it does not serve."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from daytona_emulator.server import RunningEmulator
from tests.fidelity._toolbox_files_support import assert_go_error, put_files, wait_until
from tests.fidelity.conftest import wait_for_state

MISSING = (
    "unauthorized: missing authentication: provide a preview access token (via header, query parameter, or cookie) "
    "or use an API key or JWT"
)
NO_IP = "bad request: failed to resolve container IP after 3 attempts: no IP address found. Is the Sandbox started?"

Toolbox = Callable[[dict[str, Any]], httpx.Client]


def _raw(emulator: RunningEmulator, headers: dict[str, str] | None = None) -> httpx.Client:
    return httpx.Client(base_url=emulator.toolbox_url, headers=headers or {}, timeout=60.0)


@pytest.fixture
def sandbox(new_sandbox: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    return new_sandbox()


@pytest.mark.upstream("apps/proxy/pkg/proxy/auth.go", "apps/proxy/pkg/proxy/get_sandbox_target.go")
def test_no_credentials_is_401_missing_authentication(emulator: RunningEmulator, sandbox: dict[str, Any]) -> None:
    with _raw(emulator) as client:
        response = client.get(f"/{sandbox['id']}/files")
    assert_go_error(response, 401, MISSING, "UNAUTHORIZED", f"/toolbox/{sandbox['id']}/files")


@pytest.mark.upstream("apps/proxy/pkg/proxy/auth.go", "apps/api/src/sandbox/controllers/preview.controller.ts")
def test_a_wrong_api_key_and_an_unknown_sandbox_are_both_invalid_bearer_tokens(
    emulator: RunningEmulator, sandbox: dict[str, Any]
) -> None:
    message = "unauthorized: authentication failed: Bearer token is invalid"
    with _raw(emulator, {"Authorization": "Bearer wrong-key"}) as client:
        response = client.get(f"/{sandbox['id']}/files")
    assert_go_error(response, 401, message, "UNAUTHORIZED", f"/toolbox/{sandbox['id']}/files")
    unknown = str(uuid.uuid4())
    with _raw(emulator, {"Authorization": f"Bearer {emulator.api_key}"}) as client:
        response = client.get(f"/{unknown}/version")
    assert_go_error(response, 401, message, "UNAUTHORIZED", f"/toolbox/{unknown}/version")


@pytest.mark.upstream("apps/proxy/pkg/proxy/auth.go", "apps/api/src/sandbox/controllers/preview.controller.ts")
def test_the_preview_token_opens_the_toolbox_by_header_or_query(
    emulator: RunningEmulator, api: httpx.Client, sandbox: dict[str, Any]
) -> None:
    token = api.get(f"/sandbox/{sandbox['id']}/ports/3000/preview-url").json()["token"]
    with _raw(emulator, {"X-Daytona-Preview-Token": token}) as client:
        assert client.get(f"/{sandbox['id']}/version").status_code == 200
    with _raw(emulator) as client:
        assert client.get(f"/{sandbox['id']}/version", params={"DAYTONA_SANDBOX_AUTH_KEY": token}).status_code == 200


@pytest.mark.upstream("apps/proxy/pkg/proxy/auth.go")
def test_every_failed_credential_is_listed(emulator: RunningEmulator, sandbox: dict[str, Any]) -> None:
    headers = {"Authorization": "Bearer wrong", "X-Daytona-Preview-Token": "wrong"}
    with _raw(emulator, headers) as client:
        response = client.get(f"/{sandbox['id']}/version", params={"DAYTONA_SANDBOX_AUTH_KEY": "wrong"})
    message = (
        "unauthorized: authentication failed: Bearer token is invalid,Auth key header is invalid,"
        "Auth key query parameter is invalid"
    )
    assert_go_error(response, 401, message, "UNAUTHORIZED", f"/toolbox/{sandbox['id']}/version")


@pytest.mark.upstream("apps/proxy/pkg/proxy/auth.go")
def test_a_valid_api_key_wins_over_a_wrong_preview_token(emulator: RunningEmulator, sandbox: dict[str, Any]) -> None:
    headers = {"Authorization": f"Bearer {emulator.api_key}", "X-Daytona-Preview-Token": "wrong"}
    with _raw(emulator, headers) as client:
        assert client.get(f"/{sandbox['id']}/version").status_code == 200


@pytest.mark.upstream("apps/runner/pkg/api/controllers/proxy.go")
def test_a_stopped_sandbox_has_no_container_ip(api: httpx.Client, toolbox: Toolbox, sandbox: dict[str, Any]) -> None:
    assert api.post(f"/sandbox/{sandbox['id']}/stop").status_code in (200, 201)
    wait_for_state(api, sandbox["id"], "stopped")
    response = toolbox(sandbox).get("/files", params={"path": "/"})
    assert_go_error(response, 400, NO_IP, "BAD_REQUEST", f"/sandboxes/{sandbox['id']}/toolbox/files")


@pytest.mark.upstream("apps/proxy/pkg/proxy/get_sandbox_target.go", "apps/api/src/sandbox/services/runner.service.ts")
def test_an_archived_sandbox_has_no_runner(api: httpx.Client, toolbox: Toolbox, sandbox: dict[str, Any]) -> None:
    assert api.post(f"/sandbox/{sandbox['id']}/stop").status_code in (200, 201)
    wait_for_state(api, sandbox["id"], "stopped")
    assert api.post(f"/sandbox/{sandbox['id']}/archive").status_code in (200, 201)
    wait_for_state(api, sandbox["id"], "archived")
    response = toolbox(sandbox).get("/version")
    message = f"bad request: failed to get runner info: Sandbox with ID {sandbox['id']} does not have a runner"
    assert_go_error(response, 400, message, "BAD_REQUEST", f"/toolbox/{sandbox['id']}/version")


@pytest.mark.upstream("apps/proxy/pkg/proxy/auth.go", "apps/api/src/sandbox/controllers/preview.controller.ts")
def test_a_deleted_sandbox_fails_authentication(api: httpx.Client, toolbox: Toolbox, sandbox: dict[str, Any]) -> None:
    client = toolbox(sandbox)
    assert client.get("/version").status_code == 200
    assert api.delete(f"/sandbox/{sandbox['id']}").status_code in (200, 204)
    wait_gone = "unauthorized: authentication failed: Bearer token is invalid"

    def refused() -> bool:
        return client.get("/version").status_code == 401

    wait_until(refused, "the deleted sandbox's toolbox to refuse")
    assert client.get("/version").json()["message"] == wait_gone


@pytest.mark.upstream("apps/proxy/pkg/proxy/proxy.go")
def test_a_path_without_a_sandbox_path_is_the_proxys_404(emulator: RunningEmulator, sandbox: dict[str, Any]) -> None:
    with _raw(emulator, {"Authorization": f"Bearer {emulator.api_key}"}) as client:
        response = client.get(f"/{sandbox['id']}")
    assert_go_error(response, 404, "not found: not found", "NOT_FOUND", f"/toolbox/{sandbox['id']}")


@pytest.mark.upstream("apps/daemon/pkg/toolbox/server.go")
def test_an_unknown_route_is_gins_plain_text_404(toolbox: Toolbox, sandbox: dict[str, Any]) -> None:
    client = toolbox(sandbox)
    for method, path in (("GET", "/no/such/route"), ("PUT", "/files/info"), ("POST", "/version")):
        response = client.request(method, path)
        assert response.status_code == 404, (method, path)
        assert response.headers["content-type"] == "text/plain"
        assert response.text == "404 page not found"


@pytest.mark.upstream("apps/daemon/pkg/toolbox/server.go", "apps/proxy/pkg/proxy/proxy.go")
def test_a_trailing_slash_is_redirected_with_the_toolbox_prefix(toolbox: Toolbox, sandbox: dict[str, Any]) -> None:
    client = toolbox(sandbox)
    moved = client.get("/git/status/", params={"path": "x"}, follow_redirects=False)
    assert moved.status_code == 301
    assert moved.headers["location"] == f"/toolbox/{sandbox['id']}/git/status?path=x"
    kept = client.post("/files/folder/", params={"path": "x"}, follow_redirects=False)
    assert kept.status_code == 307
    assert kept.headers["location"] == f"/toolbox/{sandbox['id']}/files/folder?path=x"


@pytest.mark.upstream("apps/daemon/pkg/toolbox/server.go", "apps/daemon/pkg/toolbox/git/status.go")
def test_daemon_json_errors_carry_the_daemons_own_path(toolbox: Toolbox, sandbox: dict[str, Any]) -> None:
    client = toolbox(sandbox)
    put_files(client, {"/home/daytona/x": b"x"})
    response = client.get("/git/status")
    assert_go_error(response, 400, "bad request: path is required", "BAD_REQUEST", "/git/status")
