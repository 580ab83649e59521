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
    from ..models.sandbox_list_item_labels import SandboxListItemLabels


T = TypeVar("T", bound="SandboxListItem")


@_attrs_define
class SandboxListItem:
    """A sandbox as it appears in a list: the main record without environment, volumes, build and network details.

    Attributes:
        id (str): The sandbox's ID.
        organization_id (str): Organization that owns the sandbox.
        name (str): The sandbox's name.
        target (str): Region the sandbox runs in.
        user (str): OS user that runs inside the sandbox.
        public (bool): Whether the sandbox's HTTP previews are reachable without a token.
        cpu (float): CPU cores allotted.
        gpu (float): GPUs allotted.
        memory (float): Memory allotted, in GB.
        disk (float): Disk space allotted, in GB.
        labels (SandboxListItemLabels): Key-value labels attached to the sandbox.
        toolbox_proxy_url (str): Base URL of the toolbox proxy; toolbox calls go to this URL followed by `/{id}`.
        runner_id (None | str | Unset): Runner machine hosting the sandbox.
        sandbox_class (SandboxClass | Unset): Kind of machine a sandbox runs on.
        state (SandboxState | Unset): Where a sandbox is in its lifecycle.
        desired_state (SandboxDesiredState | Unset): The state the service is steering a sandbox towards.
        snapshot (None | str | Unset): Snapshot the sandbox was created from.
        error_reason (None | str | Unset): Why the sandbox is in the error state.
        recoverable (bool | Unset): Whether the sandbox's error can be fixed with the recover operation.
        gpu_type (GpuType | Unset): A GPU model.
        backup_state (SandboxBackupState | Unset): Progress of a sandbox's most recent backup.
        auto_stop_interval (float | Unset): Minutes of inactivity before the sandbox is stopped; 0 means never.
        auto_archive_interval (float | Unset): Minutes stopped before the sandbox is archived.
        auto_delete_interval (float | Unset): Minutes stopped before the sandbox is deleted; 0 means as soon as it
            stops, negative means never.
        created_at (str | Unset): When the sandbox was created (ISO 8601 text).
        updated_at (str | Unset): When the sandbox record last changed (ISO 8601 text).
        last_activity_at (str | Unset): When activity was last seen in the sandbox (ISO 8601 text).
        daemon_version (None | str | Unset): Version of the Daytona daemon inside the sandbox.
    """

    id: str
    organization_id: str
    name: str
    target: str
    user: str
    public: bool
    cpu: float
    gpu: float
    memory: float
    disk: float
    labels: SandboxListItemLabels
    toolbox_proxy_url: str
    runner_id: None | str | Unset = UNSET
    sandbox_class: SandboxClass | Unset = UNSET
    state: SandboxState | Unset = UNSET
    desired_state: SandboxDesiredState | Unset = UNSET
    snapshot: None | str | Unset = UNSET
    error_reason: None | str | Unset = UNSET
    recoverable: bool | Unset = UNSET
    gpu_type: GpuType | Unset = UNSET
    backup_state: SandboxBackupState | Unset = UNSET
    auto_stop_interval: float | Unset = UNSET
    auto_archive_interval: float | Unset = UNSET
    auto_delete_interval: float | Unset = UNSET
    created_at: str | Unset = UNSET
    updated_at: str | Unset = UNSET
    last_activity_at: str | Unset = UNSET
    daemon_version: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        organization_id = self.organization_id

        name = self.name

        target = self.target

        user = self.user

        public = self.public

        cpu = self.cpu

        gpu = self.gpu

        memory = self.memory

        disk = self.disk

        labels = self.labels.to_dict()

        toolbox_proxy_url = self.toolbox_proxy_url

        runner_id: None | str | Unset
        if isinstance(self.runner_id, Unset):
            runner_id = UNSET
        else:
            runner_id = self.runner_id

        sandbox_class: str | Unset = UNSET
        if not isinstance(self.sandbox_class, Unset):
            sandbox_class = self.sandbox_class

        state: str | Unset = UNSET
        if not isinstance(self.state, Unset):
            state = self.state

        desired_state: str | Unset = UNSET
        if not isinstance(self.desired_state, Unset):
            desired_state = self.desired_state

        snapshot: None | str | Unset
        if isinstance(self.snapshot, Unset):
            snapshot = UNSET
        else:
            snapshot = self.snapshot

        error_reason: None | str | Unset
        if isinstance(self.error_reason, Unset):
            error_reason = UNSET
        else:
            error_reason = self.error_reason

        recoverable = self.recoverable

        gpu_type: str | Unset = UNSET
        if not isinstance(self.gpu_type, Unset):
            gpu_type = self.gpu_type

        backup_state: str | Unset = UNSET
        if not isinstance(self.backup_state, Unset):
            backup_state = self.backup_state

        auto_stop_interval = self.auto_stop_interval

        auto_archive_interval = self.auto_archive_interval

        auto_delete_interval = self.auto_delete_interval

        created_at = self.created_at

        updated_at = self.updated_at

        last_activity_at = self.last_activity_at

        daemon_version: None | str | Unset
        if isinstance(self.daemon_version, Unset):
            daemon_version = UNSET
        else:
            daemon_version = self.daemon_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "organizationId": organization_id,
                "name": name,
                "target": target,
                "user": user,
                "public": public,
                "cpu": cpu,
                "gpu": gpu,
                "memory": memory,
                "disk": disk,
                "labels": labels,
                "toolboxProxyUrl": toolbox_proxy_url,
            }
        )
        if runner_id is not UNSET:
            field_dict["runnerId"] = runner_id
        if sandbox_class is not UNSET:
            field_dict["sandboxClass"] = sandbox_class
        if state is not UNSET:
            field_dict["state"] = state
        if desired_state is not UNSET:
            field_dict["desiredState"] = desired_state
        if snapshot is not UNSET:
            field_dict["snapshot"] = snapshot
        if error_reason is not UNSET:
            field_dict["errorReason"] = error_reason
        if recoverable is not UNSET:
            field_dict["recoverable"] = recoverable
        if gpu_type is not UNSET:
            field_dict["gpuType"] = gpu_type
        if backup_state is not UNSET:
            field_dict["backupState"] = backup_state
        if auto_stop_interval is not UNSET:
            field_dict["autoStopInterval"] = auto_stop_interval
        if auto_archive_interval is not UNSET:
            field_dict["autoArchiveInterval"] = auto_archive_interval
        if auto_delete_interval is not UNSET:
            field_dict["autoDeleteInterval"] = auto_delete_interval
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at
        if last_activity_at is not UNSET:
            field_dict["lastActivityAt"] = last_activity_at
        if daemon_version is not UNSET:
            field_dict["daemonVersion"] = daemon_version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.sandbox_list_item_labels import SandboxListItemLabels

        d = dict(src_dict)
        id = d.pop("id")

        organization_id = d.pop("organizationId")

        name = d.pop("name")

        target = d.pop("target")

        user = d.pop("user")

        public = d.pop("public")

        cpu = d.pop("cpu")

        gpu = d.pop("gpu")

        memory = d.pop("memory")

        disk = d.pop("disk")

        labels = SandboxListItemLabels.from_dict(d.pop("labels"))

        toolbox_proxy_url = d.pop("toolboxProxyUrl")

        def _parse_runner_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        runner_id = _parse_runner_id(d.pop("runnerId", UNSET))

        _sandbox_class = d.pop("sandboxClass", UNSET)
        sandbox_class: SandboxClass | Unset
        if isinstance(_sandbox_class, Unset):
            sandbox_class = UNSET
        else:
            sandbox_class = check_sandbox_class(_sandbox_class)

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

        def _parse_snapshot(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        snapshot = _parse_snapshot(d.pop("snapshot", UNSET))

        def _parse_error_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error_reason = _parse_error_reason(d.pop("errorReason", UNSET))

        recoverable = d.pop("recoverable", UNSET)

        _gpu_type = d.pop("gpuType", UNSET)
        gpu_type: GpuType | Unset
        if isinstance(_gpu_type, Unset):
            gpu_type = UNSET
        else:
            gpu_type = check_gpu_type(_gpu_type)

        _backup_state = d.pop("backupState", UNSET)
        backup_state: SandboxBackupState | Unset
        if isinstance(_backup_state, Unset):
            backup_state = UNSET
        else:
            backup_state = check_sandbox_backup_state(_backup_state)

        auto_stop_interval = d.pop("autoStopInterval", UNSET)

        auto_archive_interval = d.pop("autoArchiveInterval", UNSET)

        auto_delete_interval = d.pop("autoDeleteInterval", UNSET)

        created_at = d.pop("createdAt", UNSET)

        updated_at = d.pop("updatedAt", UNSET)

        last_activity_at = d.pop("lastActivityAt", UNSET)

        def _parse_daemon_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        daemon_version = _parse_daemon_version(d.pop("daemonVersion", UNSET))

        sandbox_list_item = cls(
            id=id,
            organization_id=organization_id,
            name=name,
            target=target,
            user=user,
            public=public,
            cpu=cpu,
            gpu=gpu,
            memory=memory,
            disk=disk,
            labels=labels,
            toolbox_proxy_url=toolbox_proxy_url,
            runner_id=runner_id,
            sandbox_class=sandbox_class,
            state=state,
            desired_state=desired_state,
            snapshot=snapshot,
            error_reason=error_reason,
            recoverable=recoverable,
            gpu_type=gpu_type,
            backup_state=backup_state,
            auto_stop_interval=auto_stop_interval,
            auto_archive_interval=auto_archive_interval,
            auto_delete_interval=auto_delete_interval,
            created_at=created_at,
            updated_at=updated_at,
            last_activity_at=last_activity_at,
            daemon_version=daemon_version,
        )

        sandbox_list_item.additional_properties = d
        return sandbox_list_item

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
