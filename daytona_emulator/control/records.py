"""What the emulator remembers about each resource."""

from __future__ import annotations

import secrets
import string
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from daytona_emulator.control.buildlog import BuildLog
from daytona_emulator.control.http import utcnow
from daytona_emulator.control.timeline import Timeline


def new_id() -> str:
    return str(uuid.uuid4())


def new_token(nbytes: int = 24) -> str:
    return secrets.token_urlsafe(nbytes)


# nanoid's default alphabet (``urlAlphabet``): letters, digits, ``_`` and ``-``.
NANOID_ALPHABET = string.ascii_letters + string.digits + "_-"
# The alphabet the service uses for SSH and signed-preview tokens: ``urlAlphabet`` without ``_`` and ``-``.
SAFE_ALPHABET = string.ascii_letters + string.digits
RUNNER_ID = "0d2b5e6a-0000-4000-8000-00000000e001"
ERROR_STATES = frozenset({"error", "build_failed"})


def nanoid(size: int, alphabet: str = NANOID_ALPHABET) -> str:
    """A random id of ``size`` characters from ``alphabet`` (what the service's ``nanoid`` calls make)."""
    return "".join(secrets.choice(alphabet) for _ in range(size))


def new_preview_token() -> str:
    """A sandbox's preview auth token: ``nanoid(32).toLocaleLowerCase()`` (32 lowercase characters)."""
    return nanoid(32).lower()


@dataclass
class SshAccess:
    id: str
    sandbox_id: str
    token: str
    expires_at: datetime
    created_at: datetime
    revoked: bool = False

    def valid(self) -> bool:
        return not self.revoked and utcnow() < self.expires_at


@dataclass
class SignedPreview:
    token: str
    sandbox_id: str
    port: int
    expires_at: datetime
    expired: bool = False

    def valid(self) -> bool:
        return not self.expired and utcnow() < self.expires_at


@dataclass
class SandboxRecord:
    id: str
    name: str
    organization_id: str
    user: str
    target: str
    snapshot: str | None
    cpu: int
    gpu: int
    memory: int
    disk: int
    timeline: Timeline
    env: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    public: bool = False
    network_block_all: bool = False
    network_allow_list: str | None = None
    domain_allow_list: str | None = None
    gpu_type: str | None = None
    desired_state: str = "started"
    error_reason: str | None = None
    recoverable: bool = False
    backup: Timeline = field(default_factory=lambda: Timeline("None"))
    backup_created_at: datetime | None = None
    auto_stop_interval: int = 15
    auto_archive_interval: int = 10080
    auto_delete_interval: int = -1
    volumes: list[dict[str, Any]] = field(default_factory=list)
    build_info: dict[str, Any] | None = None
    build_log: BuildLog | None = None
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    last_activity_at: datetime = field(default_factory=utcnow)
    sandbox_class: str = "container"
    linked_sandbox_id: str | None = None
    parent_id: str | None = None
    preview_token: str = field(default_factory=new_preview_token)
    runner_id: str | None = RUNNER_ID
    daemon_version: str | None = None

    @property
    def state(self) -> str:
        """The stored state (the entity's ``state`` column); answers show :meth:`display_state`."""
        return self.timeline.state

    @property
    def pending(self) -> bool:
        """The entity's ``pending`` flag as its invariants keep it: a state change is under way."""
        if self.state in ERROR_STATES or self.desired_state == "archived":
            return False
        return self.state != self.desired_state

    def display_state(self) -> str:
        """The state a ``SandboxDto`` shows (``SandboxDto.getSandboxState``)."""
        state, desired = self.state, self.desired_state
        if state == "started":
            return {"stopped": "stopping", "destroyed": "destroying"}.get(desired, state)
        if state == "stopped":
            return {"started": "starting", "destroyed": "destroying", "archived": "archiving"}.get(desired, state)
        if state == "unknown" and desired == "started":
            return "creating"
        return state

    def list_state(self) -> str:
        """The state a list item shows (``SandboxListItemDto.deriveState``: also ``archived`` -> ``restoring``)."""
        if self.state == "archived" and self.desired_state == "started":
            return "restoring"
        return self.display_state()

    @property
    def visible(self) -> bool:
        """Whether look-ups find it: not destroyed, and not an errored sandbox whose deletion was asked."""
        if self.state == "destroyed":
            return False
        return not (self.state in ERROR_STATES and self.desired_state == "destroyed")

    def touch(self) -> None:
        self.updated_at = utcnow()


@dataclass
class SnapshotRecord:
    id: str
    name: str
    organization_id: str | None
    timeline: Timeline
    image_name: str | None = None
    general: bool = False
    entrypoint: list[str] | None = None
    cpu: int = 1
    gpu: int = 0
    gpu_type: str | None = None
    mem: int = 1
    disk: int = 3
    size: float | None = None
    error_reason: str | None = None
    build_info: dict[str, Any] | None = None
    build_log: BuildLog | None = None
    region_ids: list[str] = field(default_factory=list)
    sandbox_class: str = "container"
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    last_used_at: datetime | None = None

    @property
    def state(self) -> str:
        return self.timeline.state


@dataclass
class VolumeRecord:
    id: str
    name: str
    organization_id: str
    timeline: Timeline
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    last_used_at: datetime | None = None
    error_reason: str | None = None

    @property
    def state(self) -> str:
        return self.timeline.state
