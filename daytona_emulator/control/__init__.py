"""The emulated control plane (served under ``/api``)."""

from __future__ import annotations

from starlette.routing import BaseRoute

from daytona_emulator.control.access_routes import access_routes
from daytona_emulator.control.admin_routes import admin_routes
from daytona_emulator.control.platform_routes import platform_routes
from daytona_emulator.control.sandbox_routes import sandbox_routes
from daytona_emulator.control.snapshots import snapshot_routes
from daytona_emulator.control.volumes import volume_routes


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
