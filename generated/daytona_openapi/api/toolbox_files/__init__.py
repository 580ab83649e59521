"""Contains the operations of this tag; each operation module is imported on first use (PEP 562)."""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import (
        create_folder,
        delete_file,
        download_file,
        download_files,
        find_in_files,
        get_file_info,
        list_files,
        move_file,
        replace_in_files,
        search_files,
        set_file_permissions,
        upload_file,
        upload_files,
    )

_OPERATIONS = frozenset(
    {
        "list_files",
        "delete_file",
        "download_files",
        "upload_files",
        "download_file",
        "find_in_files",
        "create_folder",
        "get_file_info",
        "move_file",
        "set_file_permissions",
        "replace_in_files",
        "search_files",
        "upload_file",
    }
)


def __getattr__(name: str) -> Any:
    if name not in _OPERATIONS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return import_module(f"{__name__}.{name}")
