from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_snapshot_gpu_type_item import (
    CreateSnapshotGpuTypeItem,
    check_create_snapshot_gpu_type_item,
)
from ..models.create_snapshot_sandbox_class import (
    CreateSnapshotSandboxClass,
    check_create_snapshot_sandbox_class,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.create_build_info import CreateBuildInfo


T = TypeVar("T", bound="CreateSnapshot")


@_attrs_define
class CreateSnapshot:
    """What to create a snapshot from, and the resources its sandboxes get.

    Attributes:
        name (str): Name for the snapshot.
        image_name (str | Unset): Image to use (when not building from a Dockerfile).
        entrypoint (list[str] | Unset): Entrypoint command and arguments.
        cpu (int | Unset): CPU cores for sandboxes made from it.
        gpu (int | Unset): GPUs for sandboxes made from it.
        gpu_type (list[CreateSnapshotGpuTypeItem] | Unset): Acceptable GPU models, in order of preference.
        memory (int | Unset): Memory in GB for sandboxes made from it.
        disk (int | Unset): Disk in GB for sandboxes made from it.
        build_info (CreateBuildInfo | Unset): A Dockerfile build to run.
        region_id (str | Unset): Region to make the snapshot available in; the organization's default when omitted.
        sandbox_class (CreateSnapshotSandboxClass | Unset): Kind of sandbox the snapshot is for; decides which runners
            can host it.
    """

    name: str
    image_name: str | Unset = UNSET
    entrypoint: list[str] | Unset = UNSET
    cpu: int | Unset = UNSET
    gpu: int | Unset = UNSET
    gpu_type: list[CreateSnapshotGpuTypeItem] | Unset = UNSET
    memory: int | Unset = UNSET
    disk: int | Unset = UNSET
    build_info: CreateBuildInfo | Unset = UNSET
    region_id: str | Unset = UNSET
    sandbox_class: CreateSnapshotSandboxClass | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        image_name = self.image_name

        entrypoint: list[str] | Unset = UNSET
        if not isinstance(self.entrypoint, Unset):
            entrypoint = self.entrypoint

        cpu = self.cpu

        gpu = self.gpu

        gpu_type: list[str] | Unset = UNSET
        if not isinstance(self.gpu_type, Unset):
            gpu_type = []
            for gpu_type_item_data in self.gpu_type:
                gpu_type_item: str = gpu_type_item_data
                gpu_type.append(gpu_type_item)

        memory = self.memory

        disk = self.disk

        build_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.build_info, Unset):
            build_info = self.build_info.to_dict()

        region_id = self.region_id

        sandbox_class: str | Unset = UNSET
        if not isinstance(self.sandbox_class, Unset):
            sandbox_class = self.sandbox_class

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if image_name is not UNSET:
            field_dict["imageName"] = image_name
        if entrypoint is not UNSET:
            field_dict["entrypoint"] = entrypoint
        if cpu is not UNSET:
            field_dict["cpu"] = cpu
        if gpu is not UNSET:
            field_dict["gpu"] = gpu
        if gpu_type is not UNSET:
            field_dict["gpuType"] = gpu_type
        if memory is not UNSET:
            field_dict["memory"] = memory
        if disk is not UNSET:
            field_dict["disk"] = disk
        if build_info is not UNSET:
            field_dict["buildInfo"] = build_info
        if region_id is not UNSET:
            field_dict["regionId"] = region_id
        if sandbox_class is not UNSET:
            field_dict["sandboxClass"] = sandbox_class

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.create_build_info import CreateBuildInfo

        d = dict(src_dict)
        name = d.pop("name")

        image_name = d.pop("imageName", UNSET)

        entrypoint = cast(list[str], d.pop("entrypoint", UNSET))

        cpu = d.pop("cpu", UNSET)

        gpu = d.pop("gpu", UNSET)

        _gpu_type = d.pop("gpuType", UNSET)
        gpu_type: list[CreateSnapshotGpuTypeItem] | Unset = UNSET
        if _gpu_type is not UNSET:
            gpu_type = []
            for gpu_type_item_data in _gpu_type:
                gpu_type_item = check_create_snapshot_gpu_type_item(gpu_type_item_data)

                gpu_type.append(gpu_type_item)

        memory = d.pop("memory", UNSET)

        disk = d.pop("disk", UNSET)

        _build_info = d.pop("buildInfo", UNSET)
        build_info: CreateBuildInfo | Unset
        if isinstance(_build_info, Unset):
            build_info = UNSET
        else:
            build_info = CreateBuildInfo.from_dict(_build_info)

        region_id = d.pop("regionId", UNSET)

        _sandbox_class = d.pop("sandboxClass", UNSET)
        sandbox_class: CreateSnapshotSandboxClass | Unset
        if isinstance(_sandbox_class, Unset):
            sandbox_class = UNSET
        else:
            sandbox_class = check_create_snapshot_sandbox_class(_sandbox_class)

        create_snapshot = cls(
            name=name,
            image_name=image_name,
            entrypoint=entrypoint,
            cpu=cpu,
            gpu=gpu,
            gpu_type=gpu_type,
            memory=memory,
            disk=disk,
            build_info=build_info,
            region_id=region_id,
            sandbox_class=sandbox_class,
        )

        create_snapshot.additional_properties = d
        return create_snapshot

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
