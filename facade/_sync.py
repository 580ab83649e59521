"""The synchronous client's public classes; built in :mod:`facade._portal`, typed by ``_sync.pyi`` (generated)."""

from ._portal import Daytona, Sandbox

__all__ = ["Daytona", "Sandbox"]
