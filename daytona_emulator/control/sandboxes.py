"""Sandbox lifecycle: the state machine and every operation that changes a sandbox after its creation.

Follows ``apps/api/src/sandbox/services/sandbox.service.ts`` rule by rule. A record keeps the entity's
stored ``state`` and ``desiredState``; ``pending`` follows from them as the entity's invariants keep it,
and answers show the state ``SandboxDto`` derives (``started`` + desired ``stopped`` is ``stopping``...).
The emulated runner moves the stored state along timelines (:mod:`daytona_emulator.control.timeline`).
Creation lives in :mod:`daytona_emulator.control.sandbox_create`, copies in :mod:`daytona_emulator.control.copies`.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from daytona_emulator.control import http as h
from daytona_emulator.control import validation as v
from daytona_emulator.control.copies import SandboxCopies
from daytona_emulator.control.records import ERROR_STATES, RUNNER_ID, SandboxRecord, new_preview_token
from daytona_emulator.control.sandbox_create import SandboxCreation
from daytona_emulator.control.sandbox_rules import (
    assert_not_errored,
    auto_stop,
    int_column,
    int_or_float,
    is_ephemeral,
    soft_delete_name,
    validate_domain_allow_list,
    validate_network_allow_list,
)
from daytona_emulator.errors import (
    EmulatorHTTPError,
    bad_request,
    not_found,
    state_change_in_progress,
    unprocessable,
)

if TYPE_CHECKING:
    from daytona_emulator.state import EmulatorState

DAEMON_VERSION = "v0.190.0"
VM_CLASSES = ("linux-vm", "windows")


class SandboxService(SandboxCreation, SandboxCopies):
    def __init__(self, state: EmulatorState) -> None:
        self.state = state
        # Destroyed sandboxes: the service keeps their rows, look-ups skip them.
        self.graveyard: dict[str, SandboxRecord] = {}
        # Image builds that finished: a sandbox built from the same snapshotRef skips the build.
        self.built_refs: set[str] = set()
        self._waiters: dict[str, list[Callable[[], None]]] = {}

    # ---- look-ups ---------------------------------------------------------------------------------

    def find(self, id_or_name: str) -> SandboxRecord:
        """``findOneByIdOrName``: by ID, then by name, skipping destroyed and errored-then-deleted ones."""
        with self.state.lock:
            self.state.advance_all()
            found = self.state.sandboxes.get(id_or_name)
            if found is None or not found.visible:
                found = next((s for s in self.state.sandboxes.values() if s.name == id_or_name and s.visible), None)
            if found is None:
                raise not_found(f"Sandbox with ID or name {id_or_name}")
            return found

    def exists_for_guard(self, id_or_name: str) -> bool:
        """``SandboxAccessGuard``: any row with that ID (even destroyed), or a live one with that name."""
        with self.state.lock:
            self.state.advance_all()
            if id_or_name in self.state.sandboxes or id_or_name in self.graveyard:
                return True
            return any(s.name == id_or_name for s in self.state.sandboxes.values())

    def guard(self, id_or_name: str) -> None:
        """404 ``Sandbox with ID or name X not found`` unless :meth:`exists_for_guard`."""
        if not self.exists_for_guard(id_or_name):
            raise not_found(f"Sandbox with ID or name {id_or_name}")

    def find_by_id(self, sandbox_id: str) -> SandboxRecord:
        """``findOne``: by ID only, 404 ``Sandbox with ID X not found``."""
        with self.state.lock:
            self.state.advance_all()
            found = self.state.sandboxes.get(sandbox_id)
            if found is None or not found.visible:
                raise not_found(f"Sandbox with ID {sandbox_id}")
            return found

    # ---- state change notifications and the controller's wait -------------------------------------

    def _watch(self, rec: SandboxRecord) -> None:
        rec.timeline.on_change = lambda previous, new: self._on_change(rec, previous, new)

    def _on_change(self, rec: SandboxRecord, previous: str, new: str) -> None:
        rec.last_activity_at = h.utcnow()
        if new in ("archived", "destroyed", "pending_build"):
            rec.runner_id = None
        elif rec.runner_id is None and new not in ("archived", "destroyed"):
            rec.runner_id = RUNNER_ID
        if new in ("creating", "started") and rec.daemon_version is None:
            rec.daemon_version = DAEMON_VERSION
        if new == "stopped":
            rec.backup.cancel()
            rec.backup.set("None")
        self.state.on_sandbox_state(rec, previous, new)
        self.state.notifications.sandbox_state(rec, previous, new)
        for wake in list(self._waiters.get(rec.id, ())):
            wake()

    def desire(self, rec: SandboxRecord, desired: str) -> None:
        """Change the desired state (``sandbox.desired-state.updated`` when it changes)."""
        previous, rec.desired_state = rec.desired_state, desired
        if previous != desired:
            self.state.notifications.sandbox_desired_state(rec, previous, desired)

    def inserted(self, rec: SandboxRecord) -> None:
        """A new sandbox row: ``sandbox.created``, then what its listeners do (its volumes' ``lastUsedAt``)."""
        self.state.notifications.sandbox_created(rec)
        self.state.volume_service.sandbox_created(rec)

    async def wait_until_started(self, rec: SandboxRecord, timeout: float | None = None) -> None:
        """The controller's ``waitForSandboxStarted``: until the sandbox is ``started`` (or ``timeout``,
        30 s by default, passes); 400 ``Sandbox failed to start: <reason>`` if it errors meanwhile.

        Woken by the sandbox's state changes, not by polling.
        """
        loop = asyncio.get_running_loop()
        event = asyncio.Event()

        def wake() -> None:
            loop.call_soon_threadsafe(event.set)

        limit = self.state.settings.start_wait_seconds if timeout is None else timeout
        deadline = loop.time() + limit
        self._waiters.setdefault(rec.id, []).append(wake)
        try:
            while True:
                event.clear()
                with self.state.lock:
                    self.state.advance_all()
                    if rec.state == "started":
                        return
                    if rec.state in ERROR_STATES:
                        reason = "null" if rec.error_reason is None else rec.error_reason
                        raise bad_request(f"Sandbox failed to start: {reason}")
                remaining = deadline - loop.time()
                if remaining <= 0:
                    return
                try:
                    await asyncio.wait_for(event.wait(), remaining)
                except TimeoutError:
                    return
        finally:
            waiters = self._waiters.get(rec.id, [])
            if wake in waiters:
                waiters.remove(wake)
            if not waiters:
                self._waiters.pop(rec.id, None)

    # ---- lifecycle operations ---------------------------------------------------------------------

    def start(self, rec: SandboxRecord) -> SandboxRecord:
        """``start``: a stopped, archived(-ing) or paused sandbox is asked to run again."""
        with self.state.lock:
            self.state.advance_all()
            state, desired = rec.state, rec.desired_state
            if state == "started" and desired == "started":
                return rec
            assert_not_errored(rec)
            if state != desired and not (desired == "archived" and state in ("stopped", "archiving")):
                raise state_change_in_progress()
            if state not in ("stopped", "archived", "archiving", "paused"):
                raise bad_request("Sandbox is not in valid state")
            if rec.pending:
                raise state_change_in_progress()
            if state == "paused" and rec.sandbox_class not in VM_CLASSES:
                raise unprocessable("Resuming is not supported for this sandbox")
            self.check_per_sandbox_limits(rec.cpu, rec.memory, rec.disk)
            rec.touch()
            self.desire(rec, "started")
            if state == "paused":
                rec.timeline.plan("paused", (self.delay, "resuming"), (self.delay, "started"))
                return rec
            rec.preview_token = new_preview_token()
            if state == "stopped":
                rec.timeline.plan("stopped", (self.delay, "starting"), (self.delay, "started"))
            elif state == "archived":
                rec.timeline.plan("archived", (self.delay, "restoring"), (self.delay, "started"))
            else:
                rec.timeline.plan("archiving", (self.delay, "starting"), (self.delay, "started"))
            return rec

    def stop(self, rec: SandboxRecord, force: bool = False) -> SandboxRecord:
        """``stop``: a started or paused sandbox stops; an ephemeral one is deleted instead."""
        with self.state.lock:
            self.state.advance_all()
            assert_not_errored(rec)
            if rec.state != rec.desired_state:
                raise state_change_in_progress()
            if rec.state not in ("started", "paused"):
                raise bad_request("Sandbox is not in a stoppable state")
            if rec.pending:
                raise state_change_in_progress()
            if is_ephemeral(rec.auto_delete_interval):
                return self._soft_delete(rec)
            rec.touch()
            self.desire(rec, "stopped")
            rec.timeline.plan(
                rec.state, (0.0 if force else self.delay, "stopping"), (0.0 if force else self.delay, "stopped")
            )
            return rec

    def archive(self, rec: SandboxRecord) -> SandboxRecord:
        """``archive``: only a stopped sandbox, and not an ephemeral one."""
        with self.state.lock:
            self.state.advance_all()
            assert_not_errored(rec)
            if rec.state != rec.desired_state:
                raise state_change_in_progress()
            if rec.state != "stopped":
                raise bad_request("Sandbox is not stopped")
            if rec.pending:
                raise state_change_in_progress()
            if is_ephemeral(rec.auto_delete_interval):
                raise bad_request("Ephemeral sandboxes cannot be archived")
            rec.touch()
            with self.state.notifications.update(rec):  # state ARCHIVING and desired ARCHIVED in one update
                self.desire(rec, "archived")
                rec.timeline.plan("archiving")
            rec.timeline.plan("archiving", (self.delay, "archived"))
            return rec

    def pause(self, rec: SandboxRecord) -> SandboxRecord:
        """``pause``: VM sandboxes only (422 for containers)."""
        with self.state.lock:
            self.state.advance_all()
            if rec.state != "started":
                raise bad_request("Sandbox must be in started state to pause")
            if rec.pending:
                raise state_change_in_progress()
            if rec.sandbox_class not in VM_CLASSES:
                raise unprocessable("Pausing is not supported for this sandbox")
            rec.touch()
            with self.state.notifications.update(rec):  # state PAUSING and desired PAUSED in one update
                self.desire(rec, "paused")
                rec.timeline.plan("pausing")
            rec.timeline.plan("pausing", (self.delay, "paused"))
            return rec

    def delete(self, rec: SandboxRecord) -> SandboxRecord:
        """``destroy``: refused while a state change is under way (but a pending build may be dropped)."""
        with self.state.lock:
            self.state.advance_all()
            if rec.pending and rec.state != "pending_build":
                raise state_change_in_progress()
            children = [s for s in self.state.sandboxes.values() if s.parent_id == rec.id]
            if any(child.desired_state != "destroyed" for child in children):
                raise bad_request(
                    "Cannot delete sandbox which has active fork children. The forks must be deleted first."
                )
            return self._soft_delete(rec)

    def _soft_delete(self, rec: SandboxRecord) -> SandboxRecord:
        rec.name = soft_delete_name(rec.name)
        rec.backup.cancel()
        rec.backup.set("None")
        rec.touch()
        self.desire(rec, "destroyed")
        if rec.build_log is not None:
            rec.build_log.cut()
        remove = (self.delay, "destroyed", lambda: self._remove(rec))
        if rec.state in ("archived", "pending_build"):
            rec.timeline.plan(rec.state, remove)  # no runner: straight to destroyed
        elif rec.state in ("started", "stopped"):
            rec.timeline.plan("destroying", remove)  # what the answer shows for these anyway
        else:
            rec.timeline.plan(rec.state, (self.delay, "destroying"), remove)
        for follower in list(self.state.sandboxes.values()):
            if follower.linked_sandbox_id == rec.id and follower.desired_state != "destroyed":
                try:
                    self.delete(follower)
                except EmulatorHTTPError:
                    pass
        return rec

    def _remove(self, rec: SandboxRecord) -> None:
        state = self.state
        state.sandboxes.pop(rec.id, None)
        self.graveyard[rec.id] = rec
        workspace = state.workspaces.pop(rec.id, None)
        state.spawn(_dispose(workspace, state.sandbox_root(rec.id)))

    def recover(self, rec: SandboxRecord, skip_start: bool = False) -> SandboxRecord:
        """``recover`` in place (as a Docker runner does): the sandbox is stopped, then started unless
        ``skipStart``."""
        with self.state.lock:
            self.state.advance_all()
            if not rec.recoverable:
                raise bad_request("Sandbox is not in a recoverable state")
            if rec.state != "error":
                raise bad_request("Sandbox must be in error state to recover")
            rec.error_reason, rec.recoverable = None, False
            rec.backup.set("None")
            rec.touch()
            with self.state.notifications.update(rec):  # state and desired state STOPPED in one update
                self.desire(rec, "stopped")
                rec.timeline.plan("stopped")
            if skip_start:
                return rec
            return self.start(rec)

    def force_error(self, rec: SandboxRecord, reason: str, recoverable: bool = True) -> SandboxRecord:
        """Test hook: the runner reports the sandbox in error (``updateState``)."""
        with self.state.lock:
            rec.timeline.cancel()
            if rec.build_log is not None:
                rec.build_log.cut()
            rec.error_reason, rec.recoverable = reason, recoverable
            rec.touch()
            rec.timeline.set("error")
            return rec

    def validate_resize(self, body: dict[str, Any]) -> None:
        c = v.Checks(body)
        for key in ("cpu", "memory", "disk"):
            c.optional(key, v.minimum(1), v.is_number)
        c.done()

    def resize(self, rec: SandboxRecord, body: dict[str, Any]) -> SandboxRecord:
        """``resize``: hot (started: grow cpu/memory) or cold (stopped: also grow disk). Answers ``resizing``
        and applies the new resources when the runner is done (as a job-based runner does)."""
        cpu, memory, disk = body.get("cpu"), body.get("memory"), body.get("disk")
        with self.state.lock:
            self.state.advance_all()
            state = rec.state
            if state not in ("started", "stopped"):
                raise bad_request("Sandbox must be in started or stopped state to resize")
            if rec.pending:
                raise state_change_in_progress()
            unchanged = "No resource changes specified - sandbox is already at the desired configuration"
            if cpu is None and memory is None and disk is None:
                raise bad_request(unchanged)
            if disk is not None and state != "stopped":
                raise bad_request("Disk resize can only be performed on a stopped sandbox")
            if state == "started":
                if cpu is not None and cpu < rec.cpu:
                    raise bad_request("Sandbox must be in stopped state to decrease the number of CPU cores")
                if memory is not None and memory < rec.memory:
                    raise bad_request("Sandbox must be in stopped state to decrease memory")
            if disk is not None and disk < rec.disk:
                raise bad_request("Sandbox disk size cannot be decreased")
            new = (rec.cpu if cpu is None else cpu, rec.memory if memory is None else memory)
            new_disk = rec.disk if disk is None else disk
            if new == (rec.cpu, rec.memory) and new_disk == rec.disk:
                raise bad_request(unchanged)
            self.check_per_sandbox_limits(new[0], new[1], new_disk)

            def apply() -> None:
                rec.cpu, rec.memory, rec.disk = int_or_float(new[0]), int_or_float(new[1]), int_or_float(new_disk)
                rec.touch()

            rec.touch()
            rec.timeline.plan("resizing", (self.delay, state, apply))
            return rec

    # ---- settings ---------------------------------------------------------------------------------

    def replace_labels(self, rec: SandboxRecord, labels: Any) -> SandboxRecord:
        """``replaceLabels``: the labels become exactly the given ones; answers the sandbox."""
        with self.state.lock:
            if labels is not None:
                rec.labels = labels
            rec.touch()
            return rec

    def set_auto_stop(self, rec: SandboxRecord, minutes: float) -> SandboxRecord:
        with self.state.lock:
            rec.auto_stop_interval = auto_stop(minutes)
            rec.touch()
            return rec

    def set_auto_archive(self, rec: SandboxRecord, minutes: float) -> SandboxRecord:
        with self.state.lock:
            rec.auto_archive_interval = self._auto_archive(minutes)
            rec.touch()
            return rec

    def set_auto_delete(self, rec: SandboxRecord, minutes: float) -> SandboxRecord:
        with self.state.lock:
            if rec.gpu > 0:
                raise bad_request("GPU sandboxes must remain ephemeral")
            rec.auto_delete_interval = int_column(minutes)
            rec.touch()
            return rec

    def validate_network(self, body: dict[str, Any]) -> None:
        c = v.Checks(body)
        c.defined("networkBlockAll", v.is_boolean)
        c.defined("networkAllowList", v.is_string)
        c.defined("domainAllowList", v.is_string)
        c.done()

    def update_network(self, rec: SandboxRecord, body: dict[str, Any]) -> SandboxRecord:
        """``updateNetworkSettings``: an allow list lifts block-all; block-all (or un-blocking) clears it."""
        block_all = body.get("networkBlockAll")
        allow = body.get("networkAllowList")
        domains = body.get("domainAllowList")
        if block_all is None and allow is None and domains is None:
            raise bad_request("At least one of networkBlockAll, networkAllowList or domainAllowList must be provided")
        with self.state.lock:
            if domains is not None:
                rec.domain_allow_list = None if not domains.strip() else validate_domain_allow_list(domains)
            if block_all is not None:
                rec.network_block_all = block_all
                if block_all:
                    rec.network_allow_list = None
            if allow is not None:
                if not allow.strip():
                    rec.network_allow_list = None
                else:
                    rec.network_allow_list = validate_network_allow_list(allow)
                    rec.network_block_all = False
            elif block_all is False:
                rec.network_allow_list = None
            rec.touch()
            return rec

    def set_public(self, rec: SandboxRecord, public: bool) -> SandboxRecord:
        with self.state.lock:
            rec.public = public
            rec.touch()
            return rec

    def refresh_activity(self, rec: SandboxRecord) -> None:
        with self.state.lock:
            rec.last_activity_at = h.utcnow()


async def _dispose(workspace: Any, root: Path) -> None:
    if workspace is not None:
        await workspace.close()
    await asyncio.to_thread(shutil.rmtree, root, True)
