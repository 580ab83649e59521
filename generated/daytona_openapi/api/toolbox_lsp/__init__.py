"""Contains the operations of this tag; each operation module is imported on first use (PEP 562)."""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import (
        lsp_completions,
        lsp_did_close,
        lsp_did_open,
        lsp_document_symbols,
        lsp_start,
        lsp_stop,
        lsp_workspace_symbols,
    )

_OPERATIONS = frozenset(
    {
        "lsp_completions",
        "lsp_did_close",
        "lsp_did_open",
        "lsp_document_symbols",
        "lsp_start",
        "lsp_stop",
        "lsp_workspace_symbols",
    }
)


def __getattr__(name: str) -> Any:
    if name not in _OPERATIONS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return import_module(f"{__name__}.{name}")
