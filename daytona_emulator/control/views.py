"""Records rendered as the API's JSON shapes (camelCase, ISO dates)."""

from __future__ import annotations

from typing import Any

from daytona_emulator.control.http import iso
from daytona_emulator.control.records import RUNNER_ID, SandboxRecord, SnapshotRecord, SshAccess, VolumeRecord

# Nullable columns: a record read back from the database has them as null when unset; a freshly built
# entity (the answer of a create or a fork) simply lacks them.
NULLABLE_SANDBOX_FIELDS = ("runnerId", "snapshot", "errorReason", "daemonVersion")
NULLABLE_SANDBOX_DTO_FIELDS = (*NULLABLE_SANDBOX_FIELDS, "networkAllowList", "domainAllowList")


def _drop_none(data: dict[str, Any], keep: tuple[str, ...] = ()) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None or k in keep}


def sandbox_list_item(rec: SandboxRecord, toolbox_url: str) -> dict[str, Any]:
    """``SandboxListItemDto``: the list's shape, with the state it derives (``deriveState``)."""
    data = _sandbox_fields(rec, toolbox_url, NULLABLE_SANDBOX_FIELDS)
    data["state"] = rec.list_state()
    return data


def _sandbox_fields(rec: SandboxRecord, toolbox_url: str, keep: tuple[str, ...]) -> dict[str, Any]:
    return _drop_none(
        {
            "id": rec.id,
            "organizationId": rec.organization_id,
            "name": rec.name,
            "target": rec.target,
            "runnerId": rec.runner_id,
            "sandboxClass": rec.sandbox_class,
            "state": rec.display_state(),
            "desiredState": rec.desired_state,
            "snapshot": rec.snapshot,
            "user": rec.user,
            "errorReason": rec.error_reason,
            "recoverable": rec.recoverable,
            "public": rec.public,
            "cpu": rec.cpu,
            "gpu": rec.gpu,
            "gpuType": rec.gpu_type,
            "memory": rec.memory,
            "disk": rec.disk,
            "labels": dict(rec.labels) if isinstance(rec.labels, dict) else rec.labels,
            "backupState": rec.backup.state,
            "autoStopInterval": rec.auto_stop_interval,
            "autoArchiveInterval": rec.auto_archive_interval,
            "autoDeleteInterval": rec.auto_delete_interval,
            "createdAt": iso(rec.created_at),
            "updatedAt": iso(rec.updated_at),
            "lastActivityAt": iso(rec.last_activity_at),
            "daemonVersion": rec.daemon_version,
            "toolboxProxyUrl": toolbox_url,
        },
        keep,
    )


def sandbox_dto(rec: SandboxRecord, toolbox_url: str, *, fresh: bool = False) -> dict[str, Any]:
    """``SandboxDto.fromSandbox``: the full shape, with the state ``getSandboxState`` derives.

    ``fresh``: the entity was just built (create, fork), so unset nullable fields are absent, not null.
    """
    keep = () if fresh else NULLABLE_SANDBOX_DTO_FIELDS
    data = _sandbox_fields(rec, toolbox_url, keep)
    data.update(
        _drop_none(
            {
                "env": dict(rec.env),
                "networkBlockAll": rec.network_block_all,
                "networkAllowList": rec.network_allow_list,
                "domainAllowList": rec.domain_allow_list,
                "backupCreatedAt": iso(rec.backup_created_at),
                "volumes": [dict(v) for v in rec.volumes],
                "buildInfo": dict(rec.build_info) if rec.build_info else None,
                "linkedSandboxId": rec.linked_sandbox_id,
            },
            keep,
        )
    )
    return data


def snapshot_dto(rec: SnapshotRecord) -> dict[str, Any]:
    return _drop_none(
        {
            "id": rec.id,
            "organizationId": rec.organization_id,
            "general": rec.general,
            "name": rec.name,
            "imageName": rec.image_name,
            "state": rec.state,
            "size": rec.size,
            "entrypoint": rec.entrypoint,
            "cpu": rec.cpu,
            "gpu": rec.gpu,
            "gpuType": rec.gpu_type,
            "mem": rec.mem,
            "disk": rec.disk,
            "errorReason": rec.error_reason,
            "createdAt": iso(rec.created_at),
            "updatedAt": iso(rec.updated_at),
            "lastUsedAt": iso(rec.last_used_at),
            "buildInfo": dict(rec.build_info) if rec.build_info else None,
            "regionIds": list(rec.region_ids),
            "initialRunnerId": RUNNER_ID,
            "ref": rec.build_info["snapshotRef"] if rec.build_info else rec.image_name,
            "sandboxClass": rec.sandbox_class,
        },
        keep=("size", "entrypoint", "errorReason", "lastUsedAt"),
    )


def volume_dto(rec: VolumeRecord) -> dict[str, Any]:
    return {
        "id": rec.id,
        "name": rec.name,
        "organizationId": rec.organization_id,
        "state": rec.state,
        "createdAt": iso(rec.created_at),
        "updatedAt": iso(rec.updated_at),
        "lastUsedAt": iso(rec.last_used_at),
        "errorReason": rec.error_reason,
    }


def ssh_access_dto(access: SshAccess, host: str) -> dict[str, Any]:
    return {
        "id": access.id,
        "sandboxId": access.sandbox_id,
        "token": access.token,
        "expiresAt": iso(access.expires_at),
        "createdAt": iso(access.created_at),
        "updatedAt": iso(access.created_at),
        "sshCommand": f"ssh -p 2222 {access.token}@{host}",
    }
