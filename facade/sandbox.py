"""``AsyncSandbox``: one sandbox's data, lifecycle calls and toolbox services.

Sandboxes are obtained from :class:`~facade.daytona.AsyncDaytona` (``create``, ``get``,
``find_one``, ``list``), never built directly. Lifecycle calls go to the control plane
(``{api_url}/sandbox/{id}/...``); the toolbox services (``fs``, ``git``, ``process``,
``computer_use``, ``code_interpreter``, LSP) go to ``{toolbox_proxy_url}/{id}/...``; both share
the client's one connection pool.

Every wait (start, stop, delete, resize) is bounded by the caller's ``timeout`` (seconds; 0 or
None: no limit; negative: :class:`~facade.errors.DaytonaValidationError` before anything is
sent), covering the request and the polling that follows; it polls ``GET /sandbox/{id}`` through
:func:`facade.polling.wait_for_state`.
"""

# The documented API takes `timeout` arguments (whole-operation deadlines), not asyncio.timeout.

from __future__ import annotations

import logging
import math
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

from ._deadline import Deadline
from .errors import DaytonaError, DaytonaNotFoundError, DaytonaTimeoutError, DaytonaValidationError
from .language import CodeLanguage, language_from_labels
from .params import Resources, VolumeMount
from .polling import Clock, get_default_clock, wait_for_state

if TYPE_CHECKING:
    from daytona_openapi.models import Sandbox as SandboxDto
    from daytona_openapi.models import SandboxListItem

    from ._api import ApiContext, ToolboxContext
    from .toolbox.code_interpreter import AsyncCodeInterpreter
    from .toolbox.computer_use import AsyncComputerUse
    from .toolbox.fs import AsyncFileSystem
    from .toolbox.git import AsyncGit
    from .toolbox.lsp import AsyncLspServer, LspLanguageId, LspLanguageIdLiteral
    from .toolbox.process import AsyncProcess

__all__ = [
    "AsyncSandbox",
    "BuildInfo",
    "PortPreviewUrl",
    "SandboxState",
    "SignedPortPreviewUrl",
    "SshAccessDto",
    "SshAccessValidationDto",
]

logger = logging.getLogger("facade")

T = TypeVar("T")

_MASK = "***"


class SandboxState(StrEnum):
    """Where a sandbox is in its lifecycle. Members are strings: ``SandboxState.STARTED == "started"``."""

    CREATING = "creating"
    RESTORING = "restoring"
    DESTROYED = "destroyed"
    DESTROYING = "destroying"
    STARTED = "started"
    STOPPED = "stopped"
    STARTING = "starting"
    STOPPING = "stopping"
    ERROR = "error"
    BUILD_FAILED = "build_failed"
    PENDING_BUILD = "pending_build"
    BUILDING_SNAPSHOT = "building_snapshot"
    UNKNOWN = "unknown"
    PULLING_SNAPSHOT = "pulling_snapshot"
    ARCHIVED = "archived"
    ARCHIVING = "archiving"
    RESIZING = "resizing"
    SNAPSHOTTING = "snapshotting"
    FORKING = "forking"
    PAUSING = "pausing"
    PAUSED = "paused"
    RESUMING = "resuming"


#: States that end a wait for ``started`` with an error.
START_FAILURE_STATES = ("error", "build_failed", "destroyed", "destroying")
#: States that end a wait for ``stopped`` with an error.
STOP_FAILURE_STATES = ("error", "build_failed")
#: States in which a sandbox counts as stopped.
STOPPED_STATES = frozenset({"stopped", "destroyed"})


def _state_of(value: str | None) -> SandboxState | None:
    if value is None:
        return None
    try:
        return SandboxState(value)
    except ValueError:
        return SandboxState.UNKNOWN


def _redact(text: str, secret: str) -> str:
    return text.replace(secret, _MASK) if secret else text


@dataclass(frozen=True)
class BuildInfo:
    """How a sandbox's image was built from a Dockerfile.

    Attributes:
        snapshot_ref: Image reference the build produced.
        dockerfile_content: The Dockerfile text, if the service returned it.
        context_hashes: Hashes of the uploaded build-context archives.
        created_at: When the build record was created.
        updated_at: When it last changed.
    """

    snapshot_ref: str
    dockerfile_content: str | None
    context_hashes: list[str]
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class PortPreviewUrl:
    """A preview URL for one port of a sandbox.

    Attributes:
        sandbox_id: The sandbox's ID.
        url: The preview URL.
        token: Token granting access while the sandbox is private (send it as the
            ``x-daytona-preview-token`` header). Hidden from ``repr``.
    """

    sandbox_id: str
    url: str
    token: str = field(repr=False)


@dataclass(frozen=True)
class SignedPortPreviewUrl:
    """A signed preview URL (the token is part of the URL) for one port of a sandbox.

    Attributes:
        sandbox_id: The sandbox's ID.
        port: The previewed port.
        token: The token inside the URL; pass it to ``expire_signed_preview_url`` to revoke the
            URL early. Hidden from ``repr``.
        url: The signed URL (``repr`` shows it with the token masked).
    """

    sandbox_id: str
    port: int
    token: str = field(repr=False)
    url: str = field(repr=False)

    def __repr__(self) -> str:
        return (
            f"SignedPortPreviewUrl(sandbox_id={self.sandbox_id!r}, port={self.port!r}, "
            f"url={_redact(self.url, self.token)!r})"
        )


@dataclass(frozen=True)
class SshAccessDto:
    """An SSH access grant for a sandbox.

    Attributes:
        id: ID of the grant.
        sandbox_id: The sandbox it opens.
        token: The secret token (the SSH user name). Hidden from ``repr``.
        expires_at: When the token stops working.
        created_at: When the grant was created.
        updated_at: When it last changed.
        ssh_command: Ready-to-run ``ssh`` command line (contains the token; hidden from ``repr``).
    """

    id: str
    sandbox_id: str
    token: str = field(repr=False)
    expires_at: datetime
    created_at: datetime
    updated_at: datetime
    ssh_command: str = field(repr=False)


@dataclass(frozen=True)
class SshAccessValidationDto:
    """Whether an SSH token works.

    Attributes:
        valid: True if the token currently grants access.
        sandbox_id: The sandbox the token opens.
    """

    valid: bool
    sandbox_id: str


def _unset_to_none(value: Any) -> Any:
    from daytona_openapi.types import Unset

    return None if isinstance(value, Unset) else value


def _number(value: Any) -> Any:
    """A whole float as int (the API describes resources as numbers); other values unchanged."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


def _check_int(value: object, name: str, *, minimum: int | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DaytonaValidationError(f"{name} must be an integer, got {value!r}")
    if minimum is not None and value < minimum:
        raise DaytonaValidationError(f"{name} must be at least {minimum}, got {value}")
    return value


def _check_port(port: object) -> int:
    port = _check_int(port, "port", minimum=1)
    if port > 65535:
        raise DaytonaValidationError(f"port must be at most 65535, got {port}")
    return port


def _check_token(token: object) -> str:
    if not isinstance(token, str) or not token.strip():
        raise DaytonaValidationError("token must be a non-empty string")
    return token


def _check_str_mapping(value: object, name: str) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise DaytonaValidationError(f"{name} must be a mapping of strings to strings, got {type(value).__name__}")
    result: dict[str, str] = {}
    for key, item in value.items():
        if not isinstance(key, str) or not isinstance(item, str):
            raise DaytonaValidationError(f"{name} must map strings to strings; got {key!r}: {type(item).__name__}")
        result[key] = item
    return result


def language_of(labels: Mapping[str, str] | None, sandbox_id: str) -> CodeLanguage:
    """A sandbox's language from its ``code-toolbox-language`` label (missing or unknown: Python)."""
    try:
        return language_from_labels(labels)
    except DaytonaValidationError as exc:
        logger.warning("Sandbox %s: %s; using python", sandbox_id, exc)
        return CodeLanguage.PYTHON


class AsyncSandbox:
    """A Daytona sandbox.

    Attributes:
        id: Unique identifier of the sandbox.
        name: Name of the sandbox.
        organization_id: Organization that owns it.
        snapshot: Snapshot it was created from.
        user: OS user running in the sandbox.
        env: Environment variables (None after ``list`` until :meth:`refresh_data`).
        labels: Custom labels.
        public: Whether its previews are publicly accessible.
        target: Region of the runner it runs on.
        cpu: CPU cores. gpu: GPUs. memory: Memory in GiB. disk: Disk in GiB.
        state: Current :class:`SandboxState`.
        error_reason: Why the sandbox is in the error state, if it is.
        recoverable: Whether that error can be fixed with :meth:`recover`.
        backup_state: State of its latest backup.
        backup_created_at: When that backup was made (None after ``list``).
        auto_stop_interval, auto_archive_interval, auto_delete_interval: Lifecycle intervals in
            minutes.
        volumes: Mounted volumes (None after ``list``).
        build_info: How its image was built, for dynamic builds (None after ``list``).
        created_at, updated_at, last_activity_at: ISO 8601 timestamps.
        network_block_all, network_allow_list, domain_allow_list: Outbound network policy
            (None after ``list``).
        toolbox_proxy_url: Base URL of its toolbox.
        gpu_type, desired_state, sandbox_class, daemon_version, runner_id, linked_sandbox_id:
            Further service details, when given.
    """

    id: str
    name: str
    organization_id: str
    snapshot: str | None
    user: str
    env: dict[str, str] | None
    labels: dict[str, str]
    public: bool
    target: str
    cpu: int
    gpu: int
    memory: int
    disk: int
    state: SandboxState | None
    error_reason: str | None
    recoverable: bool | None
    backup_state: str | None
    backup_created_at: str | None
    auto_stop_interval: int | None
    auto_archive_interval: int | None
    auto_delete_interval: int | None
    volumes: list[VolumeMount] | None
    build_info: BuildInfo | None
    created_at: str | None
    updated_at: str | None
    last_activity_at: str | None
    network_block_all: bool | None
    network_allow_list: str | None
    domain_allow_list: str | None
    toolbox_proxy_url: str
    gpu_type: str | None
    desired_state: str | None
    sandbox_class: str | None
    daemon_version: str | None
    runner_id: str | None
    linked_sandbox_id: str | None

    # Fields a list item lacks: they stay None until a full record is applied.
    _DETAIL_FIELDS = (
        "env",
        "volumes",
        "build_info",
        "network_block_all",
        "network_allow_list",
        "domain_allow_list",
        "backup_created_at",
        "linked_sandbox_id",
    )

    def __init__(
        self,
        data: SandboxDto | SandboxListItem,
        ctx: ApiContext,
        language: CodeLanguage,
        *,
        clock: Clock | None = None,
    ) -> None:
        """Internal: sandboxes come from ``AsyncDaytona.create/get/find_one/list``."""
        self._ctx = ctx
        self._language = language
        self._clock = clock
        self._toolbox_ctx: ToolboxContext | None = None
        self._services: dict[str, Any] = {}
        for name in self._DETAIL_FIELDS:
            setattr(self, name, None)
        self._apply(data)

    # ---- data -----------------------------------------------------------------------------------

    def _apply(self, data: SandboxDto | SandboxListItem) -> None:
        """Copy the fields of a sandbox record (full or list item) onto this object."""
        self.id = data.id
        self.name = data.name
        self.organization_id = data.organization_id
        self.user = data.user
        self.labels = dict(data.labels.additional_properties)
        self.public = data.public
        self.target = data.target
        self.cpu = _number(data.cpu)
        self.gpu = _number(data.gpu)
        self.memory = _number(data.memory)
        self.disk = _number(data.disk)
        self.toolbox_proxy_url = data.toolbox_proxy_url
        self.snapshot = _unset_to_none(data.snapshot)
        self.state = _state_of(_unset_to_none(data.state))
        self.error_reason = _unset_to_none(data.error_reason)
        self.recoverable = _unset_to_none(data.recoverable)
        self.backup_state = _unset_to_none(data.backup_state)
        self.auto_stop_interval = _number(_unset_to_none(data.auto_stop_interval))
        self.auto_archive_interval = _number(_unset_to_none(data.auto_archive_interval))
        self.auto_delete_interval = _number(_unset_to_none(data.auto_delete_interval))
        self.created_at = _unset_to_none(data.created_at)
        self.updated_at = _unset_to_none(data.updated_at)
        self.last_activity_at = _unset_to_none(data.last_activity_at)
        self.gpu_type = _unset_to_none(data.gpu_type)
        self.desired_state = _unset_to_none(data.desired_state)
        self.sandbox_class = _unset_to_none(data.sandbox_class)
        self.daemon_version = _unset_to_none(data.daemon_version)
        self.runner_id = _unset_to_none(data.runner_id)
        from daytona_openapi.models import Sandbox as SandboxModel

        if isinstance(data, SandboxModel):
            self.env = dict(data.env.additional_properties)
            self.network_block_all = data.network_block_all
            self.network_allow_list = _unset_to_none(data.network_allow_list)
            self.domain_allow_list = _unset_to_none(data.domain_allow_list)
            self.backup_created_at = _unset_to_none(data.backup_created_at)
            self.linked_sandbox_id = _unset_to_none(data.linked_sandbox_id)
            volumes = _unset_to_none(data.volumes)
            self.volumes = (
                None
                if volumes is None
                else [
                    VolumeMount(volume_id=v.volume_id, mount_path=v.mount_path, subpath=_unset_to_none(v.subpath))
                    for v in volumes
                ]
            )
            build = _unset_to_none(data.build_info)
            self.build_info = (
                None
                if build is None
                else BuildInfo(
                    snapshot_ref=build.snapshot_ref,
                    dockerfile_content=_unset_to_none(build.dockerfile_content),
                    context_hashes=list(_unset_to_none(build.context_hashes) or []),
                    created_at=build.created_at,
                    updated_at=build.updated_at,
                )
            )

    def __repr__(self) -> str:
        state = self.state.value if self.state is not None else None
        return f"AsyncSandbox(id={self.id!r}, name={self.name!r}, state={state!r})"

    @property
    def language(self) -> CodeLanguage:
        """The language of the sandbox's code runner (from its ``code-toolbox-language`` label)."""
        return self._language

    def _now_clock(self) -> Clock:
        return self._clock if self._clock is not None else get_default_clock()

    def _check_open(self, prefix: str) -> None:
        if self._ctx.closed:
            raise DaytonaError(
                f"{prefix}the AsyncDaytona client that owns sandbox {self.id} is closed; "
                "use the sandbox inside the client's lifetime"
            )

    async def _call(self, op: ModuleType, *args: Any, error_prefix: str, **kwargs: Any) -> Any:
        self._check_open(error_prefix)
        return await self._ctx.call(op, *args, error_prefix=error_prefix, **kwargs)

    async def _fetch(self, error_prefix: str) -> SandboxDto:
        from daytona_openapi.api.sandbox import get_sandbox

        dto: SandboxDto = await self._call(get_sandbox, self.id, error_prefix=error_prefix)
        return dto

    @property
    def _state_text(self) -> str | None:
        return self.state.value if self.state is not None else None

    # ---- toolbox --------------------------------------------------------------------------------

    def _toolbox(self) -> ToolboxContext:
        ctx = self._toolbox_ctx
        if ctx is None:
            ctx = self._toolbox_ctx = self._ctx.toolbox(self.toolbox_proxy_url, self.id)
        return ctx

    def _service(self, name: str, build: Callable[[], T]) -> T:
        service = self._services.get(name)
        if service is None:
            service = self._services[name] = build()
        return service

    @property
    def fs(self) -> AsyncFileSystem:
        """File system operations (``facade.toolbox.fs.AsyncFileSystem``)."""

        def build() -> AsyncFileSystem:
            from .toolbox.fs import AsyncFileSystem

            return AsyncFileSystem(self._toolbox())

        return self._service("fs", build)

    @property
    def git(self) -> AsyncGit:
        """Git operations (``facade.toolbox.git.AsyncGit``)."""

        def build() -> AsyncGit:
            from .toolbox.git import AsyncGit

            return AsyncGit(self._toolbox())

        return self._service("git", build)

    @property
    def process(self) -> AsyncProcess:
        """Command, session and code execution (``facade.toolbox.process.AsyncProcess``)."""

        def build() -> AsyncProcess:
            from .toolbox.process import AsyncProcess

            return AsyncProcess(self._toolbox(), self._language)

        return self._service("process", build)

    @property
    def computer_use(self) -> AsyncComputerUse:
        """Desktop automation (``facade.toolbox.computer_use.AsyncComputerUse``)."""

        def build() -> AsyncComputerUse:
            from .toolbox.computer_use import AsyncComputerUse

            return AsyncComputerUse(self._toolbox())

        return self._service("computer_use", build)

    @property
    def code_interpreter(self) -> AsyncCodeInterpreter:
        """Stateful Python interpreter (``facade.toolbox.code_interpreter.AsyncCodeInterpreter``)."""

        def build() -> AsyncCodeInterpreter:
            from .toolbox.code_interpreter import AsyncCodeInterpreter

            return AsyncCodeInterpreter(self._toolbox())

        return self._service("code_interpreter", build)

    def create_lsp_server(
        self, language_id: LspLanguageId | LspLanguageIdLiteral | str, path_to_project: str
    ) -> AsyncLspServer:
        """Create a Language Server Protocol server handle for ``language_id`` in ``path_to_project``.

        Nothing is sent until the server is started. A relative ``path_to_project`` is resolved
        against the sandbox's working directory by the toolbox.

        Raises:
            DaytonaError: If this installation has no LSP support.
            DaytonaValidationError: If the language or path is invalid.
        """
        try:
            from .toolbox.lsp import AsyncLspServer
        except ImportError as exc:  # pragma: no cover - only when the toolbox package is incomplete
            raise DaytonaError("LSP support is not available: facade.toolbox.lsp could not be imported") from exc
        return AsyncLspServer(self._toolbox(), language_id, path_to_project)

    async def get_user_home_dir(self) -> str:
        """Return the sandbox user's home directory. Sends toolbox ``GET /user-home-dir``.

        Raises:
            DaytonaError: On failure (subclass by HTTP status).
        """
        from daytona_openapi.api.toolbox_info import get_user_home_dir

        prefix = "Failed to get user home directory: "
        self._check_open(prefix)
        result = await self._toolbox().call(get_user_home_dir, error_prefix=prefix)
        return str(result.dir_)

    async def get_user_root_dir(self) -> str:
        """Deprecated alias of :meth:`get_user_home_dir`."""
        warnings.warn("get_user_root_dir is deprecated; use get_user_home_dir", DeprecationWarning, stacklevel=2)
        return await self.get_user_home_dir()

    async def get_work_dir(self) -> str:
        """Return the sandbox's working directory (the image's WORKDIR, else the home directory).

        Sends toolbox ``GET /work-dir``.

        Raises:
            DaytonaError: On failure (subclass by HTTP status).
        """
        from daytona_openapi.api.toolbox_info import get_work_dir

        prefix = "Failed to get working directory path: "
        self._check_open(prefix)
        result = await self._toolbox().call(get_work_dir, error_prefix=prefix)
        return str(result.dir_)

    # ---- control plane --------------------------------------------------------------------------

    async def refresh_data(self) -> None:
        """Reload every attribute from the service. Sends ``GET /sandbox/{id}``.

        Raises:
            DaytonaNotFoundError: If the sandbox no longer exists.
            DaytonaError: On other failures.
        """
        self._apply(await self._fetch("Failed to refresh sandbox data: "))

    async def set_labels(self, labels: Mapping[str, str]) -> dict[str, str]:
        """Replace all of the sandbox's labels with ``labels`` and return the labels now set.

        Sends ``PUT /sandbox/{id}/labels`` with ``{"labels": {...}}``. Labels not in ``labels``
        are removed, including ``code-toolbox-language`` unless you keep it.

        Raises:
            DaytonaValidationError: If ``labels`` is not a mapping of strings to strings.
            DaytonaError: On failure.
        """
        body = _check_str_mapping(labels, "labels")
        from daytona_openapi.api.sandbox import replace_sandbox_labels
        from daytona_openapi.models import SandboxLabelSet

        result = await self._call(
            replace_sandbox_labels,
            self.id,
            body=SandboxLabelSet.from_dict({"labels": body}),
            error_prefix="Failed to set labels: ",
        )
        self.labels = dict(result.labels.additional_properties)
        return dict(self.labels)

    async def start(self, timeout: float | None = 60) -> None:
        """Start the sandbox and wait until it is ``started``.

        Sends ``POST /sandbox/{id}/start``, then polls ``GET /sandbox/{id}``.

        Args:
            timeout: Seconds for the whole operation; 0 or None means no limit.

        Raises:
            DaytonaValidationError: If ``timeout`` is negative (nothing is sent).
            DaytonaStateError: If the sandbox reaches ``error``/``build_failed``.
            DaytonaTimeoutError: If it is not started in time (names the last state).
            DaytonaError: On other failures.
        """
        from daytona_openapi.api.sandbox import start_sandbox

        deadline = Deadline(timeout, f"sandbox '{self.id}' to start", self._now_clock())
        prefix = "Failed to start sandbox: "
        self._apply(
            await deadline.run(lambda: self._call(start_sandbox, self.id, error_prefix=prefix), self._state_text)
        )
        await self._wait_started(deadline)

    async def recover(self, timeout: float | None = 60) -> None:
        """Recover the sandbox from a recoverable error and wait until it is ``started``.

        Sends ``POST /sandbox/{id}/recover``, then polls ``GET /sandbox/{id}``.

        Raises:
            DaytonaValidationError: If ``timeout`` is negative (nothing is sent).
            DaytonaStateError: If the sandbox fails again.
            DaytonaTimeoutError: If it is not started in time.
            DaytonaError: On other failures.
        """
        from daytona_openapi.api.sandbox import recover_sandbox

        deadline = Deadline(timeout, f"sandbox '{self.id}' to recover", self._now_clock())
        prefix = "Failed to recover sandbox: "
        self._apply(
            await deadline.run(lambda: self._call(recover_sandbox, self.id, error_prefix=prefix), self._state_text)
        )
        await self._wait_started(deadline)

    async def stop(self, timeout: float | None = 60, force: bool = False) -> None:
        """Stop the sandbox and wait until it is ``stopped`` (or destroyed, for ephemeral ones).

        Sends ``POST /sandbox/{id}/stop?force=true|false``, then polls ``GET /sandbox/{id}``.

        Args:
            timeout: Seconds for the whole operation; 0 or None means no limit.
            force: Kill the sandbox's processes (SIGKILL) instead of asking them to stop.

        Raises:
            DaytonaValidationError: If ``timeout`` is negative or ``force`` not a bool.
            DaytonaStateError: If the sandbox reaches ``error``.
            DaytonaTimeoutError: If it is not stopped in time.
            DaytonaError: On other failures.
        """
        if not isinstance(force, bool):
            raise DaytonaValidationError(f"force must be True or False, got {force!r}")
        from daytona_openapi.api.sandbox import stop_sandbox

        deadline = Deadline(timeout, f"sandbox '{self.id}' to stop", self._now_clock())
        prefix = "Failed to stop sandbox: "
        self._apply(
            await deadline.run(
                lambda: self._call(stop_sandbox, self.id, force=force, error_prefix=prefix), self._state_text
            )
        )
        await self._wait_stopped(deadline)

    async def delete(self, timeout: float | None = 60) -> None:
        """Delete the sandbox and wait until it is gone.

        Sends ``DELETE /sandbox/{id}``, then polls ``GET /sandbox/{id}`` until the state is
        ``destroyed`` or the sandbox is no longer found; ``state`` is then ``destroyed``.

        Raises:
            DaytonaValidationError: If ``timeout`` is negative (nothing is sent).
            DaytonaNotFoundError: If the sandbox did not exist.
            DaytonaTimeoutError: If it is not gone in time.
            DaytonaError: On other failures.
        """
        from daytona_openapi.api.sandbox import delete_sandbox

        deadline = Deadline(timeout, f"sandbox '{self.id}' to be deleted", self._now_clock())
        prefix = "Failed to remove sandbox: "
        dto = await deadline.run(lambda: self._call(delete_sandbox, self.id, error_prefix=prefix), self._state_text)
        if dto is not None:
            self._apply(dto)
        await self._wait_gone(deadline, "destroyed", "Failed to remove sandbox: ")

    async def wait_for_sandbox_start(self, timeout: float | None = 60) -> None:
        """Poll ``GET /sandbox/{id}`` until the sandbox is ``started``.

        Raises:
            DaytonaValidationError: If ``timeout`` is negative.
            DaytonaStateError: If it reaches ``error``, ``build_failed`` or is destroyed.
            DaytonaTimeoutError: If it is not started in time (names the last state).
        """
        deadline = Deadline(timeout, f"sandbox '{self.id}' to start", self._now_clock())
        await self._wait_started(deadline, trust_local=False)

    async def wait_for_sandbox_stop(self, timeout: float | None = 60) -> None:
        """Poll ``GET /sandbox/{id}`` until the sandbox is ``stopped``.

        ``destroyed`` (or no longer found) counts as stopped, for ephemeral sandboxes deleted
        when they stop.

        Raises:
            DaytonaValidationError: If ``timeout`` is negative.
            DaytonaStateError: If it reaches ``error`` or ``build_failed``.
            DaytonaTimeoutError: If it is not stopped in time (names the last state).
        """
        deadline = Deadline(timeout, f"sandbox '{self.id}' to stop", self._now_clock())
        await self._wait_stopped(deadline, trust_local=False)

    async def wait_for_resize_complete(self, timeout: float | None = 60) -> None:
        """Poll ``GET /sandbox/{id}`` until the sandbox is no longer ``resizing``.

        Raises:
            DaytonaValidationError: If ``timeout`` is negative.
            DaytonaStateError: If it reaches ``error`` or ``build_failed``.
            DaytonaTimeoutError: If the resize does not finish in time.
        """
        deadline = Deadline(timeout, f"sandbox '{self.id}' to finish resizing", self._now_clock())
        await self._wait_resized(deadline, trust_local=False)

    async def _wait(
        self,
        deadline: Deadline,
        *,
        done: Callable[[str | None], bool],
        terminal: tuple[str, ...],
        error_prefix: str,
        gone_state: str | None = None,
        trust_local: bool = True,
    ) -> None:
        """Poll until ``done(state)``; with ``gone_state``, a 404 counts as that state.

        With ``trust_local`` (right after a call that returned the sandbox) the state already
        held counts; otherwise the first poll decides.
        """
        if trust_local and done(self._state_text):
            return
        budget = deadline.wait_budget(self._state_text)

        async def fetch() -> SandboxDto | None:
            try:
                dto = await self._fetch(error_prefix)
            except DaytonaNotFoundError:
                if gone_state is None:
                    raise
                self.state = _state_of(gone_state)
                return None
            self._apply(dto)
            return dto

        def state_of(dto: SandboxDto | None) -> str | None:
            return gone_state if dto is None else _unset_to_none(dto.state)

        def reason_of(dto: SandboxDto | None) -> str | None:
            return None if dto is None else _unset_to_none(dto.error_reason)

        try:
            await wait_for_state(
                fetch,
                state_of=state_of,
                done=done,
                terminal=terminal,
                error_reason_of=reason_of,
                timeout=budget,
                what=deadline.what,
                clock=deadline.clock,
            )
        except DaytonaTimeoutError as exc:
            raise deadline.expired(exc.last_state) from exc

    async def _wait_started(self, deadline: Deadline, trust_local: bool = True) -> None:
        await self._wait(
            deadline,
            trust_local=trust_local,
            done=lambda state: state == "started",
            terminal=START_FAILURE_STATES,
            error_prefix="Failure during waiting for sandbox to start: ",
        )

    async def _wait_stopped(self, deadline: Deadline, trust_local: bool = True) -> None:
        await self._wait(
            deadline,
            trust_local=trust_local,
            done=lambda state: state in STOPPED_STATES,
            terminal=STOP_FAILURE_STATES,
            error_prefix="Failure during waiting for sandbox to stop: ",
            gone_state="destroyed",
        )

    async def _wait_gone(self, deadline: Deadline, gone_state: str, error_prefix: str) -> None:
        await self._wait(
            deadline,
            done=lambda state: state == gone_state,
            terminal=STOP_FAILURE_STATES,
            error_prefix=error_prefix,
            gone_state=gone_state,
        )

    async def _wait_resized(self, deadline: Deadline, trust_local: bool = True) -> None:
        await self._wait(
            deadline,
            trust_local=trust_local,
            done=lambda state: state != "resizing",
            terminal=STOP_FAILURE_STATES,
            error_prefix="Failure during waiting for resize to complete: ",
        )

    async def set_autostop_interval(self, interval: int) -> None:
        """Stop the sandbox after ``interval`` minutes without activity (0 disables auto-stop).

        Sends ``POST /sandbox/{id}/autostop/{interval}``.

        Raises:
            DaytonaValidationError: If ``interval`` is negative or not an integer.
        """
        interval = _check_int(interval, "interval", minimum=0)
        from daytona_openapi.api.sandbox import set_autostop_interval

        self._apply(
            await self._call(
                set_autostop_interval, self.id, interval, error_prefix="Failed to set auto-stop interval: "
            )
        )

    async def set_auto_archive_interval(self, interval: int) -> None:
        """Archive the sandbox after it has been stopped for ``interval`` minutes (0: the maximum).

        Sends ``POST /sandbox/{id}/autoarchive/{interval}``.

        Raises:
            DaytonaValidationError: If ``interval`` is negative or not an integer.
        """
        interval = _check_int(interval, "interval", minimum=0)
        from daytona_openapi.api.sandbox import set_auto_archive_interval

        self._apply(
            await self._call(
                set_auto_archive_interval, self.id, interval, error_prefix="Failed to set auto-archive interval: "
            )
        )

    async def set_auto_delete_interval(self, interval: int) -> None:
        """Delete the sandbox after it has been stopped for ``interval`` minutes.

        0 deletes it as soon as it stops; a negative value disables auto-delete. Sends
        ``POST /sandbox/{id}/autodelete/{interval}``.

        Raises:
            DaytonaValidationError: If ``interval`` is not an integer.
        """
        interval = _check_int(interval, "interval", minimum=None)
        from daytona_openapi.api.sandbox import set_auto_delete_interval

        self._apply(
            await self._call(
                set_auto_delete_interval, self.id, interval, error_prefix="Failed to set auto-delete interval: "
            )
        )

    async def update_network_settings(
        self,
        *,
        network_block_all: bool | None = None,
        network_allow_list: str | None = None,
        domain_allow_list: str | None = None,
    ) -> None:
        """Change the sandbox's outbound network policy.

        Sends ``POST /sandbox/{id}/network-settings`` with the given fields
        (``networkBlockAll``, ``networkAllowList``, ``domainAllowList``).

        Args:
            network_block_all: True blocks all outbound traffic; False restores it.
            network_allow_list: Comma-separated IPv4 CIDRs to allow.
            domain_allow_list: Comma-separated domain names to allow.

        Raises:
            DaytonaValidationError: If no argument is set, or one has the wrong type.
        """
        if network_block_all is None and network_allow_list is None and domain_allow_list is None:
            raise DaytonaValidationError(
                "Set at least one of network_block_all, network_allow_list or domain_allow_list"
            )
        if network_block_all is not None and not isinstance(network_block_all, bool):
            raise DaytonaValidationError("network_block_all must be True, False or None")
        body: dict[str, Any] = {}
        if network_block_all is not None:
            body["networkBlockAll"] = network_block_all
        for key, value, name in (
            ("networkAllowList", network_allow_list, "network_allow_list"),
            ("domainAllowList", domain_allow_list, "domain_allow_list"),
        ):
            if value is not None:
                if not isinstance(value, str):
                    raise DaytonaValidationError(f"{name} must be a string or None")
                body[key] = value
        from daytona_openapi.api.sandbox import update_sandbox_network_settings
        from daytona_openapi.models import SandboxNetworkSettings

        self._apply(
            await self._call(
                update_sandbox_network_settings,
                self.id,
                body=SandboxNetworkSettings.from_dict(body),
                error_prefix="Failed to update network settings: ",
            )
        )

    async def get_preview_link(self, port: int) -> PortPreviewUrl:
        """Return the preview URL of ``port`` (and, for private sandboxes, the token to reach it).

        Sends ``GET /sandbox/{id}/ports/{port}/preview-url``.

        Raises:
            DaytonaValidationError: If ``port`` is not in 1..65535.
        """
        port = _check_port(port)
        from daytona_openapi.api.sandbox import get_port_preview_url

        result = await self._call(get_port_preview_url, self.id, port, error_prefix="Failed to get preview link: ")
        return PortPreviewUrl(sandbox_id=result.sandbox_id, url=result.url, token=result.token)

    async def create_signed_preview_url(self, port: int, expires_in_seconds: int | None = None) -> SignedPortPreviewUrl:
        """Create a signed preview URL of ``port``, valid ``expires_in_seconds`` (service default 60).

        Sends ``GET /sandbox/{id}/ports/{port}/signed-preview-url[?expiresInSeconds=N]``.

        Raises:
            DaytonaValidationError: If ``port`` or ``expires_in_seconds`` is invalid.
        """
        port = _check_port(port)
        from daytona_openapi.api.sandbox import get_signed_port_preview_url
        from daytona_openapi.types import UNSET

        expires: Any = UNSET
        if expires_in_seconds is not None:
            expires = _check_int(expires_in_seconds, "expires_in_seconds", minimum=1)
        result = await self._call(
            get_signed_port_preview_url,
            self.id,
            port,
            expires_in_seconds=expires,
            error_prefix="Failed to create signed preview url: ",
        )
        return SignedPortPreviewUrl(sandbox_id=result.sandbox_id, port=result.port, token=result.token, url=result.url)

    async def expire_signed_preview_url(self, port: int, token: str) -> None:
        """Revoke a signed preview URL of ``port`` before it expires.

        Sends ``POST /sandbox/{id}/ports/{port}/signed-preview-url/{token}/expire``.

        Raises:
            DaytonaValidationError: If ``port`` or ``token`` is invalid.
        """
        port = _check_port(port)
        token = _check_token(token)
        from daytona_openapi.api.sandbox import expire_signed_port_preview_url

        try:
            await self._call(
                expire_signed_port_preview_url,
                self.id,
                port,
                token,
                error_prefix="Failed to expire signed preview url: ",
            )
        except DaytonaError as exc:
            # The token is part of the path: make sure no message repeats it.
            if token in exc.message:
                exc.message = _redact(exc.message, token)
                exc.args = (exc.message,)
            raise

    async def archive(self) -> None:
        """Archive the (stopped) sandbox: move its file system to object storage.

        Sends ``POST /sandbox/{id}/archive``; does not wait for ``archived``.
        """
        from daytona_openapi.api.sandbox import archive_sandbox

        self._apply(await self._call(archive_sandbox, self.id, error_prefix="Failed to archive sandbox: "))

    def _check_resize(self, resources: Resources) -> dict[str, int]:
        if not isinstance(resources, Resources):
            raise DaytonaValidationError(f"resources must be a Resources object, got {type(resources).__name__}")
        resources.validate()
        if resources.gpu is not None or resources.gpu_type is not None:
            raise DaytonaValidationError("GPU resources cannot be resized")
        body: dict[str, int] = {}
        for name in ("cpu", "memory", "disk"):
            value = getattr(resources, name)
            if value is not None:
                body[name] = _check_int(value, f"resources.{name}", minimum=1)
        if not body:
            raise DaytonaValidationError("No resource changes specified: set cpu, memory or disk")
        disk = body.get("disk")
        if disk is not None and isinstance(self.disk, int | float) and disk < self.disk:
            raise DaytonaValidationError(f"Disk can only grow: {self.disk} GiB -> {disk} GiB requested")
        if self.state == SandboxState.STARTED:
            for name in ("cpu", "memory"):
                current = getattr(self, name)
                wanted = body.get(name)
                if wanted is not None and isinstance(current, int | float) and wanted < current:
                    raise DaytonaValidationError(
                        f"A running sandbox can only grow {name} ({current} -> {wanted} requested); stop it first"
                    )
            if disk is not None and disk != self.disk:
                raise DaytonaValidationError("Disk can only be resized while the sandbox is stopped")
        return body

    async def resize(self, resources: Resources, timeout: float | None = 60) -> None:
        """Change the sandbox's CPU, memory or disk and wait until the resize is done.

        Rules, checked before anything is sent: at least one of ``cpu``, ``memory``, ``disk``;
        no GPU fields; disk never shrinks; on a started sandbox (hot resize) CPU and memory may
        only grow and disk may not change. Sends ``POST /sandbox/{id}/resize`` with
        ``{cpu?, memory?, disk?}``, then polls ``GET /sandbox/{id}`` while ``resizing``.

        Raises:
            DaytonaValidationError: If a rule above is broken or ``timeout`` is negative.
            DaytonaStateError: If the sandbox reaches ``error``.
            DaytonaTimeoutError: If the resize does not finish in time.
        """
        deadline = Deadline(timeout, f"sandbox '{self.id}' to finish resizing", self._now_clock())
        body = self._check_resize(resources)
        from daytona_openapi.api.sandbox import resize_sandbox
        from daytona_openapi.models import ResizeSandbox

        prefix = "Failed to resize sandbox: "
        self._apply(
            await deadline.run(
                lambda: self._call(resize_sandbox, self.id, body=ResizeSandbox.from_dict(body), error_prefix=prefix),
                self._state_text,
            )
        )
        await self._wait_resized(deadline)

    async def create_ssh_access(self, expires_in_minutes: int | None = None) -> SshAccessDto:
        """Create an SSH access token, valid ``expires_in_minutes`` (service default if None).

        Sends ``POST /sandbox/{id}/ssh-access[?expiresInMinutes=N]``.

        Raises:
            DaytonaValidationError: If ``expires_in_minutes`` is not a positive integer.
        """
        from daytona_openapi.api.sandbox import create_ssh_access
        from daytona_openapi.types import UNSET

        expires: Any = UNSET
        if expires_in_minutes is not None:
            expires = _check_int(expires_in_minutes, "expires_in_minutes", minimum=1)
        result = await self._call(
            create_ssh_access, self.id, expires_in_minutes=expires, error_prefix="Failed to create SSH access: "
        )
        return SshAccessDto(
            id=result.id,
            sandbox_id=result.sandbox_id,
            token=result.token,
            expires_at=result.expires_at,
            created_at=result.created_at,
            updated_at=result.updated_at,
            ssh_command=result.ssh_command,
        )

    async def revoke_ssh_access(self, token: str) -> None:
        """Revoke one SSH access token.

        Sends ``DELETE /sandbox/{id}/ssh-access?token=...`` (the token as a query parameter;
        other tokens of the sandbox stay valid).

        Raises:
            DaytonaValidationError: If ``token`` is empty (which would revoke every token).
        """
        token = _check_token(token)
        from daytona_openapi.api.sandbox import revoke_ssh_access

        await self._call(revoke_ssh_access, self.id, token=token, error_prefix="Failed to revoke SSH access: ")

    async def validate_ssh_access(self, token: str) -> SshAccessValidationDto:
        """Check whether an SSH token works. Sends ``GET /sandbox/ssh-access/validate?token=...``.

        Raises:
            DaytonaValidationError: If ``token`` is empty.
        """
        token = _check_token(token)
        from daytona_openapi.api.sandbox import validate_ssh_access

        result = await self._call(validate_ssh_access, token=token, error_prefix="Failed to validate SSH access: ")
        return SshAccessValidationDto(valid=result.valid, sandbox_id=result.sandbox_id)

    async def refresh_activity(self) -> None:
        """Reset the inactivity timer behind auto-stop, without changing the state.

        Sends ``POST /sandbox/{id}/last-activity``.
        """
        from daytona_openapi.api.sandbox import refresh_sandbox_activity

        await self._call(refresh_sandbox_activity, self.id, error_prefix="Failed to refresh sandbox activity: ")
