"""`/lsp/*`: the daemon's LSP handlers (``apps/daemon/pkg/toolbox/lsp/lsp.go``).

Every failure is answered the daemon's way: ``c.AbortWithError(status, err)`` writes the status at once, so
the toolbox's error middleware finds the response already written and adds nothing: the answer is the bare
status with an empty body. Bodies are bound like gin's ``ShouldBindJSON`` with the daemon's validator
(``validate:"required"``: empty strings and zero numbers are missing; a zero ``position`` too).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from daytona_emulator.toolbox.common import workspace_of
from daytona_emulator.toolbox.go_json import GoJsonError, GoPointer, GoStruct, decode_struct
from daytona_emulator.toolbox.lsp_servers import LspFailure, LspServer, LspService

_POSITION = GoStruct("lsp.LspPosition", {"character": "int", "line": "int"})
_CONTEXT = GoStruct("lsp.CompletionContext", {"triggerKind": "int", "triggerCharacter": "any"})
_SERVER_REQUEST = GoStruct("lsp.LspServerRequest", {"languageId": "string", "pathToProject": "string"})
_DOCUMENT_REQUEST = GoStruct(
    "lsp.LspDocumentRequest", {"languageId": "string", "pathToProject": "string", "uri": "string"}
)
_COMPLETION_REQUEST = GoStruct(
    "lsp.LspCompletionParams",
    {
        "languageId": "string",
        "pathToProject": "string",
        "uri": "string",
        "position": _POSITION,
        "context": GoPointer(_CONTEXT),
    },
)


class _Aborted(Exception):
    """The handler aborts with this status (and, as the daemon does, no body)."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def _aborted(status: int) -> Response:
    return Response(status_code=status)


async def _bind(request: Request, struct: GoStruct) -> dict[str, Any]:
    """ShouldBindJSON plus the validator: undecodable or missing required fields abort with 400."""
    try:
        body = decode_struct(await request.body(), struct)
    except GoJsonError as exc:
        raise _Aborted(400) from exc
    if any(body[name] == "" for name in ("languageId", "pathToProject", "uri") if name in body):
        raise _Aborted(400)
    if "position" in body:
        position = body["position"]
        # `validate:"required"` on the struct (non-zero) and on both of its int fields (non-zero).
        if position["line"] == 0 or position["character"] == 0:
            raise _Aborted(400)
        context = body["context"]
        if context is not None:
            trigger = context["triggerCharacter"]
            if context["triggerKind"] == 0 or not (trigger is None or isinstance(trigger, str)):
                raise _Aborted(400)
    return body


def _query(request: Request, *names: str) -> list[str]:
    """Required query parameters, checked in order: a missing or empty one aborts with 400."""
    values = []
    for name in names:
        value = request.query_params.get(name, "")
        if value == "":
            raise _Aborted(400)
        values.append(value)
    return values


def _running_server(service: LspService, language_id: str, path_to_project: str) -> LspServer:
    """service.Get, then the handlers' IsInitialized check (both 400)."""
    try:
        server = service.get(language_id, path_to_project)
    except LspFailure as exc:
        raise _Aborted(400) from exc
    if not server.initialized:
        raise _Aborted(400)
    return server


async def start(request: Request) -> Response:
    workspace = await workspace_of(request)
    try:
        body = await _bind(request, _SERVER_REQUEST)
        await workspace.lsp.start(body["languageId"], body["pathToProject"])
    except _Aborted as aborted:
        return _aborted(aborted.status)
    except LspFailure:
        return _aborted(500)
    return Response(status_code=200)


async def stop(request: Request) -> Response:
    workspace = await workspace_of(request)
    try:
        body = await _bind(request, _SERVER_REQUEST)
        await workspace.lsp.stop(body["languageId"], body["pathToProject"])
    except _Aborted as aborted:
        return _aborted(aborted.status)
    except LspFailure:
        return _aborted(500)
    return Response(status_code=200)


async def did_open(request: Request) -> Response:
    workspace = await workspace_of(request)
    try:
        body = await _bind(request, _DOCUMENT_REQUEST)
        server = _running_server(workspace.lsp, body["languageId"], body["pathToProject"])
        await server.did_open(body["uri"])
    except _Aborted as aborted:
        return _aborted(aborted.status)
    except LspFailure:
        return _aborted(400)
    return Response(status_code=200)


async def did_close(request: Request) -> Response:
    workspace = await workspace_of(request)
    try:
        body = await _bind(request, _DOCUMENT_REQUEST)
        server = _running_server(workspace.lsp, body["languageId"], body["pathToProject"])
        await server.did_close(body["uri"])
    except _Aborted as aborted:
        return _aborted(aborted.status)
    except LspFailure:
        return _aborted(400)
    return Response(status_code=200)


async def completions(request: Request) -> Response:
    workspace = await workspace_of(request)
    try:
        body = await _bind(request, _COMPLETION_REQUEST)
        server = _running_server(workspace.lsp, body["languageId"], body["pathToProject"])
        context = body["context"]
        if context is not None:
            context = {"triggerKind": context["triggerKind"]} | (
                {"triggerCharacter": context["triggerCharacter"]} if context["triggerCharacter"] is not None else {}
            )
        result = await server.completions(body["uri"], body["position"], context)
    except _Aborted as aborted:
        return _aborted(aborted.status)
    except LspFailure:
        return _aborted(400)
    return JSONResponse(result)


async def document_symbols(request: Request) -> Response:
    workspace = await workspace_of(request)
    try:
        language_id, path_to_project, uri = _query(request, "languageId", "pathToProject", "uri")
        server = _running_server(workspace.lsp, language_id, path_to_project)
        symbols = await server.document_symbols(uri)
    except _Aborted as aborted:
        return _aborted(aborted.status)
    except LspFailure:
        return _aborted(400)
    return JSONResponse(symbols)


async def workspace_symbols(request: Request) -> Response:
    workspace = await workspace_of(request)
    try:
        query, language_id, path_to_project = _query(request, "query", "languageId", "pathToProject")
        server = _running_server(workspace.lsp, language_id, path_to_project)
        symbols = await server.workspace_symbols(query, path_to_project)
    except _Aborted as aborted:
        return _aborted(aborted.status)
    except LspFailure:
        return _aborted(400)
    return JSONResponse(symbols)


def routes() -> list[BaseRoute]:
    return [
        Route("/lsp/completions", completions, methods=["POST"]),
        Route("/lsp/did-close", did_close, methods=["POST"]),
        Route("/lsp/did-open", did_open, methods=["POST"]),
        Route("/lsp/document-symbols", document_symbols, methods=["GET"]),
        Route("/lsp/start", start, methods=["POST"]),
        Route("/lsp/stop", stop, methods=["POST"]),
        Route("/lsp/workspacesymbols", workspace_symbols, methods=["GET"]),
    ]
