"""The LSP server handle (`sandbox.create_lsp_server(...)`) against the in-process emulator.

The emulator runs a real python-lsp-server on a small Python project uploaded into the sandbox.
The sandbox is created through the emulator's control plane with plain httpx; the handle is built
on a `ToolboxContext` for it. Bad input is checked with a transport that fails the test if called.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from _live_support import api_context, create_started_sandbox, delete_sandbox

from daytona_emulator.server import RunningEmulator
from facade._errors import DaytonaValidationError
from facade._toolbox import AsyncLspServer, LspCompletionPosition, LspLanguageId
from tests._ctx import ToolboxContext

PROJECT = "/home/daytona/proj"
MAIN = f"{PROJECT}/main.py"
SOURCE = '''\
import os


class Greeter:
    """Says hello."""

    def greet(self, name: str) -> str:
        return "hello " + name


def shout(text: str) -> str:
    return text.upper()


GREETING = shout("hi")
os.path.
'''
# The last line is "os.path." (0-based line 15); completing after the dot lists os.path's members.
COMPLETION_LINE = 15
COMPLETION_CHARACTER = len("os.path.")
SYMBOL_KIND_CLASS = 5
SYMBOL_KIND_FUNCTION = 12


@pytest.fixture(scope="module")
def sandbox(instant_emulator: RunningEmulator) -> Iterator[dict[str, Any]]:
    """One started sandbox holding the small project (the language server is slow to start)."""
    sandbox = create_started_sandbox(instant_emulator)
    headers = {"Authorization": f"Bearer {instant_emulator.api_key}"}
    base = f"{sandbox['toolboxProxyUrl'].rstrip('/')}/{sandbox['id']}"
    with httpx.Client(headers=headers, timeout=60) as client:
        response = client.post(
            f"{base}/files/upload", params={"path": MAIN}, files={"file": ("main.py", SOURCE.encode())}
        )
        assert response.status_code == 200, response.text
    try:
        yield sandbox
    finally:
        delete_sandbox(instant_emulator, sandbox["id"])


@pytest.fixture
async def toolbox(instant_emulator: RunningEmulator, sandbox: dict[str, Any]) -> AsyncIterator[ToolboxContext]:
    api = api_context(instant_emulator)
    try:
        yield api.toolbox(sandbox["toolboxProxyUrl"], sandbox["id"])
    finally:
        await api.aclose()


@pytest.fixture
async def lsp(toolbox: ToolboxContext) -> AsyncIterator[AsyncLspServer]:
    server = AsyncLspServer(toolbox, LspLanguageId.PYTHON, PROJECT)
    await server.start()
    try:
        await server.did_open(MAIN)
        yield server
    finally:
        await server.stop()


async def test_document_symbols_list_the_class_and_functions_of_a_real_file(lsp: AsyncLspServer) -> None:
    symbols = await lsp.document_symbols(MAIN)
    by_name = {symbol.name: symbol for symbol in symbols}
    assert {"Greeter", "shout", "GREETING"} <= set(by_name)
    assert by_name["Greeter"].kind == SYMBOL_KIND_CLASS
    assert by_name["shout"].kind == SYMBOL_KIND_FUNCTION
    assert by_name["Greeter"].location.uri == f"file://{MAIN}"
    assert by_name["shout"].location.range_.start.line == 10


async def test_relative_paths_are_read_from_the_working_directory_and_kept_verbatim(lsp: AsyncLspServer) -> None:
    # The daemon reads a did-open'd "file://proj/main.py" from its working directory (/home/daytona) and
    # hands the URI to the language server as it is; the symbols come back under that same URI.
    await lsp.did_open("proj/main.py")
    symbols = await lsp.document_symbols("proj/main.py")
    assert "Greeter" in {symbol.name for symbol in symbols}
    assert {symbol.location.uri for symbol in symbols} == {"file://proj/main.py"}


async def test_completions_after_a_module_attribute_dot(lsp: AsyncLspServer) -> None:
    result = await lsp.completions(MAIN, LspCompletionPosition(line=COMPLETION_LINE, character=COMPLETION_CHARACTER))
    labels = {item.label for item in result.items}
    assert isinstance(result.is_incomplete, bool)
    assert any(label.startswith("join") for label in labels), sorted(labels)[:20]
    assert any(label.startswith("exists") for label in labels)


async def test_sandbox_symbols_and_deprecated_workspace_symbols(lsp: AsyncLspServer) -> None:
    symbols = await lsp.sandbox_symbols("Greeter")
    assert all(hasattr(symbol, "name") for symbol in symbols)
    with pytest.warns(DeprecationWarning, match="sandbox_symbols"):
        deprecated = await lsp.workspace_symbols("Greeter")
    assert [s.name for s in deprecated] == [s.name for s in symbols]


async def test_did_close_then_reopen(lsp: AsyncLspServer) -> None:
    assert await lsp.did_close(MAIN) is None
    assert await lsp.did_open(MAIN) is None
    assert "shout" in {symbol.name for symbol in await lsp.document_symbols(MAIN)}


async def test_start_accepts_a_plain_string_language(toolbox: ToolboxContext) -> None:
    server = AsyncLspServer(toolbox, "python", PROJECT)
    assert server.language_id is LspLanguageId.PYTHON
    await server.start()
    await server.did_open(MAIN)
    assert "Greeter" in {symbol.name for symbol in await server.document_symbols(MAIN)}
    await server.stop()


# --------------------------------------------------------------------------- bad input never reaches the wire


@pytest.mark.parametrize(
    ("language", "error"),
    [
        ("rust", DaytonaValidationError),
        ("", DaytonaValidationError),
        ("py", DaytonaValidationError),
        (3, TypeError),
        (None, TypeError),
    ],
)
def test_unknown_language_raises_validation_error_before_sending(
    offline_toolbox: ToolboxContext, language: Any, error: type[Exception]
) -> None:
    with pytest.raises(error, match="language"):
        AsyncLspServer(offline_toolbox, language, PROJECT)


def test_language_ids_are_parsed_case_insensitively(offline_toolbox: ToolboxContext) -> None:
    assert AsyncLspServer(offline_toolbox, " TypeScript ", PROJECT).language_id is LspLanguageId.TYPESCRIPT
    assert AsyncLspServer(offline_toolbox, LspLanguageId.JAVASCRIPT, PROJECT).language_id == "javascript"
    assert [m.value for m in LspLanguageId] == ["python", "typescript", "javascript"]


def test_bad_project_path_raises(offline_toolbox: ToolboxContext) -> None:
    with pytest.raises(DaytonaValidationError):
        AsyncLspServer(offline_toolbox, "python", "  ")
    with pytest.raises(TypeError):
        AsyncLspServer(offline_toolbox, "python", None)  # type: ignore[arg-type]


async def test_bad_paths_and_positions_raise_before_sending(offline_toolbox: ToolboxContext) -> None:
    server = AsyncLspServer(offline_toolbox, "python", PROJECT)
    with pytest.raises(DaytonaValidationError):
        await server.did_open("")
    with pytest.raises(TypeError):
        await server.did_close(None)  # type: ignore[arg-type]
    with pytest.raises(DaytonaValidationError):
        await server.document_symbols("   ")
    with pytest.raises(TypeError):
        await server.sandbox_symbols(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        await server.completions(MAIN, (1, 2))  # type: ignore[arg-type]
    with pytest.raises(DaytonaValidationError):
        await server.completions(MAIN, LspCompletionPosition(line=-1, character=0))
    position = LspCompletionPosition(line=0, character=0)
    position.character = -3
    with pytest.raises(DaytonaValidationError, match="character"):
        await server.completions(MAIN, position)
    with pytest.raises(TypeError):
        LspCompletionPosition(line=1.0, character=0)  # type: ignore[arg-type]
