"""The sandbox lifecycle of the control plane: states, the 400-vs-409 rules, the server-side waits,
deletion, and the settings operations."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import httpx
import pytest

from daytona_emulator.control.records import SandboxRecord
from daytona_emulator.server import RunningEmulator
from tests.fidelity._sandbox_support import (
    cleanup,
    create,
    error,
    finish,
    held,
    in_background,
    started,
    stopped,
    vm_snapshot,
    wait_until,
)
from tests.fidelity.conftest import wait_for_state


@pytest.fixture
def made(api: httpx.Client, emulator: RunningEmulator) -> Iterator[list[str]]:
    """Sandbox IDs a test made; each is finished and deleted afterwards (add children first)."""
    ids: list[str] = []
    yield ids
    cleanup(api, emulator, *ids)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def named(emulator: RunningEmulator, name: str) -> SandboxRecord | None:
    """The emulator's record of the sandbox with that name (read under the state lock)."""
    with emulator.state.lock:
        return next((s for s in emulator.state.sandboxes.values() if s.name == name), None)


def starting(emulator: RunningEmulator, sandbox_id: str) -> bool:
    """Whether a start of the sandbox has been accepted and its transition planned (under the lock)."""
    with emulator.state.lock:
        rec = emulator.state.sandboxes[sandbox_id]
        return rec.desired_state == "started" and rec.timeline.busy


# ---- create and start: the controller's wait --------------------------------------------------------


@pytest.mark.upstream(
    "apps/api/src/sandbox/controllers/sandbox.controller.ts", "apps/api/src/sandbox/dto/sandbox.dto.ts"
)
def test_create_answers_the_sandbox_as_it_was_before_the_wait(api: httpx.Client, made: list[str]) -> None:
    answer = create(api)
    made.append(answer["id"])
    assert (answer["state"], answer["desiredState"]) == ("creating", "started")
    # ...but it answered only once the sandbox was started.
    assert api.get(f"/sandbox/{answer['id']}").json()["state"] == "started"


@pytest.mark.upstream("apps/api/src/sandbox/controllers/sandbox.controller.ts")
def test_create_that_fails_to_start_is_400(api: httpx.Client, emulator: RunningEmulator, made: list[str]) -> None:
    name = unique("doomed")
    with held(emulator):
        pending = in_background(lambda: api.post("/sandbox", json={"name": name}))
        wait_until(lambda: named(emulator, name) is not None, "the sandbox")
    rec = named(emulator, name)
    assert rec is not None
    made.append(rec.id)
    emulator.state.force_error(rec.id, "image pull failed", recoverable=False)
    assert error(pending.result(timeout=60), 400) == "Sandbox failed to start: image pull failed"


@pytest.mark.upstream(
    "apps/api/src/sandbox/controllers/sandbox.controller.ts", "apps/api/src/sandbox/services/sandbox.service.ts"
)
def test_start_waits_and_answers_started(api: httpx.Client, made: list[str]) -> None:
    sandbox = stopped(api)
    made.append(sandbox["id"])
    answer = api.post(f"/sandbox/{sandbox['id']}/start")
    assert answer.status_code == 200
    assert (answer.json()["state"], answer.json()["desiredState"]) == ("started", "started")


@pytest.mark.upstream("apps/api/src/sandbox/services/sandbox.service.ts")
def test_start_of_a_started_sandbox_answers_it_unchanged(api: httpx.Client, made: list[str]) -> None:
    sandbox = started(api)
    made.append(sandbox["id"])
    answer = api.post(f"/sandbox/{sandbox['id']}/start").json()
    assert answer["state"] == "started" and answer["updatedAt"] == sandbox["updatedAt"]


@pytest.mark.upstream(
    "apps/api/src/sandbox/managers/sandbox-actions/sandbox-start.action.ts",
    "apps/api/src/sandbox/controllers/sandbox.controller.ts",
    "apps/api/src/sandbox/services/sandbox.service.ts",
    "apps/api/src/sandbox/dto/sandbox.dto.ts",
    "apps/api/src/sandbox/dto/sandbox-list-item.dto.ts",
)
def test_start_of_an_archived_sandbox_answers_archived_without_waiting(
    api: httpx.Client, emulator: RunningEmulator, made: list[str]
) -> None:
    sandbox = stopped(api, labels={"case": unique("restore")})
    made.append(sandbox["id"])
    assert api.post(f"/sandbox/{sandbox['id']}/archive").json()["state"] == "archiving"
    wait_for_state(api, sandbox["id"], "archived")
    with held(emulator):
        answer = api.post(f"/sandbox/{sandbox['id']}/start").json()
    assert (answer["state"], answer["desiredState"]) == ("archived", "started")
    # The list derives "restoring" for the same record.
    listed = api.get("/sandbox", params={"labels": f'{{"case": "{sandbox["labels"]["case"]}"}}'}).json()["items"]
    assert [item["state"] for item in listed] == ["restoring"]


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/sandbox.service.ts", "apps/api/src/sandbox/entities/sandbox.entity.ts"
)
def test_preview_token_is_32_lowercase_characters_and_rotates_on_every_start(
    api: httpx.Client, made: list[str]
) -> None:
    sandbox = stopped(api)
    made.append(sandbox["id"])
    url = f"/sandbox/{sandbox['id']}/ports/3000/preview-url"
    before = api.get(url).json()["token"]
    assert re.fullmatch(r"[a-z0-9_-]{32}", before)
    api.post(f"/sandbox/{sandbox['id']}/start")
    after = api.get(url).json()["token"]
    assert re.fullmatch(r"[a-z0-9_-]{32}", after) and after != before
    api.post(f"/sandbox/{sandbox['id']}/start")  # already started: nothing changes
    assert api.get(url).json()["token"] == after


# ---- SandboxError (400) versus a state change in progress (409) ----------------------------------------


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/sandbox.service.ts", "apps/api/src/exceptions/sandbox-error.exception.ts"
)
def test_stop_of_a_stopped_sandbox_is_400(api: httpx.Client, made: list[str]) -> None:
    sandbox = stopped(api)
    made.append(sandbox["id"])
    assert error(api.post(f"/sandbox/{sandbox['id']}/stop"), 400) == "Sandbox is not in a stoppable state"


@pytest.mark.upstream(
    "apps/api/src/sandbox/managers/sandbox-actions/sandbox-stop.action.ts",
    "apps/api/src/sandbox/services/sandbox.service.ts",
    "apps/api/src/exceptions/state-change-in-progress.exception.ts",
    "apps/api/src/sandbox/dto/sandbox.dto.ts",
)
def test_a_second_stop_during_a_stop_is_409(api: httpx.Client, emulator: RunningEmulator, made: list[str]) -> None:
    sandbox = started(api)
    made.append(sandbox["id"])
    with held(emulator):
        first = api.post(f"/sandbox/{sandbox['id']}/stop").json()
    assert (first["state"], first["desiredState"]) == ("stopping", "stopped")
    assert error(api.post(f"/sandbox/{sandbox['id']}/stop"), 409) == "Sandbox state change in progress"


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/sandbox.service.ts", "apps/api/src/exceptions/sandbox-error.exception.ts"
)
def test_archive_of_a_started_sandbox_is_400(api: httpx.Client, made: list[str]) -> None:
    sandbox = started(api)
    made.append(sandbox["id"])
    assert error(api.post(f"/sandbox/{sandbox['id']}/archive"), 400) == "Sandbox is not stopped"


@pytest.mark.upstream("apps/api/src/sandbox/services/sandbox.service.ts")
def test_archive_during_archiving_is_409_and_of_an_archived_one_400(
    api: httpx.Client, emulator: RunningEmulator, made: list[str]
) -> None:
    sandbox = stopped(api)
    made.append(sandbox["id"])
    with held(emulator):
        api.post(f"/sandbox/{sandbox['id']}/archive")
    error(api.post(f"/sandbox/{sandbox['id']}/archive"), 409)
    finish(emulator, sandbox["id"])
    assert error(api.post(f"/sandbox/{sandbox['id']}/archive"), 400) == "Sandbox is not stopped"


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/sandbox.service.ts", "apps/api/src/sandbox/utils/ephemeral.util.ts"
)
def test_an_ephemeral_sandbox_cannot_be_backed_up(api: httpx.Client, made: list[str]) -> None:
    sandbox = started(api, autoDeleteInterval=0)
    made.append(sandbox["id"])
    assert error(api.post(f"/sandbox/{sandbox['id']}/backup"), 400) == "Ephemeral sandboxes cannot be backed up"


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/sandbox.service.ts",
    "apps/api/src/sandbox/utils/ephemeral.util.ts",
    "apps/api/src/sandbox/entities/sandbox.entity.ts",
)
def test_stopping_an_ephemeral_sandbox_deletes_it(api: httpx.Client, made: list[str]) -> None:
    name = unique("ephemeral")
    sandbox = started(api, name=name, autoDeleteInterval=0)
    answer = api.post(f"/sandbox/{sandbox['id']}/stop").json()
    assert (answer["state"], answer["desiredState"]) == ("destroying", "destroyed")
    assert answer["name"].startswith(f"DESTROYED_{name}_")
    wait_until(lambda: api.get(f"/sandbox/{sandbox['id']}").status_code == 404, "the sandbox to be gone")


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/sandbox.service.ts", "apps/api/src/exceptions/sandbox-error.exception.ts"
)
def test_start_and_stop_of_an_errored_sandbox_are_400(
    api: httpx.Client, emulator: RunningEmulator, made: list[str]
) -> None:
    sandbox = started(api)
    made.append(sandbox["id"])
    emulator.state.force_error(sandbox["id"], "runner lost", recoverable=False)
    assert error(api.post(f"/sandbox/{sandbox['id']}/start"), 400) == "Sandbox is in an errored state"
    assert error(api.post(f"/sandbox/{sandbox['id']}/stop"), 400) == "Sandbox is in an errored state"
    assert error(api.post(f"/sandbox/{sandbox['id']}/archive"), 400) == "Sandbox is in an errored state"


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/sandbox.service.ts", "apps/api/src/exceptions/state-change-in-progress.exception.ts"
)
def test_start_during_a_start_is_409(api: httpx.Client, emulator: RunningEmulator, made: list[str]) -> None:
    sandbox = stopped(api)
    made.append(sandbox["id"])
    with held(emulator):
        pending = in_background(lambda: api.post(f"/sandbox/{sandbox['id']}/start"))
        wait_until(lambda: starting(emulator, sandbox["id"]), "the start to be planned")
    assert error(api.post(f"/sandbox/{sandbox['id']}/start"), 409) == "Sandbox state change in progress"
    finish(emulator, sandbox["id"])
    assert pending.result(timeout=60).json()["state"] == "started"


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/sandbox.service.ts", "apps/api/src/exceptions/state-change-in-progress.exception.ts"
)
def test_delete_during_a_pending_transition_is_409(
    api: httpx.Client, emulator: RunningEmulator, made: list[str]
) -> None:
    sandbox = started(api)
    made.append(sandbox["id"])
    with held(emulator):
        api.post(f"/sandbox/{sandbox['id']}/stop")
    assert error(api.delete(f"/sandbox/{sandbox['id']}"), 409) == "Sandbox state change in progress"


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/sandbox.service.ts",
    "apps/api/src/sandbox/entities/sandbox.entity.ts",
    "apps/api/src/sandbox/dto/sandbox.dto.ts",
    "apps/api/src/sandbox/managers/sandbox-actions/sandbox-destroy.action.ts",
)
def test_delete_answers_destroying_renames_and_frees_the_name(api: httpx.Client, made: list[str]) -> None:
    name = unique("deleted")
    sandbox = started(api, name=name)
    answer = api.delete(f"/sandbox/{sandbox['id']}")
    assert answer.status_code == 200
    assert (answer.json()["state"], answer.json()["desiredState"]) == ("destroying", "destroyed")
    assert re.fullmatch(rf"DESTROYED_{name}_\d+", answer.json()["name"])
    error(api.get(f"/sandbox/{name}"), 404)  # the name is free at once...
    again = create(api, name=name)  # ...and can be used again
    made.append(again["id"])
    wait_until(lambda: api.get(f"/sandbox/{sandbox['id']}").status_code == 404, "the first one to be destroyed")


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/sandbox.service.ts",
    "apps/api/src/sandbox/adapters/sandbox-typeorm-search.adapter.ts",
)
def test_an_errored_sandbox_disappears_as_soon_as_its_deletion_is_asked(
    api: httpx.Client, emulator: RunningEmulator
) -> None:
    label = unique("errored")
    sandbox = started(api, labels={"case": label})
    emulator.state.force_error(sandbox["id"], "broken", recoverable=False)
    with held(emulator):
        answer = api.delete(f"/sandbox/{sandbox['id']}").json()
    assert (answer["state"], answer["desiredState"]) == ("error", "destroyed")
    error(api.get(f"/sandbox/{sandbox['id']}"), 404)
    query = {"labels": f'{{"case": "{label}"}}'}
    assert api.get("/sandbox", params=query).json()["items"] == []
    listed = api.get("/sandbox", params={**query, "includeErroredDeleted": "true"}).json()["items"]
    assert [item["id"] for item in listed] == [sandbox["id"]]
    finish(emulator, sandbox["id"])


# ---- pause, resume and fork: VM sandboxes only -------------------------------------------------------


@pytest.mark.upstream("apps/api/src/sandbox/services/sandbox.service.ts")
def test_pause_and_fork_of_a_container_sandbox_are_422(api: httpx.Client, made: list[str]) -> None:
    sandbox = started(api)
    made.append(sandbox["id"])
    assert error(api.post(f"/sandbox/{sandbox['id']}/pause"), 422) == "Pausing is not supported for this sandbox"
    assert (
        error(api.post(f"/sandbox/{sandbox['id']}/fork", json={}), 422) == "Forking is not supported for this sandbox"
    )


@pytest.mark.upstream("apps/api/src/sandbox/services/sandbox.service.ts")
def test_pause_checks_the_state_before_the_class(api: httpx.Client, made: list[str]) -> None:
    sandbox = stopped(api)
    made.append(sandbox["id"])
    assert error(api.post(f"/sandbox/{sandbox['id']}/pause"), 400) == "Sandbox must be in started state to pause"


@pytest.mark.upstream(
    "apps/api/src/sandbox/dto/fork-sandbox.dto.ts",
    "apps/api/src/sandbox/services/sandbox.service.ts",
    "apps/api/src/sandbox/controllers/sandbox.controller.ts",
)
def test_a_vm_sandbox_pauses_resumes_and_forks(api: httpx.Client, made: list[str]) -> None:
    sandbox = started(api, snapshot=vm_snapshot(api, "fidelity-vm"))
    made.append(sandbox["id"])
    paused = api.post(f"/sandbox/{sandbox['id']}/pause").json()
    assert (paused["state"], paused["desiredState"]) == ("pausing", "paused")
    wait_for_state(api, sandbox["id"], "paused")
    assert api.post(f"/sandbox/{sandbox['id']}/start").json()["state"] == "started"  # resume waits too

    message = error(api.post(f"/sandbox/{sandbox['id']}/fork", json={"name": "<i>child</i>"}), 400)
    assert message == "name must not contain HTML tags, URLs, or control characters"
    fork = api.post(f"/sandbox/{sandbox['id']}/fork", json={"name": unique("child")})
    assert fork.status_code == 200
    child = fork.json()
    made.insert(0, child["id"])
    assert child["state"] == "creating" and child["sandboxClass"] == "linux-vm"
    wait_for_state(api, child["id"], "started")
    assert [s["id"] for s in api.get(f"/sandbox/{sandbox['id']}/forks").json()] == [child["id"]]
    assert api.get(f"/sandbox/{child['id']}/parent").json()["id"] == sandbox["id"]
    assert [s["id"] for s in api.get(f"/sandbox/{child['id']}/ancestors").json()] == [sandbox["id"]]
    message = error(api.delete(f"/sandbox/{sandbox['id']}"), 400)
    assert message == "Cannot delete sandbox which has active fork children. The forks must be deleted first."
    # A paused sandbox being deleted still shows "paused" (the DTO derives nothing from it).
    api.post(f"/sandbox/{child['id']}/pause")
    wait_for_state(api, child["id"], "paused")
    deleted = api.delete(f"/sandbox/{child['id']}").json()
    assert (deleted["state"], deleted["desiredState"]) == ("paused", "destroyed")


@pytest.mark.upstream("apps/api/src/sandbox/controllers/sandbox.controller.ts")
def test_the_parent_of_a_sandbox_that_is_no_fork_is_404(api: httpx.Client, made: list[str]) -> None:
    sandbox = started(api)
    made.append(sandbox["id"])
    message = error(api.get(f"/sandbox/{sandbox['id']}/parent"), 404)
    assert message == f"Parent sandbox not found for sandbox {sandbox['id']}"
    assert api.get(f"/sandbox/{sandbox['id']}/ancestors").json() == []
    assert api.get(f"/sandbox/{sandbox['id']}/forks").json() == []


# ---- resize -----------------------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/sandbox.service.ts", "apps/api/src/sandbox/dto/resize-sandbox.dto.ts"
)
def test_resize_rules(api: httpx.Client, made: list[str]) -> None:
    sandbox = started(api)
    made.append(sandbox["id"])
    url = f"/sandbox/{sandbox['id']}/resize"
    unchanged = "No resource changes specified - sandbox is already at the desired configuration"
    assert error(api.post(url, json={}), 400) == unchanged
    assert error(api.post(url, json={"cpu": sandbox["cpu"]}), 400) == unchanged
    assert error(api.post(url, json={"cpu": 0}), 400) == "cpu must not be less than 1"
    assert error(api.post(url, json={"disk": 20}), 400) == "Disk resize can only be performed on a stopped sandbox"
    assert error(api.post(url, json={"cpu": 5}), 400).startswith(
        "CPU request 5 exceeds maximum allowed per sandbox (4)."
    )
    answer = api.post(url, json={"cpu": 2, "memory": 2})
    assert answer.status_code == 200 and answer.json()["state"] == "resizing"
    resized = wait_for_state(api, sandbox["id"], "started")
    assert (resized["cpu"], resized["memory"]) == (2, 2)
    assert (
        error(api.post(url, json={"cpu": 1}), 400)
        == "Sandbox must be in stopped state to decrease the number of CPU cores"
    )


@pytest.mark.upstream("apps/api/src/sandbox/services/sandbox.service.ts")
def test_a_stopped_sandbox_resizes_its_disk_upwards_only(api: httpx.Client, made: list[str]) -> None:
    sandbox = stopped(api)
    made.append(sandbox["id"])
    url = f"/sandbox/{sandbox['id']}/resize"
    assert error(api.post(url, json={"disk": 1}), 400) == "Sandbox disk size cannot be decreased"
    api.post(url, json={"disk": sandbox["disk"] + 1, "cpu": 1})
    assert wait_for_state(api, sandbox["id"], "stopped")["disk"] == sandbox["disk"] + 1


# ---- recover, backup, snapshot --------------------------------------------------------------------


@pytest.mark.upstream("apps/api/src/sandbox/services/sandbox.service.ts")
def test_recover_of_a_sandbox_that_is_not_recoverable_is_400(
    api: httpx.Client, emulator: RunningEmulator, made: list[str]
) -> None:
    sandbox = started(api)
    made.append(sandbox["id"])
    assert error(api.post(f"/sandbox/{sandbox['id']}/recover"), 400) == "Sandbox is not in a recoverable state"
    emulator.state.force_error(sandbox["id"], "gone", recoverable=False)
    assert error(api.post(f"/sandbox/{sandbox['id']}/recover"), 400) == "Sandbox is not in a recoverable state"


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/sandbox.service.ts", "apps/api/src/sandbox/controllers/sandbox.controller.ts"
)
def test_recover_waits_for_started_unless_skip_start(
    api: httpx.Client, emulator: RunningEmulator, made: list[str]
) -> None:
    sandbox = started(api)
    made.append(sandbox["id"])
    emulator.state.force_error(sandbox["id"], "disk full", recoverable=True)
    skipped = api.post(f"/sandbox/{sandbox['id']}/recover", params={"skipStart": "true"}).json()
    assert (skipped["state"], skipped["desiredState"], skipped["errorReason"]) == ("stopped", "stopped", None)
    emulator.state.force_error(sandbox["id"], "disk full", recoverable=True)
    recovered = api.post(f"/sandbox/{sandbox['id']}/recover").json()
    assert recovered["state"] == "started" and recovered["recoverable"] is False
    assert error(api.post(f"/sandbox/{sandbox['id']}/recover", params={"skipStart": "yes"}), 400) == (
        "Validation failed (boolean string is expected)"
    )


@pytest.mark.upstream(
    "apps/api/src/sandbox/controllers/sandbox.controller.ts",
    "apps/api/src/sandbox/services/sandbox.service.ts",
    "apps/api/src/sandbox/managers/backup.manager.ts",
)
def test_backup_is_201_with_the_sandbox_as_it_was(api: httpx.Client, made: list[str]) -> None:
    sandbox = started(api)
    made.append(sandbox["id"])
    answer = api.post(f"/sandbox/{sandbox['id']}/backup")
    assert answer.status_code == 201 and answer.json()["backupState"] == "None"
    wait_until(lambda: api.get(f"/sandbox/{sandbox['id']}").json()["backupState"] == "Completed", "the backup")
    assert "backupCreatedAt" in api.get(f"/sandbox/{sandbox['id']}").json()


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/sandbox.service.ts", "apps/api/src/sandbox/dto/create-sandbox-snapshot.dto.ts"
)
def test_snapshot_of_a_sandbox(api: httpx.Client, made: list[str]) -> None:
    sandbox = started(api)
    made.append(sandbox["id"])
    url = f"/sandbox/{sandbox['id']}/snapshot"
    assert error(api.post(url, json={}), 400) == "name must be a string"
    assert error(api.post(url, json={"name": "<b>x</b>"}), 400) == (
        "name must not contain HTML tags, URLs, or control characters"
    )
    message = error(api.post(url, json={"name": unique("mem"), "includeMemory": True}), 400)
    assert message == "includeMemory is only supported for Windows sandboxes"
    name = unique("from-sandbox")
    answer = api.post(url, json={"name": name})
    assert answer.status_code == 200 and answer.json()["state"] == "snapshotting"
    wait_for_state(api, sandbox["id"], "started")
    assert api.get(f"/snapshots/{name}").json()["state"] == "active"


# ---- settings -------------------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/api/src/sandbox/controllers/sandbox.controller.ts", "apps/api/src/sandbox/services/sandbox.service.ts"
)
def test_replacing_labels_answers_the_whole_sandbox(api: httpx.Client, made: list[str]) -> None:
    sandbox = started(api, labels={"a": "1"})
    made.append(sandbox["id"])
    answer = api.put(f"/sandbox/{sandbox['id']}/labels", json={"labels": {"b": "2"}})
    assert answer.status_code == 200
    assert answer.json()["id"] == sandbox["id"] and answer.json()["labels"] == {"b": "2"}
    assert "toolboxProxyUrl" in answer.json()


@pytest.mark.upstream("apps/api/src/sandbox/controllers/sandbox.controller.ts")
def test_public_status_is_201_and_only_true_means_public(api: httpx.Client, made: list[str]) -> None:
    sandbox = started(api)
    made.append(sandbox["id"])
    answer = api.post(f"/sandbox/{sandbox['id']}/public/true")
    assert answer.status_code == 201 and answer.json()["public"] is True
    assert api.post(f"/sandbox/{sandbox['id']}/public/yes").json()["public"] is False


@pytest.mark.upstream(
    "apps/api/src/sandbox/controllers/sandbox.controller.ts",
    "apps/api/src/sandbox/services/sandbox.service.ts",
    "apps/api/src/config/configuration.ts",
)
def test_interval_setters(api: httpx.Client, made: list[str]) -> None:
    sandbox = started(api)
    made.append(sandbox["id"])
    one = f"/sandbox/{sandbox['id']}"
    answer = api.post(f"{one}/autostop/30")
    assert answer.status_code == 201 and answer.json()["autoStopInterval"] == 30
    assert error(api.post(f"{one}/autostop/-1"), 400) == "Auto-stop interval must be non-negative"
    assert error(api.post(f"{one}/autoarchive/-1"), 400) == "Auto-archive interval must be non-negative"
    assert api.post(f"{one}/autoarchive/0").json()["autoArchiveInterval"] == 43200
    assert api.post(f"{one}/autoarchive/99999").json()["autoArchiveInterval"] == 43200
    assert api.post(f"{one}/autodelete/-5").json()["autoDeleteInterval"] == -5
    error(api.post(f"{one}/autostop/abc"), 500)  # NaN reaches the database


@pytest.mark.upstream(
    "apps/api/src/sandbox/dto/update-sandbox-network-settings.dto.ts",
    "apps/api/src/sandbox/services/sandbox.service.ts",
    "apps/api/src/sandbox/controllers/sandbox.controller.ts",
    "apps/api/src/sandbox/utils/network-validation.util.ts",
)
def test_network_settings(api: httpx.Client, made: list[str]) -> None:
    sandbox = started(api)
    made.append(sandbox["id"])
    url = f"/sandbox/{sandbox['id']}/network-settings"
    assert error(api.post(url, json={}), 400) == (
        "At least one of networkBlockAll, networkAllowList or domainAllowList must be provided"
    )
    assert error(api.post(url, json={"networkBlockAll": None}), 400) == "networkBlockAll must be a boolean value"
    listed = api.post(url, json={"networkAllowList": "10.0.0.0/8"}).json()
    assert (listed["networkBlockAll"], listed["networkAllowList"]) == (False, "10.0.0.0/8")
    blocked = api.post(url, json={"networkBlockAll": True}).json()
    assert blocked["networkBlockAll"] is True and blocked["networkAllowList"] is None
    assert error(api.post(url, json={"networkAllowList": "10.0.0.0"}), 400) == (
        'Invalid network format: "10.0.0.0". Missing CIDR prefix length (e.g., /24)'
    )
    assert error(api.post(url, json={"domainAllowList": "not a domain"}), 400) == (
        'Invalid domain: "not a domain". Must be a valid domain name'
    )


@pytest.mark.upstream(
    "apps/api/src/sandbox/controllers/sandbox.controller.ts", "apps/api/src/sandbox/guards/sandbox-access.guard.ts"
)
def test_last_activity_is_201_without_a_body(api: httpx.Client, made: list[str]) -> None:
    sandbox = started(api)
    made.append(sandbox["id"])
    answer = api.post(f"/sandbox/{sandbox['id']}/last-activity")
    assert answer.status_code == 201 and answer.content == b""
    error(api.post("/sandbox/no-such-sandbox/last-activity"), 404)


@pytest.mark.upstream(
    "apps/api/src/sandbox/controllers/sandbox.controller.ts",
    "apps/api/src/sandbox/services/sandbox.service.ts",
    "apps/api/src/sandbox/guards/sandbox-access.guard.ts",
)
def test_toolbox_proxy_url_is_found_by_id_only(api: httpx.Client, made: list[str]) -> None:
    name = unique("by-name")
    sandbox = started(api, name=name)
    made.append(sandbox["id"])
    assert api.get(f"/sandbox/{sandbox['id']}/toolbox-proxy-url").json() == {"url": sandbox["toolboxProxyUrl"]}
    assert error(api.get(f"/sandbox/{name}/toolbox-proxy-url"), 404) == f"Sandbox with ID {name} not found"
    assert error(api.get("/sandbox/nope/toolbox-proxy-url"), 404) == "Sandbox with ID or name nope not found"


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/sandbox.service.ts", "apps/api/src/sandbox/guards/sandbox-access.guard.ts"
)
def test_a_sandbox_is_found_by_id_or_name(api: httpx.Client, made: list[str]) -> None:
    name = unique("named")
    sandbox = started(api, name=name)
    made.append(sandbox["id"])
    assert api.get(f"/sandbox/{name}").json()["id"] == sandbox["id"]
    assert api.get(f"/sandbox/{sandbox['id']}", params={"verbose": "true"}).json()["name"] == name


@pytest.mark.upstream("apps/api/src/sandbox/dto/sandbox.dto.ts", "apps/api/src/sandbox/entities/sandbox.entity.ts")
def test_a_sandbox_answer_has_the_entity_defaults(api: httpx.Client, made: list[str]) -> None:
    sandbox = started(api)
    made.append(sandbox["id"])
    assert sandbox["recoverable"] is False and sandbox["backupState"] == "None"
    assert (sandbox["autoStopInterval"], sandbox["autoArchiveInterval"], sandbox["autoDeleteInterval"]) == (
        15,
        10080,
        -1,
    )
    assert sandbox["user"] == "daytona" and sandbox["public"] is False and sandbox["networkBlockAll"] is False
    assert sandbox["sandboxClass"] == "container" and sandbox["volumes"] == []
    assert "runnerId" in sandbox and "daemonVersion" in sandbox and "lastActivityAt" in sandbox


@pytest.mark.upstream(
    "apps/api/src/sandbox/dto/sandbox.dto.ts",
    "apps/api/src/sandbox/entities/sandbox.entity.ts",
    "apps/api/src/sandbox/dto/sandbox-list-item.dto.ts",
)
def test_unset_nullable_fields_are_null_when_read_back_and_absent_when_just_created(
    api: httpx.Client, made: list[str]
) -> None:
    answer = create(api, labels={"case": unique("nulls")})
    made.append(answer["id"])
    for field in ("errorReason", "networkAllowList", "domainAllowList", "daemonVersion"):
        assert field not in answer  # a new entity: never assigned
    read = wait_for_state(api, answer["id"], "started")
    assert (read["errorReason"], read["networkAllowList"], read["domainAllowList"]) == (None, None, None)
    assert "gpuType" not in read and "linkedSandboxId" not in read and "buildInfo" not in read
    (item,) = api.get("/sandbox", params={"labels": f'{{"case": "{answer["labels"]["case"]}"}}'}).json()["items"]
    assert item["errorReason"] is None
