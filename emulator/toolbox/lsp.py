"""`/lsp/*`: language servers started per language and project."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from emulator.errors import bad_request
from emulator.toolbox.common import json_body, required, workspace_of


def _server_key(data: Any) -> tuple[str, str]:
    return required(data, "languageId", str), required(data, "pathToProject", str)


async def start(request: Request) -> Response:
    workspace = await workspace_of(request)
    await workspace.lsp.start(*_server_key(await json_body(request)))
    return Response(status_code=200)


async def stop(request: Request) -> Response:
    workspace = await workspace_of(request)
    await workspace.lsp.stop(*_server_key(await json_body(request)))
    return Response(status_code=200)


async def did_open(request: Request) -> Response:
    workspace = await workspace_of(request)
    body = await json_body(request)
    await workspace.lsp.get(*_server_key(body)).did_open(required(body, "uri", str))
    return Response(status_code=200)


async def did_close(request: Request) -> Response:
    workspace = await workspace_of(request)
    body = await json_body(request)
    await workspace.lsp.get(*_server_key(body)).did_close(required(body, "uri", str))
    return Response(status_code=200)


async def document_symbols(request: Request) -> Response:
    workspace = await workspace_of(request)
    query = request.query_params
    server = workspace.lsp.get(*_server_key(query))
    return JSONResponse(await server.document_symbols(required(query, "uri", str)))


async def workspace_symbols(request: Request) -> Response:
    workspace = await workspace_of(request)
    query = request.query_params
    server = workspace.lsp.get(*_server_key(query))
    return JSONResponse(await server.workspace_symbols(query.get("query", "")))


async def completions(request: Request) -> Response:
    workspace = await workspace_of(request)
    body = await json_body(request)
    position = body.get("position")
    if not isinstance(position, dict) or not all(isinstance(position.get(k), int) for k in ("line", "character")):
        raise bad_request("position must be an object with integer line and character")
    server = workspace.lsp.get(*_server_key(body))
    result = await server.completions(
        required(body, "uri", str), {"line": position["line"], "character": position["character"]}
    )
    return JSONResponse(result)


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
