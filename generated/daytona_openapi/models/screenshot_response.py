from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.screenshot_cursor_position import ScreenshotCursorPosition


T = TypeVar("T", bound="ScreenshotResponse")


@_attrs_define
class ScreenshotResponse:
    """A captured screen image.

    Attributes:
        screenshot (str | Unset): The image, base64-encoded.
        cursor_position (ScreenshotCursorPosition | Unset): Where the mouse pointer was when the image was captured.
        size_bytes (int | Unset): Size of the encoded image, in bytes.
    """

    screenshot: str | Unset = UNSET
    cursor_position: ScreenshotCursorPosition | Unset = UNSET
    size_bytes: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        screenshot = self.screenshot

        cursor_position: dict[str, Any] | Unset = UNSET
        if not isinstance(self.cursor_position, Unset):
            cursor_position = self.cursor_position.to_dict()

        size_bytes = self.size_bytes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if screenshot is not UNSET:
            field_dict["screenshot"] = screenshot
        if cursor_position is not UNSET:
            field_dict["cursorPosition"] = cursor_position
        if size_bytes is not UNSET:
            field_dict["sizeBytes"] = size_bytes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.screenshot_cursor_position import ScreenshotCursorPosition

        d = dict(src_dict)
        screenshot = d.pop("screenshot", UNSET)

        _cursor_position = d.pop("cursorPosition", UNSET)
        cursor_position: ScreenshotCursorPosition | Unset
        if isinstance(_cursor_position, Unset):
            cursor_position = UNSET
        else:
            cursor_position = ScreenshotCursorPosition.from_dict(_cursor_position)

        size_bytes = d.pop("sizeBytes", UNSET)

        screenshot_response = cls(
            screenshot=screenshot,
            cursor_position=cursor_position,
            size_bytes=size_bytes,
        )

        screenshot_response.additional_properties = d
        return screenshot_response

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
