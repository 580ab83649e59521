"""Sandbox copies: backups, snapshots of a sandbox, and forks (with their family tree)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from emulator.control import http as h
from emulator.control.records import SandboxRecord, new_id
from emulator.control.timeline import Timeline
from emulator.errors import bad_request, conflict, not_found

if TYPE_CHECKING:
    from emulator.state import EmulatorState


class SandboxCopies:
    """Mixed into ``SandboxService``: operations that copy a sandbox or walk its forks."""

    state: EmulatorState

    @property
    def delay(self) -> float:
        return self.state.settings.transition_delay

    def _ensure_unique_name(self, name: str, ignore: str | None = None) -> None:
        for other in self.state.sandboxes.values():
            if other.name == name and other.id != ignore:
                raise conflict(f"Sandbox with name {name} already exists")

    def backup(self, rec: SandboxRecord) -> SandboxRecord:
        with self.state.lock:
            if rec.state not in ("started", "stopped"):
                raise conflict(f"Sandbox is {rec.state}; only a started or stopped sandbox can be backed up")
            if rec.backup.state in ("Pending", "InProgress"):
                raise conflict("A backup is already in progress")

            def done() -> None:
                rec.backup_created_at = h.utcnow()

            rec.backup.plan("Pending", (self.delay, "InProgress"), (self.delay, "Completed", done))
            return rec

    def snapshot(self, rec: SandboxRecord, body: dict[str, Any]) -> SandboxRecord:
        name = h.opt_str(body, "name")
        if not name:
            raise bad_request("name is required")
        h.opt_bool(body, "includeMemory")
        with self.state.lock:
            state = rec.state
            if state not in ("started", "stopped"):
                raise conflict(f"Sandbox is {state}; only a started or stopped sandbox can be snapshotted")
            snapshot = self.state.snapshot_service.from_sandbox(rec, name)
            rec.timeline.plan(
                "snapshotting", (self.delay, state, lambda: self.state.snapshot_service.activate_now(snapshot))
            )
            return rec

    def fork(self, rec: SandboxRecord, body: dict[str, Any]) -> SandboxRecord:
        name = h.opt_str(body, "name")
        with self.state.lock:
            if rec.state != "started":
                raise conflict(f"Sandbox is {rec.state}; only a started sandbox can be forked")
            fork_id = new_id()
            if name is not None:
                self._ensure_unique_name(name)
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
                domain_allow_list=rec.domain_allow_list,
                gpu_type=rec.gpu_type,
                auto_stop_interval=rec.auto_stop_interval,
                auto_archive_interval=rec.auto_archive_interval,
                auto_delete_interval=rec.auto_delete_interval,
                volumes=[dict(v) for v in rec.volumes],
                build_info=dict(rec.build_info) if rec.build_info else None,
                parent_id=rec.id,
            )
            child.timeline.on_change = lambda previous, new: self.state.on_sandbox_state(child, previous, new)
            _copy_tree(self.state.sandbox_root(rec.id), self.state.sandbox_root(child.id))
            self.state.sandboxes[child.id] = child
            rec.timeline.plan("forking", (self.delay, "started"))
            child.timeline.plan("creating", (self.delay, "started"))
            return child

    def forks(self, rec: SandboxRecord) -> list[SandboxRecord]:
        with self.state.lock:
            return [s for s in self.state.sandboxes.values() if s.parent_id == rec.id]

    def parent(self, rec: SandboxRecord) -> SandboxRecord:
        with self.state.lock:
            if rec.parent_id is None or rec.parent_id not in self.state.sandboxes:
                raise not_found(f"Parent of sandbox {rec.id}")
            return self.state.sandboxes[rec.parent_id]

    def ancestors(self, rec: SandboxRecord) -> list[SandboxRecord]:
        with self.state.lock:
            chain: list[SandboxRecord] = []
            current = rec
            while current.parent_id is not None and current.parent_id in self.state.sandboxes:
                current = self.state.sandboxes[current.parent_id]
                chain.append(current)
            return chain


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
