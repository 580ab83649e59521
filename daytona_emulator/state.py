"""The emulator's whole memory: resources, workspaces, planned faults, the request journal (and recorder).

Handlers run on the server's event loop; tests may also use this object from another thread.
Every read or change of resources goes through ``lock`` (a re-entrant thread lock, held briefly).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import inspect
import math
import shutil
import tempfile
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from daytona_emulator import recording
from daytona_emulator.control.faults import FaultInjector, RequestJournal
from daytona_emulator.control.http import utcnow
from daytona_emulator.control.notifications import NotificationHub
from daytona_emulator.control.records import SandboxRecord, SignedPreview, SnapshotRecord, SshAccess, VolumeRecord
from daytona_emulator.control.sandboxes import SandboxService
from daytona_emulator.control.snapshots import SnapshotService
from daytona_emulator.control.timeline import monotonic
from daytona_emulator.control.volumes import VolumeService
from daytona_emulator.errors import EmulatorHTTPError, conflict, not_found
from daytona_emulator.recording import ResponseRecorder
from daytona_emulator.settings import EmulatorSettings

try:  # the toolbox half is written separately; the control plane works without it
    from daytona_emulator.toolbox.workspace import SandboxWorkspace
except ImportError:  # pragma: no cover - depends on what is installed in the tree
    SandboxWorkspace = None  # type: ignore[assignment,misc]

TICK_SECONDS = 0.05
# States in which a sandbox keeps its processes (the toolbox answers only in `started`).
_ALIVE_STATES = frozenset({"started", "resizing", "snapshotting", "forking", "pausing", "paused", "resuming"})


class EmulatorState:
    def __init__(self, settings: EmulatorSettings) -> None:
        self.settings = settings
        self.lock = threading.RLock()
        self.faults = FaultInjector()
        self.requests = RequestJournal()
        # What the notification gateway sends (emulator.notification_gateway delivers it).
        self.notifications = NotificationHub(tuple(settings.regions))
        # Records every answer sent when set (the test suite installs one for the whole session).
        self.response_recorder: ResponseRecorder | None = recording.installed()
        self.sandboxes: dict[str, SandboxRecord] = {}
        self.snapshots: dict[str, SnapshotRecord] = {}
        self.volumes: dict[str, VolumeRecord] = {}
        self.ssh_access: dict[str, SshAccess] = {}
        self.signed_previews: dict[str, SignedPreview] = {}
        self.workspaces: dict[str, Any] = {}
        self._owns_data_dir = settings.data_dir is None
        self.data_dir = (
            Path(tempfile.mkdtemp(prefix="daytona-emulator-")) if settings.data_dir is None else settings.data_dir
        )
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.sandbox_service = SandboxService(self)
        self.snapshot_service = SnapshotService(self)
        self.volume_service = VolumeService(self)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ticker: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._futures: set[concurrent.futures.Future[Any]] = set()
        self._orphans: list[Coroutine[Any, Any, Any]] = []
        self.closed = False
        self.snapshot_service.seed_default()

    # ---- lifecycle of the emulator itself --------------------------------------------------------

    @property
    def toolbox_available(self) -> bool:
        return SandboxWorkspace is not None

    async def start(self) -> None:
        """Attach to the running loop (the server's) and start the transition ticker."""
        self._loop = asyncio.get_running_loop()
        self._ticker = self._loop.create_task(self._tick_forever())
        if SandboxWorkspace is not None:  # one line on stderr when sandboxes cannot be isolated here
            from daytona_emulator.toolbox import isolation

            isolation.announce(isolation.unavailable_reason(self.settings.sandbox_isolation))

    async def _tick_forever(self) -> None:
        # Wakes when the earliest planned step is due (at most TICK_SECONDS apart), so a transition happens,
        # and its notification goes out, when it is due rather than on the next fixed tick.
        while True:
            await asyncio.sleep(max(0.0, min(TICK_SECONDS, self._next_due() - monotonic())))
            self.advance_all()

    def _next_due(self) -> float:
        """The monotonic time of the earliest planned step of any resource (infinity when none)."""
        with self.lock:
            timelines = [s.timeline for s in self.sandboxes.values()] + [s.backup for s in self.sandboxes.values()]
            timelines += [s.timeline for s in self.snapshots.values()] + [v.timeline for v in self.volumes.values()]
            return min((t.steps[0].at for t in timelines if t.steps), default=math.inf)

    async def aclose(self) -> None:
        """Stop the ticker, close every sandbox workspace (killing its processes), drop temp files."""
        if self.closed:
            return
        self.closed = True
        if self._ticker is not None:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker
        with self.lock:
            workspaces = list(self.workspaces.values())
            self.workspaces.clear()
            orphans, self._orphans = self._orphans, []
        for workspace in workspaces:
            with contextlib.suppress(Exception):
                await workspace.close()
        for coro in orphans:
            with contextlib.suppress(Exception):
                await coro
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        for future in list(self._futures):
            with contextlib.suppress(Exception):
                await asyncio.wrap_future(future)
        if self._owns_data_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        """Run ``coro`` on the server loop, from any thread; kept for ``aclose`` if there is no loop yet."""
        loop = self._loop
        if loop is None or loop.is_closed() or self.closed:
            self._orphans.append(coro)
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            task = loop.create_task(coro)
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        else:
            future = asyncio.run_coroutine_threadsafe(coro, loop)
            self._futures.add(future)
            future.add_done_callback(self._futures.discard)

    # ---- time -------------------------------------------------------------------------------------

    def advance_all(self) -> None:
        with self.lock:
            for sandbox in list(self.sandboxes.values()):
                sandbox.timeline.advance()
                sandbox.backup.advance()
            for snapshot in list(self.snapshots.values()):
                snapshot.timeline.advance()
            for volume in list(self.volumes.values()):
                volume.timeline.advance()

    # ---- look-ups (404 when missing) --------------------------------------------------------------

    def sandbox(self, id_or_name: str) -> SandboxRecord:
        with self.lock:
            self.advance_all()
            found = self.sandboxes.get(id_or_name)
            if found is None:
                found = next((s for s in self.sandboxes.values() if s.name == id_or_name), None)
            if found is None:
                raise not_found(f"Sandbox with ID or name {id_or_name}")
            return found

    def sandbox_by_id(self, sandbox_id: str) -> SandboxRecord:
        with self.lock:
            self.advance_all()
            found = self.sandboxes.get(sandbox_id)
            if found is None:
                raise not_found(f"Sandbox with ID {sandbox_id}")
            return found

    def snapshot(self, id_or_name: str) -> SnapshotRecord:
        with self.lock:
            self.advance_all()
            found = self.snapshots.get(id_or_name)
            if found is None:
                found = next((s for s in self.snapshots.values() if s.name == id_or_name), None)
            if found is None:
                raise not_found(f"Snapshot {id_or_name}")
            return found

    def volume(self, volume_id: str) -> VolumeRecord:
        with self.lock:
            self.advance_all()
            found = self.volumes.get(volume_id)
            if found is None:
                raise not_found(f"Volume {volume_id}")
            return found

    # ---- workspaces (the toolbox half's view of a sandbox) ----------------------------------------

    def sandbox_root(self, sandbox_id: str) -> Path:
        return self.data_dir / "sandboxes" / sandbox_id

    def workspace_for(self, sandbox_id: str) -> Any:
        """The started sandbox's ``SandboxWorkspace``: 404 if unknown, 409 if not started."""
        with self.lock:
            sandbox = self.sandbox_by_id(sandbox_id)
            if sandbox.state != "started":
                raise conflict(f"Sandbox {sandbox_id} is not started (state: {sandbox.state})")
            workspace = self._open_workspace(sandbox)
            if workspace is None:
                raise EmulatorHTTPError(501, "The toolbox emulator is not available", code="NOT_IMPLEMENTED")
            sandbox.last_activity_at = utcnow()
            return workspace

    def _open_workspace(self, sandbox: SandboxRecord) -> Any:
        workspace = self.workspaces.get(sandbox.id)
        if workspace is None and SandboxWorkspace is not None:
            root = self.sandbox_root(sandbox.id)
            root.mkdir(parents=True, exist_ok=True)
            if "env" in inspect.signature(SandboxWorkspace).parameters:
                workspace = SandboxWorkspace(sandbox.id, root, env=dict(sandbox.env))
            else:
                workspace = SandboxWorkspace(sandbox.id, root)
            self.workspaces[sandbox.id] = workspace
        return workspace

    def close_workspace(self, sandbox_id: str) -> None:
        with self.lock:
            workspace = self.workspaces.pop(sandbox_id, None)
        if workspace is not None:
            self.spawn(workspace.close())

    def on_sandbox_state(self, sandbox: SandboxRecord, previous: str, state: str) -> None:
        """Processes live only while a sandbox runs: stopping (or failing) closes its workspace."""
        sandbox.touch()
        if state == "started":
            self._open_workspace(sandbox)
        elif state not in _ALIVE_STATES and state not in ("destroying", "destroyed"):
            self.close_workspace(sandbox.id)  # a destroyed sandbox's workspace is disposed of on removal

    # ---- test helpers -----------------------------------------------------------------------------

    def force_error(self, id_or_name: str, reason: str = "Injected error", recoverable: bool = True) -> SandboxRecord:
        """Put a sandbox into ``error`` now, with ``errorReason`` and ``recoverable`` as given."""
        return self.sandbox_service.force_error(self.sandbox(id_or_name), reason, recoverable)
