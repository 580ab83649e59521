from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DisplayInfo")


@_attrs_define
class DisplayInfo:
    """One display and where it sits on the virtual screen.

    Attributes:
        id (int | Unset): Display number.
        x (int | Unset): Left edge, in pixels.
        y (int | Unset): Top edge, in pixels.
        width (int | Unset): Width, in pixels.
        height (int | Unset): Height, in pixels.
        is_active (bool | Unset): Whether this is the active display.
    """

    id: int | Unset = UNSET
    x: int | Unset = UNSET
    y: int | Unset = UNSET
    width: int | Unset = UNSET
    height: int | Unset = UNSET
    is_active: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        x = self.x

        y = self.y

        width = self.width

        height = self.height

        is_active = self.is_active

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if x is not UNSET:
            field_dict["x"] = x
        if y is not UNSET:
            field_dict["y"] = y
        if width is not UNSET:
            field_dict["width"] = width
        if height is not UNSET:
            field_dict["height"] = height
        if is_active is not UNSET:
            field_dict["isActive"] = is_active

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        x = d.pop("x", UNSET)

        y = d.pop("y", UNSET)

        width = d.pop("width", UNSET)

        height = d.pop("height", UNSET)

        is_active = d.pop("isActive", UNSET)

        display_info = cls(
            id=id,
            x=x,
            y=y,
            width=width,
            height=height,
            is_active=is_active,
        )

        display_info.additional_properties = d
        return display_info

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
