"""Contains the operations of this tag; each operation module is imported on first use (PEP 562)."""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import list_regions, list_shared_regions

_OPERATIONS = frozenset(
    {
        "list_regions",
        "list_shared_regions",
    }
)


def __getattr__(name: str) -> Any:
    if name not in _OPERATIONS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return import_module(f"{__name__}.{name}")
