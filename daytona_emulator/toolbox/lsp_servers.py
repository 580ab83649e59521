"""The daemon's LSP service for one sandbox: language servers keyed by the exact (languageId, pathToProject).

As in the daemon (``apps/daemon/pkg/toolbox/lsp/service.go``):
- `LspService.get` finds the server of a key, or makes an *uninitialised* one for ``typescript`` and ``python``
  (any other language is refused); the handlers then refuse an uninitialised server.
- `LspService.start` initialises the server of a key (a no-op when it already runs); a key never seen gets a
  new server first, which stays registered, uninitialised, when starting it fails.
- `LspService.stop` sends ``shutdown`` and forgets the key; an unknown key, or one whose server never started,
  fails.

URIs are passed to the server verbatim and its answers come back verbatim (the daemon translates nothing).
The daemon reads a ``did-open``'d file itself (``file://`` stripped, relative paths from its working
directory); a document the client never opened is read by python-lsp-server from its own path, which the
emulator reproduces by handing pylsp that file's text for the one request (so it also works where the
server process does not see sandbox paths).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from daytona_emulator.errors import EmulatorHTTPError
from daytona_emulator.toolbox.lsp_client import JsonRpcConnection, LspError

if TYPE_CHECKING:
    from daytona_emulator.toolbox.workspace import SandboxWorkspace

INITIALIZE_TIMEOUT_SECONDS = 60.0
REQUEST_TIMEOUT_SECONDS = 30.0
_EXTENSIONS = {"python": (".py",)}
_SKIPPED_DIRS = {".git", "node_modules", "__pycache__", ".venv", "venv", ".mypy_cache", ".pytest_cache"}
_MAX_SCANNED_FILES = 200


class LspFailure(Exception):
    """A failure the daemon turns into an error status (with an empty body)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _initialize_params(path_to_project: str, client_name: str) -> dict[str, Any]:
    """The daemon's ``initialize`` request (python_lsp.go / typescript_lsp.go)."""
    return {
        "processId": os.getpid(),
        "clientInfo": {"name": client_name, "version": "0.0.1"},
        "rootUri": "file://" + path_to_project,
        "capabilities": {
            "textDocument": {
                "completion": {
                    "dynamicRegistration": True,
                    "completionItem": {
                        "snippetSupport": True,
                        "commitCharactersSupport": True,
                        "documentationFormat": ["markdown", "plaintext"],
                        "deprecatedSupport": True,
                        "preselectSupport": True,
                    },
                    "contextSupport": True,
                },
                "documentSymbol": {"dynamicRegistration": True, "symbolKind": {"valueSet": list(range(1, 14))}},
            },
            "workspace": {"symbol": {"dynamicRegistration": True}},
        },
    }


class LspServer:
    """One language server of the service: a `kind` (``python`` or ``typescript``) and its process once started."""

    def __init__(self, workspace: SandboxWorkspace, kind: str) -> None:
        self.workspace = workspace
        self.kind = kind
        self.initialized = False
        self.capabilities: dict[str, Any] = {}
        self._proc: asyncio.subprocess.Process | None = None
        self._conn: JsonRpcConnection | None = None
        self._opened: set[str] = set()

    @property
    def language_id(self) -> str:
        """The languageId this server sends in ``didOpen`` (its own, not the request's)."""
        return self.kind

    def _command(self) -> list[str]:
        if self.kind == "python":
            return [sys.executable, "-m", "pylsp"]
        found = shutil.which("typescript-language-server", path=self.workspace.env().get("PATH"))
        if found is None:
            raise LspFailure('exec: "typescript-language-server": executable file not found in $PATH')
        return [found, "--stdio"]

    async def initialize(self, path_to_project: str) -> None:
        command = self._command()
        self._proc = await self.workspace.children.spawn(
            *command,
            cwd=self.workspace.home,
            env=self.workspace.env({"XDG_CACHE_HOME": str(self.workspace.state_dir / "cache")}),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
        )
        assert self._proc.stdout is not None and self._proc.stdin is not None
        self._conn = JsonRpcConnection(self._proc.stdout, self._proc.stdin)
        client_name = f"datyona-{self.kind}-lsp-client"
        try:
            result = await self._conn.request(
                "initialize", _initialize_params(path_to_project, client_name), INITIALIZE_TIMEOUT_SECONDS
            )
            await self._conn.notify("initialized", None)
        except (LspError, TimeoutError, ConnectionError) as exc:
            await self.kill()
            raise LspFailure(f"failed to initialize the language server: {exc}") from exc
        self.capabilities = (result or {}).get("capabilities", {}) if isinstance(result, dict) else {}
        self.initialized = True

    async def shutdown(self) -> None:
        """The daemon's Shutdown: a ``shutdown`` notification; the emulator also ends the process."""
        if self._conn is None:
            raise LspFailure("runtime error: invalid memory address or nil pointer dereference")
        with contextlib.suppress(Exception):
            await self._conn.notify("shutdown", None)
        self.initialized = False
        await self.kill()

    async def kill(self) -> None:
        if self._conn is not None:
            await self._conn.close()
            self._conn = None
        if self._proc is not None:
            await self.workspace.children.kill(self._proc, wait_seconds=2.0)
            self._proc = None

    # --- calls ------------------------------------------------------------------------------------------
    async def _call(self, method: str, params: Any) -> Any:
        if self._conn is None:
            raise LspFailure("the language server is not running")
        try:
            return await self._conn.request(method, params, REQUEST_TIMEOUT_SECONDS)
        except LspError as exc:
            raise LspFailure(f"jsonrpc2: code {exc.code} message: {exc.message}") from exc
        except TimeoutError as exc:
            raise LspFailure("context deadline exceeded") from exc

    async def _notify(self, method: str, params: Any) -> None:
        if self._conn is None:
            raise LspFailure("the language server is not running")
        try:
            await self._conn.notify(method, params)
        except ConnectionError as exc:
            raise LspFailure("jsonrpc2: connection is closed") from exc

    def _daemon_read(self, uri: str) -> str:
        """The file behind a ``did-open`` URI as the daemon reads it: ``file://`` stripped, no unescaping."""
        path = uri.removeprefix("file://")
        try:
            return self.workspace.paths.host(path).read_text(encoding="utf-8", errors="replace")
        except (OSError, EmulatorHTTPError) as exc:
            raise LspFailure(f"failed to read file: open {path}: no such file or directory") from exc

    async def did_open(self, uri: str) -> None:
        text = await asyncio.to_thread(self._daemon_read, uri)
        params = {"textDocument": {"uri": uri, "languageId": self.language_id, "version": 1, "text": text}}
        await self._notify("textDocument/didOpen", params)
        self._opened.add(uri)

    async def did_close(self, uri: str) -> None:
        await self._notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        self._opened.discard(uri)

    @contextlib.asynccontextmanager
    async def _document(self, uri: str) -> Any:
        """While the request runs, pylsp has the document: opened by the client, or read from its own path."""
        if self.kind != "python" or uri in self._opened:
            yield
            return
        from pylsp.uris import to_fs_path  # the path pylsp itself would read the document from

        path = to_fs_path(uri)
        try:
            text = await asyncio.to_thread(
                lambda: self.workspace.paths.host(path).read_text(encoding="utf-8", errors="replace")
            )
        except (OSError, EmulatorHTTPError) as exc:
            raise LspFailure(f"jsonrpc2: code -32603 message: [Errno 2] No such file or directory: {path!r}") from exc
        params = {"textDocument": {"uri": uri, "languageId": self.language_id, "version": 1, "text": text}}
        await self._notify("textDocument/didOpen", params)
        try:
            yield
        finally:
            with contextlib.suppress(LspFailure):
                await self._notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    async def document_symbols(self, uri: str) -> list[dict[str, Any]] | None:
        async with self._document(uri):
            result = await self._call("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
        return _symbols(result)

    async def workspace_symbols(self, query: str, path_to_project: str) -> list[dict[str, Any]] | None:
        if self.kind != "python" or self.capabilities.get("workspaceSymbolProvider"):
            return _symbols(await self._call("workspace/symbol", {"query": query}))
        # python-lsp-server has no workspace/symbol: answer it from the project's document symbols.
        found: list[dict[str, Any]] = []
        needle = query.lower()
        for sandbox_path in await asyncio.to_thread(self._project_files, path_to_project):
            for symbol in await self.document_symbols("file://" + sandbox_path) or []:
                if needle in symbol["name"].lower():
                    found.append(symbol)
        return found

    def _project_files(self, path_to_project: str) -> list[str]:
        try:
            root = self.workspace.paths.host(path_to_project)
        except EmulatorHTTPError:
            return []
        files: list[str] = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(name for name in dirnames if name not in _SKIPPED_DIRS)
            for name in sorted(filenames):
                if name.endswith(_EXTENSIONS.get(self.kind, ())):
                    files.append(self.workspace.paths.sandbox(Path(dirpath) / name))
                    if len(files) >= _MAX_SCANNED_FILES:
                        return files
        return files

    async def completions(self, uri: str, position: dict[str, int], context: dict[str, Any] | None) -> dict[str, Any]:
        params: dict[str, Any] = {"textDocument": {"uri": uri}, "position": position}
        if context is not None:
            params["context"] = context
        async with self._document(uri):
            result = await self._call("textDocument/completion", params)
        return _completion_list(result)


def _position(value: Any) -> dict[str, int]:
    value = value if isinstance(value, dict) else {}
    return {"character": _int(value.get("character")), "line": _int(value.get("line"))}


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _symbols(result: Any) -> list[dict[str, Any]] | None:
    """A server's symbols as the daemon's ``[]LspSymbol``: kind, location (range, uri) and name only."""
    if result is None:
        return None
    if not isinstance(result, list) or not all(isinstance(item, dict) for item in result):
        raise LspFailure("json: cannot unmarshal the symbols")
    symbols = []
    for item in result:
        location = item.get("location") if isinstance(item.get("location"), dict) else {}
        range_ = location.get("range") if isinstance(location.get("range"), dict) else {}
        symbols.append(
            {
                "kind": _int(item.get("kind")),
                "location": {
                    "range": {"end": _position(range_.get("end")), "start": _position(range_.get("start"))},
                    "uri": location.get("uri") if isinstance(location.get("uri"), str) else "",
                },
                "name": item.get("name") if isinstance(item.get("name"), str) else "",
            }
        )
    return symbols


def _completion_item(item: dict[str, Any]) -> dict[str, Any]:
    """The daemon's parseCompletionItem: label, then the optional fields of the types it expects."""
    label = item.get("label")
    if not isinstance(label, str):
        raise LspFailure("interface conversion: interface {} is not string")
    converted: dict[str, Any] = {"label": label}
    kind = item.get("kind")
    if isinstance(kind, int | float) and not isinstance(kind, bool):
        converted["kind"] = int(kind)
    if isinstance(item.get("detail"), str):
        converted["detail"] = item["detail"]
    if item.get("documentation") is not None:
        converted["documentation"] = item["documentation"]
    for name in ("sortText", "filterText", "insertText"):
        if isinstance(item.get(name), str):
            converted[name] = item[name]
    return converted


def _completion_list(result: Any) -> dict[str, Any]:
    """The daemon's GetCompletion: a CompletionList or an item array, as ``{isIncomplete, items}``."""
    if isinstance(result, dict):
        items = result.get("items")
        if not isinstance(items, list):
            return {"isIncomplete": False, "items": None}
        incomplete = result.get("isIncomplete")
        if not isinstance(incomplete, bool):
            raise LspFailure("interface conversion: interface {} is nil, not bool")
        return {"isIncomplete": incomplete, "items": [_completion_item(i) for i in items if isinstance(i, dict)]}
    if isinstance(result, list):
        return {"isIncomplete": False, "items": [_completion_item(i) for i in result if isinstance(i, dict)]}
    return {"isIncomplete": False, "items": None}


class LspService:
    """The language servers of one sandbox, keyed like the daemon's service."""

    def __init__(self, workspace: SandboxWorkspace) -> None:
        self.workspace = workspace
        self.servers: dict[tuple[str, str], LspServer] = {}

    def get(self, language_id: str, path_to_project: str) -> LspServer:
        """The server of a key; a new uninitialised one for typescript/python; other languages fail."""
        key = (language_id, path_to_project)
        server = self.servers.get(key)
        if server is not None:
            return server
        if language_id not in ("typescript", "python"):
            raise LspFailure(f"unsupported language: {language_id}")
        server = LspServer(self.workspace, language_id)
        self.servers[key] = server
        return server

    async def start(self, language_id: str, path_to_project: str) -> None:
        key = (language_id, path_to_project)
        server = self.servers.get(key)
        if server is not None and server.initialized:
            return
        if server is None:
            # The daemon registers a TypeScript server here for every language; the emulator runs
            # python-lsp-server for "python" (see docs/emulator-fidelity.md).
            server = LspServer(self.workspace, "python" if language_id == "python" else "typescript")
            self.servers[key] = server
        await server.initialize(path_to_project)

    async def stop(self, language_id: str, path_to_project: str) -> None:
        key = (language_id, path_to_project)
        server = self.servers.get(key)
        if server is None:
            raise LspFailure(f"no server for language: {language_id}")
        await server.shutdown()
        del self.servers[key]

    async def close(self) -> None:
        servers, self.servers = list(self.servers.values()), {}
        for server in servers:
            await server.kill()


# The workspace module creates `LspManager(workspace)`; the service is that object.
LspManager = LspService
