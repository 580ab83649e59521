"""Contains the operations of this tag; each operation module is imported on first use (PEP 562)."""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import (
        archive_sandbox,
        create_sandbox,
        create_sandbox_backup,
        create_sandbox_snapshot,
        create_ssh_access,
        delete_sandbox,
        expire_signed_port_preview_url,
        fork_sandbox,
        get_port_preview_url,
        get_sandbox,
        get_sandbox_build_logs,
        get_sandbox_build_logs_url,
        get_sandbox_parent,
        get_signed_port_preview_url,
        get_toolbox_proxy_url,
        list_sandbox_ancestors,
        list_sandbox_forks,
        list_sandboxes,
        list_sandboxes_paginated,
        pause_sandbox,
        recover_sandbox,
        refresh_sandbox_activity,
        replace_sandbox_labels,
        resize_sandbox,
        revoke_ssh_access,
        set_auto_archive_interval,
        set_auto_delete_interval,
        set_autostop_interval,
        set_sandbox_public,
        start_sandbox,
        stop_sandbox,
        update_sandbox_network_settings,
        validate_ssh_access,
    )

_OPERATIONS = frozenset(
    {
        "list_sandboxes",
        "create_sandbox",
        "list_sandboxes_paginated",
        "validate_ssh_access",
        "get_sandbox",
        "delete_sandbox",
        "list_sandbox_ancestors",
        "archive_sandbox",
        "set_auto_archive_interval",
        "set_auto_delete_interval",
        "set_autostop_interval",
        "create_sandbox_backup",
        "get_sandbox_build_logs",
        "get_sandbox_build_logs_url",
        "fork_sandbox",
        "list_sandbox_forks",
        "replace_sandbox_labels",
        "update_sandbox_network_settings",
        "get_sandbox_parent",
        "pause_sandbox",
        "get_port_preview_url",
        "get_signed_port_preview_url",
        "expire_signed_port_preview_url",
        "set_sandbox_public",
        "recover_sandbox",
        "resize_sandbox",
        "create_sandbox_snapshot",
        "create_ssh_access",
        "revoke_ssh_access",
        "start_sandbox",
        "stop_sandbox",
        "refresh_sandbox_activity",
        "get_toolbox_proxy_url",
    }
)


def __getattr__(name: str) -> Any:
    if name not in _OPERATIONS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return import_module(f"{__name__}.{name}")
