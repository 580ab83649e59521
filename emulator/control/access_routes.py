"""Ways into a sandbox: preview URLs (plain and signed) and SSH access tokens.

The URLs are well formed but nothing serves them: the emulator does not proxy previews or SSH.
"""

from __future__ import annotations

from datetime import timedelta

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from emulator.control import http as h
from emulator.control.records import SandboxRecord, SignedPreview, SshAccess, new_id, new_token
from emulator.control.views import sandbox_dto, ssh_access_dto
from emulator.errors import bad_request, not_found

MAX_SIGNED_SECONDS = 24 * 3600


def _target(request: Request) -> SandboxRecord:
    return h.emulator(request).sandbox(h.path_param(request, "sandboxIdOrName"))


def _port(request: Request) -> int:
    port = h.path_int(request, "port")
    if not 1 <= port <= 65535:
        raise bad_request("port must be between 1 and 65535")
    return port


def _preview_host(request: Request, label: str) -> str:
    """``http://<label>.localhost:<emulator port>``: a host name that resolves to this machine."""
    port = request.url.port
    return f"{request.url.scheme}://{label}.localhost" + (f":{port}" if port else "")


async def preview_url(request: Request) -> Response:
    rec, port = _target(request), _port(request)
    return h.ok({"sandboxId": rec.id, "url": _preview_host(request, f"{port}-{rec.id}"), "token": rec.preview_token})


async def signed_preview_url(request: Request) -> Response:
    state = h.emulator(request)
    rec, port = _target(request), _port(request)
    seconds = h.q_int(request, "expiresInSeconds")
    seconds = 60 if seconds is None else seconds
    if not 1 <= seconds <= MAX_SIGNED_SECONDS:
        raise bad_request(f"expiresInSeconds must be between 1 and {MAX_SIGNED_SECONDS}")
    preview = SignedPreview(new_token(12).lower(), rec.id, port, h.utcnow() + timedelta(seconds=seconds))
    with state.lock:
        state.signed_previews[preview.token] = preview
    url = _preview_host(request, f"{port}-{preview.token}")
    return h.ok({"sandboxId": rec.id, "port": port, "token": preview.token, "url": url})


async def expire_signed_preview_url(request: Request) -> Response:
    state = h.emulator(request)
    rec, port, token = _target(request), _port(request), h.path_param(request, "token")
    with state.lock:
        preview = state.signed_previews.get(token)
        if preview is None or preview.sandbox_id != rec.id or preview.port != port:
            raise not_found("Signed preview URL token")
        preview.expired = True
    return h.empty(200)


async def create_ssh_access(request: Request) -> Response:
    state = h.emulator(request)
    rec = _target(request)
    minutes = h.q_number(request, "expiresInMinutes")
    minutes = 60 if minutes is None else minutes
    if minutes <= 0:
        raise bad_request("expiresInMinutes must be a positive number")
    now = h.utcnow()
    access = SshAccess(new_id(), rec.id, new_token(24), now + timedelta(minutes=minutes), now)
    with state.lock:
        state.ssh_access[access.token] = access
    return h.ok(ssh_access_dto(access, request.url.hostname or "localhost"))


async def revoke_ssh_access(request: Request) -> Response:
    """Revoke one token (``?token=``) or, without it, every token of the sandbox."""
    state = h.emulator(request)
    rec = _target(request)
    token = h.q_str(request, "token")
    with state.lock:
        for access in state.ssh_access.values():
            if access.sandbox_id == rec.id and (token is None or access.token == token):
                access.revoked = True
        return h.ok(sandbox_dto(rec, f"{h.server_root(request)}/toolbox"))


async def validate_ssh_access(request: Request) -> Response:
    state = h.emulator(request)
    token = h.q_str(request, "token")
    if token is None:
        raise bad_request("token is required")
    with state.lock:
        state.advance_all()
        access = state.ssh_access.get(token)
        valid = access is not None and access.valid() and access.sandbox_id in state.sandboxes
        return h.ok({"valid": valid, "sandboxId": access.sandbox_id if access else ""})


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
