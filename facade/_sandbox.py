"""``AsyncSandbox``: one sandbox's data, lifecycle calls and toolbox services.

Sandboxes come from :class:`~facade.AsyncDaytona` (``create``, ``get``, ``find_one``, ``list``). The data
is the generated ``Sandbox`` (or ``SandboxListItem``) record the service sent, read through attributes;
only labels, env, state and the whole-number fields are converted. Lifecycle calls go to the control
plane, the toolbox services (``fs``, ``git``, ``process``, ``computer_use``, ``code_interpreter``, LSP) to
``{toolbox_proxy_url}/{id}``; both share the client's one connection pool.

Every wait (start, stop, delete, resize, ...) is bounded by the caller's ``timeout`` (seconds; 0 or None:
no limit), covering the request and the polling of ``GET /sandbox/{id}`` that follows.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Mapping
from contextlib import nullcontext, suppress
from functools import cached_property
from importlib import import_module
from typing import TYPE_CHECKING, ClassVar, cast

from daytona_openapi import models as m
from daytona_openapi.api import sandbox as api
from daytona_openapi.api import toolbox_info

from . import _checks as check
from ._errors import DaytonaError, DaytonaNotFoundError
from ._params import CODE_TOOLBOX_LANGUAGE_LABEL, CodeLanguage, Resources, parse_language
from ._polling import Clock, Deadline, MonotonicClock

if TYPE_CHECKING:
    from daytona_openapi.models.sandbox_state import SandboxStateEnum as SandboxState
    from daytona_openapi.types import Request

    from ._events import StateEvents
    from ._http import Endpoint
    from ._interpreter import AsyncCodeInterpreter
    from ._process import AsyncProcess
    from ._secrets import PortPreviewUrl, SignedPortPreviewUrl, SshAccessDto
    from ._toolbox import AsyncComputerUse, AsyncGit, AsyncLspServer, LspLanguageId
    from ._transfer import AsyncFileSystem

logger = logging.getLogger("facade")


#: Longest wait for the notification gateway's connection before a sandbox wait's first fetch.
READY_WAIT = 0.5
STARTS, STOPS = ("error", "build_failed", "destroyed", "destroying"), ("error", "build_failed")  # failure states
#: What each wait of a sandbox waits for: when it is done (from the state), the states that fail it, the error
#: prefix of its polls, and the state a 404 answer means (None: the 404 is an error).
# fmt: off
WAITS: dict[str, tuple[Callable[[str | None], bool], tuple[str, ...], str, str | None]] = {
    "to start": (lambda s: s == "started", STARTS, "Failure during waiting for sandbox to start: ", None),
    "to stop": (lambda s: s in ("stopped", "destroyed"), STOPS, "Failure during waiting for sandbox to stop: ",
                "destroyed"),
    "to finish resizing": (lambda s: s != "resizing", STOPS, "Failure during waiting for resize to complete: ", None),
    "to be deleted": (lambda s: s == "destroyed", STOPS, "Failed to remove sandbox: ", "destroyed"),
    "to start building": (lambda s: s != "pending_build", (), "Failure during waiting for the build to start: ", None),
    "to pause": (lambda s: s not in ("pausing", *STOPS), STOPS, "Failed to pause sandbox: ", None),
    "to finish its snapshot": (lambda s: s not in ("snapshotting", *STOPS), STOPS, "Failed to create snapshot: ", None),
}
# fmt: on


def _state(value: str | None) -> SandboxState | None:
    """The state as the enum (a state this client does not know yet is ``UNKNOWN``)."""
    from daytona_openapi.models import sandbox_state as st

    return None if value is None else st.SandboxStateEnum(value if value in st.SANDBOX_STATE_VALUES else "unknown")


class AsyncSandbox(m.SandboxFields):
    """A Daytona sandbox. Attributes are read from the record the service last sent (``env``, ``volumes``,
    ``build_info``, ``network_*``, ``domain_allow_list``, ``backup_created_at`` and ``linked_sandbox_id`` are
    None after ``list`` until :meth:`refresh_data`). ``volumes`` and ``build_info`` are the generated models.
    """

    # The record's fields (the generated ``SandboxFields``), with the official SDK's types where they differ: maps
    # as dicts, the state as the enum, the fields a list item lacks as None, and resources and intervals as int
    # (the spec says "number", but the service keeps them in integer columns and JSON has no "2.0" for them).
    env: dict[str, str] | None  # type: ignore[assignment]
    labels: dict[str, str]  # type: ignore[assignment]
    network_block_all: bool | None  # type: ignore[assignment]
    state: SandboxState | None
    cpu: int
    gpu: int
    memory: int
    disk: int
    auto_stop_interval: int | None
    auto_archive_interval: int | None
    auto_delete_interval: int | None
    _READ = frozenset(m.SandboxFields.__annotations__)
    #: The toolbox services: file system and transfers, git, commands/sessions/PTYs (in the sandbox's language),
    #: desktop automation and the stateful Python interpreter; each is made on first use.
    fs: AsyncFileSystem
    git: AsyncGit
    process: AsyncProcess
    computer_use: AsyncComputerUse
    code_interpreter: AsyncCodeInterpreter
    _SERVICES: ClassVar[dict[str, str]] = {
        "fs": "_transfer.AsyncFileSystem", "git": "_toolbox.AsyncGit", "process": "_process.AsyncProcess",
        "computer_use": "_toolbox.AsyncComputerUse", "code_interpreter": "_interpreter.AsyncCodeInterpreter",
    }  # fmt: skip

    def __init__(
        self, data: m.Sandbox | m.SandboxListItem, api_ctx: Endpoint, *, clock: Clock | None = None,
        events: StateEvents | None = None,
    ) -> None:  # fmt: skip
        """Internal: sandboxes come from ``AsyncDaytona.create/get/find_one/list``. The language is taken from the
        record's label (Python when there is none; Python, with a warning, when it is unknown)."""
        self._api, self._clock, self._events = api_ctx, clock, events
        self._apply(data)
        try:
            self._language = parse_language(self.labels.get(CODE_TOOLBOX_LANGUAGE_LABEL) or "python")
        except DaytonaError as exc:
            logger.warning("Sandbox %s: %s; using python", data.id, exc)
            self._language = CodeLanguage.PYTHON

    def _apply(self, data: m.Sandbox | m.SandboxListItem) -> m.Sandbox | m.SandboxListItem:
        """Take ``data`` as the sandbox's record, converting the fields that need it; return it."""
        self._data = data
        self.labels = dict(data.labels.additional_properties)
        self.env = dict(data.env.additional_properties) if isinstance(data, m.Sandbox) else None
        self.state = _state(data.state)
        return data

    def __getattr__(self, name: str) -> object:
        if name in AsyncSandbox._SERVICES:
            module, cls = AsyncSandbox._SERVICES[name].split(".")
            language = (self._language,) if name == "process" else ()
            factory = cast("Callable[..., object]", getattr(import_module(f"facade.{module}"), cls))
            service = self.__dict__[name] = factory(self._toolbox, *language)
            return service
        if name not in AsyncSandbox._READ:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return getattr(self._data, name, None)

    def __repr__(self) -> str:
        return f"AsyncSandbox(id={self.id!r}, name={self.name!r}, state={self._state_text!r})"

    @property
    def _state_text(self) -> str | None:
        return None if self.state is None else self.state.value

    @property
    def language(self) -> CodeLanguage:
        """The language of the sandbox's code runner (from its ``code-toolbox-language`` label)."""
        return self._language

    # ---- toolbox --------------------------------------------------------------------------------

    @cached_property
    def _toolbox(self) -> Endpoint:
        return self._api.at(f"{self.toolbox_proxy_url.rstrip('/')}/{self.id}")

    def create_lsp_server(self, language_id: LspLanguageId | str, path_to_project: str) -> AsyncLspServer:
        """A language server handle for ``language_id`` in ``path_to_project`` (nothing is sent until ``start``)."""
        from ._toolbox import AsyncLspServer

        return AsyncLspServer(self._toolbox, language_id, path_to_project)

    async def get_user_home_dir(self) -> str:
        """The sandbox user's home directory (toolbox ``GET /user-home-dir``)."""
        req = toolbox_info.get_user_home_dir.request()
        return (await self._toolbox.send(req, "Failed to get user home directory: ")).dir_

    async def get_user_root_dir(self) -> str:
        """Deprecated alias of :meth:`get_user_home_dir`."""
        warnings.warn("get_user_root_dir is deprecated; use get_user_home_dir", DeprecationWarning, stacklevel=2)
        return await self.get_user_home_dir()

    async def get_work_dir(self) -> str:
        """The working directory: the image's WORKDIR, else the home directory (toolbox ``GET /work-dir``)."""
        req = toolbox_info.get_work_dir.request()
        return (await self._toolbox.send(req, "Failed to get working directory path: ")).dir_

    # ---- lifecycle --------------------------------------------------------------------------------

    async def refresh_data(self) -> None:
        """Reload every attribute (``GET /sandbox/{id}``)."""
        self._apply(await self._api.send(api.get_sandbox.request(self.id), "Failed to refresh sandbox data: "))

    async def set_labels(self, labels: Mapping[str, str]) -> dict[str, str]:
        """Replace all labels with ``labels`` (``PUT /sandbox/{id}/labels``; ``code-toolbox-language`` too, unless
        kept) and return the labels now set."""
        body = m.SandboxLabelSet.from_dict({"labels": check.mapping(labels, "labels")})
        result = await self._api.send(api.replace_sandbox_labels.request(self.id, body=body), "Failed to set labels: ")
        self.labels = dict(result.labels.additional_properties)
        return dict(self.labels)

    def _deadline(self, timeout: float | None, what: str) -> Deadline:
        return Deadline(timeout, f"sandbox '{self.id}' {what}", self._clock)

    async def _change(self, timeout: float | Deadline | None, req: Request[m.Sandbox], prefix: str, goal: str) -> None:
        """Send a lifecycle request within ``timeout`` (or a deadline made already), take its answer as the record,
        then wait ``goal``."""
        deadline = timeout if isinstance(timeout, Deadline) else self._deadline(timeout, goal)
        self._apply(await deadline.run(lambda: self._api.send(req, prefix), self._state_text))
        await self._wait(deadline, goal)

    async def start(self, timeout: float | None = 60) -> None:
        """Start the sandbox (``POST /sandbox/{id}/start``) and wait until it is ``started``."""
        await self._change(timeout, api.start_sandbox.request(self.id), "Failed to start sandbox: ", "to start")

    async def recover(self, timeout: float | None = 60) -> None:
        """Recover from a recoverable error (``POST /sandbox/{id}/recover``) and wait until it is ``started``."""
        req = api.recover_sandbox.request(self.id)
        await self._change(self._deadline(timeout, "to recover"), req, "Failed to recover sandbox: ", "to start")

    async def stop(self, timeout: float | None = 60, force: bool = False) -> None:
        """Stop the sandbox (``POST /sandbox/{id}/stop?force=``; ``force`` kills its processes) and wait until it
        is ``stopped`` (or destroyed, for ephemeral sandboxes)."""
        req = api.stop_sandbox.request(self.id, force=check.flag(force, "force"))
        await self._change(timeout, req, "Failed to stop sandbox: ", "to stop")

    async def delete(self, timeout: float | None = 60) -> None:
        """Delete the sandbox (``DELETE /sandbox/{id}``) and wait until it is gone (``state`` is then ``destroyed``)."""
        await self._change(timeout, api.delete_sandbox.request(self.id), "Failed to remove sandbox: ", "to be deleted")

    async def pause(self, timeout: float | None = 60) -> None:
        """Pause the sandbox (``POST /sandbox/{id}/pause``) and wait while it is ``pausing``. The service pauses
        only VM sandboxes: for a container sandbox it answers 422 (:class:`~facade.DaytonaError`)."""
        await self._change(timeout, api.pause_sandbox.request(self.id), "Failed to pause sandbox: ", "to pause")

    async def _experimental_fork(self, name: str | None = None, timeout: float | None = 60) -> AsyncSandbox:
        """Experimental: a copy of this sandbox (``POST /sandbox/{id}/fork`` with ``{name?}``), returned once it
        is ``started``. The service forks only VM sandboxes (422 for a container sandbox)."""
        deadline = self._deadline(timeout, "to fork")
        req = api.fork_sandbox.request(self.id, body=m.ForkSandbox(name=check.text(name, "name", optional=True)))
        dto = await deadline.run(lambda: self._api.send(req, "Failed to fork sandbox: "))
        fork = AsyncSandbox(dto, self._api, clock=self._clock, events=self._events)
        deadline.what = f"fork '{fork.id}' of sandbox '{self.id}' to start"
        await fork._wait(deadline, "to start")
        return fork

    async def _experimental_create_snapshot(self, name: str, timeout: float | None = 60) -> None:
        """Experimental: save the sandbox as the snapshot ``name`` (``POST /sandbox/{id}/snapshot`` with
        ``{name, includeMemory: false}``) and wait while it is ``snapshotting``."""
        req = api.create_sandbox_snapshot.request(self.id, body=m.CreateSandboxSnapshot(name=check.text(name, "name")))
        await self._change(timeout, req, "Failed to create snapshot: ", "to finish its snapshot")

    async def archive(self) -> None:
        """Archive the stopped sandbox (``POST /sandbox/{id}/archive``): its file system moves to object storage."""
        self._apply(await self._api.send(api.archive_sandbox.request(self.id), "Failed to archive sandbox: "))

    async def wait_for_sandbox_start(self, timeout: float | None = 60) -> None:
        """Poll ``GET /sandbox/{id}`` until the sandbox is ``started`` (``error``, ``build_failed`` or destroyed
        raise :class:`~facade.DaytonaStateError`)."""
        await self._wait(self._deadline(timeout, "to start"), "to start", trust_local=False)

    async def wait_for_sandbox_stop(self, timeout: float | None = 60) -> None:
        """Poll ``GET /sandbox/{id}`` until the sandbox is ``stopped`` (destroyed or gone counts as stopped)."""
        await self._wait(self._deadline(timeout, "to stop"), "to stop", trust_local=False)

    async def wait_for_resize_complete(self, timeout: float | None = 60) -> None:
        """Poll ``GET /sandbox/{id}`` until the sandbox is no longer ``resizing``."""
        await self._wait(self._deadline(timeout, "to finish resizing"), "to finish resizing", trust_local=False)

    async def _wait(self, deadline: Deadline, goal: str, trust_local: bool = True) -> None:
        """Wait until the :data:`WAITS` ``goal`` is reached (the state held already counts with ``trust_local``):
        on the service's state-change notifications (:mod:`facade._events`) when the clock is the real one, with
        polls of ``GET /sandbox/{id}`` as the safety net (or alone when the gateway is unreachable)."""
        done, terminal, prefix, gone = WAITS[goal]
        if trust_local and done(self._state_text):
            return
        events = self._events if isinstance(deadline.clock, MonotonicClock) else None  # fake clocks: polls only
        async with events.watch(self.id) if events else nullcontext() as watch:
            if watch is not None:  # the first fetch after the connection is up: no second fetch to close a gap
                await watch.ready(READY_WAIT)

            async def fetch() -> m.Sandbox | m.SandboxListItem | None:
                if watch is not None and (pushed := watch.take()) is not None:
                    with suppress(KeyError, TypeError, ValueError):  # a record we cannot read: ask for it
                        return self._apply(m.Sandbox.from_dict(pushed))
                try:
                    return self._apply(await self._api.send(api.get_sandbox.request(self.id), prefix))
                except DaytonaNotFoundError:
                    if gone is None:
                        raise
                    self.state = _state(gone)
                    return None

            await deadline.wait(
                fetch, self._state_text, state_of=lambda dto: gone if dto is None else dto.state, done=done,
                terminal=terminal, error_reason_of=lambda dto: dto.error_reason if dto else None, watch=watch,
            )  # fmt: skip

    # ---- settings -------------------------------------------------------------------------------

    async def set_autostop_interval(self, interval: int) -> None:
        """Stop the sandbox after ``interval`` minutes without activity, 0 never (``POST /sandbox/{id}/autostop/N``)."""
        req = api.set_autostop_interval.request(self.id, check.integer(interval, "interval", minimum=0))
        self._apply(await self._api.send(req, "Failed to set auto-stop interval: "))

    async def set_auto_archive_interval(self, interval: int) -> None:
        """Archive the sandbox after ``interval`` minutes stopped, 0 the maximum (``POST .../autoarchive/N``)."""
        req = api.set_auto_archive_interval.request(self.id, check.integer(interval, "interval", minimum=0))
        self._apply(await self._api.send(req, "Failed to set auto-archive interval: "))

    async def set_auto_delete_interval(self, interval: int) -> None:
        """Delete the sandbox ``interval`` minutes after it stops: 0 at once, negative never (``.../autodelete/N``)."""
        req = api.set_auto_delete_interval.request(self.id, check.integer(interval, "interval"))
        self._apply(await self._api.send(req, "Failed to set auto-delete interval: "))

    async def update_network_settings(
        self, *, network_block_all: bool | None = None, network_allow_list: str | None = None,
        domain_allow_list: str | None = None,
    ) -> None:  # fmt: skip
        """Change the outbound network policy (``POST /sandbox/{id}/network-settings`` with the given fields):
        block everything, or allow comma-separated IPv4 CIDRs or domain names."""
        if network_block_all is None and network_allow_list is None and domain_allow_list is None:
            raise check.bad("network settings", "need network_block_all, network_allow_list or domain_allow_list")
        body = m.SandboxNetworkSettings(
            network_block_all=check.flag(network_block_all, "network_block_all", optional=True),
            network_allow_list=check.text(network_allow_list, "network_allow_list", optional=True, empty=True),
            domain_allow_list=check.text(domain_allow_list, "domain_allow_list", optional=True, empty=True),
        )
        req = api.update_sandbox_network_settings.request(self.id, body=body)
        self._apply(await self._api.send(req, "Failed to update network settings: "))

    async def get_preview_link(self, port: int) -> PortPreviewUrl:
        """The preview URL of ``port`` and, for private sandboxes, its token (``GET .../ports/{port}/preview-url``)."""
        req = api.get_port_preview_url.request(self.id, check.integer(port, "port", minimum=1, maximum=65535))
        from ._secrets import PortPreviewUrl

        return PortPreviewUrl.from_dict((await self._api.send(req, "Failed to get preview link: ")).to_dict())

    async def create_signed_preview_url(self, port: int, expires_in_seconds: int | None = None) -> SignedPortPreviewUrl:
        """A signed preview URL of ``port`` valid ``expires_in_seconds`` (service default 60)
        (``GET .../ports/{port}/signed-preview-url[?expiresInSeconds=N]``)."""
        port, expires = check.integer(port, "port", minimum=1, maximum=65535), expires_in_seconds
        expires = check.integer(expires, "expires_in_seconds", minimum=1, optional=True)
        req = api.get_signed_port_preview_url.request(self.id, port, expires_in_seconds=expires)
        r = await self._api.send(req, "Failed to create signed preview url: ")
        from ._secrets import SignedPortPreviewUrl

        return SignedPortPreviewUrl(sandbox_id=r.sandbox_id, port=int(r.port), token=r.token, url=r.url)

    async def expire_signed_preview_url(self, port: int, token: str) -> None:
        """Revoke a signed preview URL of ``port`` early (``POST .../signed-preview-url/{token}/expire``)."""
        port, token = check.integer(port, "port", minimum=1, maximum=65535), check.text(token, "token")
        req = api.expire_signed_port_preview_url.request(self.id, port, token)
        try:
            await self._api.send(req, "Failed to expire signed preview url: ")
        except DaytonaError as exc:  # the token is part of the path: no message may repeat it
            raise exc.with_message(exc.message.replace(token, "***")) from exc.__cause__

    async def resize(self, resources: Resources, timeout: float | None = 60) -> None:
        """Change CPU, memory or disk (``POST /sandbox/{id}/resize``) and wait while ``resizing``.

        Checked before sending: at least one of cpu, memory, disk; no GPU fields; disk never shrinks; on a
        started sandbox (hot resize) CPU and memory may only grow and disk may not change.
        """
        deadline = self._deadline(timeout, "to finish resizing")
        check.instance(resources, "resources", Resources).validate()
        if resources.gpu is not None or resources.gpu_type is not None:
            raise check.bad("resources", "cannot resize GPU resources")
        had: dict[str, object] = {"cpu": self.cpu, "memory": self.memory, "disk": self.disk}
        asked = {"cpu": resources.cpu, "memory": resources.memory, "disk": resources.disk}
        if not (wanted := {name: value for name, value in asked.items() if value is not None}):
            raise check.bad("resources", "has no resource changes: set cpu, memory or disk")
        for name, value in wanted.items():
            current, running = had[name], self.state == "started"
            if isinstance(current, int | float) and value < current and (name == "disk" or running):
                raise check.bad(f"resources.{name}", f"can only grow here ({current} -> {value} requested)")
            if name == "disk" and running and value != current:
                raise check.bad("resources.disk", "can only be resized while the sandbox is stopped")
        req = api.resize_sandbox.request(self.id, body=m.ResizeSandbox.from_dict(wanted))
        await self._change(deadline, req, "Failed to resize sandbox: ", "to finish resizing")

    async def create_ssh_access(self, expires_in_minutes: int | None = None) -> SshAccessDto:
        """An SSH access token valid ``expires_in_minutes`` (``POST /sandbox/{id}/ssh-access[?expiresInMinutes=N]``)."""
        minutes = check.integer(expires_in_minutes, "expires_in_minutes", minimum=1, optional=True)
        req = api.create_ssh_access.request(self.id, expires_in_minutes=minutes)
        from ._secrets import SshAccessDto

        return SshAccessDto.from_dict((await self._api.send(req, "Failed to create SSH access: ")).to_dict())

    async def revoke_ssh_access(self, token: str) -> None:
        """Revoke one SSH token (``DELETE /sandbox/{id}/ssh-access?token=``; an empty token would revoke all)."""
        req = api.revoke_ssh_access.request(self.id, token=check.text(token, "token"))
        await self._api.send(req, "Failed to revoke SSH access: ")

    async def validate_ssh_access(self, token: str) -> m.SshAccessValidation:
        """Whether an SSH token works (``GET /sandbox/ssh-access/validate?token=``)."""
        req = api.validate_ssh_access.request(token=check.text(token, "token"))
        return await self._api.send(req, "Failed to validate SSH access: ")

    async def refresh_activity(self) -> None:
        """Reset the inactivity timer behind auto-stop, without changing the state (``POST .../last-activity``)."""
        await self._api.send(api.refresh_sandbox_activity.request(self.id), "Failed to refresh sandbox activity: ")
