"""Language servers in a sandbox: ``sandbox.create_lsp_server(language_id, path_to_project)``.

An :class:`AsyncLspServer` names one language server (a language and a project directory) in the
sandbox's toolbox. Start it, tell it which files are open, then ask for completions and symbols.
Every request carries the language and project, so several servers can run side by side.

Files are sent as ``file://`` URIs: ``file://`` followed by the path, exactly as the official SDK
does. Use absolute paths, or paths relative to the sandbox's working directory (as everywhere in the
toolbox, e.g. ``did_open("workspace/project/main.py")``). A value that already starts with ``file://``
is sent as it is.

The generated modules are imported when a call is first made, so importing this module is cheap.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from enum import StrEnum
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal

from ..errors import DaytonaError, DaytonaValidationError

if TYPE_CHECKING:
    from daytona_openapi.models import LspCompletionList, LspSymbol

    from .._api import ToolboxContext

__all__ = ["AsyncLspServer", "LspCompletionPosition", "LspLanguageId", "LspLanguageIdLiteral", "parse_lsp_language"]

LspLanguageIdLiteral = Literal["python", "typescript", "javascript"]


class LspLanguageId(StrEnum):
    """Languages a sandbox can run a language server for.

    Members are strings: ``LspLanguageId.PYTHON == "python"``.
    """

    PYTHON = "python"
    TYPESCRIPT = "typescript"
    JAVASCRIPT = "javascript"


def parse_lsp_language(value: LspLanguageId | str) -> LspLanguageId:
    """Return the :class:`LspLanguageId` for ``value`` (case and surrounding spaces ignored).

    Raises:
        DaytonaValidationError: If ``value`` does not name a supported language.
    """
    if isinstance(value, LspLanguageId):
        return value
    if isinstance(value, str):
        try:
            return LspLanguageId(value.strip().lower())
        except ValueError:
            pass
    supported = ", ".join(member.value for member in LspLanguageId)
    raise DaytonaValidationError(f"Invalid LSP language id: {value!r} (supported: {supported})")


def _check_non_negative_int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if value < 0:
        raise DaytonaValidationError(f"{name} must be at least 0, got {value}")
    return value


def _check_str(name: str, value: Any, *, allow_empty: bool = False) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    if not allow_empty and not value.strip():
        raise DaytonaValidationError(f"{name} must not be empty")
    return value


@dataclass(slots=True)
class LspCompletionPosition:
    """A place in a text file, both counted from zero.

    Attributes:
        line: Line number (>= 0).
        character: Character offset within the line (>= 0).

    Raises:
        TypeError: If a field is not an int.
        DaytonaValidationError: If a field is negative.
    """

    line: int
    character: int

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Check both fields (see the class docstring for what raises)."""
        _check_non_negative_int("LspCompletionPosition.line", self.line)
        _check_non_negative_int("LspCompletionPosition.character", self.character)


def _op(name: str) -> ModuleType:
    """Generated operation module ``daytona_openapi.api.toolbox_lsp.<name>``, imported on first use."""
    import importlib

    return importlib.import_module(f"daytona_openapi.api.toolbox_lsp.{name}")


class AsyncLspServer:
    """One language server in a sandbox, for ``language_id`` working on ``path_to_project``.

    Built by ``sandbox.create_lsp_server(language_id, path_to_project)``; nothing is sent until
    :meth:`start` is called.

    Raises (when built):
        DaytonaValidationError: If ``language_id`` is not supported or ``path_to_project`` is empty.
        TypeError: If ``path_to_project`` is not a str.
    """

    def __init__(
        self, ctx: ToolboxContext, language_id: LspLanguageId | LspLanguageIdLiteral | str, path_to_project: str
    ) -> None:
        self._ctx = ctx
        self._language_id = parse_lsp_language(language_id)
        self._path_to_project = _check_str("path_to_project", path_to_project)

    @property
    def language_id(self) -> LspLanguageId:
        """The server's language."""
        return self._language_id

    @property
    def path_to_project(self) -> str:
        """The project directory the server works on."""
        return self._path_to_project

    def __repr__(self) -> str:
        return (
            f"AsyncLspServer(language_id={self._language_id.value!r}, path_to_project={self._path_to_project!r}, "
            f"sandbox_id={self._ctx.sandbox_id!r})"
        )

    def _uri(self, path: Any) -> str:
        """The ``file://`` URI sent for ``path`` (see the module docstring)."""
        path = _check_str("path", path)
        if path.startswith("file://"):
            return str(path)
        return f"file://{path}"

    def _server_request(self) -> Any:
        from daytona_openapi.models import LspServerRequest

        return LspServerRequest(language_id=self._language_id.value, path_to_project=self._path_to_project)

    def _document_request(self, path: str) -> Any:
        from daytona_openapi.models import LspDocumentRequest

        return LspDocumentRequest(
            language_id=self._language_id.value, path_to_project=self._path_to_project, uri=self._uri(path)
        )

    async def start(self) -> None:
        """Start the language server (a no-op if it already runs).

        Sends ``POST /lsp/start`` with ``{"languageId", "pathToProject"}``. Raises a
        :class:`DaytonaError` on failure.
        """
        await self._ctx.call(_op("lsp_start"), body=self._server_request(), error_prefix="Failed to start LSP server: ")

    async def stop(self) -> None:
        """Stop the language server.

        Sends ``POST /lsp/stop`` with ``{"languageId", "pathToProject"}``. Raises a
        :class:`DaytonaError` on failure.
        """
        await self._ctx.call(_op("lsp_stop"), body=self._server_request(), error_prefix="Failed to stop LSP server: ")

    async def did_open(self, path: str) -> None:
        """Tell the server that file ``path`` is open (it reads the file from the sandbox).

        Sends ``POST /lsp/did-open`` with ``{"languageId", "pathToProject", "uri"}``.

        Raises:
            TypeError: If ``path`` is not a str.
            DaytonaValidationError: If ``path`` is empty.
            DaytonaError: If the toolbox refuses (e.g. the server is not started) or cannot be reached.
        """
        body = self._document_request(path)
        await self._ctx.call(_op("lsp_did_open"), body=body, error_prefix="Failed to open file: ")

    async def did_close(self, path: str) -> None:
        """Tell the server that file ``path`` is closed.

        Sends ``POST /lsp/did-close`` with ``{"languageId", "pathToProject", "uri"}``.

        Raises:
            TypeError: If ``path`` is not a str.
            DaytonaValidationError: If ``path`` is empty.
            DaytonaError: If the toolbox refuses or cannot be reached.
        """
        body = self._document_request(path)
        await self._ctx.call(_op("lsp_did_close"), body=body, error_prefix="Failed to close file: ")

    async def document_symbols(self, path: str) -> list[LspSymbol]:
        """Return the symbols (functions, classes, variables...) defined in file ``path``.

        Sends ``GET /lsp/document-symbols?languageId=&pathToProject=&uri=``.

        Raises:
            TypeError: If ``path`` is not a str.
            DaytonaValidationError: If ``path`` is empty.
            DaytonaError: If the toolbox refuses or cannot be reached.
        """
        prefix = "Failed to get symbols from document: "
        uri = self._uri(path)
        result = await self._ctx.call(
            _op("lsp_document_symbols"),
            language_id=self._language_id.value,
            path_to_project=self._path_to_project,
            uri=uri,
            error_prefix=prefix,
        )
        return _symbol_list(result, prefix)

    async def sandbox_symbols(self, query: str) -> list[LspSymbol]:
        """Return the symbols across the project whose names match ``query``.

        Sends ``GET /lsp/workspacesymbols?query=&languageId=&pathToProject=``.

        Raises:
            TypeError: If ``query`` is not a str.
            DaytonaError: If the toolbox refuses or cannot be reached.
        """
        prefix = "Failed to get symbols from sandbox: "
        result = await self._ctx.call(
            _op("lsp_workspace_symbols"),
            query=_check_str("query", query, allow_empty=True),
            language_id=self._language_id.value,
            path_to_project=self._path_to_project,
            error_prefix=prefix,
        )
        return _symbol_list(result, prefix)

    async def workspace_symbols(self, query: str) -> list[LspSymbol]:
        """Deprecated: use :meth:`sandbox_symbols` (same call; emits a ``DeprecationWarning``)."""
        warnings.warn(
            "AsyncLspServer.workspace_symbols is deprecated; use sandbox_symbols instead",
            DeprecationWarning,
            stacklevel=2,
        )
        return await self.sandbox_symbols(query)

    async def completions(self, path: str, position: LspCompletionPosition) -> LspCompletionList:
        """Return what could be inserted at ``position`` in file ``path`` (``.items``, ``.is_incomplete``).

        Sends ``POST /lsp/completions`` with ``{"languageId", "pathToProject", "uri",
        "position": {"line", "character"}}``.

        Raises:
            TypeError: If ``path`` is not a str or ``position`` not an :class:`LspCompletionPosition`.
            DaytonaValidationError: If ``path`` is empty or the position negative.
            DaytonaError: If the toolbox refuses or cannot be reached.
        """
        from daytona_openapi.models import LspCompletionList, LspCompletionRequest, LspPosition

        if not isinstance(position, LspCompletionPosition):
            raise TypeError(f"position must be an LspCompletionPosition, not {type(position).__name__}")
        position.validate()
        body = LspCompletionRequest(
            language_id=self._language_id.value,
            path_to_project=self._path_to_project,
            uri=self._uri(path),
            position=LspPosition(line=position.line, character=position.character),
        )
        prefix = "Failed to get completions: "
        result = await self._ctx.call(_op("lsp_completions"), body=body, error_prefix=prefix)
        if not isinstance(result, LspCompletionList):
            raise DaytonaError(f"{prefix}unexpected response from the toolbox (expected LspCompletionList)")
        return result


def _symbol_list(result: Any, prefix: str) -> list[LspSymbol]:
    from daytona_openapi.models import LspSymbol

    if not isinstance(result, list) or not all(isinstance(item, LspSymbol) for item in result):
        raise DaytonaError(f"{prefix}unexpected response from the toolbox (expected a list of symbols)")
    return result
