from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.computer_use_stop_response_status import ComputerUseStopResponseStatus


T = TypeVar("T", bound="ComputerUseStopResponse")


@_attrs_define
class ComputerUseStopResponse:
    """Result of stopping the computer-use processes.

    Attributes:
        message (str | Unset): What happened, in words.
        status (ComputerUseStopResponseStatus | Unset): State of each process, keyed by process name.
    """

    message: str | Unset = UNSET
    status: ComputerUseStopResponseStatus | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        status: dict[str, Any] | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if message is not UNSET:
            field_dict["message"] = message
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.computer_use_stop_response_status import (
            ComputerUseStopResponseStatus,
        )

        d = dict(src_dict)
        message = d.pop("message", UNSET)

        _status = d.pop("status", UNSET)
        status: ComputerUseStopResponseStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ComputerUseStopResponseStatus.from_dict(_status)

        computer_use_stop_response = cls(
            message=message,
            status=status,
        )

        computer_use_stop_response.additional_properties = d
        return computer_use_stop_response

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
