"""Preview URLs (plain and signed) and SSH access of the control plane."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from daytona_emulator.server import RunningEmulator
from tests.fidelity._sandbox_support import error

NewSandbox = Callable[..., dict[str, Any]]


def gateway(emulator: RunningEmulator) -> dict[str, str]:
    return {"Authorization": f"Bearer {emulator.state.settings.ssh_gateway_api_key}"}


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/sandbox.service.ts", "apps/api/src/sandbox/dto/port-preview-url.dto.ts"
)
def test_preview_url(api: httpx.Client, new_sandbox: NewSandbox) -> None:
    sandbox = new_sandbox()
    answer = api.get(f"/sandbox/{sandbox['name']}/ports/3000/preview-url").json()
    assert set(answer) == {"sandboxId", "url", "token"} and answer["sandboxId"] == sandbox["id"]
    assert re.match(rf"https?://3000-{sandbox['id']}\.", answer["url"])
    for port in ("0", "65536", "-1"):
        assert error(api.get(f"/sandbox/{sandbox['id']}/ports/{port}/preview-url"), 400) == "Invalid port"
    assert error(api.get("/sandbox/nope/ports/3000/preview-url"), 404) == "Sandbox with ID or name nope not found"


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/sandbox.service.ts",
    "apps/api/src/sandbox/dto/port-preview-url.dto.ts",
    "apps/api/src/sandbox/controllers/sandbox.controller.ts",
)
def test_signed_preview_url_and_its_expiry(api: httpx.Client, new_sandbox: NewSandbox) -> None:
    sandbox = new_sandbox()
    one = f"/sandbox/{sandbox['id']}/ports/8080"
    signed = api.get(f"{one}/signed-preview-url").json()
    assert set(signed) == {"sandboxId", "port", "token", "url"} and signed["port"] == 8080
    assert re.fullmatch(r"[a-z0-9]{16}", signed["token"])
    assert re.match(rf"https?://8080-{signed['token']}\.", signed["url"])
    for seconds in ("0", "86401"):
        message = error(api.get(f"{one}/signed-preview-url", params={"expiresInSeconds": seconds}), 400)
        assert message == "expiresInSeconds must be between 1 second and 24 hours"
    expired = api.post(f"{one}/signed-preview-url/{signed['token']}/expire")
    assert expired.status_code == 201 and expired.content == b""
    assert api.post(f"{one}/signed-preview-url/unknown-token/expire").status_code == 201


@pytest.mark.upstream("apps/api/src/sandbox/services/sandbox.service.ts", "apps/api/src/sandbox/dto/ssh-access.dto.ts")
def test_ssh_access_token_and_command(api: httpx.Client, new_sandbox: NewSandbox) -> None:
    sandbox = new_sandbox()
    answer = api.post(f"/sandbox/{sandbox['id']}/ssh-access", params={"expiresInMinutes": 5})
    assert answer.status_code == 200
    access = answer.json()
    assert set(access) == {"id", "sandboxId", "token", "expiresAt", "createdAt", "updatedAt", "sshCommand"}
    assert re.fullmatch(r"[A-Za-z0-9]{32}", access["token"])
    assert re.fullmatch(rf"ssh (-p \d+ )?{access['token']}@\S+", access["sshCommand"])


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/sandbox.service.ts",
    "apps/api/src/sandbox/controllers/sandbox.controller.ts",
    "apps/api/src/sandbox/guards/ssh-gateway-auth-context.guard.ts",
)
def test_only_the_ssh_gateway_validates_tokens(
    api: httpx.Client, anon: httpx.Client, emulator: RunningEmulator, new_sandbox: NewSandbox
) -> None:
    sandbox = new_sandbox(name=f"gateway-{uuid.uuid4().hex[:8]}")
    token = api.post(f"/sandbox/{sandbox['id']}/ssh-access").json()["token"]
    url = "/sandbox/ssh-access/validate"
    assert error(api.get(url, params={"token": token}), 403) == "Invalid authentication context"
    answer = anon.get(url, params={"token": token}, headers=gateway(emulator))
    assert answer.json() == {"valid": True, "sandboxId": sandbox["id"]}
    unknown = anon.get(url, params={"token": "not-a-token"}, headers=gateway(emulator)).json()
    assert unknown == {"valid": False, "sandboxId": None}
    # The gateway may also read the sandbox, by ID only, and record activity.
    assert anon.get(f"/sandbox/{sandbox['id']}", headers=gateway(emulator)).status_code == 200
    by_name = anon.get(f"/sandbox/{sandbox['name']}", headers=gateway(emulator))
    assert error(by_name, 404) == f"Sandbox with ID {sandbox['name']} not found"
    assert anon.post("/sandbox/no-such-sandbox/last-activity", headers=gateway(emulator)).status_code == 201


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/sandbox.service.ts", "apps/api/src/sandbox/controllers/sandbox.controller.ts"
)
def test_new_ssh_access_revokes_the_earlier_and_revoke_answers_the_sandbox(
    api: httpx.Client, anon: httpx.Client, emulator: RunningEmulator, new_sandbox: NewSandbox
) -> None:
    sandbox = new_sandbox()
    first = api.post(f"/sandbox/{sandbox['id']}/ssh-access").json()["token"]
    second = api.post(f"/sandbox/{sandbox['id']}/ssh-access").json()["token"]

    def valid(token: str) -> bool:
        answer = anon.get("/sandbox/ssh-access/validate", params={"token": token}, headers=gateway(emulator))
        return bool(answer.json()["valid"])

    assert (valid(first), valid(second)) == (False, True)
    revoked = api.delete(f"/sandbox/{sandbox['id']}/ssh-access", params={"token": second})
    assert revoked.status_code == 200 and revoked.json()["id"] == sandbox["id"]
    assert valid(second) is False
