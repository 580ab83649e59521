"""Parameter objects for creating and listing sandboxes and snapshots, the sandbox language, and their wire forms.

The classes are plain dataclasses checked in ``__post_init__`` with :mod:`facade._checks` (and checked
again when a body is built, since dataclasses can be changed after construction); each field's check is
declared with the field (:class:`Checked`). The body builders never modify the caller's objects: every
container in a body is a fresh copy.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime
from enum import Enum, StrEnum
from typing import Concatenate, ParamSpec, TypeVar

from daytona_openapi import models as m

from . import _checks as check
from ._errors import DaytonaValidationError
from ._image import Image

P = ParamSpec("P")
T = TypeVar("T")
#: A :mod:`facade._checks` checker: ``checker(value, name, ...)``.
_Checker = Callable[Concatenate[object, str, P], object]
#: A field's check: ``check(value, name)``.
_Check = Callable[[object, str], object]
#: Label key under which a sandbox's language is stored on the service.
CODE_TOOLBOX_LANGUAGE_LABEL = "code-toolbox-language"


class CodeLanguage(StrEnum):
    """Programming languages supported by Daytona's code runner (members are strings: ``== "python"``)."""

    PYTHON = "python"
    TYPESCRIPT = "typescript"
    JAVASCRIPT = "javascript"


def parse_language(value: CodeLanguage | str) -> CodeLanguage:
    """The :class:`CodeLanguage` for ``value`` (case and surrounding spaces ignored).

    Raises:
        DaytonaValidationError: If ``value`` does not name a supported language.
    """
    try:
        return CodeLanguage(value.strip().lower() if isinstance(value, str) else value)
    except ValueError:
        message = f"Invalid {CODE_TOOLBOX_LANGUAGE_LABEL}: {value!r} (supported: {', '.join(CodeLanguage)})"
        raise DaytonaValidationError(message) from None


def _query_value(value: object) -> str:
    """Enum members by value, booleans as JSON writes them, datetimes as the official SDK writes them."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.%f%z")
    return json.dumps(value) if isinstance(value, bool) else str(value.value if isinstance(value, Enum) else value)


def _field(obj: object, name: str) -> object:
    """Field ``name`` of a parameter object."""
    return getattr(obj, name)


def _check(checker: _Checker[P], *args: P.args, **kwargs: P.kwargs) -> dict[str, _Check]:
    """The metadata of a field that :meth:`Checked.validate` checks with ``checker(value, name, *args, **kwargs)``."""
    return {"check": lambda value, name: checker(value, name, *args, **kwargs)}


def _checked(checker: _Checker[P], *args: P.args, **kwargs: P.kwargs) -> T | None:
    """An optional field (default None): None passes, other values are checked as :func:`_check` says."""
    return field(default=None, metadata={"check": lambda v, n: v is None or checker(v, n, *args, **kwargs)})


class Checked:
    """A parameter object that checks itself when made (``__post_init__``) and again when it is used.

    A field's check is in its metadata: ``field(metadata=_check(checker, ...))``, or ``_checked(checker, ...)`` for
    an optional field (default None; None is not checked). The messages name the field, after ``_prefix``
    (e.g. ``"Resources.cpu"``).
    """

    _prefix = ""  # of the field names in messages

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Check every field again (e.g. after one was changed)."""
        for spec in fields(self):  # type: ignore[arg-type]  # the subclasses that inherit this method are dataclasses
            checker: _Check | None = spec.metadata.get("check")
            if checker:
                checker(_field(self, spec.name), self._prefix + spec.name)


def _valid(cls: type[Checked]) -> _Check:
    """The check of a field that holds a ``cls``: an instance of it, and valid."""
    return lambda value, name: check.instance(value, name, cls).validate()


def _image(value: object, name: str) -> None:
    """A registry image name (one line) or an :class:`Image`."""
    if not isinstance(check.instance(value, name, (str, Image)), Image):
        check.text(value, name, line=True)


@dataclass
class Resources(Checked):
    """Resources of a sandbox or snapshot; unset fields keep the service's defaults.

    Attributes:
        cpu: CPU cores. memory: Memory in GiB. disk: Disk in GiB. gpu: GPUs.
        gpu_type: GPU model, or a list of acceptable models (e.g. ``"H100"``).
    """

    _prefix = "Resources."
    cpu: int | None = _checked(check.integer, minimum=0)
    memory: int | None = _checked(check.integer, minimum=0)
    disk: int | None = _checked(check.integer, minimum=0)
    gpu: int | None = _checked(check.integer, minimum=0)
    gpu_type: str | Sequence[str] | None = _checked(lambda v, n: isinstance(v, str) or check.strings(v, n))

    def to_body_fields(self) -> dict[str, object]:
        """The set fields as API body fields: ``cpu``, ``gpu``, ``gpuType`` (always a list), ``memory``, ``disk``."""
        self.validate()
        gpu_type = [self.gpu_type] if isinstance(self.gpu_type, str) else self.gpu_type
        fields = {"cpu": self.cpu, "gpu": self.gpu, "gpuType": gpu_type and list(gpu_type), "memory": self.memory}
        return {k: v for k, v in (fields | {"disk": self.disk}).items() if v is not None}


@dataclass
class VolumeMount(Checked):
    """A volume to mount into a sandbox (checked, unlike the generated ``SandboxVolume`` it is sent as).

    Attributes:
        volume_id: ID or name of the volume. mount_path: Absolute path inside the sandbox.
        subpath: Only mount this prefix of the volume (None: the whole volume).
    """

    _prefix = "VolumeMount."
    volume_id: str = field(metadata=_check(check.text))
    mount_path: str = field(metadata=_check(check.text))
    subpath: str | None = _checked(check.text, empty=True)

    def to_body(self) -> dict[str, str]:
        """The API form: ``{"volumeId", "mountPath", "subpath"?}``."""
        self.validate()
        body = {"volumeId": self.volume_id, "mountPath": self.mount_path, "subpath": self.subpath}
        return {k: v for k, v in body.items() if v is not None}


@dataclass(kw_only=True)
class CreateSandboxBaseParams(Checked):
    """Parameters shared by every way of creating a sandbox. All are optional and keyword-only.

    Attributes:
        name: Sandbox name (the service uses the ID if unset; an empty name is refused).
        language: Language of the code runner: ``"python"`` (default), ``"typescript"`` or ``"javascript"``,
            stored as the ``code-toolbox-language`` label.
        os_user: OS user inside the sandbox. env_vars: Environment variables. labels: Custom labels.
        public: Whether the sandbox's previews are public.
        timeout: Seconds to wait for the sandbox to be created and started (0: no limit).
        auto_stop_interval: Minutes of inactivity before auto-stop (0: never; service default 15).
        auto_archive_interval: Minutes stopped before auto-archive (0: the maximum).
        auto_delete_interval: Minutes stopped before auto-delete (0: at once; negative: never, the default).
        volumes: Volumes to mount.
        network_block_all, network_allow_list, domain_allow_list: Outbound network policy.
        ephemeral: Delete the sandbox as soon as it stops (sends ``autoDeleteInterval=0``).
        linked_sandbox: ID of a sandbox to link to.
    """

    name: str | None = _checked(check.text, line=True)
    language: CodeLanguage | str | None = None  # checked with the labels, by resolved_language()
    os_user: str | None = _checked(check.text, line=True)
    env_vars: Mapping[str, str] | None = _checked(check.mapping)
    labels: Mapping[str, str] | None = _checked(check.mapping)
    public: bool | None = _checked(check.flag)
    timeout: float | None = _checked(check.timeout)
    auto_stop_interval: int | None = _checked(check.integer, minimum=0)
    auto_archive_interval: int | None = _checked(check.integer, minimum=0)
    auto_delete_interval: int | None = _checked(check.integer)
    volumes: Sequence[VolumeMount] | None = _checked(check.each, _valid(VolumeMount))
    network_block_all: bool | None = _checked(check.flag)
    network_allow_list: str | None = _checked(check.text, empty=True)
    domain_allow_list: str | None = _checked(check.text, empty=True)
    ephemeral: bool | None = _checked(check.flag)
    linked_sandbox: str | None = _checked(check.text, line=True)

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.ephemeral and self.auto_delete_interval not in (None, 0):
            message = "ephemeral=True overrides auto_delete_interval: the sandbox is deleted as soon as it stops."
            warnings.warn(message, UserWarning, stacklevel=3)

    def validate(self) -> None:
        """Check every field again (e.g. after one was changed), and that language and label agree."""
        super().validate()
        self.resolved_language()

    def resolved_language(self, default: CodeLanguage | str = CodeLanguage.PYTHON) -> CodeLanguage:
        """``language``, else the ``code-toolbox-language`` label, else ``default``; raises if they disagree (or if
        ``default`` is no language)."""
        label = (self.labels or {}).get(CODE_TOOLBOX_LANGUAGE_LABEL)
        if len(found := {parse_language(value) for value in (self.language, label) if value}) > 1:
            given = parse_language(self.language or "").value
            raise check.bad(f"language={given!r}", f"contradicts labels['code-toolbox-language']={label!r}; set one")
        return found.pop() if found else parse_language(default)


@dataclass(kw_only=True)
class CreateSandboxFromSnapshotParams(CreateSandboxBaseParams):
    """Parameters for creating a sandbox from a snapshot (``snapshot``: name or ID; None: the default one)."""

    snapshot: str | None = _checked(check.text, empty=True)


@dataclass(kw_only=True)
class CreateSandboxFromImageParams(CreateSandboxBaseParams):
    """Parameters for creating a sandbox from an image (a registry name such as ``"debian:12.9"`` or a
    declarative :class:`Image`; required), which Daytona builds first, with optional ``resources``."""

    image: str | Image = field(metadata=_check(_image))
    resources: Resources | None = _checked(_valid(Resources))


@dataclass(kw_only=True)
class CreateSnapshotParams(Checked):
    """Parameters for creating a snapshot.

    Attributes:
        name: Name of the snapshot (required). image: A registry image name or a declarative :class:`Image`
            (required). resources: Default resources of its sandboxes. entrypoint: Entrypoint command.
        region_id: Region (None: the organization's default). sandbox_class: e.g. ``"container"``.
    """

    name: str = field(metadata=_check(check.text, line=True))
    image: str | Image = field(metadata=_check(_image))
    resources: Resources | None = _checked(_valid(Resources))
    entrypoint: Sequence[str] | None = _checked(check.strings)
    region_id: str | None = _checked(check.text)
    sandbox_class: str | None = _checked(check.text)


@dataclass
class ListSandboxesQuery(Checked):
    """Filters, sort order and page size for listing sandboxes. Every field is optional.

    Attributes:
        limit: Page size (1 or more); does not limit the total. id, name: ID or name prefix.
        labels: Labels that must all match. states, snapshots, targets: Accepted values.
        min_cpu, max_cpu, min_memory_gib, max_memory_gib, min_disk_gib, max_disk_gib: Ranges.
        is_public, is_recoverable: Only sandboxes with that flag.
        created_at_after, created_at_before, last_activity_after, last_activity_before: Time ranges.
        sort: ``name``, ``cpu``, ``memoryGib``, ``diskGib``, ``lastActivityAt`` or ``createdAt``.
        order: ``asc`` or ``desc``.
    """

    limit: int | None = _checked(check.integer, minimum=1)
    id: str | None = _checked(check.text, empty=True)
    name: str | None = _checked(check.text, empty=True)
    labels: Mapping[str, str] | None = _checked(check.mapping)
    states: Sequence[str] | None = _checked(check.strings)
    snapshots: Sequence[str] | None = _checked(check.strings)
    targets: Sequence[str] | None = _checked(check.strings)
    min_cpu: float | None = _checked(check.number)
    max_cpu: float | None = _checked(check.number)
    min_memory_gib: float | None = _checked(check.number)
    max_memory_gib: float | None = _checked(check.number)
    min_disk_gib: float | None = _checked(check.number)
    max_disk_gib: float | None = _checked(check.number)
    is_public: bool | None = _checked(check.flag)
    is_recoverable: bool | None = _checked(check.flag)
    created_at_after: datetime | None = _checked(check.instance, datetime)
    created_at_before: datetime | None = _checked(check.instance, datetime)
    last_activity_after: datetime | None = _checked(check.instance, datetime)
    last_activity_before: datetime | None = _checked(check.instance, datetime)
    sort: str | None = _checked(check.text, empty=True)
    order: str | None = _checked(check.text, empty=True)

    def to_query_params(self, cursor: str | None = None) -> list[tuple[str, str]]:
        """The query of ``GET /sandbox`` as the official SDK writes it: ``cursor`` first, labels as one JSON
        string, one pair per state/snapshot/target (``targets`` as ``regionIds``), ``last_activity_*`` as
        ``lastEvent*``, booleans as ``true``/``false``, datetimes as ``%Y-%m-%dT%H:%M:%S.%f%z``."""
        self.validate()
        pairs = [("cursor", cursor)] if cursor else []
        for wire, _, attr in (spec.partition(":") for spec in _QUERY_FIELDS.split()):
            value = json.dumps(dict(self.labels)) if wire == "labels" and self.labels else _field(self, attr or wire)
            values = value if isinstance(value, list | tuple) else [value]
            pairs += [(wire, _query_value(v)) for v in values if v is not None]
        return pairs


#: Query parameters of ``GET /sandbox`` in the official SDK's order, as ``wire:attribute`` (same name: ``wire``).
_QUERY_FIELDS = """limit id name labels states snapshots regionIds:targets minCpu:min_cpu maxCpu:max_cpu
    minMemoryGiB:min_memory_gib maxMemoryGiB:max_memory_gib minDiskGiB:min_disk_gib maxDiskGiB:max_disk_gib
    isPublic:is_public isRecoverable:is_recoverable createdAtAfter:created_at_after createdAtBefore:created_at_before
    lastEventAfter:last_activity_after lastEventBefore:last_activity_before sort order"""
#: Optional fields of ``POST /sandbox`` taken as they are from the params, as ``wire:attribute``.
_CREATE_FIELDS = """name user:os_user public networkBlockAll:network_block_all networkAllowList:network_allow_list
    domainAllowList:domain_allow_list autoStopInterval:auto_stop_interval autoArchiveInterval:auto_archive_interval
    linkedSandbox:linked_sandbox"""


def to_create_sandbox_body(
    params: CreateSandboxBaseParams, target: str | None, *, default_language: CodeLanguage | str = CodeLanguage.PYTHON
) -> m.CreateSandbox:
    """The body of ``POST /sandbox`` for ``params`` (which are checked again, never modified).

    Always sends ``env`` (``{}`` if unset), ``labels`` (a copy, plus ``code-toolbox-language``) and
    ``volumes`` (``[]`` if unset); other fields only when set (``ephemeral`` sends
    ``autoDeleteInterval=0``). Image parameters add ``buildInfo`` (a registry name becomes
    ``FROM <name>``, an :class:`Image` its Dockerfile with ``contextHashes: []``) and the resources.
    """
    check.instance(params, "params", CreateSandboxBaseParams).validate()
    labels = {**(params.labels or {}), CODE_TOOLBOX_LANGUAGE_LABEL: params.resolved_language(default_language).value}
    image = params if isinstance(params, CreateSandboxFromImageParams) else None
    body = {wire: _field(params, attr or wire) for wire, _, attr in (f.partition(":") for f in _CREATE_FIELDS.split())}
    return m.CreateSandbox.from_dict(body | {  # None: not sent
        "snapshot": params.snapshot or None if isinstance(params, CreateSandboxFromSnapshotParams) else None,
        "env": dict(params.env_vars or {}), "labels": labels, "target": target or None,
        "autoDeleteInterval": 0 if params.ephemeral else params.auto_delete_interval,
        **(image.resources.to_body_fields() if image and image.resources else {}),
        "volumes": [volume.to_body() for volume in params.volumes or ()],
        "buildInfo": image and _build_info(image.image),
    })  # fmt: skip


def _build_info(image: str | Image) -> dict[str, object]:
    if isinstance(image, str):
        return {"dockerfileContent": Image.base(image).dockerfile()}
    return {"dockerfileContent": image.dockerfile(), "contextHashes": []}


def to_create_snapshot_body(params: CreateSnapshotParams, default_region_id: str | None = None) -> m.CreateSnapshot:
    """The body of ``POST /snapshots``: a registry image as ``imageName`` (with ``entrypoint``), a
    declarative :class:`Image` as ``buildInfo`` whose Dockerfile ends with the entrypoint; resources,
    ``regionId`` (``params.region_id`` or ``default_region_id``) and ``sandboxClass`` when set."""
    check.instance(params, "params", CreateSnapshotParams).validate()
    image, entrypoint = params.image, params.entrypoint and list(params.entrypoint)
    built = (image.entrypoint(entrypoint) if entrypoint else image) if isinstance(image, Image) else None
    return m.CreateSnapshot.from_dict({  # None: not sent
        "name": params.name, "imageName": None if built else image, "entrypoint": None if built else entrypoint,
        **(params.resources.to_body_fields() if params.resources else {}), "buildInfo": built and _build_info(built),
        "regionId": params.region_id or default_region_id, "sandboxClass": params.sandbox_class,
    })  # fmt: skip
