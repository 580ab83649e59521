from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.display_info import DisplayInfo


T = TypeVar("T", bound="DisplayInfoResponse")


@_attrs_define
class DisplayInfoResponse:
    """The displays of the sandbox's desktop.

    Attributes:
        displays (list[DisplayInfo] | Unset): One entry per display.
    """

    displays: list[DisplayInfo] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        displays: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.displays, Unset):
            displays = []
            for displays_item_data in self.displays:
                displays_item = displays_item_data.to_dict()
                displays.append(displays_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if displays is not UNSET:
            field_dict["displays"] = displays

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.display_info import DisplayInfo

        d = dict(src_dict)
        _displays = d.pop("displays", UNSET)
        displays: list[DisplayInfo] | Unset = UNSET
        if _displays is not UNSET:
            displays = []
            for displays_item_data in _displays:
                displays_item = DisplayInfo.from_dict(displays_item_data)

                displays.append(displays_item)

        display_info_response = cls(
            displays=displays,
        )

        display_info_response.additional_properties = d
        return display_info_response

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
