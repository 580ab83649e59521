"""Contains the operations of this tag; each operation module is imported on first use (PEP 562)."""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import (
        computer_use_delete_recording,
        computer_use_download_recording,
        computer_use_find_accessibility_nodes,
        computer_use_focus_accessibility_node,
        computer_use_get_accessibility_tree,
        computer_use_get_display_info,
        computer_use_get_mouse_position,
        computer_use_get_process_errors,
        computer_use_get_process_logs,
        computer_use_get_process_status,
        computer_use_get_processes_status,
        computer_use_get_recording,
        computer_use_get_status,
        computer_use_invoke_accessibility_node,
        computer_use_keyboard_hotkey,
        computer_use_keyboard_press,
        computer_use_keyboard_type,
        computer_use_list_recordings,
        computer_use_list_windows,
        computer_use_mouse_click,
        computer_use_mouse_drag,
        computer_use_mouse_move,
        computer_use_mouse_scroll,
        computer_use_restart_process,
        computer_use_set_accessibility_node_value,
        computer_use_start,
        computer_use_start_recording,
        computer_use_stop,
        computer_use_stop_recording,
        computer_use_take_compressed_region_screenshot,
        computer_use_take_compressed_screenshot,
        computer_use_take_region_screenshot,
        computer_use_take_screenshot,
    )

_OPERATIONS = frozenset(
    {
        "computer_use_find_accessibility_nodes",
        "computer_use_focus_accessibility_node",
        "computer_use_invoke_accessibility_node",
        "computer_use_set_accessibility_node_value",
        "computer_use_get_accessibility_tree",
        "computer_use_get_display_info",
        "computer_use_list_windows",
        "computer_use_keyboard_hotkey",
        "computer_use_keyboard_press",
        "computer_use_keyboard_type",
        "computer_use_mouse_click",
        "computer_use_mouse_drag",
        "computer_use_mouse_move",
        "computer_use_get_mouse_position",
        "computer_use_mouse_scroll",
        "computer_use_get_processes_status",
        "computer_use_get_process_errors",
        "computer_use_get_process_logs",
        "computer_use_restart_process",
        "computer_use_get_process_status",
        "computer_use_list_recordings",
        "computer_use_start_recording",
        "computer_use_stop_recording",
        "computer_use_get_recording",
        "computer_use_delete_recording",
        "computer_use_download_recording",
        "computer_use_take_screenshot",
        "computer_use_take_compressed_screenshot",
        "computer_use_take_region_screenshot",
        "computer_use_take_compressed_region_screenshot",
        "computer_use_start",
        "computer_use_get_status",
        "computer_use_stop",
    }
)


def __getattr__(name: str) -> Any:
    if name not in _OPERATIONS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return import_module(f"{__name__}.{name}")
