"""Rules of Daytona's snapshot service that need no state: the request DTOs, name and image checks, refs,
the entrypoint a Dockerfile declares, the organization limits and the snapshot's JSON shape."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from daytona_emulator.control import dto_checks as v
from daytona_emulator.control.http import iso

if TYPE_CHECKING:
    from daytona_emulator.control.snapshots import Snapshot

SANDBOX_CLASSES = ("linux-vm", "container", "android", "windows")
GPU_TYPES = ("H100", "RTX-PRO-6000")
SORT_FIELDS = ("name", "state", "lastUsedAt", "createdAt")
# The order of Postgres' snapshot_state_enum (sorting by state follows it, not the alphabet).
STATE_ORDER = ("pending", "pulling", "active", "inactive", "building", "error", "build_failed", "removing")
# States that count against the organization's snapshot quota.
CONSUMING_STATES = frozenset({"building", "pending", "pulling", "active"})
# Owner of the general snapshots (the admin user's personal organization).
ADMIN_ORGANIZATION_ID = "00000000-0000-4000-8000-00000000ad01"
# Where built and pulled images are pushed; a snapshot's ``ref`` points there.
INTERNAL_REGISTRY = "registry:6000/daytona"
ACTIVATION_COOLDOWN_SECONDS = 10 * 60
PER_SANDBOX_LIMIT_MESSAGE = (
    "Need higher resource limits per-sandbox? Contact us at support@daytona.io and let us know about your use case."
)

_IMAGE_NAME = re.compile(r"^[a-zA-Z0-9_.\-:]+(/[a-zA-Z0-9_.\-:]+)*(@sha256:[a-f0-9]{64})?$")
_DIGEST = re.compile(r"^[a-f0-9]{64}$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)
_ENTRYPOINT = re.compile(r"ENTRYPOINT\s+([^\n\r\u2028\u2029]*)")


@dataclass
class OrganizationLimits:
    """An organization's limits (the entity's defaults; change them on ``state.snapshot_service.limits``)."""

    max_cpu_per_sandbox: int = 4
    max_memory_per_sandbox: int = 8
    max_disk_per_sandbox: int = 10
    snapshot_quota: int = 30
    max_snapshot_size: int = 20
    volume_quota: int = 100


def _gpu_type_transform(value: Any) -> Any:
    if isinstance(value, list):
        return None if not value else value
    return value if value is None else [value]


# CreateSnapshotDto, property by property, checks in class-validator's order.
CREATE_SNAPSHOT = (
    v.Prop("name", (v.is_safe_display_string(), v.is_string())),
    v.Prop("imageName", (v.is_string(),), optional=True),
    v.Prop("entrypoint", (v.is_array(), v.is_string(each=True)), optional=True),
    v.Prop("cpu", (v.minimum(0), v.is_number()), optional=True),
    v.Prop("gpu", (v.maximum(1), v.minimum(0), v.is_number()), optional=True),
    v.Prop(
        "gpuType",
        (v.is_enum(GPU_TYPES, each=True), v.array_max_size(1), v.array_min_size(1), v.is_array()),
        optional=True,
        transform=_gpu_type_transform,
    ),
    v.Prop("memory", (v.minimum(0), v.is_number()), optional=True),
    v.Prop("disk", (v.minimum(0), v.is_number()), optional=True),
    v.Prop("buildInfo", (v.is_object(),), optional=True),
    v.Prop("regionId", (v.is_string(),), optional=True),
    v.Prop("sandboxClass", (v.is_enum(SANDBOX_CLASSES),), optional=True),
)

# ListSnapshotsQueryDto (PageNumber / PageLimit decorators, then name, sort, order).
LIST_SNAPSHOTS_QUERY = (
    v.Prop("page", (v.is_int(), v.minimum(1)), optional=True, transform=v.js_number),
    v.Prop("limit", (v.is_int(), v.minimum(1), v.maximum(200)), optional=True, transform=v.js_number),
    v.Prop("name", (v.is_string(),), optional=True),
    v.Prop("sort", (v.is_enum(SORT_FIELDS),), optional=True),
    v.Prop("order", (v.is_enum(("asc", "desc")),), optional=True),
)


def is_uuid(value: str) -> bool:
    return bool(_UUID.match(value))


def snapshot_name_problem(name: str) -> str | None:
    if not _IMAGE_NAME.match(name):
        return "Invalid snapshot name format. May contain letters, digits, dots, colons, and dashes"
    return None


def image_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be pulled as a snapshot image, or None."""
    if "@sha256:" in name:
        image, _, digest = name.partition("@sha256:")
        if not image or not digest or not _DIGEST.match(digest):
            return "Invalid digest format. Must be image@sha256:64_hex_characters"
        return None
    if ":" not in name or re.search(r":\s*$", name):
        return "Image name must include a tag (e.g., ubuntu:22.04) or digest (@sha256:...)"
    if name.endswith(":latest"):
        return 'Images with tag ":latest" are not allowed'
    if not _IMAGE_NAME.match(name):
        return (
            "Invalid image name format. Must be lowercase, may contain digits, dots, dashes, "
            "and single slashes between components"
        )
    return None


def process_entrypoint(entrypoint: list[Any] | None) -> list[str] | None:
    """Blank entries dropped; nothing left means no entrypoint."""
    kept = [str(part) for part in entrypoint or [] if part is not None and str(part).strip()]
    return kept or None


def entrypoint_from_dockerfile(dockerfile: str) -> list[Any]:
    """The last ``ENTRYPOINT`` line: a JSON array as is, plain text as one word without quotes, else sleep."""
    matches = _ENTRYPOINT.findall(dockerfile)
    if matches:
        raw = matches[-1].strip()
        try:
            parsed = json.loads(raw)
        except ValueError:
            return [raw.replace('"', "").replace("'", "")]
        if isinstance(parsed, list):
            return parsed
    return ["sleep", "infinity"]


def build_snapshot_ref(dockerfile: str, context_hashes: list[str] | None) -> str:
    """BuildInfo's ``snapshotRef``: the Dockerfile and the sorted context hashes, hashed."""
    combined = dockerfile + "".join(sorted(context_hashes or []))
    return "daytona-" + hashlib.sha256(combined.encode()).hexdigest() + ":daytona"


def pulled_ref(image_name: str) -> str:
    """The internal-registry ref of a pulled image (the registry names it after the image's digest)."""
    digest = hashlib.sha256(image_name.encode()).hexdigest()
    return f"{INTERNAL_REGISTRY}/daytona-{digest}:daytona"


def state_rank(state: str) -> int:
    return STATE_ORDER.index(state) if state in STATE_ORDER else len(STATE_ORDER)


def snapshot_view(rec: Snapshot, available_regions: tuple[str, ...]) -> dict[str, Any]:
    """SnapshotDto.fromSnapshot: nullable fields present as null, optional ones omitted when unset."""
    data: dict[str, Any] = {"id": rec.id}
    if rec.organization_id is not None:
        data["organizationId"] = rec.organization_id
    data.update(
        {
            "general": rec.general,
            "name": rec.name,
            "imageName": rec.image_name if rec.image_name is not None else "",
            "state": rec.state,
            "size": rec.size,
            "entrypoint": rec.entrypoint,
            "cpu": rec.cpu,
            "gpu": rec.gpu,
        }
    )
    if rec.gpu_type is not None:
        data["gpuType"] = rec.gpu_type
    data.update(
        {
            "mem": rec.mem,
            "disk": rec.disk,
            "errorReason": rec.error_reason,
            "createdAt": iso(rec.created_at),
            "updatedAt": iso(rec.updated_at),
            "lastUsedAt": iso(rec.last_used_at),
        }
    )
    if rec.build_info is not None:
        info = {key: value for key, value in rec.build_info.items() if value is not None}
        data["buildInfo"] = info
    data["regionIds"] = [region for region in rec.region_ids if region in available_regions]
    if rec.initial_runner_id is not None:
        data["initialRunnerId"] = rec.initial_runner_id
    if rec.ref is not None:
        data["ref"] = rec.ref
    data["sandboxClass"] = rec.sandbox_class
    return data
