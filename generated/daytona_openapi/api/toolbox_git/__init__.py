"""Contains the operations of this tag; each operation module is imported on first use (PEP 562)."""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import (
        git_add,
        git_checkout,
        git_clone,
        git_commit,
        git_create_branch,
        git_delete_branch,
        git_history,
        git_list_branches,
        git_pull,
        git_push,
        git_status,
    )

_OPERATIONS = frozenset(
    {
        "git_add",
        "git_list_branches",
        "git_create_branch",
        "git_delete_branch",
        "git_checkout",
        "git_clone",
        "git_commit",
        "git_history",
        "git_pull",
        "git_push",
        "git_status",
    }
)


def __getattr__(name: str) -> Any:
    if name not in _OPERATIONS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return import_module(f"{__name__}.{name}")
