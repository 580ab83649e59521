"""Organization-level services reached from ``AsyncDaytona``: ``daytona.volume`` and ``daytona.snapshot``.

The submodules import the generated client only when a call is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .snapshot import AsyncSnapshotService, PaginatedSnapshots, Snapshot
    from .volume import AsyncVolumeService, Volume

__all__ = ["AsyncSnapshotService", "AsyncVolumeService", "PaginatedSnapshots", "Snapshot", "Volume"]

_LAZY = {
    "AsyncSnapshotService": ".snapshot",
    "PaginatedSnapshots": ".snapshot",
    "Snapshot": ".snapshot",
    "AsyncVolumeService": ".volume",
    "Volume": ".volume",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value
