from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.gpu_type import GpuType, check_gpu_type
from ..models.sandbox_backup_state import SandboxBackupState, check_sandbox_backup_state
from ..models.sandbox_class import SandboxClass, check_sandbox_class
from ..models.sandbox_desired_state import (
    SandboxDesiredState,
    check_sandbox_desired_state,
)
from ..models.sandbox_state import SandboxState, check_sandbox_state
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.build_info import BuildInfo
    from ..models.sandbox_env import SandboxEnv
    from ..models.sandbox_labels import SandboxLabels
    from ..models.sandbox_volume import SandboxVolume


T = TypeVar("T", bound="Sandbox")


@_attrs_define
class Sandbox:
    """A sandbox as the control plane records it.

    Attributes:
        id (str): The sandbox's ID.
        organization_id (str): Organization that owns the sandbox.
        name (str): The sandbox's name.
        user (str): OS user that runs inside the sandbox.
        env (SandboxEnv): Environment variables set in the sandbox.
        labels (SandboxLabels): Key-value labels attached to the sandbox.
        public (bool): Whether the sandbox's HTTP previews are reachable without a token.
        network_block_all (bool): Whether the sandbox is cut off from the network.
        target (str): Region the sandbox runs in.
        cpu (float): CPU cores allotted.
        gpu (float): GPUs allotted.
        memory (float): Memory allotted, in GB.
        disk (float): Disk space allotted, in GB.
        toolbox_proxy_url (str): Base URL of the toolbox proxy; toolbox calls go to this URL followed by `/{id}`.
        snapshot (None | str | Unset): Snapshot the sandbox was created from.
        network_allow_list (None | str | Unset): Comma-separated CIDR ranges the sandbox may reach.
        domain_allow_list (None | str | Unset): Comma-separated domain names the sandbox may reach.
        gpu_type (GpuType | Unset): A GPU model.
        state (SandboxState | Unset): Where a sandbox is in its lifecycle.
        desired_state (SandboxDesiredState | Unset): The state the service is steering a sandbox towards.
        error_reason (None | str | Unset): Why the sandbox is in the error state.
        recoverable (bool | Unset): Whether the sandbox's error can be fixed with the recover operation.
        backup_state (SandboxBackupState | Unset): Progress of a sandbox's most recent backup.
        backup_created_at (str | Unset): When the latest backup was taken (ISO 8601 text).
        auto_stop_interval (float | Unset): Minutes of inactivity before the sandbox is stopped; 0 means never.
        auto_archive_interval (float | Unset): Minutes stopped before the sandbox is archived.
        auto_delete_interval (float | Unset): Minutes stopped before the sandbox is deleted; 0 means as soon as it
            stops, negative means never.
        volumes (list[SandboxVolume] | Unset): Volumes mounted in the sandbox.
        build_info (BuildInfo | Unset): How an image was built from a Dockerfile.
        created_at (str | Unset): When the sandbox was created (ISO 8601 text).
        updated_at (str | Unset): When the sandbox record last changed (ISO 8601 text).
        last_activity_at (str | Unset): When activity was last seen in the sandbox (ISO 8601 text).
        sandbox_class (SandboxClass | Unset): Kind of machine a sandbox runs on.
        daemon_version (None | str | Unset): Version of the Daytona daemon inside the sandbox.
        runner_id (None | str | Unset): Runner machine hosting the sandbox.
        linked_sandbox_id (str | Unset): Sandbox this one is placed next to, if any.
    """

    id: str
    organization_id: str
    name: str
    user: str
    env: SandboxEnv
    labels: SandboxLabels
    public: bool
    network_block_all: bool
    target: str
    cpu: float
    gpu: float
    memory: float
    disk: float
    toolbox_proxy_url: str
    snapshot: None | str | Unset = UNSET
    network_allow_list: None | str | Unset = UNSET
    domain_allow_list: None | str | Unset = UNSET
    gpu_type: GpuType | Unset = UNSET
    state: SandboxState | Unset = UNSET
    desired_state: SandboxDesiredState | Unset = UNSET
    error_reason: None | str | Unset = UNSET
    recoverable: bool | Unset = UNSET
    backup_state: SandboxBackupState | Unset = UNSET
    backup_created_at: str | Unset = UNSET
    auto_stop_interval: float | Unset = UNSET
    auto_archive_interval: float | Unset = UNSET
    auto_delete_interval: float | Unset = UNSET
    volumes: list[SandboxVolume] | Unset = UNSET
    build_info: BuildInfo | Unset = UNSET
    created_at: str | Unset = UNSET
    updated_at: str | Unset = UNSET
    last_activity_at: str | Unset = UNSET
    sandbox_class: SandboxClass | Unset = UNSET
    daemon_version: None | str | Unset = UNSET
    runner_id: None | str | Unset = UNSET
    linked_sandbox_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        organization_id = self.organization_id

        name = self.name

        user = self.user

        env = self.env.to_dict()

        labels = self.labels.to_dict()

        public = self.public

        network_block_all = self.network_block_all

        target = self.target

        cpu = self.cpu

        gpu = self.gpu

        memory = self.memory

        disk = self.disk

        toolbox_proxy_url = self.toolbox_proxy_url

        snapshot: None | str | Unset
        if isinstance(self.snapshot, Unset):
            snapshot = UNSET
        else:
            snapshot = self.snapshot

        network_allow_list: None | str | Unset
        if isinstance(self.network_allow_list, Unset):
            network_allow_list = UNSET
        else:
            network_allow_list = self.network_allow_list

        domain_allow_list: None | str | Unset
        if isinstance(self.domain_allow_list, Unset):
            domain_allow_list = UNSET
        else:
            domain_allow_list = self.domain_allow_list

        gpu_type: str | Unset = UNSET
        if not isinstance(self.gpu_type, Unset):
            gpu_type = self.gpu_type

        state: str | Unset = UNSET
        if not isinstance(self.state, Unset):
            state = self.state

        desired_state: str | Unset = UNSET
        if not isinstance(self.desired_state, Unset):
            desired_state = self.desired_state

        error_reason: None | str | Unset
        if isinstance(self.error_reason, Unset):
            error_reason = UNSET
        else:
            error_reason = self.error_reason

        recoverable = self.recoverable

        backup_state: str | Unset = UNSET
        if not isinstance(self.backup_state, Unset):
            backup_state = self.backup_state

        backup_created_at = self.backup_created_at

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

        created_at = self.created_at

        updated_at = self.updated_at

        last_activity_at = self.last_activity_at

        sandbox_class: str | Unset = UNSET
        if not isinstance(self.sandbox_class, Unset):
            sandbox_class = self.sandbox_class

        daemon_version: None | str | Unset
        if isinstance(self.daemon_version, Unset):
            daemon_version = UNSET
        else:
            daemon_version = self.daemon_version

        runner_id: None | str | Unset
        if isinstance(self.runner_id, Unset):
            runner_id = UNSET
        else:
            runner_id = self.runner_id

        linked_sandbox_id = self.linked_sandbox_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "organizationId": organization_id,
                "name": name,
                "user": user,
                "env": env,
                "labels": labels,
                "public": public,
                "networkBlockAll": network_block_all,
                "target": target,
                "cpu": cpu,
                "gpu": gpu,
                "memory": memory,
                "disk": disk,
                "toolboxProxyUrl": toolbox_proxy_url,
            }
        )
        if snapshot is not UNSET:
            field_dict["snapshot"] = snapshot
        if network_allow_list is not UNSET:
            field_dict["networkAllowList"] = network_allow_list
        if domain_allow_list is not UNSET:
            field_dict["domainAllowList"] = domain_allow_list
        if gpu_type is not UNSET:
            field_dict["gpuType"] = gpu_type
        if state is not UNSET:
            field_dict["state"] = state
        if desired_state is not UNSET:
            field_dict["desiredState"] = desired_state
        if error_reason is not UNSET:
            field_dict["errorReason"] = error_reason
        if recoverable is not UNSET:
            field_dict["recoverable"] = recoverable
        if backup_state is not UNSET:
            field_dict["backupState"] = backup_state
        if backup_created_at is not UNSET:
            field_dict["backupCreatedAt"] = backup_created_at
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
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at
        if last_activity_at is not UNSET:
            field_dict["lastActivityAt"] = last_activity_at
        if sandbox_class is not UNSET:
            field_dict["sandboxClass"] = sandbox_class
        if daemon_version is not UNSET:
            field_dict["daemonVersion"] = daemon_version
        if runner_id is not UNSET:
            field_dict["runnerId"] = runner_id
        if linked_sandbox_id is not UNSET:
            field_dict["linkedSandboxId"] = linked_sandbox_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.build_info import BuildInfo
        from ..models.sandbox_env import SandboxEnv
        from ..models.sandbox_labels import SandboxLabels
        from ..models.sandbox_volume import SandboxVolume

        d = dict(src_dict)
        id = d.pop("id")

        organization_id = d.pop("organizationId")

        name = d.pop("name")

        user = d.pop("user")

        env = SandboxEnv.from_dict(d.pop("env"))

        labels = SandboxLabels.from_dict(d.pop("labels"))

        public = d.pop("public")

        network_block_all = d.pop("networkBlockAll")

        target = d.pop("target")

        cpu = d.pop("cpu")

        gpu = d.pop("gpu")

        memory = d.pop("memory")

        disk = d.pop("disk")

        toolbox_proxy_url = d.pop("toolboxProxyUrl")

        def _parse_snapshot(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        snapshot = _parse_snapshot(d.pop("snapshot", UNSET))

        def _parse_network_allow_list(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        network_allow_list = _parse_network_allow_list(d.pop("networkAllowList", UNSET))

        def _parse_domain_allow_list(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        domain_allow_list = _parse_domain_allow_list(d.pop("domainAllowList", UNSET))

        _gpu_type = d.pop("gpuType", UNSET)
        gpu_type: GpuType | Unset
        if isinstance(_gpu_type, Unset):
            gpu_type = UNSET
        else:
            gpu_type = check_gpu_type(_gpu_type)

        _state = d.pop("state", UNSET)
        state: SandboxState | Unset
        if isinstance(_state, Unset):
            state = UNSET
        else:
            state = check_sandbox_state(_state)

        _desired_state = d.pop("desiredState", UNSET)
        desired_state: SandboxDesiredState | Unset
        if isinstance(_desired_state, Unset):
            desired_state = UNSET
        else:
            desired_state = check_sandbox_desired_state(_desired_state)

        def _parse_error_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error_reason = _parse_error_reason(d.pop("errorReason", UNSET))

        recoverable = d.pop("recoverable", UNSET)

        _backup_state = d.pop("backupState", UNSET)
        backup_state: SandboxBackupState | Unset
        if isinstance(_backup_state, Unset):
            backup_state = UNSET
        else:
            backup_state = check_sandbox_backup_state(_backup_state)

        backup_created_at = d.pop("backupCreatedAt", UNSET)

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
        build_info: BuildInfo | Unset
        if isinstance(_build_info, Unset):
            build_info = UNSET
        else:
            build_info = BuildInfo.from_dict(_build_info)

        created_at = d.pop("createdAt", UNSET)

        updated_at = d.pop("updatedAt", UNSET)

        last_activity_at = d.pop("lastActivityAt", UNSET)

        _sandbox_class = d.pop("sandboxClass", UNSET)
        sandbox_class: SandboxClass | Unset
        if isinstance(_sandbox_class, Unset):
            sandbox_class = UNSET
        else:
            sandbox_class = check_sandbox_class(_sandbox_class)

        def _parse_daemon_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        daemon_version = _parse_daemon_version(d.pop("daemonVersion", UNSET))

        def _parse_runner_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        runner_id = _parse_runner_id(d.pop("runnerId", UNSET))

        linked_sandbox_id = d.pop("linkedSandboxId", UNSET)

        sandbox = cls(
            id=id,
            organization_id=organization_id,
            name=name,
            user=user,
            env=env,
            labels=labels,
            public=public,
            network_block_all=network_block_all,
            target=target,
            cpu=cpu,
            gpu=gpu,
            memory=memory,
            disk=disk,
            toolbox_proxy_url=toolbox_proxy_url,
            snapshot=snapshot,
            network_allow_list=network_allow_list,
            domain_allow_list=domain_allow_list,
            gpu_type=gpu_type,
            state=state,
            desired_state=desired_state,
            error_reason=error_reason,
            recoverable=recoverable,
            backup_state=backup_state,
            backup_created_at=backup_created_at,
            auto_stop_interval=auto_stop_interval,
            auto_archive_interval=auto_archive_interval,
            auto_delete_interval=auto_delete_interval,
            volumes=volumes,
            build_info=build_info,
            created_at=created_at,
            updated_at=updated_at,
            last_activity_at=last_activity_at,
            sandbox_class=sandbox_class,
            daemon_version=daemon_version,
            runner_id=runner_id,
            linked_sandbox_id=linked_sandbox_id,
        )

        sandbox.additional_properties = d
        return sandbox

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
