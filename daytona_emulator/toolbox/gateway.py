"""The way to a sandbox's toolbox: Daytona's proxy (``apps/proxy``) and runner (``apps/runner``) in front of the
daemon, reproduced for ``{toolboxProxyUrl}/{sandboxId}/...`` requests.

In order, as the proxy and runner do it:

1. The path must be ``/toolbox/<sandboxId>/<path>``; anything shorter is the proxy's JSON 404
   (``not found: not found``), an empty sandbox id a 400.
2. Authentication (the toolbox port always needs it, public sandbox or not), tried in this order:
   ``Authorization: Bearer <API key>`` (valid when the key is valid and the sandbox exists; the header is then
   removed), ``X-Daytona-Preview-Token`` (the sandbox's preview token; always removed), the
   ``DAYTONA_SANDBOX_AUTH_KEY`` query parameter (removed when valid). When all fail: 401
   ``unauthorized: authentication failed: <what failed, comma separated>`` or, with no credentials at all,
   ``unauthorized: missing authentication: ...``. An unknown (or destroyed) sandbox fails every check, so it
   is a 401 as well: the API answers 404 to the proxy's access checks.
3. The runner: a sandbox without a runner (archived) is a 400 ``bad request: failed to get runner info: ...``;
   a sandbox whose container does not exist (yet) a 404 ``not found: sandbox container not found: ...``; one
   whose container is not running (stopped, stopping, starting, error, ...) a 400 ``bad request: failed to
   resolve container IP after 3 attempts: no IP address found. Is the Sandbox started?``.

Error bodies are common-go's ``ErrorResponse``; ``path`` is the proxy's path for proxy errors and the
runner's (``/sandboxes/<id>/toolbox/<path>``) for runner errors.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket

from daytona_emulator.errors import EmulatorHTTPError
from daytona_emulator.toolbox.daemon_http import bad_request, go_error_body, go_json, not_found, unauthorized

TOOLBOX_PREFIX = "/toolbox"
PREVIEW_TOKEN_HEADER = b"x-daytona-preview-token"
AUTH_KEY_QUERY = "DAYTONA_SANDBOX_AUTH_KEY"
MISSING_AUTHENTICATION = (
    "missing authentication: provide a preview access token (via header, query parameter, or cookie) "
    "or use an API key or JWT"
)
NO_IP = "failed to resolve container IP after 3 attempts: no IP address found. Is the Sandbox started?"
# Sandbox states in which the runner has no container for the sandbox (not created yet, or being removed).
_NO_CONTAINER_STATES = frozenset(
    {"creating", "pending_build", "building_snapshot", "pulling_snapshot", "build_failed", "restoring", "destroying"}
)
_GONE_STATES = frozenset({"destroyed"})
_NO_RUNNER_STATES = frozenset({"archived"})


def is_toolbox_path(path: str) -> bool:
    return path == TOOLBOX_PREFIX or path.startswith(TOOLBOX_PREFIX + "/")


class _Refused(Exception):
    def __init__(self, error: EmulatorHTTPError, path: str) -> None:
        self.error = error
        self.path = path


class ToolboxGateway:
    """ASGI middleware: applies the proxy's and runner's rules to toolbox requests, then lets them through."""

    def __init__(self, app: ASGIApp, state: Any) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or not is_toolbox_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        try:
            scope = self._admit(scope)
        except _Refused as refused:
            method = scope.get("method", "GET") if scope["type"] == "http" else "GET"
            error = refused.error
            body = go_error_body(error.status, error.message, error.code, refused.path, method)
            await _refuse(scope, receive, send, go_json(body, error.status))
            return
        await self.app(scope, receive, send)

    def _admit(self, scope: Scope) -> Scope:
        path: str = scope["path"]
        if not path.startswith(TOOLBOX_PREFIX + "/") or "/" not in path[len(TOOLBOX_PREFIX) + 1 :]:
            raise _Refused(not_found("not found"), path)
        sandbox_id, _, rest = path[len(TOOLBOX_PREFIX) + 1 :].partition("/")
        if not sandbox_id:
            raise _Refused(bad_request("sandbox ID or signed token is required"), path)
        headers: list[tuple[bytes, bytes]] = list(scope.get("headers", []))
        query = scope.get("query_string", b"").decode("latin-1")
        record = self._sandbox(sandbox_id)
        headers, query = self._authenticate(record, headers, query, path)
        runner_path = f"/sandboxes/{sandbox_id}/toolbox/{rest}"
        state = record.state
        if state in _NO_RUNNER_STATES:
            message = f"failed to get runner info: Sandbox with ID {sandbox_id} does not have a runner"
            raise _Refused(bad_request(message), path)
        if state in _NO_CONTAINER_STATES:
            message = f"sandbox container not found: Error response from daemon: No such container: {sandbox_id}"
            raise _Refused(not_found(message), runner_path)
        if state != "started":
            raise _Refused(bad_request(NO_IP), runner_path)
        host = next((value for name, value in headers if name == b"host"), b"")
        headers.append((b"x-forwarded-host", host))
        return {**scope, "headers": headers, "query_string": query.encode("latin-1")}

    def _sandbox(self, sandbox_id: str) -> Any:
        """The sandbox record, or None when the API would not find it (unknown or destroyed)."""
        try:
            record = self.state.sandbox_by_id(sandbox_id)
        except EmulatorHTTPError:
            return None
        return None if record.state in _GONE_STATES else record

    def _authenticate(
        self, record: Any, headers: list[tuple[bytes, bytes]], query: str, path: str
    ) -> tuple[list[tuple[bytes, bytes]], str]:
        """The headers and query to forward once one credential is valid (else raises the proxy's 401)."""
        failures: list[str] = []
        authorization = next((v.decode("latin-1") for k, v in headers if k == b"authorization"), "")
        if authorization.startswith("Bearer "):
            token = authorization[len("Bearer ") :].strip()
            if token:
                if record is not None and self.state.settings.accepts_token(token):
                    return [(k, v) for k, v in headers if k != b"authorization"], query
                failures.append("Bearer token is invalid")
        preview = next((v.decode("latin-1") for k, v in headers if k == PREVIEW_TOKEN_HEADER), "")
        headers = [(k, v) for k, v in headers if k != PREVIEW_TOKEN_HEADER]
        if preview:
            if record is not None and preview == record.preview_token:
                return headers, query
            failures.append("Auth key header is invalid")
        pairs = parse_qsl(query, keep_blank_values=True)
        query_key = next((value for name, value in pairs if name == AUTH_KEY_QUERY), "")
        if query_key:
            if record is not None and query_key == record.preview_token:
                return headers, urlencode(sorted((k, v) for k, v in pairs if k != AUTH_KEY_QUERY))
            failures.append("Auth key query parameter is invalid")
        if failures:
            raise _Refused(unauthorized("authentication failed: " + ",".join(failures)), path)
        raise _Refused(unauthorized(MISSING_AUTHENTICATION), path)


async def _refuse(scope: Scope, receive: Receive, send: Send, response: Response) -> None:
    if scope["type"] == "http":
        await response(scope, receive, send)
        return
    websocket = WebSocket(scope, receive, send)
    if "websocket.http.response" in scope.get("extensions", {}):
        await websocket.send_denial_response(response)
    else:
        await websocket.close(code=1008)
