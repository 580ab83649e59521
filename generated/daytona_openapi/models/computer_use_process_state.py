from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ComputerUseProcessState")


@_attrs_define
class ComputerUseProcessState:
    """State of one supervised computer-use process. The daemon's Go struct has no JSON tags, so the keys are its
    capitalised field names.

        Attributes:
            running (bool | Unset): Whether the process is running.
            pid (int | None | Unset): Operating-system process ID (null when it is not running, and always for atspi).
            priority (int | Unset): Start-order priority given to the process.
            auto_restart (bool | Unset): Whether the process is restarted when it exits.
    """

    running: bool | Unset = UNSET
    pid: int | None | Unset = UNSET
    priority: int | Unset = UNSET
    auto_restart: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        running = self.running

        pid: int | None | Unset
        if isinstance(self.pid, Unset):
            pid = UNSET
        else:
            pid = self.pid

        priority = self.priority

        auto_restart = self.auto_restart

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if running is not UNSET:
            field_dict["Running"] = running
        if pid is not UNSET:
            field_dict["Pid"] = pid
        if priority is not UNSET:
            field_dict["Priority"] = priority
        if auto_restart is not UNSET:
            field_dict["AutoRestart"] = auto_restart

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        running = d.pop("Running", UNSET)

        def _parse_pid(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        pid = _parse_pid(d.pop("Pid", UNSET))

        priority = d.pop("Priority", UNSET)

        auto_restart = d.pop("AutoRestart", UNSET)

        computer_use_process_state = cls(
            running=running,
            pid=pid,
            priority=priority,
            auto_restart=auto_restart,
        )

        computer_use_process_state.additional_properties = d
        return computer_use_process_state

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
