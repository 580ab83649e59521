"""Ways into a sandbox: preview URLs (plain and signed) and SSH access tokens, as
``getPortPreviewUrl``, ``getSignedPortPreviewUrl``, ``expireSignedPreviewUrlToken``, ``createSshAccess``,
``revokeSshAccess`` and ``validateSshAccess`` of ``apps/api/src/sandbox/services/sandbox.service.ts`` do.

The URLs are well formed but nothing serves them: the emulator does not proxy previews or SSH.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import timedelta

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from daytona_emulator.control import http as h
from daytona_emulator.control.records import SAFE_ALPHABET, SandboxRecord, SignedPreview, SshAccess, nanoid, new_id
from daytona_emulator.control.views import sandbox_dto, ssh_access_dto
from daytona_emulator.errors import bad_request, not_found, unexpected_error

MAX_SIGNED_SECONDS = 24 * 3600
SSH_TOKEN_LENGTH = 32
SIGNED_TOKEN_LENGTH = 16


def _param(request: Request) -> str:
    return h.path_param(request, "sandboxIdOrName")


def _guarded(request: Request) -> str:
    wanted = _param(request)
    h.emulator(request).sandbox_service.guard(wanted)
    return wanted


def _port(request: Request) -> float:
    """``@Param('port') port: number`` (``Number(text)``); outside 1-65535 is 400 ``Invalid port``."""
    port = h.param_number(request, "port")
    if port < 1 or port > 65535:
        raise bad_request("Invalid port")
    return port


def _live(request: Request, wanted: str) -> SandboxRecord:
    """The preview look-up: by ID or name, any state but ``destroyed``."""
    state = h.emulator(request)
    with state.lock:
        state.advance_all()
        for rec in state.sandboxes.values():
            if rec.state != "destroyed" and wanted in (rec.id, rec.name):
                return rec
    raise not_found(f"Sandbox with ID or name {wanted}")


def _preview_host(request: Request, label: str) -> str:
    """``http://<label>.localhost:<emulator port>``: a host name that resolves to this machine."""
    port = request.url.port
    return f"{request.url.scheme}://{label}.localhost" + (f":{port}" if port else "")


async def preview_url(request: Request) -> Response:
    wanted = _guarded(request)
    port = _port(request)
    rec = _live(request, wanted)
    url = _preview_host(request, f"{h.js_number_text(port)}-{rec.id}")
    return h.ok({"sandboxId": rec.id, "url": url, "token": rec.preview_token})


async def signed_preview_url(request: Request) -> Response:
    state = h.emulator(request)
    wanted = _guarded(request)
    port = _port(request)
    seconds = h.query_number(request, "expiresInSeconds")
    seconds = 60 if seconds is None else seconds
    if seconds < 1 or seconds > MAX_SIGNED_SECONDS:
        raise bad_request("expiresInSeconds must be between 1 second and 24 hours")
    rec = _live(request, wanted)
    if math.isnan(seconds) or math.isnan(port):
        raise unexpected_error()  # Redis refuses a NaN expiry
    token = nanoid(SIGNED_TOKEN_LENGTH, SAFE_ALPHABET).lower()
    preview = SignedPreview(token, rec.id, int(port), h.utcnow() + timedelta(seconds=seconds))
    with state.lock:
        state.signed_previews[token] = preview
    label = f"{h.js_number_text(port)}-{token}"
    port_value = int(port) if port.is_integer() else port
    return h.ok({"sandboxId": rec.id, "port": port_value, "token": token, "url": _preview_host(request, label)})


async def expire_signed_preview_url(request: Request) -> Response:
    """Forgets the token for that port (201, no body); an unknown token is no error."""
    state = h.emulator(request)
    wanted = _guarded(request)
    port = h.param_number(request, "port")
    token = h.path_param(request, "token")
    state.sandbox_service.find(wanted)
    with state.lock:
        preview = state.signed_previews.get(token)
        if preview is not None and float(preview.port) == port:
            preview.expired = True
    return h.empty(201)


async def create_ssh_access(request: Request) -> Response:
    """A new SSH token (32 letters and digits); the sandbox's earlier tokens are revoked."""
    state = h.emulator(request)
    wanted = _guarded(request)
    minutes = h.query_number(request, "expiresInMinutes")
    minutes = 60 if minutes is None else minutes
    rec = state.sandbox_service.find(wanted)
    if not math.isfinite(minutes):
        raise unexpected_error()  # an invalid date cannot be stored
    now = h.utcnow()
    try:
        expires = now + timedelta(minutes=minutes)
    except OverflowError:
        raise unexpected_error() from None
    access = SshAccess(new_id(), rec.id, nanoid(SSH_TOKEN_LENGTH, SAFE_ALPHABET), expires, now)
    with state.lock:
        _revoke(state.ssh_access.values(), rec.id, None)
        state.ssh_access[access.token] = access
    return h.ok(ssh_access_dto(access, request.url.hostname or "localhost"))


def _revoke(accesses: Iterable[SshAccess], sandbox_id: str, token: str | None) -> None:
    """Revoked tokens are as good as deleted (the service deletes their rows)."""
    for access in accesses:
        if access.sandbox_id == sandbox_id and (token is None or access.token == token):
            access.revoked = True


async def revoke_ssh_access(request: Request) -> Response:
    """Revoke one token (``?token=``) or, without it, every token of the sandbox; answers the sandbox."""
    state = h.emulator(request)
    wanted = _guarded(request)
    rec = state.sandbox_service.find(wanted)
    token = request.query_params.get("token") or None
    with state.lock:
        _revoke(state.ssh_access.values(), rec.id, token)
        return h.ok(sandbox_dto(rec, f"{h.server_root(request)}/toolbox"))


async def validate_ssh_access(request: Request) -> Response:
    """For the SSH gateway: whether a token works and which sandbox it opens (``sandboxId`` null if not).

    Without ``token`` the service's query has no condition and finds any token, as it does upstream.
    """
    state = h.emulator(request)
    token = request.query_params.get("token")
    with state.lock:
        state.advance_all()
        live = [a for a in state.ssh_access.values() if not a.revoked]
        access = next((a for a in live if token is None or a.token == token), None)
        if access is None or access.expires_at < h.utcnow():
            return h.ok({"valid": False, "sandboxId": None})
        return h.ok({"valid": True, "sandboxId": access.sandbox_id})


def access_routes() -> list[BaseRoute]:
    one = "/sandbox/{sandboxIdOrName}"
    return [
        Route("/sandbox/ssh-access/validate", validate_ssh_access, methods=["GET"]),
        Route(f"{one}/ports/{{port}}/preview-url", preview_url, methods=["GET"]),
        Route(f"{one}/ports/{{port}}/signed-preview-url", signed_preview_url, methods=["GET"]),
        Route(f"{one}/ports/{{port}}/signed-preview-url/{{token}}/expire", expire_signed_preview_url, methods=["POST"]),
        Route(f"{one}/ssh-access", create_ssh_access, methods=["POST"]),
        Route(f"{one}/ssh-access", revoke_ssh_access, methods=["DELETE"]),
    ]
