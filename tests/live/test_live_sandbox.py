"""``AsyncSandbox`` against the in-process emulator: every public method, what it sends and returns."""

from __future__ import annotations

from typing import Any

import pytest
from _live_support import Journal, Sent, config_for
from _offline import CannedApi, offline_client

from daytona_emulator.server import RunningEmulator
from facade import (
    AsyncDaytona,
    AsyncSandbox,
    CodeLanguage,
    CreateSandboxFromSnapshotParams,
    DaytonaAuthorizationError,
    DaytonaError,
    DaytonaNotFoundError,
    DaytonaStateError,
    DaytonaTimeoutError,
    DaytonaValidationError,
    LspLanguageId,
    PortPreviewUrl,
    Resources,
    SandboxState,
    SignedPortPreviewUrl,
    SshAccessDto,
)
from facade._interpreter import AsyncCodeInterpreter
from facade._polling import FakeClock
from facade._process import AsyncProcess
from facade._toolbox import AsyncComputerUse, AsyncGit, AsyncLspServer
from facade._transfer import AsyncFileSystem

# ----------------------------------------------------------------------------------------- data


async def test_refresh_data_fills_the_fields_a_list_item_lacks(
    daytona: AsyncDaytona, sandbox: AsyncSandbox, sent: Sent
) -> None:
    (listed,) = [s async for s in daytona.list() if s.id == sandbox.id]
    assert listed.env is None and listed.volumes is None and listed.network_block_all is None
    assert listed.state == SandboxState.STARTED and listed.labels == sandbox.labels
    await listed.refresh_data()
    assert listed.env == {} and listed.volumes == [] and listed.network_block_all is False
    assert sent.matching("GET", f"/api/sandbox/{sandbox.id}")


async def test_refresh_data_of_a_deleted_sandbox_raises_not_found(
    sandbox: AsyncSandbox, emulator: RunningEmulator
) -> None:
    emulator.state.sandboxes.pop(sandbox.id)
    with pytest.raises(DaytonaNotFoundError) as info:
        await sandbox.refresh_data()
    assert str(info.value).startswith("Failed to refresh sandbox data: ")


async def test_repr_shows_id_name_state_and_no_secrets(sandbox: AsyncSandbox) -> None:
    text = repr(sandbox)
    assert text == f"AsyncSandbox(id={sandbox.id!r}, name={sandbox.name!r}, state='started')"
    link = await sandbox.get_preview_link(3000)
    assert link.token not in repr(link)


async def test_home_and_work_dir_come_from_the_toolbox(sandbox: AsyncSandbox, journal: Journal) -> None:
    assert await sandbox.get_user_home_dir() == "/home/daytona"
    assert (await sandbox.get_work_dir()).startswith("/")
    assert journal.matching("GET", f"/toolbox/{sandbox.id}/user-home-dir")
    assert journal.matching("GET", f"/toolbox/{sandbox.id}/work-dir")
    with pytest.warns(DeprecationWarning):
        assert await sandbox.get_user_root_dir() == "/home/daytona"


async def test_toolbox_services_are_built_once_with_the_sandbox_language(daytona: AsyncDaytona) -> None:
    sandbox = await daytona.create(CreateSandboxFromSnapshotParams(language="javascript"))
    try:
        assert isinstance(sandbox.fs, AsyncFileSystem) and sandbox.fs is sandbox.fs
        assert isinstance(sandbox.git, AsyncGit) and sandbox.git is sandbox.git
        assert isinstance(sandbox.process, AsyncProcess) and sandbox.process is sandbox.process
        assert isinstance(sandbox.computer_use, AsyncComputerUse)
        assert isinstance(sandbox.code_interpreter, AsyncCodeInterpreter)
        assert sandbox.language == CodeLanguage.JAVASCRIPT
        fetched = await daytona.get(sandbox.id)
        assert fetched.language == CodeLanguage.JAVASCRIPT
    finally:
        await sandbox.delete()


async def test_language_label_missing_or_unknown_means_python(daytona: AsyncDaytona, sandbox: AsyncSandbox) -> None:
    await sandbox.set_labels({})
    assert (await daytona.get(sandbox.id)).language == CodeLanguage.PYTHON
    await sandbox.set_labels({"code-toolbox-language": "cobol"})
    assert (await daytona.get(sandbox.id)).language == CodeLanguage.PYTHON


async def test_create_lsp_server_is_a_local_factory(sandbox: AsyncSandbox, journal: Journal) -> None:
    server = sandbox.create_lsp_server(LspLanguageId.PYTHON, "project")
    assert isinstance(server, AsyncLspServer)
    assert sandbox.create_lsp_server("typescript", "/home/daytona/web") is not server
    assert journal.entries() == []


# --------------------------------------------------------------------------------------- labels


async def test_set_labels_replaces_all_labels(sandbox: AsyncSandbox, sent: Sent, emulator: RunningEmulator) -> None:
    labels = {"code-toolbox-language": "python", "env": "dev"}
    result = await sandbox.set_labels(labels)
    assert sent.one("PUT", f"/sandbox/{sandbox.id}/labels").body == {"labels": labels}
    assert result == labels and sandbox.labels == labels
    assert emulator.state.sandboxes[sandbox.id].labels == labels
    result["env"] = "changed"
    assert sandbox.labels["env"] == "dev"  # the returned dict is a copy


async def test_set_labels_rejects_non_string_values_before_sending() -> None:
    api = CannedApi()
    async with offline_client(api) as client:
        sandbox = await client.get("sb-1")
        with pytest.raises(TypeError):
            await sandbox.set_labels({"n": 1})  # type: ignore[dict-item]
        with pytest.raises(TypeError):
            await sandbox.set_labels(["a"])  # type: ignore[arg-type]
    assert api.unexpected == []


# -------------------------------------------------------------------------------------- lifecycle


async def test_stop_with_force_sends_force_true_and_waits_for_stopped(
    sandbox: AsyncSandbox, journal: Journal, emulator: RunningEmulator
) -> None:
    await sandbox.stop(force=True)
    (stop,) = journal.matching("POST", f"/sandbox/{sandbox.id}/stop")
    assert stop.query == "force=true"
    assert sandbox.state == SandboxState.STOPPED
    assert emulator.state.sandboxes[sandbox.id].state == "stopped"


async def test_stop_of_an_ephemeral_sandbox_counts_destroyed_as_stopped(daytona: AsyncDaytona, sent: Sent) -> None:
    sandbox = await daytona.create(CreateSandboxFromSnapshotParams(ephemeral=True))
    assert sent.one("POST", "/api/sandbox").body["autoDeleteInterval"] == 0
    await sandbox.stop()
    assert sandbox.state in (SandboxState.STOPPED, SandboxState.DESTROYED)
    await sandbox.wait_for_sandbox_stop(timeout=60)


async def test_start_recover_and_error_states(
    daytona: AsyncDaytona, sandbox: AsyncSandbox, emulator: RunningEmulator, journal: Journal
) -> None:
    emulator.state.force_error(sandbox.id, "disk on fire", True)
    with pytest.raises(DaytonaStateError) as info:
        await sandbox.wait_for_sandbox_start(timeout=60)
    assert info.value.state == "error" and info.value.error_reason == "disk on fire"
    assert sandbox.state == SandboxState.ERROR and sandbox.recoverable is True
    with pytest.raises(DaytonaValidationError) as refused:  # a SandboxError: 400, not a conflict
        await sandbox.start()
    assert refused.value.status_code == 400
    assert str(refused.value) == "Failed to start sandbox: Sandbox is in an errored state"
    await sandbox.recover()
    assert journal.matching("POST", f"/sandbox/{sandbox.id}/recover")
    assert sandbox.state == SandboxState.STARTED and sandbox.error_reason is None


async def test_start_waits_for_started(sandbox: AsyncSandbox, emulator: RunningEmulator, slow_transitions: Any) -> None:
    await sandbox.stop()
    slow_transitions(0.3)
    await sandbox.start(timeout=60)
    assert sandbox.state == SandboxState.STARTED
    assert emulator.state.sandboxes[sandbox.id].state == "started"


async def test_stop_times_out_naming_the_last_state(sandbox: AsyncSandbox, slow_transitions: Any) -> None:
    slow_transitions(60.0)  # the timeout covers the POST too: ample time for it on a busy machine
    with pytest.raises(DaytonaTimeoutError) as info:
        await sandbox.stop(timeout=3)
    assert info.value.last_state == "stopping"
    assert "stopping" in str(info.value)


async def test_negative_timeouts_send_nothing() -> None:
    api = CannedApi()
    async with offline_client(api) as client:
        sandbox = await client.get("sb-1")
        gets = api.gets
        for call in (
            sandbox.start,
            sandbox.stop,
            sandbox.delete,
            sandbox.recover,
            sandbox.wait_for_sandbox_start,
            sandbox.wait_for_sandbox_stop,
            sandbox.wait_for_resize_complete,
        ):
            with pytest.raises(DaytonaValidationError):
                await call(timeout=-1)
        with pytest.raises(DaytonaValidationError):
            await sandbox.resize(Resources(cpu=4), timeout=-1)
        with pytest.raises(TypeError):
            await sandbox.stop(force="yes")  # type: ignore[arg-type]
    assert api.unexpected == [] and api.gets == gets


async def test_waits_use_the_injected_clock_and_do_not_really_sleep() -> None:
    api = CannedApi(states=["stopping"] * 6 + ["stopped"])  # get() takes the first
    clock = FakeClock()
    async with offline_client(api, clock) as client:
        sandbox = await client.get("sb-1")
        await sandbox.wait_for_sandbox_stop(timeout=60)
    assert sandbox.state == SandboxState.STOPPED
    assert len(clock.sleeps) == 5 and all(0 < pause <= 1.0 for pause in clock.sleeps)


async def test_wait_for_stop_treats_not_found_as_destroyed(sandbox: AsyncSandbox, emulator: RunningEmulator) -> None:
    emulator.state.sandboxes.pop(sandbox.id)
    await sandbox.wait_for_sandbox_stop(timeout=60)
    assert sandbox.state == SandboxState.DESTROYED


async def test_delete_waits_until_gone(sandbox: AsyncSandbox, journal: Journal, emulator: RunningEmulator) -> None:
    await sandbox.delete()
    assert journal.matching("DELETE", f"/api/sandbox/{sandbox.id}")
    assert sandbox.state == SandboxState.DESTROYED
    assert sandbox.id not in emulator.state.sandboxes
    with pytest.raises(DaytonaNotFoundError) as info:
        await sandbox.delete()
    assert str(info.value).startswith("Failed to remove sandbox: ")


async def test_archive_a_stopped_sandbox(sandbox: AsyncSandbox, journal: Journal, emulator: RunningEmulator) -> None:
    with pytest.raises(DaytonaValidationError):
        await sandbox.archive()  # a started sandbox cannot be archived (a SandboxError: 400)
    await sandbox.stop()
    await sandbox.archive()
    assert journal.matching("POST", f"/sandbox/{sandbox.id}/archive")
    assert sandbox.state in (SandboxState.ARCHIVING, SandboxState.ARCHIVED)
    assert emulator.state.sandboxes[sandbox.id].desired_state == "archived"


# ------------------------------------------------------------------------------------- intervals


async def test_intervals_are_sent_in_the_path(
    sandbox: AsyncSandbox, journal: Journal, emulator: RunningEmulator
) -> None:
    await sandbox.set_autostop_interval(30)
    await sandbox.set_auto_archive_interval(60)
    await sandbox.set_auto_delete_interval(-1)
    for path in ("/autostop/30", "/autoarchive/60", "/autodelete/-1"):
        assert journal.matching("POST", f"/sandbox/{sandbox.id}{path}")
    assert (sandbox.auto_stop_interval, sandbox.auto_archive_interval, sandbox.auto_delete_interval) == (30, 60, -1)
    record = emulator.state.sandboxes[sandbox.id]
    assert (record.auto_stop_interval, record.auto_archive_interval, record.auto_delete_interval) == (30, 60, -1)


async def test_negative_or_non_integer_intervals_send_nothing() -> None:
    api = CannedApi()
    async with offline_client(api) as client:
        sandbox = await client.get("sb-1")
        with pytest.raises(DaytonaValidationError):
            await sandbox.set_autostop_interval(-1)
        with pytest.raises(DaytonaValidationError):
            await sandbox.set_auto_archive_interval(-5)
        with pytest.raises(TypeError):
            await sandbox.set_auto_delete_interval(1.5)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            await sandbox.set_autostop_interval(True)
    assert api.unexpected == []


# --------------------------------------------------------------------------------------- network


async def test_update_network_settings(sandbox: AsyncSandbox, sent: Sent, emulator: RunningEmulator) -> None:
    await sandbox.update_network_settings(network_block_all=True)
    assert sent.matching("POST", "/network-settings")[-1].body == {"networkBlockAll": True}
    assert sandbox.network_block_all is True
    await sandbox.update_network_settings(network_allow_list="10.0.0.0/8,192.168.0.0/16")
    assert sent.matching("POST", "/network-settings")[-1].body == {"networkAllowList": "10.0.0.0/8,192.168.0.0/16"}
    assert emulator.state.sandboxes[sandbox.id].network_allow_list == "10.0.0.0/8,192.168.0.0/16"
    assert sandbox.network_allow_list == "10.0.0.0/8,192.168.0.0/16"


async def test_update_network_settings_needs_an_argument() -> None:
    api = CannedApi()
    async with offline_client(api) as client:
        sandbox = await client.get("sb-1")
        with pytest.raises(DaytonaValidationError):
            await sandbox.update_network_settings()
        with pytest.raises(TypeError):
            await sandbox.update_network_settings(network_block_all="yes")  # type: ignore[arg-type]
    assert api.unexpected == []


# --------------------------------------------------------------------------------------- previews


async def test_preview_links(sandbox: AsyncSandbox, sent: Sent, emulator: RunningEmulator) -> None:
    link = await sandbox.get_preview_link(3000)
    assert isinstance(link, PortPreviewUrl)
    assert link.sandbox_id == sandbox.id and "3000" in link.url and link.token
    sent.one("GET", f"/sandbox/{sandbox.id}/ports/3000/preview-url")

    signed = await sandbox.create_signed_preview_url(8080, expires_in_seconds=120)
    assert isinstance(signed, SignedPortPreviewUrl) and signed.port == 8080
    assert signed.token not in repr(signed)
    assert sent.one("GET", "/ports/8080/signed-preview-url").query == {"expiresInSeconds": ["120"]}
    assert emulator.state.signed_previews[signed.token].valid()

    await sandbox.expire_signed_preview_url(8080, signed.token)
    sent.one("POST", f"/ports/8080/signed-preview-url/{signed.token}/expire")
    assert not emulator.state.signed_previews[signed.token].valid()


async def test_expire_with_an_unknown_token_is_no_error(sandbox: AsyncSandbox, journal: Journal) -> None:
    await sandbox.expire_signed_preview_url(8080, "secret-token-value")  # the service answers 201 regardless
    assert journal.matching("POST", f"/sandbox/{sandbox.id}/ports/8080/signed-preview-url/secret-token-value/expire")


async def test_expire_errors_do_not_echo_the_token(sandbox: AsyncSandbox, emulator: RunningEmulator) -> None:
    path = f"/api/sandbox/{sandbox.id}/ports/8080/signed-preview-url/secret-token-value/expire"
    emulator.state.faults.add("POST", path, status=404, body={"statusCode": 404, "message": f"Cannot POST {path}"})
    with pytest.raises(DaytonaError) as info:
        await sandbox.expire_signed_preview_url(8080, "secret-token-value")
    assert "secret-token-value" not in str(info.value)


async def test_preview_arguments_are_checked_before_sending() -> None:
    api = CannedApi()
    async with offline_client(api) as client:
        sandbox = await client.get("sb-1")
        for port, error in ((0, DaytonaValidationError), (70000, DaytonaValidationError), ("80", TypeError)):
            with pytest.raises(error):
                await sandbox.get_preview_link(port)  # type: ignore[arg-type]
        with pytest.raises(DaytonaValidationError):
            await sandbox.create_signed_preview_url(80, expires_in_seconds=0)
        with pytest.raises(DaytonaValidationError):
            await sandbox.expire_signed_preview_url(80, "")
    assert api.unexpected == []


# ----------------------------------------------------------------------------------------- resize


async def test_hot_resize_grows_cpu_and_memory(sandbox: AsyncSandbox, sent: Sent, emulator: RunningEmulator) -> None:
    await sandbox.resize(Resources(cpu=2, memory=2))
    assert sent.one("POST", f"/sandbox/{sandbox.id}/resize").body == {"cpu": 2, "memory": 2}
    assert sandbox.state == SandboxState.STARTED
    assert (sandbox.cpu, sandbox.memory) == (2, 2)
    record = emulator.state.sandboxes[sandbox.id]
    assert (record.cpu, record.memory) == (2, 2)


async def test_cold_resize_grows_disk(sandbox: AsyncSandbox, sent: Sent) -> None:
    await sandbox.stop()
    await sandbox.resize(Resources(disk=sandbox.disk + 2))
    assert sent.one("POST", "/resize").body == {"disk": sandbox.disk}
    assert sandbox.state == SandboxState.STOPPED


async def test_resize_rules_are_checked_before_sending() -> None:
    api = CannedApi()  # started, cpu 2, memory 4, disk 10
    async with offline_client(api) as client:
        sandbox = await client.get("sb-1")
        for resources in (
            Resources(),
            Resources(cpu=1),  # hot shrink
            Resources(memory=2),  # hot shrink
            Resources(disk=20),  # disk on a started sandbox
            Resources(disk=5),  # disk shrink
            Resources(gpu=1),
            Resources(cpu=0),
        ):
            with pytest.raises(DaytonaValidationError):
                await sandbox.resize(resources)
        with pytest.raises(TypeError):
            await sandbox.resize("big")  # type: ignore[arg-type]
    stopped_api = CannedApi(states=["stopped"])
    async with offline_client(stopped_api) as client:
        sandbox = await client.get("sb-1")
        with pytest.raises(DaytonaValidationError, match="only grow"):
            await sandbox.resize(Resources(disk=5))
    assert api.unexpected == [] and stopped_api.unexpected == []


async def test_wait_for_resize_complete(sandbox: AsyncSandbox, emulator: RunningEmulator) -> None:
    emulator.state.sandbox_service.resize(emulator.state.sandboxes[sandbox.id], {"cpu": 3})
    await sandbox.refresh_data()
    assert sandbox.state == SandboxState.RESIZING
    await sandbox.wait_for_resize_complete(timeout=60)
    assert sandbox.state == SandboxState.STARTED and sandbox.cpu == 3


# -------------------------------------------------------------------------------------------- ssh


async def test_ssh_access_create_validate_revoke(
    sandbox: AsyncSandbox, journal: Journal, emulator: RunningEmulator
) -> None:
    access = await sandbox.create_ssh_access(expires_in_minutes=30)
    assert isinstance(access, SshAccessDto) and access.sandbox_id == sandbox.id
    assert access.token not in repr(access)
    with pytest.raises(DaytonaAuthorizationError):  # validation is for the SSH gateway's key, not a user's
        await sandbox.validate_ssh_access(access.token)

    gateway_key = emulator.state.settings.ssh_gateway_api_key
    async with AsyncDaytona(config_for(emulator, api_key=gateway_key)) as gateway:
        seen = await gateway.get(sandbox.id)  # the gateway may read a sandbox by its ID
        check = await seen.validate_ssh_access(access.token)
        assert check.valid is True and check.sandbox_id == sandbox.id
        validations = journal.matching("GET", "/sandbox/ssh-access/validate")
        assert validations[-1].query == f"token={access.token}"

        other = await sandbox.create_ssh_access()  # a new access revokes the sandbox's earlier ones
        created = journal.matching("POST", f"/sandbox/{sandbox.id}/ssh-access")
        assert created[0].query == "expiresInMinutes=30" and created[1].query == ""
        assert (await seen.validate_ssh_access(access.token)).valid is False
        assert (await seen.validate_ssh_access(other.token)).valid is True

        await sandbox.revoke_ssh_access(other.token)
        (revoke,) = journal.matching("DELETE", f"/sandbox/{sandbox.id}/ssh-access")
        assert revoke.query == f"token={other.token}"
        assert other.token not in revoke.headers.get("x-daytona-organization-id", "")
        assert (await seen.validate_ssh_access(other.token)).valid is False


async def test_ssh_arguments_are_checked_before_sending() -> None:
    api = CannedApi()
    async with offline_client(api) as client:
        sandbox = await client.get("sb-1")
        with pytest.raises(DaytonaValidationError):
            await sandbox.revoke_ssh_access("")  # an empty token would revoke every token
        with pytest.raises(DaytonaValidationError):
            await sandbox.validate_ssh_access("  ")
        with pytest.raises(DaytonaValidationError):
            await sandbox.create_ssh_access(expires_in_minutes=0)
    assert api.unexpected == []


# --------------------------------------------------------------------------------------- activity


async def test_refresh_activity_updates_last_activity(
    sandbox: AsyncSandbox, journal: Journal, emulator: RunningEmulator
) -> None:
    before = emulator.state.sandboxes[sandbox.id].last_activity_at
    await sandbox.refresh_activity()
    assert journal.matching("POST", f"/sandbox/{sandbox.id}/last-activity")
    assert emulator.state.sandboxes[sandbox.id].last_activity_at > before


# ---- pause, fork and snapshot (the service refuses pause and fork for container sandboxes) -----------------


@pytest.mark.upstream("apps/api/src/sandbox/services/sandbox.service.ts")
async def test_pause_of_a_container_sandbox_is_refused_with_422(sandbox: AsyncSandbox, sent: Sent) -> None:
    with pytest.raises(DaytonaValidationError, match=r"^Failed to pause sandbox: Pausing is not supported") as info:
        await sandbox.pause()
    assert info.value.status_code == 422
    assert len(sent.matching("POST", f"/sandbox/{sandbox.id}/pause")) == 1


@pytest.mark.upstream("apps/api/src/sandbox/services/sandbox.service.ts")
async def test_fork_of_a_container_sandbox_is_refused_with_422(sandbox: AsyncSandbox, sent: Sent) -> None:
    with pytest.raises(DaytonaValidationError, match=r"^Failed to fork sandbox: Forking is not supported") as info:
        await sandbox._experimental_fork("my-fork")
    assert info.value.status_code == 422
    assert sent.one("POST", f"/sandbox/{sandbox.id}/fork").body == {"name": "my-fork"}


async def test_experimental_snapshot_sends_name_without_memory_and_waits(
    daytona: AsyncDaytona, sandbox: AsyncSandbox, sent: Sent
) -> None:
    await sandbox._experimental_create_snapshot("snap-of-a-sandbox")
    assert sent.one("POST", f"/sandbox/{sandbox.id}/snapshot").body == {
        "name": "snap-of-a-sandbox", "includeMemory": False
    }  # fmt: skip
    assert sandbox.state == "started", "the wait ends once the sandbox has left 'snapshotting'"
    assert (await daytona.snapshot.get("snap-of-a-sandbox")).name == "snap-of-a-sandbox"


async def test_experimental_snapshot_and_fork_check_names_before_sending(sandbox: AsyncSandbox, sent: Sent) -> None:
    before = len(sent.requests)
    with pytest.raises(DaytonaValidationError, match=r"^name must not be empty"):
        await sandbox._experimental_create_snapshot(" ")
    with pytest.raises(TypeError, match=r"^name must be a str"):
        await sandbox._experimental_fork(3)  # type: ignore[arg-type]
    assert len(sent.requests) == before, "nothing was sent"
