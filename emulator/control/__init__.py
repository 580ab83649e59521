"""The emulated control plane (served under ``/api``)."""

from __future__ import annotations

from starlette.routing import BaseRoute

from emulator.control.access_routes import access_routes
from emulator.control.admin_routes import admin_routes
from emulator.control.platform_routes import platform_routes
from emulator.control.sandbox_routes import sandbox_routes
from emulator.control.snapshots import snapshot_routes
from emulator.control.volumes import volume_routes


def control_routes() -> list[BaseRoute]:
    """Every control-plane route, relative to ``/api``. Fixed paths come before templated ones."""
    return [
        *admin_routes(),
        *platform_routes(),
        *access_routes(),
        *sandbox_routes(),
        *snapshot_routes(),
        *volume_routes(),
    ]
