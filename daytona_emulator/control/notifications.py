"""The events the service pushes to an organization's notification room, as the emulator's state changes.

Daytona's API turns its domain events into Socket.IO messages (``apps/api/src/notification/services/
notification.service.ts`` -> ``notification.gateway.ts``), each sent to the room of the resource's
organization:

- ``sandbox.created``: the ``SandboxDto`` of the inserted sandbox (``sandbox.service.ts``, create and fork);
- ``sandbox.state.updated``: ``{sandbox, oldState, newState}``, on every change of the stored state, and
  ``sandbox.desired-state.updated``: ``{sandbox, oldDesiredState, newDesiredState}``, on every change of
  the desired state (``sandbox.repository.ts`` ``emitUpdateEvents``: in one update, the state event
  first, both with the sandbox as that update left it);
- ``snapshot.created`` / ``snapshot.removed``: the ``SnapshotDto``; ``snapshot.state.updated``:
  ``{snapshot, oldState, newState}`` (``snapshot.service.ts``, ``snapshot.repository.ts``);
- ``volume.created`` / ``volume.lastUsedAt.updated``: the ``VolumeDto``; ``volume.state.updated``:
  ``{volume, oldState, newState}`` (``volume.subscriber.ts``).

:class:`NotificationHub` is the emulator's outbox for them: the services call it where their records
change (under the state lock, from any thread); it renders each payload at once (the DTO as it is at
that moment) and queues it, in order, for the Socket.IO gateway (:mod:`daytona_emulator.notification_gateway`),
which sends them from the server loop. Nothing is rendered while no client is connected, nor while the
hub is ``muted`` (a test's silent gateway: clients connect but get no events).
"""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from daytona_emulator.control.views import sandbox_dto

if TYPE_CHECKING:
    from daytona_emulator.control.records import SandboxRecord, SnapshotRecord, VolumeRecord

SANDBOX_CREATED = "sandbox.created"
SANDBOX_STATE_UPDATED = "sandbox.state.updated"
SANDBOX_DESIRED_STATE_UPDATED = "sandbox.desired-state.updated"
SNAPSHOT_CREATED = "snapshot.created"
SNAPSHOT_STATE_UPDATED = "snapshot.state.updated"
SNAPSHOT_REMOVED = "snapshot.removed"
VOLUME_CREATED = "volume.created"
VOLUME_STATE_UPDATED = "volume.state.updated"
VOLUME_LAST_USED_AT_UPDATED = "volume.lastUsedAt.updated"

# The sandbox DTO's toolboxProxyUrl depends on how a client reached the emulator: filled in per client.
TOOLBOX_URL_FIELD = "toolboxProxyUrl"


@dataclass(frozen=True, slots=True)
class Notification:
    """One message for a room: ``event`` and its JSON ``payload`` (a sandbox DTO in it lacks its
    ``toolboxProxyUrl``: :meth:`for_client` adds the one a client should see)."""

    room: str
    event: str
    payload: dict[str, Any]

    def for_client(self, toolbox_url: str) -> dict[str, Any]:
        if self.event == SANDBOX_CREATED:
            return {**self.payload, TOOLBOX_URL_FIELD: toolbox_url}
        if self.event in (SANDBOX_STATE_UPDATED, SANDBOX_DESIRED_STATE_UPDATED):
            return {**self.payload, "sandbox": {**self.payload["sandbox"], TOOLBOX_URL_FIELD: toolbox_url}}
        return self.payload


class NotificationHub:
    """Thread-safe, ordered outbox of notifications (see the module docstring)."""

    def __init__(self, regions: tuple[str, ...] = ()) -> None:
        self._regions = regions  # the regions a SnapshotDto may list
        self._lock = threading.RLock()
        self._queue: deque[Notification] = deque()
        self._wake: Callable[[], None] | None = None
        self._listeners = 0
        # Sandbox IDs inside one upstream update: their events wait for its end (see ``update``).
        self._batches: dict[str, list[tuple[str, str, str]]] = {}
        # A fault for tests: the gateway still accepts clients but sends them nothing.
        self.muted = False

    # ---- the gateway's side ------------------------------------------------------------------------

    def attach(self, wake: Callable[[], None]) -> None:
        """The gateway's dispatcher: ``wake`` is called (from any thread) when something is queued."""
        with self._lock:
            self._wake = wake

    def detach(self) -> None:
        with self._lock:
            self._wake = None
            self._queue.clear()

    def listen(self) -> None:
        """A client joined a room: from now on, notifications are rendered and queued."""
        with self._lock:
            self._listeners += 1

    def unlisten(self) -> None:
        with self._lock:
            self._listeners = max(0, self._listeners - 1)

    @property
    def active(self) -> bool:
        return self._wake is not None and self._listeners > 0 and not self.muted

    def drain(self) -> list[Notification]:
        """Everything queued so far, oldest first."""
        with self._lock:
            items = list(self._queue)
            self._queue.clear()
            return items

    def _publish(self, room: str | None, event: str, payload: dict[str, Any]) -> None:
        if room is None:  # `server.to(undefined)`: a resource of no organization reaches nobody
            return
        with self._lock:
            wake = self._wake
            if wake is None:
                return
            self._queue.append(Notification(room, event, payload))
        wake()

    # ---- sandboxes -----------------------------------------------------------------------------------

    def sandbox_created(self, rec: SandboxRecord) -> None:
        """``sandbox.created``: the sandbox as the create (or fork) answer shows it."""
        if self.active:
            self._publish(rec.organization_id, SANDBOX_CREATED, _sandbox(rec, fresh=True))

    def sandbox_state(self, rec: SandboxRecord, old: str, new: str) -> None:
        self._sandbox_change(rec, "state", old, new)

    def sandbox_desired_state(self, rec: SandboxRecord, old: str, new: str) -> None:
        self._sandbox_change(rec, "desired", old, new)

    def _sandbox_change(self, rec: SandboxRecord, kind: str, old: str, new: str) -> None:
        with self._lock:
            batch = self._batches.get(rec.id)
            if batch is not None:
                batch.append((kind, old, new))
                return
        if self.active:
            self._publish_change(rec, kind, old, new, _sandbox(rec))

    def _publish_change(self, rec: SandboxRecord, kind: str, old: str, new: str, dto: dict[str, Any]) -> None:
        if kind == "state":
            payload = {"sandbox": dto, "oldState": old, "newState": new}
            self._publish(rec.organization_id, SANDBOX_STATE_UPDATED, payload)
        else:
            payload = {"sandbox": dto, "oldDesiredState": old, "newDesiredState": new}
            self._publish(rec.organization_id, SANDBOX_DESIRED_STATE_UPDATED, payload)

    @contextlib.contextmanager
    def update(self, rec: SandboxRecord) -> Iterator[None]:
        """One update of the sandbox's row (``sandboxRepository.update``): the changes made inside are
        announced at its end, the state change before the desired-state change, with the sandbox as the
        update left it (so a change of both reads as one consistent row)."""
        with self._lock:
            outer = rec.id in self._batches
            if not outer:
                self._batches[rec.id] = []
        try:
            yield
        finally:
            if not outer:
                with self._lock:
                    changes = self._batches.pop(rec.id, [])
                if changes and self.active:
                    dto = _sandbox(rec)
                    for kind in ("state", "desired"):
                        for change_kind, old, new in changes:
                            if change_kind == kind:
                                self._publish_change(rec, kind, old, new, dto)

    # ---- snapshots and volumes -------------------------------------------------------------------------

    def snapshot_created(self, rec: SnapshotRecord) -> None:
        if self.active:
            self._publish(rec.organization_id, SNAPSHOT_CREATED, self._snapshot(rec))

    def snapshot_state(self, rec: SnapshotRecord, old: str, new: str) -> None:
        if self.active:
            payload = {"snapshot": self._snapshot(rec), "oldState": old, "newState": new}
            self._publish(rec.organization_id, SNAPSHOT_STATE_UPDATED, payload)

    def snapshot_removed(self, rec: SnapshotRecord) -> None:
        if self.active:
            self._publish(rec.organization_id, SNAPSHOT_REMOVED, self._snapshot(rec))

    def _snapshot(self, rec: SnapshotRecord) -> dict[str, Any]:
        from daytona_emulator.control.snapshot_rules import snapshot_view

        return snapshot_view(rec, self._regions)  # type: ignore[arg-type]  # a Snapshot of snapshots.py

    def volume_created(self, rec: VolumeRecord) -> None:
        if self.active:
            self._publish(rec.organization_id, VOLUME_CREATED, _volume(rec, fresh=True))

    def volume_state(self, rec: VolumeRecord, old: str, new: str) -> None:
        if self.active:
            payload = {"volume": _volume(rec), "oldState": old, "newState": new}
            self._publish(rec.organization_id, VOLUME_STATE_UPDATED, payload)

    def volume_last_used(self, rec: VolumeRecord) -> None:
        if self.active:
            self._publish(rec.organization_id, VOLUME_LAST_USED_AT_UPDATED, _volume(rec))


def _sandbox(rec: SandboxRecord, *, fresh: bool = False) -> dict[str, Any]:
    return sandbox_dto(rec, "", fresh=fresh)


def _volume(rec: VolumeRecord, *, fresh: bool = False) -> dict[str, Any]:
    from daytona_emulator.control.volumes import volume_view

    return volume_view(rec, fresh=fresh)
