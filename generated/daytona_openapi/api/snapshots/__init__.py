"""Contains the operations of this tag; each operation module is imported on first use (PEP 562)."""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import (
        activate_snapshot,
        create_snapshot,
        deactivate_snapshot,
        delete_snapshot,
        get_snapshot,
        get_snapshot_build_logs,
        get_snapshot_build_logs_url,
        list_snapshots,
    )

_OPERATIONS = frozenset(
    {
        "list_snapshots",
        "create_snapshot",
        "get_snapshot",
        "delete_snapshot",
        "activate_snapshot",
        "get_snapshot_build_logs",
        "get_snapshot_build_logs_url",
        "deactivate_snapshot",
    }
)


def __getattr__(name: str) -> Any:
    if name not in _OPERATIONS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return import_module(f"{__name__}.{name}")
