from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MouseDragRequest")


@_attrs_define
class MouseDragRequest:
    """Start and end of a drag.

    Attributes:
        start_x (int | Unset): Horizontal start position, in pixels.
        start_y (int | Unset): Vertical start position, in pixels.
        end_x (int | Unset): Horizontal end position, in pixels.
        end_y (int | Unset): Vertical end position, in pixels.
        button (str | Unset): Button held during the drag - `left`, `right` or `middle`.
    """

    start_x: int | Unset = UNSET
    start_y: int | Unset = UNSET
    end_x: int | Unset = UNSET
    end_y: int | Unset = UNSET
    button: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        start_x = self.start_x

        start_y = self.start_y

        end_x = self.end_x

        end_y = self.end_y

        button = self.button

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if start_x is not UNSET:
            field_dict["startX"] = start_x
        if start_y is not UNSET:
            field_dict["startY"] = start_y
        if end_x is not UNSET:
            field_dict["endX"] = end_x
        if end_y is not UNSET:
            field_dict["endY"] = end_y
        if button is not UNSET:
            field_dict["button"] = button

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        start_x = d.pop("startX", UNSET)

        start_y = d.pop("startY", UNSET)

        end_x = d.pop("endX", UNSET)

        end_y = d.pop("endY", UNSET)

        button = d.pop("button", UNSET)

        mouse_drag_request = cls(
            start_x=start_x,
            start_y=start_y,
            end_x=end_x,
            end_y=end_y,
            button=button,
        )

        mouse_drag_request.additional_properties = d
        return mouse_drag_request

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
