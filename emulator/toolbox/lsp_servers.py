"""Language servers per (language, project): python-lsp-server for Python, typescript-language-server if present.

Clients speak in sandbox paths and `file://` URIs; the servers run on the host, so URIs are translated both
ways. The emulator answers workspace symbols itself (from document symbols) when a server has no such support.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from emulator.errors import EmulatorHTTPError, bad_request, not_found
from emulator.toolbox.lsp_client import JsonRpcConnection, LspError

if TYPE_CHECKING:
    from emulator.toolbox.workspace import SandboxWorkspace

_EXTENSIONS = {"python": (".py",), "typescript": (".ts", ".tsx"), "javascript": (".js", ".jsx", ".mjs")}
_SKIPPED_DIRS = {".git", "node_modules", "__pycache__", ".venv", "venv", ".mypy_cache", ".pytest_cache"}
_MAX_SCANNED_FILES = 200
_COMPLETION_FIELDS = ("label", "kind", "detail", "sortText", "filterText", "insertText")


def server_command(language_id: str) -> list[str]:
    if language_id == "python":
        return [sys.executable, "-m", "pylsp"]
    if language_id in ("typescript", "javascript"):
        found = shutil.which("typescript-language-server")
        if found:
            return [found, "--stdio"]
        raise bad_request(f"{language_id} language server is not supported in the emulator")
    raise bad_request(f"unsupported language: {language_id}")


class LspServer:
    def __init__(self, workspace: SandboxWorkspace, language_id: str, project: str) -> None:
        self.workspace = workspace
        self.language_id = language_id
        self.project = project
        self.capabilities: dict[str, Any] = {}
        self._proc: asyncio.subprocess.Process | None = None
        self._conn: JsonRpcConnection | None = None
        self._open: dict[str, int] = {}

    @property
    def project_host(self) -> Path:
        return self.workspace.paths.host(self.project)

    async def start(self) -> None:
        command = server_command(self.language_id)
        self._proc = await self.workspace.children.spawn(
            *command,
            cwd=self.project_host,
            env=self.workspace.env({"XDG_CACHE_HOME": str(self.workspace.state_dir / "cache")}),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
        )
        assert self._proc.stdout is not None and self._proc.stdin is not None
        self._conn = JsonRpcConnection(self._proc.stdout, self._proc.stdin)
        root_uri = self.project_host.as_uri()
        result = await self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root_uri,
                "workspaceFolders": [{"uri": root_uri, "name": Path(self.project).name or "root"}],
                "capabilities": {
                    "textDocument": {
                        "documentSymbol": {"hierarchicalDocumentSymbolSupport": False},
                        "completion": {"completionItem": {"documentationFormat": ["markdown", "plaintext"]}},
                    },
                    "workspace": {"symbol": {}, "workspaceFolders": True},
                },
            },
            time_limit=60.0,
        )
        self.capabilities = (result or {}).get("capabilities", {})
        await self._conn.notify("initialized", {})

    async def request(self, method: str, params: Any, time_limit: float = 30.0) -> Any:
        if self._conn is None:
            raise bad_request("the language server is not running")
        try:
            return await self._conn.request(method, params, time_limit)
        except LspError as exc:
            raise EmulatorHTTPError(500, f"language server error: {exc.message}", code="LSP_ERROR") from exc
        except TimeoutError as exc:
            raise EmulatorHTTPError(504, f"the language server did not answer {method}", code="LSP_TIMEOUT") from exc

    # --- URIs -------------------------------------------------------------------------------------
    def host_uri(self, sandbox_uri: str) -> str:
        # A relative path (``file://repo/app.py``, as the official SDK sends it) is relative to the
        # sandbox's working directory, like every other toolbox path.
        path = sandbox_uri[len("file://") :] if sandbox_uri.startswith("file://") else sandbox_uri
        return self.workspace.paths.host_uri(path)

    def sandbox_location(self, location: dict[str, Any]) -> dict[str, Any]:
        return {"uri": self.workspace.paths.sandbox_uri(location.get("uri", "")), "range": location.get("range")}

    # --- document operations ----------------------------------------------------------------------
    async def did_open(self, sandbox_uri: str) -> None:
        uri = self.host_uri(sandbox_uri)
        try:
            text = await asyncio.to_thread(Path(_uri_path(uri)).read_text, encoding="utf-8", errors="replace")
        except OSError as exc:
            raise not_found(f"document {sandbox_uri}") from exc
        version = self._open.get(uri, 0) + 1
        self._open[uri] = version
        if version > 1:
            await self._notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        await self._notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": self.language_id, "version": version, "text": text}},
        )

    async def did_close(self, sandbox_uri: str) -> None:
        uri = self.host_uri(sandbox_uri)
        self._open.pop(uri, None)
        await self._notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    async def _notify(self, method: str, params: Any) -> None:
        if self._conn is None:
            raise bad_request("the language server is not running")
        await self._conn.notify(method, params)

    async def document_symbols(self, sandbox_uri: str) -> list[dict[str, Any]]:
        uri = self.host_uri(sandbox_uri)
        result = await self.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
        return self._symbols(result or [], uri)

    def _symbols(self, items: list[dict[str, Any]], document_uri: str) -> list[dict[str, Any]]:
        symbols: list[dict[str, Any]] = []
        for item in items:
            location = item.get("location") or {"uri": document_uri, "range": item.get("range")}
            symbols.append(
                {"name": item.get("name", ""), "kind": item.get("kind", 0), "location": self.sandbox_location(location)}
            )
            symbols.extend(self._symbols(item.get("children") or [], document_uri))
        return symbols

    async def workspace_symbols(self, query: str) -> list[dict[str, Any]]:
        if self.capabilities.get("workspaceSymbolProvider"):
            result = await self.request("workspace/symbol", {"query": query})
            return [
                {
                    "name": item.get("name", ""),
                    "kind": item.get("kind", 0),
                    "location": self.sandbox_location(item.get("location") or {}),
                }
                for item in result or []
            ]
        found: list[dict[str, Any]] = []
        needle = query.lower()
        for path in self._project_files():
            for symbol in await self.document_symbols(self.workspace.paths.sandbox(path)):
                if needle in symbol["name"].lower():
                    found.append(symbol)
        return found

    def _project_files(self) -> list[Path]:
        files: list[Path] = []
        extensions = _EXTENSIONS.get(self.language_id, ())
        for dirpath, dirnames, filenames in os.walk(self.project_host):
            dirnames[:] = sorted(name for name in dirnames if name not in _SKIPPED_DIRS)
            for name in sorted(filenames):
                if name.endswith(extensions):
                    files.append(Path(dirpath) / name)
                    if len(files) >= _MAX_SCANNED_FILES:
                        return files
        return files

    async def completions(self, sandbox_uri: str, position: dict[str, Any]) -> dict[str, Any]:
        uri = self.host_uri(sandbox_uri)
        result = await self.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": position})
        if isinstance(result, dict):
            items, incomplete = result.get("items") or [], bool(result.get("isIncomplete"))
        else:
            items, incomplete = result or [], False
        return {"isIncomplete": incomplete, "items": [_completion_item(item) for item in items]}

    async def stop(self) -> None:
        if self._conn is not None and self._proc is not None and self._proc.returncode is None:
            with contextlib.suppress(Exception):
                await self._conn.request("shutdown", None, time_limit=5.0)
                await self._conn.notify("exit", None)
        if self._conn is not None:
            await self._conn.close()
            self._conn = None
        if self._proc is not None:
            await self.workspace.children.kill(self._proc, wait_seconds=2.0)
            self._proc = None


def _uri_path(uri: str) -> str:
    return unquote(uri[len("file://") :])


def _completion_item(item: dict[str, Any]) -> dict[str, Any]:
    converted = {key: item[key] for key in _COMPLETION_FIELDS if item.get(key) is not None}
    converted.setdefault("label", "")
    documentation = item.get("documentation")
    if isinstance(documentation, str):
        converted["documentation"] = {"kind": "plaintext", "value": documentation}
    elif isinstance(documentation, dict):
        converted["documentation"] = documentation
    return converted


class LspManager:
    def __init__(self, workspace: SandboxWorkspace) -> None:
        self.workspace = workspace
        self.servers: dict[tuple[str, str], LspServer] = {}

    def _key(self, language_id: str, project: str) -> tuple[str, str]:
        return language_id, self.workspace.paths.normalise(project)

    async def start(self, language_id: str, project: str) -> LspServer:
        key = self._key(language_id, project)
        if key in self.servers:
            return self.servers[key]
        server = LspServer(self.workspace, language_id, key[1])
        if not server.project_host.is_dir():
            raise bad_request(f"project directory {key[1]} does not exist")
        try:
            await server.start()
        except BaseException:
            await server.stop()
            raise
        self.servers[key] = server
        return server

    def get(self, language_id: str, project: str) -> LspServer:
        key = self._key(language_id, project)
        server = self.servers.get(key)
        if server is None:
            raise bad_request(f"no {language_id} language server is running for {key[1]}: call /lsp/start first")
        return server

    async def stop(self, language_id: str, project: str) -> None:
        server = self.get(language_id, project)
        del self.servers[self._key(language_id, project)]
        await server.stop()

    async def close(self) -> None:
        servers, self.servers = list(self.servers.values()), {}
        for server in servers:
            await server.stop()
