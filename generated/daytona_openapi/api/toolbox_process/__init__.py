"""Contains the operations of this tag; each operation module is imported on first use (PEP 562)."""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import (
        process_code_run,
        process_create_session,
        process_delete_session,
        process_execute,
        process_get_entrypoint_logs,
        process_get_entrypoint_session,
        process_get_session,
        process_get_session_command,
        process_get_session_command_logs,
        process_list_sessions,
        process_send_session_input,
        process_session_execute,
        pty_connect,
        pty_create_session,
        pty_delete_session,
        pty_get_session,
        pty_list_sessions,
        pty_resize,
    )

_OPERATIONS = frozenset(
    {
        "process_code_run",
        "process_execute",
        "pty_list_sessions",
        "pty_create_session",
        "pty_get_session",
        "pty_delete_session",
        "pty_connect",
        "pty_resize",
        "process_list_sessions",
        "process_create_session",
        "process_get_entrypoint_session",
        "process_get_entrypoint_logs",
        "process_get_session",
        "process_delete_session",
        "process_get_session_command",
        "process_send_session_input",
        "process_get_session_command_logs",
        "process_session_execute",
    }
)


def __getattr__(name: str) -> Any:
    if name not in _OPERATIONS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return import_module(f"{__name__}.{name}")
