"""Contains the operations of this tag; each operation module is imported on first use (PEP 562)."""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import (
        get_sandbox_telemetry_logs,
        get_sandbox_telemetry_metrics,
        get_sandbox_telemetry_trace_spans,
        get_sandbox_telemetry_traces,
    )

_OPERATIONS = frozenset(
    {
        "get_sandbox_telemetry_logs",
        "get_sandbox_telemetry_metrics",
        "get_sandbox_telemetry_traces",
        "get_sandbox_telemetry_trace_spans",
    }
)


def __getattr__(name: str) -> Any:
    if name not in _OPERATIONS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return import_module(f"{__name__}.{name}")
