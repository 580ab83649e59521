"""Code written for the official SDK's control plane runs unchanged on the facade.

One coroutine body (below) uses only names both packages export; it runs once with
``import daytona`` and once with ``import facade`` against the same emulator, and the results are
compared. Only the import line differs.
"""

from __future__ import annotations

import types
import uuid
from typing import Any

import daytona
import pytest

import facade
from daytona_emulator.server import RunningEmulator


async def control_plane_session(sdk: types.ModuleType, api_key: str, api_url: str, tag: str) -> dict[str, Any]:
    """Typical control-plane code, as a user of the official SDK writes it."""
    config = sdk.DaytonaConfig(api_key=api_key, api_url=api_url, target="us")
    async with sdk.AsyncDaytona(config) as client:
        params = sdk.CreateSandboxFromSnapshotParams(
            language="python", labels={"parity": tag}, env_vars={"GREETING": "hi"}, auto_stop_interval=30
        )
        sandbox = await client.create(params, timeout=60)
        fetched = await client.get(sandbox.id)
        listed = [sb.id async for sb in client.list(sdk.ListSandboxesQuery(labels={"parity": tag}, limit=5))]
        labels = await sandbox.set_labels({"parity": tag, "code-toolbox-language": "python", "stage": "two"})
        await sandbox.set_autostop_interval(45)
        await sandbox.set_auto_archive_interval(90)
        await client.stop(sandbox)
        stopped_state = sandbox.state
        await client.start(sandbox)
        started_state = sandbox.state
        home = await sandbox.get_user_home_dir()
        link = await sandbox.get_preview_link(8080)
        ssh = await sandbox.create_ssh_access(expires_in_minutes=10)
        try:  # validation is for the SSH gateway's key: a user's key is refused (403)
            await sandbox.validate_ssh_access(ssh.token)
            user_key_refused = False
        except sdk.DaytonaAuthorizationError:
            user_key_refused = True
        await sandbox.refresh_data()
        result = {
            "created_state": str(getattr(sandbox.state, "value", sandbox.state)),
            "fetched_same": fetched.id == sandbox.id,
            "env": dict(fetched.env or {}),
            "listed": listed == [sandbox.id],
            "labels": dict(labels),
            "auto_stop": sandbox.auto_stop_interval,
            "auto_archive": sandbox.auto_archive_interval,
            "stopped_state": str(getattr(stopped_state, "value", stopped_state)),
            "started_state": str(getattr(started_state, "value", started_state)),
            "home": home,
            "preview_has_port": "8080" in link.url,
            "ssh_user_key_refused": user_key_refused,
            "cpu": sandbox.cpu,
        }
        await client.delete(sandbox)
        return result


@pytest.mark.parametrize("sdk", [daytona, facade], ids=["official", "facade"])
async def test_official_control_plane_code_runs_on_both(sdk: types.ModuleType, emulator: RunningEmulator) -> None:
    result = await control_plane_session(sdk, emulator.api_key, emulator.base_url, uuid.uuid4().hex)
    assert result == {
        "created_state": "started",
        "fetched_same": True,
        "env": {"GREETING": "hi"},
        "listed": True,
        "labels": {"parity": result["labels"]["parity"], "code-toolbox-language": "python", "stage": "two"},
        "auto_stop": 45,
        "auto_archive": 90,
        "stopped_state": "stopped",
        "started_state": "started",
        "home": "/home/daytona",
        "preview_has_port": True,
        "ssh_user_key_refused": True,
        "cpu": 1,
    }


async def test_both_sdks_give_the_same_results(emulator: RunningEmulator) -> None:
    official = await control_plane_session(daytona, emulator.api_key, emulator.base_url, uuid.uuid4().hex)
    ours = await control_plane_session(facade, emulator.api_key, emulator.base_url, uuid.uuid4().hex)
    official.pop("labels")
    ours.pop("labels")
    assert ours == official
