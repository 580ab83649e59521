from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.gpu_type import GpuType, check_gpu_type
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.create_build_info import CreateBuildInfo
    from ..models.create_sandbox_env import CreateSandboxEnv
    from ..models.create_sandbox_labels import CreateSandboxLabels
    from ..models.sandbox_volume import SandboxVolume


T = TypeVar("T", bound="CreateSandbox")


@_attrs_define
class CreateSandbox:
    """Settings for a new sandbox. Give `snapshot` to start from an existing snapshot, or `buildInfo` to build an image
    first.

        Attributes:
            name (str | Unset): Name for the sandbox; the sandbox ID is used when left out.
            snapshot (str | Unset): ID or name of the snapshot to start from.
            user (str | Unset): OS user that runs inside the sandbox.
            env (CreateSandboxEnv | Unset): Environment variables to set in the sandbox.
            labels (CreateSandboxLabels | Unset): Key-value labels to attach to the sandbox.
            public (bool | Unset): Make the sandbox's HTTP previews reachable without a token.
            network_block_all (bool | Unset): Cut the sandbox off from the network.
            network_allow_list (str | Unset): Comma-separated CIDR ranges the sandbox may reach.
            domain_allow_list (str | Unset): Comma-separated domain names (wildcards allowed) the sandbox may reach.
            target (str | Unset): Region to create the sandbox in.
            cpu (int | Unset): CPU cores to give the sandbox.
            gpu (int | Unset): GPUs to give the sandbox.
            gpu_type (list[GpuType] | Unset): Acceptable GPU models, most preferred first.
            memory (int | Unset): Memory to give the sandbox, in GB.
            disk (int | Unset): Disk space to give the sandbox, in GB.
            auto_stop_interval (int | Unset): Minutes of inactivity before the sandbox is stopped; 0 turns auto-stop off.
            auto_archive_interval (int | Unset): Minutes stopped before the sandbox is archived; 0 means the longest
                interval allowed.
            auto_delete_interval (int | Unset): Minutes stopped before the sandbox is deleted; 0 deletes it as soon as it
                stops, a negative value turns auto-delete off.
            volumes (list[SandboxVolume] | Unset): Volumes to mount.
            build_info (CreateBuildInfo | Unset): A Dockerfile build to run.
            linked_sandbox (str | Unset): ID or name of an existing sandbox to place this one next to (same runner, shared
                local network). Only for ephemeral sandboxes (autoDeleteInterval 0), and the linked sandbox must not itself be
                linked.
    """

    name: str | Unset = UNSET
    snapshot: str | Unset = UNSET
    user: str | Unset = UNSET
    env: CreateSandboxEnv | Unset = UNSET
    labels: CreateSandboxLabels | Unset = UNSET
    public: bool | Unset = UNSET
    network_block_all: bool | Unset = UNSET
    network_allow_list: str | Unset = UNSET
    domain_allow_list: str | Unset = UNSET
    target: str | Unset = UNSET
    cpu: int | Unset = UNSET
    gpu: int | Unset = UNSET
    gpu_type: list[GpuType] | Unset = UNSET
    memory: int | Unset = UNSET
    disk: int | Unset = UNSET
    auto_stop_interval: int | Unset = UNSET
    auto_archive_interval: int | Unset = UNSET
    auto_delete_interval: int | Unset = UNSET
    volumes: list[SandboxVolume] | Unset = UNSET
    build_info: CreateBuildInfo | Unset = UNSET
    linked_sandbox: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        snapshot = self.snapshot

        user = self.user

        env: dict[str, Any] | Unset = UNSET
        if not isinstance(self.env, Unset):
            env = self.env.to_dict()

        labels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.labels, Unset):
            labels = self.labels.to_dict()

        public = self.public

        network_block_all = self.network_block_all

        network_allow_list = self.network_allow_list

        domain_allow_list = self.domain_allow_list

        target = self.target

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

        auto_stop_interval = self.auto_stop_interval

        auto_archive_interval = self.auto_archive_interval

        auto_delete_interval = self.auto_delete_interval

        volumes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.volumes, Unset):
            volumes = []
            for volumes_item_data in self.volumes:
                volumes_item = volumes_item_data.to_dict()
                volumes.append(volumes_item)

        build_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.build_info, Unset):
            build_info = self.build_info.to_dict()

        linked_sandbox = self.linked_sandbox

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if snapshot is not UNSET:
            field_dict["snapshot"] = snapshot
        if user is not UNSET:
            field_dict["user"] = user
        if env is not UNSET:
            field_dict["env"] = env
        if labels is not UNSET:
            field_dict["labels"] = labels
        if public is not UNSET:
            field_dict["public"] = public
        if network_block_all is not UNSET:
            field_dict["networkBlockAll"] = network_block_all
        if network_allow_list is not UNSET:
            field_dict["networkAllowList"] = network_allow_list
        if domain_allow_list is not UNSET:
            field_dict["domainAllowList"] = domain_allow_list
        if target is not UNSET:
            field_dict["target"] = target
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
        if auto_stop_interval is not UNSET:
            field_dict["autoStopInterval"] = auto_stop_interval
        if auto_archive_interval is not UNSET:
            field_dict["autoArchiveInterval"] = auto_archive_interval
        if auto_delete_interval is not UNSET:
            field_dict["autoDeleteInterval"] = auto_delete_interval
        if volumes is not UNSET:
            field_dict["volumes"] = volumes
        if build_info is not UNSET:
            field_dict["buildInfo"] = build_info
        if linked_sandbox is not UNSET:
            field_dict["linkedSandbox"] = linked_sandbox

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.create_build_info import CreateBuildInfo
        from ..models.create_sandbox_env import CreateSandboxEnv
        from ..models.create_sandbox_labels import CreateSandboxLabels
        from ..models.sandbox_volume import SandboxVolume

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        snapshot = d.pop("snapshot", UNSET)

        user = d.pop("user", UNSET)

        _env = d.pop("env", UNSET)
        env: CreateSandboxEnv | Unset
        if isinstance(_env, Unset):
            env = UNSET
        else:
            env = CreateSandboxEnv.from_dict(_env)

        _labels = d.pop("labels", UNSET)
        labels: CreateSandboxLabels | Unset
        if isinstance(_labels, Unset):
            labels = UNSET
        else:
            labels = CreateSandboxLabels.from_dict(_labels)

        public = d.pop("public", UNSET)

        network_block_all = d.pop("networkBlockAll", UNSET)

        network_allow_list = d.pop("networkAllowList", UNSET)

        domain_allow_list = d.pop("domainAllowList", UNSET)

        target = d.pop("target", UNSET)

        cpu = d.pop("cpu", UNSET)

        gpu = d.pop("gpu", UNSET)

        _gpu_type = d.pop("gpuType", UNSET)
        gpu_type: list[GpuType] | Unset = UNSET
        if _gpu_type is not UNSET:
            gpu_type = []
            for gpu_type_item_data in _gpu_type:
                gpu_type_item = check_gpu_type(gpu_type_item_data)

                gpu_type.append(gpu_type_item)

        memory = d.pop("memory", UNSET)

        disk = d.pop("disk", UNSET)

        auto_stop_interval = d.pop("autoStopInterval", UNSET)

        auto_archive_interval = d.pop("autoArchiveInterval", UNSET)

        auto_delete_interval = d.pop("autoDeleteInterval", UNSET)

        _volumes = d.pop("volumes", UNSET)
        volumes: list[SandboxVolume] | Unset = UNSET
        if _volumes is not UNSET:
            volumes = []
            for volumes_item_data in _volumes:
                volumes_item = SandboxVolume.from_dict(volumes_item_data)

                volumes.append(volumes_item)

        _build_info = d.pop("buildInfo", UNSET)
        build_info: CreateBuildInfo | Unset
        if isinstance(_build_info, Unset):
            build_info = UNSET
        else:
            build_info = CreateBuildInfo.from_dict(_build_info)

        linked_sandbox = d.pop("linkedSandbox", UNSET)

        create_sandbox = cls(
            name=name,
            snapshot=snapshot,
            user=user,
            env=env,
            labels=labels,
            public=public,
            network_block_all=network_block_all,
            network_allow_list=network_allow_list,
            domain_allow_list=domain_allow_list,
            target=target,
            cpu=cpu,
            gpu=gpu,
            gpu_type=gpu_type,
            memory=memory,
            disk=disk,
            auto_stop_interval=auto_stop_interval,
            auto_archive_interval=auto_archive_interval,
            auto_delete_interval=auto_delete_interval,
            volumes=volumes,
            build_info=build_info,
            linked_sandbox=linked_sandbox,
        )

        create_sandbox.additional_properties = d
        return create_sandbox

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
