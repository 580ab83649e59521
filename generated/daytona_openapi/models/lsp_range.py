from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.lsp_position import LspPosition


T = TypeVar("T", bound="LspRange")


@_attrs_define
class LspRange:
    """A span of text between two positions.

    Attributes:
        start (LspPosition): A place in a text file, both counted from zero.
        end (LspPosition): A place in a text file, both counted from zero.
    """

    start: LspPosition
    end: LspPosition
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        start = self.start.to_dict()

        end = self.end.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "start": start,
                "end": end,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.lsp_position import LspPosition

        d = dict(src_dict)
        start = LspPosition.from_dict(d.pop("start"))

        end = LspPosition.from_dict(d.pop("end"))

        lsp_range = cls(
            start=start,
            end=end,
        )

        lsp_range.additional_properties = d
        return lsp_range

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
