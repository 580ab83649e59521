"""Parameter objects for creating and listing sandboxes and snapshots, and their wire forms.

The classes are plain dataclasses checked in ``__post_init__`` (bad input raises
:class:`~facade.errors.DaytonaValidationError` at construction). The functions
:func:`to_create_sandbox_body`, :func:`to_create_snapshot_body` and
:meth:`ListSandboxesQuery.to_query_params` turn them into what the API expects; they check the
values again (dataclasses can be changed after construction) and never modify the caller's
objects, dicts or lists: every container in a body is a fresh copy.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any, Never

from .errors import DaytonaValidationError
from .image import Image
from .language import CODE_TOOLBOX_LANGUAGE_LABEL, CodeLanguage, parse_language
from .polling import validate_timeout

__all__ = [
    "CreateSandboxBaseParams",
    "CreateSandboxFromImageParams",
    "CreateSandboxFromSnapshotParams",
    "CreateSnapshotParams",
    "ListSandboxesQuery",
    "Resources",
    "VolumeMount",
    "to_create_sandbox_body",
    "to_create_snapshot_body",
]

#: How datetimes are written in query strings (matches the official SDK).
QUERY_DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%f%z"


def _fail(message: str) -> Never:
    raise DaytonaValidationError(message)


def _check_optional_str(value: object, name: str) -> None:
    if value is not None and not isinstance(value, str):
        _fail(f"{name} must be a string or None, got {type(value).__name__}")


def _check_optional_bool(value: object, name: str) -> None:
    if value is not None and not isinstance(value, bool):
        _fail(f"{name} must be True, False or None, got {value!r}")


def _check_int(value: object, name: str, *, minimum: int | None = 0) -> None:
    """``value`` must be None or an int (not a bool) of at least ``minimum`` (None: any)."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        _fail(f"{name} must be an integer or None, got {value!r}")
    if minimum is not None and value < minimum:
        _fail(f"{name} must be at least {minimum}, got {value}")


def _check_number(value: object, name: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        _fail(f"{name} must be a finite number or None, got {value!r}")


def _check_str_mapping(value: object, name: str) -> None:
    if value is None:
        return
    if not isinstance(value, Mapping):
        _fail(f"{name} must be a mapping of strings to strings, got {type(value).__name__}")
    for key, item in value.items():
        if not isinstance(key, str) or not isinstance(item, str):
            _fail(f"{name} must map strings to strings; got {key!r}: {type(item).__name__}")


def _check_str_list(value: object, name: str) -> None:
    if value is None:
        return
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        _fail(f"{name} must be a list of strings, got {type(value).__name__}")
    for item in value:
        if not isinstance(item, str):
            _fail(f"{name} must contain only strings, got {item!r}")


def _wire(value: object) -> str:
    """Enum members by value, booleans as true/false, everything else as ``str``."""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.strftime(QUERY_DATETIME_FORMAT)
    return str(value)


@dataclass
class Resources:
    """Resources of a sandbox or snapshot. Unset fields keep the service's defaults.

    Attributes:
        cpu: Number of CPU cores.
        memory: Memory in GiB.
        disk: Disk space in GiB.
        gpu: Number of GPUs.
        gpu_type: GPU model, or a list of acceptable models (e.g. ``"H100"``).

    Raises:
        DaytonaValidationError: If a number is negative or not an integer, or ``gpu_type`` is
            not a string or list of strings.
    """

    cpu: int | None = None
    memory: int | None = None
    disk: int | None = None
    gpu: int | None = None
    gpu_type: str | Sequence[str] | None = None

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Check the fields again (e.g. after they were changed)."""
        for name in ("cpu", "memory", "disk", "gpu"):
            _check_int(getattr(self, name), f"Resources.{name}")
        if self.gpu_type is not None and not isinstance(self.gpu_type, str):
            _check_str_list(self.gpu_type, "Resources.gpu_type")

    def gpu_types(self) -> list[str] | None:
        """``gpu_type`` as a new list (the API always takes a list), or None."""
        if self.gpu_type is None:
            return None
        if isinstance(self.gpu_type, str):
            return [self.gpu_type]
        return list(self.gpu_type)

    def to_body_fields(self) -> dict[str, Any]:
        """The set fields as API body fields: ``cpu``, ``gpu``, ``gpuType``, ``memory``, ``disk``."""
        self.validate()
        fields: dict[str, Any] = {}
        if self.cpu is not None:
            fields["cpu"] = self.cpu
        if self.gpu is not None:
            fields["gpu"] = self.gpu
        gpu_types = self.gpu_types()
        if gpu_types is not None:
            fields["gpuType"] = gpu_types
        if self.memory is not None:
            fields["memory"] = self.memory
        if self.disk is not None:
            fields["disk"] = self.disk
        return fields


@dataclass
class VolumeMount:
    """A volume to mount into a sandbox.

    Attributes:
        volume_id: ID or name of the volume.
        mount_path: Absolute path inside the sandbox where it is mounted.
        subpath: Only mount this prefix of the volume (None: the whole volume).

    Raises:
        DaytonaValidationError: If ``volume_id`` or ``mount_path`` is empty.
    """

    volume_id: str
    mount_path: str
    subpath: str | None = None

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Check the fields again (e.g. after they were changed)."""
        for name in ("volume_id", "mount_path"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                _fail(f"VolumeMount.{name} must be a non-empty string")
        _check_optional_str(self.subpath, "VolumeMount.subpath")

    def to_body(self) -> dict[str, str]:
        """The API form: ``{"volumeId", "mountPath", "subpath"?}``."""
        self.validate()
        body = {"volumeId": self.volume_id, "mountPath": self.mount_path}
        if self.subpath is not None:
            body["subpath"] = self.subpath
        return body


@dataclass(kw_only=True)
class CreateSandboxBaseParams:
    """Parameters shared by every way of creating a sandbox. All are optional and keyword-only.

    Attributes:
        name: Sandbox name (the service uses the ID if unset).
        language: Language of the code runner: ``"python"`` (default), ``"typescript"`` or
            ``"javascript"``. Stored as the ``code-toolbox-language`` label.
        os_user: OS user inside the sandbox.
        env_vars: Environment variables to set in the sandbox.
        labels: Custom labels.
        public: Whether the sandbox's previews are public.
        timeout: Seconds to wait for the sandbox to be created and started (0: no limit).
        auto_stop_interval: Minutes of inactivity before auto-stop (0: never; service default 15).
        auto_archive_interval: Minutes stopped before auto-archive (0: the maximum).
        auto_delete_interval: Minutes stopped before auto-delete (0: at once when stopped;
            negative: never, the default).
        volumes: Volumes to mount.
        network_block_all: Block all outbound network traffic.
        network_allow_list: Comma-separated CIDRs allowed for outbound traffic.
        domain_allow_list: Comma-separated domains allowed for outbound traffic.
        ephemeral: Delete the sandbox as soon as it stops (sends ``autoDeleteInterval=0``;
            the ``auto_delete_interval`` field itself is left as given).
        linked_sandbox: ID of a sandbox to link to.

    Raises:
        DaytonaValidationError: On an unsupported language, a negative timeout,
            auto-stop or auto-archive interval, wrongly typed values, or a
            ``code-toolbox-language`` label that contradicts ``language``.
    """

    name: str | None = None
    language: CodeLanguage | str | None = None
    os_user: str | None = None
    env_vars: Mapping[str, str] | None = None
    labels: Mapping[str, str] | None = None
    public: bool | None = None
    timeout: float | None = None
    auto_stop_interval: int | None = None
    auto_archive_interval: int | None = None
    auto_delete_interval: int | None = None
    volumes: Sequence[VolumeMount] | None = None
    network_block_all: bool | None = None
    network_allow_list: str | None = None
    domain_allow_list: str | None = None
    ephemeral: bool | None = None
    linked_sandbox: str | None = None

    def __post_init__(self) -> None:
        self.validate()
        if self.ephemeral and self.auto_delete_interval not in (None, 0):
            warnings.warn(
                "ephemeral=True overrides auto_delete_interval: the sandbox is deleted as soon as it stops.",
                UserWarning,
                stacklevel=3,
            )

    def validate(self) -> None:
        """Check every field again (e.g. after one was changed); raises DaytonaValidationError."""
        for name in ("name", "os_user", "network_allow_list", "domain_allow_list", "linked_sandbox"):
            _check_optional_str(getattr(self, name), name)
        for name in ("public", "network_block_all", "ephemeral"):
            _check_optional_bool(getattr(self, name), name)
        _check_str_mapping(self.env_vars, "env_vars")
        _check_str_mapping(self.labels, "labels")
        _check_int(self.auto_stop_interval, "auto_stop_interval")
        _check_int(self.auto_archive_interval, "auto_archive_interval")
        _check_int(self.auto_delete_interval, "auto_delete_interval", minimum=None)
        validate_timeout(self.timeout)
        if self.volumes is not None:
            if isinstance(self.volumes, str | bytes) or not isinstance(self.volumes, Sequence):
                _fail("volumes must be a list of VolumeMount")
            for volume in self.volumes:
                if not isinstance(volume, VolumeMount):
                    _fail(f"volumes must contain VolumeMount objects, got {type(volume).__name__}")
                volume.validate()
        self.resolved_language()

    def resolved_language(self, default: CodeLanguage = CodeLanguage.PYTHON) -> CodeLanguage:
        """The sandbox's language: ``language``, else the ``code-toolbox-language`` label, else ``default``.

        Raises:
            DaytonaValidationError: If either is unsupported, or they disagree.
        """
        from_field = parse_language(self.language) if self.language else None
        label = (self.labels or {}).get(CODE_TOOLBOX_LANGUAGE_LABEL)
        from_label = parse_language(label) if label else None
        if from_field is not None and from_label is not None and from_field != from_label:
            _fail(
                f"language={from_field.value!r} contradicts labels[{CODE_TOOLBOX_LANGUAGE_LABEL!r}]="
                f"{label!r}; set only one of them"
            )
        return from_field or from_label or default

    @property
    def effective_auto_delete_interval(self) -> int | None:
        """The auto-delete interval sent to the API: 0 when ``ephemeral``, else ``auto_delete_interval``."""
        return 0 if self.ephemeral else self.auto_delete_interval


@dataclass(kw_only=True)
class CreateSandboxFromSnapshotParams(CreateSandboxBaseParams):
    """Parameters for creating a sandbox from a snapshot.

    Attributes:
        snapshot: Name or ID of the snapshot (None: the service's default snapshot).
    """

    snapshot: str | None = None

    def validate(self) -> None:
        super().validate()
        _check_optional_str(self.snapshot, "snapshot")


@dataclass(kw_only=True)
class CreateSandboxFromImageParams(CreateSandboxBaseParams):
    """Parameters for creating a sandbox from an image; Daytona builds a snapshot from it first.

    Attributes:
        image: A registry image name (e.g. ``"debian:12.9"``) or a declarative :class:`Image`.
            Required.
        resources: CPU, memory, disk and GPU for the sandbox (None: service defaults).
    """

    image: str | Image
    resources: Resources | None = None

    def validate(self) -> None:
        super().validate()
        _check_image_and_resources(self.image, self.resources)


def _check_image_and_resources(image: object, resources: object) -> None:
    """Validate an image (a single-line name or an :class:`Image`) and optional :class:`Resources`."""
    if isinstance(image, str):
        if not image.strip() or "\n" in image or "\r" in image:
            _fail("image must be a non-empty, single-line image name")
    elif not isinstance(image, Image):
        _fail(f"image must be a string or an Image, got {type(image).__name__}")
    if resources is not None:
        if not isinstance(resources, Resources):
            _fail("resources must be a Resources object")
        resources.validate()


@dataclass(kw_only=True)
class CreateSnapshotParams:
    """Parameters for creating a snapshot.

    Attributes:
        name: Name of the snapshot. Required.
        image: A registry image name, or a declarative :class:`Image` that Daytona builds. Required.
        resources: Default resources of sandboxes made from the snapshot.
        entrypoint: Entrypoint command of the snapshot.
        region_id: Region where the snapshot is available (None: the organization's default).
        sandbox_class: Sandbox class the snapshot targets (e.g. ``"container"``).
    """

    name: str
    image: str | Image
    resources: Resources | None = None
    entrypoint: Sequence[str] | None = None
    region_id: str | None = None
    sandbox_class: str | None = None

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Check every field again; raises DaytonaValidationError."""
        if not isinstance(self.name, str) or not self.name.strip():
            _fail("name must be a non-empty string")
        _check_image_and_resources(self.image, self.resources)
        _check_str_list(self.entrypoint, "entrypoint")
        _check_optional_str(self.region_id, "region_id")
        if self.sandbox_class is not None and not isinstance(self.sandbox_class, str):
            _fail("sandbox_class must be a string or None")


@dataclass
class ListSandboxesQuery:
    """Filters, sort order and page size for listing sandboxes. Every field is optional.

    Attributes:
        limit: Page size (1 or more). Does not limit the total number returned.
        id: ID prefix (case-insensitive).
        name: Name prefix (case-insensitive).
        labels: Labels that must all match.
        states: Accepted states, e.g. ``["started", "stopped"]``.
        snapshots: Accepted snapshot names.
        targets: Accepted targets (regions).
        min_cpu, max_cpu: CPU range.
        min_memory_gib, max_memory_gib: Memory range in GiB.
        min_disk_gib, max_disk_gib: Disk range in GiB.
        is_public: Only public (True) or private (False) sandboxes.
        is_recoverable: Only recoverable (True) or unrecoverable (False) ones.
        created_at_after, created_at_before: Creation time range.
        last_activity_after, last_activity_before: Last activity time range.
        sort: Field to sort by (``name``, ``cpu``, ``memoryGib``, ``diskGib``,
            ``lastActivityAt``, ``createdAt``).
        order: ``asc`` or ``desc``.

    Raises:
        DaytonaValidationError: If ``limit`` is below 1 or a field has the wrong type.
    """

    limit: int | None = None
    id: str | None = None
    name: str | None = None
    labels: Mapping[str, str] | None = None
    states: Sequence[str] | None = None
    snapshots: Sequence[str] | None = None
    targets: Sequence[str] | None = None
    min_cpu: float | None = None
    max_cpu: float | None = None
    min_memory_gib: float | None = None
    max_memory_gib: float | None = None
    min_disk_gib: float | None = None
    max_disk_gib: float | None = None
    is_public: bool | None = None
    is_recoverable: bool | None = None
    created_at_after: datetime | None = None
    created_at_before: datetime | None = None
    last_activity_after: datetime | None = None
    last_activity_before: datetime | None = None
    sort: str | None = None
    order: str | None = None

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Check every field again; raises DaytonaValidationError."""
        _check_int(self.limit, "limit", minimum=1)
        for name in ("id", "name", "sort", "order"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                _fail(f"{name} must be a string or None, got {type(value).__name__}")
        _check_str_mapping(self.labels, "labels")
        for name in ("states", "snapshots", "targets"):
            _check_str_list(getattr(self, name), name)
        for name in ("min_cpu", "max_cpu", "min_memory_gib", "max_memory_gib", "min_disk_gib", "max_disk_gib"):
            _check_number(getattr(self, name), name)
        for name in ("is_public", "is_recoverable"):
            _check_optional_bool(getattr(self, name), name)
        for name in ("created_at_after", "created_at_before", "last_activity_after", "last_activity_before"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, datetime):
                _fail(f"{name} must be a datetime or None, got {type(value).__name__}")

    def to_query_params(self, cursor: str | None = None) -> list[tuple[str, str]]:
        """The query string of ``GET /sandbox`` for this query, as ``(name, value)`` pairs.

        Same wire form as the official SDK: ``cursor`` first (when given), labels as a JSON
        object string, one pair per state/snapshot/target (targets are sent as ``regionIds``),
        ``last_activity_*`` as ``lastEvent*``, booleans as ``true``/``false`` and datetimes as
        ``%Y-%m-%dT%H:%M:%S.%f%z`` (a naive datetime gets no offset). Unset fields are left out.

        Raises:
            DaytonaValidationError: If ``limit`` is below 1 or a field has the wrong type.
        """
        self.validate()
        params: list[tuple[str, str]] = []

        def add(key: str, value: object) -> None:
            if value is not None:
                params.append((key, _wire(value)))

        add("cursor", cursor or None)
        add("limit", self.limit)
        add("id", self.id)
        add("name", self.name)
        if self.labels:
            import json  # deferred: keeps importing this module cheap

            params.append(("labels", json.dumps(dict(self.labels))))
        for key, values in (("states", self.states), ("snapshots", self.snapshots), ("regionIds", self.targets)):
            for value in values or ():
                params.append((key, _wire(value)))
        add("minCpu", self.min_cpu)
        add("maxCpu", self.max_cpu)
        add("minMemoryGiB", self.min_memory_gib)
        add("maxMemoryGiB", self.max_memory_gib)
        add("minDiskGiB", self.min_disk_gib)
        add("maxDiskGiB", self.max_disk_gib)
        add("isPublic", self.is_public)
        add("isRecoverable", self.is_recoverable)
        add("createdAtAfter", self.created_at_after)
        add("createdAtBefore", self.created_at_before)
        add("lastEventAfter", self.last_activity_after)
        add("lastEventBefore", self.last_activity_before)
        add("sort", self.sort)
        add("order", self.order)
        return params


def _build_info(image: str | Image) -> dict[str, Any]:
    """``buildInfo`` for an image: a registry name becomes ``FROM <name>``; no context is uploaded."""
    if isinstance(image, str):
        return {"dockerfileContent": Image.base(image).dockerfile()}
    return {"dockerfileContent": image.dockerfile(), "contextHashes": []}


def to_create_sandbox_body(
    params: CreateSandboxBaseParams,
    target: str | None,
    *,
    default_language: CodeLanguage = CodeLanguage.PYTHON,
) -> dict[str, Any]:
    """Build the JSON body of ``POST /sandbox`` for ``params``.

    Always sends ``env`` (``{}`` if unset), ``labels`` (a copy of the caller's, plus
    ``code-toolbox-language``) and ``volumes`` (``[]`` if unset). Other fields are sent only
    when set: ``name``, ``snapshot``, ``user`` (from ``os_user``), ``public``, the network
    settings, ``target``, the auto-stop/archive/delete intervals (``ephemeral`` sends
    ``autoDeleteInterval=0``) and ``linkedSandbox``. Image parameters add ``buildInfo`` (a
    registry name becomes ``{"dockerfileContent": "FROM <name>\\n"}``, an :class:`Image` its
    Dockerfile with ``contextHashes: []``) and the resource fields. ``params`` and everything
    it holds are left untouched.

    Raises:
        DaytonaValidationError: If ``params`` is invalid (checked again here).
    """
    if not isinstance(params, CreateSandboxBaseParams):
        _fail(f"params must be sandbox creation parameters, got {type(params).__name__}")
    params.validate()
    language = params.resolved_language(default_language)
    labels = dict(params.labels or {})
    labels[CODE_TOOLBOX_LANGUAGE_LABEL] = language.value

    body: dict[str, Any] = {}

    def put(key: str, value: object) -> None:
        if value is not None:
            body[key] = value

    put("name", params.name)
    if isinstance(params, CreateSandboxFromSnapshotParams):
        put("snapshot", params.snapshot or None)
    put("user", params.os_user)
    body["env"] = dict(params.env_vars or {})
    body["labels"] = labels
    put("public", params.public)
    put("networkBlockAll", params.network_block_all)
    put("networkAllowList", params.network_allow_list)
    put("domainAllowList", params.domain_allow_list)
    put("target", target or None)
    if isinstance(params, CreateSandboxFromImageParams) and params.resources is not None:
        body.update(params.resources.to_body_fields())
    put("autoStopInterval", params.auto_stop_interval)
    put("autoArchiveInterval", params.auto_archive_interval)
    put("autoDeleteInterval", params.effective_auto_delete_interval)
    body["volumes"] = [volume.to_body() for volume in params.volumes or ()]
    if isinstance(params, CreateSandboxFromImageParams):
        body["buildInfo"] = _build_info(params.image)
    put("linkedSandbox", params.linked_sandbox)
    return body


def to_create_snapshot_body(params: CreateSnapshotParams, default_region_id: str | None = None) -> dict[str, Any]:
    """Build the JSON body of ``POST /snapshots`` for ``params``.

    A registry image is sent as ``imageName`` (with ``entrypoint`` if given); a declarative
    :class:`Image` as ``buildInfo`` whose Dockerfile ends with the entrypoint, if given. The
    resource fields, ``regionId`` (``params.region_id`` or ``default_region_id``) and
    ``sandboxClass`` are sent when set. ``params`` is left untouched.

    Raises:
        DaytonaValidationError: If ``params`` is invalid.
    """
    if not isinstance(params, CreateSnapshotParams):
        _fail(f"params must be CreateSnapshotParams, got {type(params).__name__}")
    params.validate()
    body: dict[str, Any] = {"name": params.name}
    if isinstance(params.image, str):
        body["imageName"] = params.image
        if params.entrypoint is not None:
            body["entrypoint"] = list(params.entrypoint)
    if params.resources is not None:
        body.update(params.resources.to_body_fields())
    if isinstance(params.image, Image):
        image = params.image.entrypoint(params.entrypoint) if params.entrypoint else params.image
        body["buildInfo"] = {"dockerfileContent": image.dockerfile(), "contextHashes": []}
    region = params.region_id or default_region_id
    if region is not None:
        body["regionId"] = region
    if params.sandbox_class is not None:
        body["sandboxClass"] = params.sandbox_class
    return body
