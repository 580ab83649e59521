"""Contains the operations of this tag; each operation module is imported on first use (PEP 562)."""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import (
        interpreter_create_context,
        interpreter_delete_context,
        interpreter_execute,
        interpreter_list_contexts,
    )

_OPERATIONS = frozenset(
    {
        "interpreter_list_contexts",
        "interpreter_create_context",
        "interpreter_delete_context",
        "interpreter_execute",
    }
)


def __getattr__(name: str) -> Any:
    if name not in _OPERATIONS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return import_module(f"{__name__}.{name}")
