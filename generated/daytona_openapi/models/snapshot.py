from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.snapshot_gpu_type import SnapshotGpuType, check_snapshot_gpu_type
from ..models.snapshot_sandbox_class import (
    SnapshotSandboxClass,
    check_snapshot_sandbox_class,
)
from ..models.snapshot_state import SnapshotState, check_snapshot_state
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.build_info import BuildInfo


T = TypeVar("T", bound="Snapshot")


@_attrs_define
class Snapshot:
    """A snapshot - an image sandboxes can be created from.

    Attributes:
        id (str): Snapshot ID.
        general (bool): True for snapshots offered to every organization.
        name (str): Snapshot name.
        state (SnapshotState): Lifecycle state of a snapshot.
        size (float | None): Image size, once known.
        entrypoint (list[str] | None): Entrypoint command and arguments.
        cpu (float): CPU cores given to sandboxes made from it.
        gpu (float): GPUs given to sandboxes made from it.
        mem (float): Memory in GB given to sandboxes made from it.
        disk (float): Disk in GB given to sandboxes made from it.
        error_reason (None | str): Why the snapshot failed, when it did.
        created_at (datetime.datetime): When the snapshot was created.
        updated_at (datetime.datetime): When the snapshot was last changed.
        last_used_at (datetime.datetime | None): When a sandbox was last created from it.
        organization_id (str | Unset): Owning organization.
        image_name (str | Unset): Source image the snapshot was made from.
        gpu_type (SnapshotGpuType | Unset): GPU model assigned to the snapshot.
        build_info (BuildInfo | Unset): How an image was built from a Dockerfile.
        region_ids (list[str] | Unset): Regions where the snapshot is available.
        initial_runner_id (str | Unset): Runner the snapshot was first built or pulled on.
        ref (str | Unset): Internal image reference of the snapshot.
        sandbox_class (SnapshotSandboxClass | Unset): Kind of sandbox the snapshot is for.
    """

    id: str
    general: bool
    name: str
    state: SnapshotState
    size: float | None
    entrypoint: list[str] | None
    cpu: float
    gpu: float
    mem: float
    disk: float
    error_reason: None | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    last_used_at: datetime.datetime | None
    organization_id: str | Unset = UNSET
    image_name: str | Unset = UNSET
    gpu_type: SnapshotGpuType | Unset = UNSET
    build_info: BuildInfo | Unset = UNSET
    region_ids: list[str] | Unset = UNSET
    initial_runner_id: str | Unset = UNSET
    ref: str | Unset = UNSET
    sandbox_class: SnapshotSandboxClass | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        general = self.general

        name = self.name

        state: str = self.state

        size: float | None
        size = self.size

        entrypoint: list[str] | None
        if isinstance(self.entrypoint, list):
            entrypoint = self.entrypoint

        else:
            entrypoint = self.entrypoint

        cpu = self.cpu

        gpu = self.gpu

        mem = self.mem

        disk = self.disk

        error_reason: None | str
        error_reason = self.error_reason

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        last_used_at: None | str
        if isinstance(self.last_used_at, datetime.datetime):
            last_used_at = self.last_used_at.isoformat()
        else:
            last_used_at = self.last_used_at

        organization_id = self.organization_id

        image_name = self.image_name

        gpu_type: str | Unset = UNSET
        if not isinstance(self.gpu_type, Unset):
            gpu_type = self.gpu_type

        build_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.build_info, Unset):
            build_info = self.build_info.to_dict()

        region_ids: list[str] | Unset = UNSET
        if not isinstance(self.region_ids, Unset):
            region_ids = self.region_ids

        initial_runner_id = self.initial_runner_id

        ref = self.ref

        sandbox_class: str | Unset = UNSET
        if not isinstance(self.sandbox_class, Unset):
            sandbox_class = self.sandbox_class

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "general": general,
                "name": name,
                "state": state,
                "size": size,
                "entrypoint": entrypoint,
                "cpu": cpu,
                "gpu": gpu,
                "mem": mem,
                "disk": disk,
                "errorReason": error_reason,
                "createdAt": created_at,
                "updatedAt": updated_at,
                "lastUsedAt": last_used_at,
            }
        )
        if organization_id is not UNSET:
            field_dict["organizationId"] = organization_id
        if image_name is not UNSET:
            field_dict["imageName"] = image_name
        if gpu_type is not UNSET:
            field_dict["gpuType"] = gpu_type
        if build_info is not UNSET:
            field_dict["buildInfo"] = build_info
        if region_ids is not UNSET:
            field_dict["regionIds"] = region_ids
        if initial_runner_id is not UNSET:
            field_dict["initialRunnerId"] = initial_runner_id
        if ref is not UNSET:
            field_dict["ref"] = ref
        if sandbox_class is not UNSET:
            field_dict["sandboxClass"] = sandbox_class

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.build_info import BuildInfo

        d = dict(src_dict)
        id = d.pop("id")

        general = d.pop("general")

        name = d.pop("name")

        state = check_snapshot_state(d.pop("state"))

        def _parse_size(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        size = _parse_size(d.pop("size"))

        def _parse_entrypoint(data: object) -> list[str] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                entrypoint_type_0 = cast(list[str], data)

                return entrypoint_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None, data)

        entrypoint = _parse_entrypoint(d.pop("entrypoint"))

        cpu = d.pop("cpu")

        gpu = d.pop("gpu")

        mem = d.pop("mem")

        disk = d.pop("disk")

        def _parse_error_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error_reason = _parse_error_reason(d.pop("errorReason"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        def _parse_last_used_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_used_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_used_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_used_at = _parse_last_used_at(d.pop("lastUsedAt"))

        organization_id = d.pop("organizationId", UNSET)

        image_name = d.pop("imageName", UNSET)

        _gpu_type = d.pop("gpuType", UNSET)
        gpu_type: SnapshotGpuType | Unset
        if isinstance(_gpu_type, Unset):
            gpu_type = UNSET
        else:
            gpu_type = check_snapshot_gpu_type(_gpu_type)

        _build_info = d.pop("buildInfo", UNSET)
        build_info: BuildInfo | Unset
        if isinstance(_build_info, Unset):
            build_info = UNSET
        else:
            build_info = BuildInfo.from_dict(_build_info)

        region_ids = cast(list[str], d.pop("regionIds", UNSET))

        initial_runner_id = d.pop("initialRunnerId", UNSET)

        ref = d.pop("ref", UNSET)

        _sandbox_class = d.pop("sandboxClass", UNSET)
        sandbox_class: SnapshotSandboxClass | Unset
        if isinstance(_sandbox_class, Unset):
            sandbox_class = UNSET
        else:
            sandbox_class = check_snapshot_sandbox_class(_sandbox_class)

        snapshot = cls(
            id=id,
            general=general,
            name=name,
            state=state,
            size=size,
            entrypoint=entrypoint,
            cpu=cpu,
            gpu=gpu,
            mem=mem,
            disk=disk,
            error_reason=error_reason,
            created_at=created_at,
            updated_at=updated_at,
            last_used_at=last_used_at,
            organization_id=organization_id,
            image_name=image_name,
            gpu_type=gpu_type,
            build_info=build_info,
            region_ids=region_ids,
            initial_runner_id=initial_runner_id,
            ref=ref,
            sandbox_class=sandbox_class,
        )

        snapshot.additional_properties = d
        return snapshot

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
