"""Sandbox copies: backups, snapshots of a sandbox, and forks (with their family tree).

Follows ``createBackup``, ``createSnapshotFromSandbox``, ``forkSandbox`` and the fork look-ups of
``apps/api/src/sandbox/services/sandbox.service.ts`` (and ``setBackupPending`` of the backup manager).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from daytona_emulator.control import http as h
from daytona_emulator.control import validation as v
from daytona_emulator.control.records import SandboxRecord, new_id
from daytona_emulator.control.timeline import Timeline
from daytona_emulator.errors import EmulatorHTTPError, bad_request, conflict, state_change_in_progress

if TYPE_CHECKING:
    from daytona_emulator.state import EmulatorState

FORK_CLASSES = ("linux-vm", "windows")
MAX_FORK_CHILDREN = 100
MAX_ANCESTORS = 50


class SandboxCopies:
    """Mixed into ``SandboxService``: operations that copy a sandbox or walk its forks."""

    state: EmulatorState
    graveyard: dict[str, SandboxRecord]

    @property
    def delay(self) -> float:
        return self.state.settings.transition_delay

    def _watch(self, rec: SandboxRecord) -> None:  # provided by SandboxService
        raise NotImplementedError

    def inserted(self, rec: SandboxRecord) -> None:  # provided by SandboxService
        raise NotImplementedError

    def check_per_sandbox_limits(self, cpu: float, memory: float, disk: float) -> None:  # SandboxService
        raise NotImplementedError

    def backup(self, rec: SandboxRecord) -> SandboxRecord:
        """``createBackup``: answers the sandbox as it was; the backup manager then takes the backup
        (``Pending``, ``InProgress``, ``Completed``) if the sandbox is started or stopped and has none yet."""
        with self.state.lock:
            self.state.advance_all()
            if rec.auto_delete_interval == 0:
                raise bad_request("Ephemeral sandboxes cannot be backed up")
            if rec.backup.state not in ("Completed", "None"):
                raise bad_request("Sandbox backup is already in progress")
            answer = SandboxRecordView.freeze(rec)
            allowed = rec.state in ("started", "archiving") or (
                rec.state in ("stopped", "error") and rec.runner_id is not None
            )
            if rec.backup.state == "None" and allowed:

                def done() -> None:
                    rec.backup_created_at = h.utcnow()

                rec.backup.plan(
                    "None", (self.delay, "Pending"), (self.delay, "InProgress"), (self.delay, "Completed", done)
                )
            return answer

    def validate_snapshot(self, body: dict[str, Any]) -> None:
        """``CreateSandboxSnapshotDto``: ``name`` (a safe display string) and an optional ``includeMemory``."""
        c = v.Checks(body)
        c.required("name", v.safe_display, v.is_string)
        c.optional("includeMemory", v.is_boolean)
        c.done()

    def snapshot(self, rec: SandboxRecord, body: dict[str, Any]) -> SandboxRecord:
        """``createSnapshotFromSandbox``: the sandbox is ``snapshotting`` until the runner has committed the
        image; then the snapshot exists (active) unless its name was taken, and the sandbox is as before."""
        name = body["name"]
        include_memory = bool(body.get("includeMemory") or False)
        with self.state.lock:
            self.state.advance_all()
            state = rec.state
            if state not in ("started", "stopped"):
                raise bad_request("Sandbox must be in started or stopped state to create a snapshot")
            if rec.pending:
                raise state_change_in_progress()
            if rec.sandbox_class == "windows":
                if include_memory and state != "started":
                    raise bad_request("Snapshots with memory require the Windows sandbox to be running (STARTED)")
                if not include_memory and state != "stopped":
                    raise bad_request("Filesystem-only snapshots require the Windows sandbox to be stopped (STOPPED)")
            elif include_memory:
                raise bad_request("includeMemory is only supported for Windows sandboxes")
            self.check_per_sandbox_limits(rec.cpu, rec.memory, rec.disk)

            def persist() -> None:
                service = self.state.snapshot_service
                try:
                    record = service.from_sandbox(rec, name)
                except EmulatorHTTPError:
                    return  # a snapshot with that name exists: the background commit fails quietly
                record.sandbox_class = rec.sandbox_class
                service.activate_now(record)

            rec.touch()
            rec.timeline.plan("snapshotting", (self.delay, state, persist))
            return rec

    def validate_fork(self, body: dict[str, Any]) -> None:
        c = v.Checks(body)
        c.optional("name", v.safe_display, v.is_string)
        c.done()

    def fork(self, rec: SandboxRecord, body: dict[str, Any]) -> SandboxRecord:
        """``forkSandbox``: VM sandboxes only (422 for containers); the source must be started."""
        name = body.get("name")
        with self.state.lock:
            self.state.advance_all()
            if rec.sandbox_class not in FORK_CLASSES:
                raise EmulatorHTTPError(422, "Forking is not supported for this sandbox")
            if rec.state != "started":
                raise bad_request("Sandbox must be in started state to fork")
            if rec.pending:
                raise state_change_in_progress()
            if rec.gpu > 0:
                raise EmulatorHTTPError(422, "Forking is not supported for GPU sandboxes")
            self.check_per_sandbox_limits(rec.cpu, rec.memory, rec.disk)
            fork_id = new_id()
            child = SandboxRecord(
                id=fork_id,
                name=name or fork_id,
                organization_id=rec.organization_id,
                user=rec.user,
                target=rec.target,
                snapshot=rec.snapshot,
                cpu=rec.cpu,
                gpu=rec.gpu,
                memory=rec.memory,
                disk=rec.disk,
                timeline=Timeline("creating"),
                env=dict(rec.env),
                labels=dict(rec.labels),
                public=rec.public,
                network_block_all=rec.network_block_all,
                network_allow_list=rec.network_allow_list,
                gpu_type=rec.gpu_type,
                auto_stop_interval=rec.auto_stop_interval,
                auto_archive_interval=rec.auto_archive_interval,
                auto_delete_interval=rec.auto_delete_interval,
                volumes=[dict(x) for x in rec.volumes],
                sandbox_class=rec.sandbox_class,
                parent_id=rec.id,
            )
            if any(other.name == child.name for other in self.state.sandboxes.values()):
                raise conflict("Sandbox with this name already exists")
            self._watch(child)
            _copy_tree(self.state.sandbox_root(rec.id), self.state.sandbox_root(child.id))
            self.state.sandboxes[child.id] = child
            self.inserted(child)
            rec.touch()
            rec.timeline.plan("forking", (self.delay, "started"))
            child.timeline.plan("creating", (self.delay, "started"))
            return child

    def forks(self, rec: SandboxRecord, include_destroyed: bool = False) -> list[SandboxRecord]:
        """``getForkChildren``: up to 100 children, the destroyed ones only when asked."""
        with self.state.lock:
            children = [s for s in self.state.sandboxes.values() if s.parent_id == rec.id and s.state != "destroyed"]
            if include_destroyed:
                children += [s for s in self.graveyard.values() if s.parent_id == rec.id]
            return children[:MAX_FORK_CHILDREN]

    def _record(self, sandbox_id: str) -> SandboxRecord | None:
        return self.state.sandboxes.get(sandbox_id) or self.graveyard.get(sandbox_id)

    def parent(self, rec: SandboxRecord) -> SandboxRecord | None:
        """``getForkParent``: the parent row whatever its state, or None for a sandbox that is no fork."""
        with self.state.lock:
            return None if rec.parent_id is None else self._record(rec.parent_id)

    def ancestors(self, rec: SandboxRecord) -> list[SandboxRecord]:
        """``getForkAncestors``: the chain of parents, root first (at most 50)."""
        with self.state.lock:
            chain: list[SandboxRecord] = []
            seen: set[str] = set()
            current = rec
            while len(chain) < MAX_ANCESTORS and current.parent_id is not None and current.parent_id not in seen:
                parent = self._record(current.parent_id)
                if parent is None:
                    break
                seen.add(parent.id)
                chain.append(parent)
                current = parent
            return list(reversed(chain))


class SandboxRecordView:
    """A frozen copy of a record, for answers that show the sandbox as it was before a background change."""

    @staticmethod
    def freeze(rec: SandboxRecord) -> SandboxRecord:
        import copy

        frozen = copy.copy(rec)
        frozen.timeline = Timeline(rec.state)
        frozen.backup = Timeline(rec.backup.state)
        frozen.labels = dict(rec.labels)
        frozen.env = dict(rec.env)
        return frozen


def _copy_tree(source: Path, target: Path) -> None:
    """Copy a sandbox directory, skipping anything that is not a regular file (FIFOs, sockets)."""

    def copy_regular(src: str, dst: str) -> None:
        if os.path.isfile(src):
            shutil.copy2(src, dst)

    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, target, symlinks=True, copy_function=copy_regular, dirs_exist_ok=True)
    else:
        target.mkdir(parents=True, exist_ok=True)
