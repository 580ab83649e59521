from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ComputerUseProcessState")


@_attrs_define
class ComputerUseProcessState:
    """State of one supervised computer-use process.

    Attributes:
        running (bool | Unset): Whether the process is running.
        pid (int | Unset): Operating-system process ID.
        priority (int | Unset): Start-order priority given to the process.
        auto_restart (bool | Unset): Whether the process is restarted when it exits.
    """

    running: bool | Unset = UNSET
    pid: int | Unset = UNSET
    priority: int | Unset = UNSET
    auto_restart: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        running = self.running

        pid = self.pid

        priority = self.priority

        auto_restart = self.auto_restart

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if running is not UNSET:
            field_dict["running"] = running
        if pid is not UNSET:
            field_dict["pid"] = pid
        if priority is not UNSET:
            field_dict["priority"] = priority
        if auto_restart is not UNSET:
            field_dict["autoRestart"] = auto_restart

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        running = d.pop("running", UNSET)

        pid = d.pop("pid", UNSET)

        priority = d.pop("priority", UNSET)

        auto_restart = d.pop("autoRestart", UNSET)

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
