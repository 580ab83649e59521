from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ComputerUseProcessStatusResponse")


@_attrs_define
class ComputerUseProcessStatusResponse:
    """Whether one computer-use process is running.

    Attributes:
        process_name (str | Unset): Name of the process.
        running (bool | Unset): Whether it is running.
    """

    process_name: str | Unset = UNSET
    running: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        process_name = self.process_name

        running = self.running

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if process_name is not UNSET:
            field_dict["processName"] = process_name
        if running is not UNSET:
            field_dict["running"] = running

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        process_name = d.pop("processName", UNSET)

        running = d.pop("running", UNSET)

        computer_use_process_status_response = cls(
            process_name=process_name,
            running=running,
        )

        computer_use_process_status_response.additional_properties = d
        return computer_use_process_status_response

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
