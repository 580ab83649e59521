from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.lsp_range import LspRange


T = TypeVar("T", bound="LspLocation")


@_attrs_define
class LspLocation:
    """A span of text in a particular file.

    Attributes:
        uri (str): The file, as a file:// URI.
        range_ (LspRange): A span of text between two positions.
    """

    uri: str
    range_: LspRange
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        uri = self.uri

        range_ = self.range_.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "uri": uri,
                "range": range_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.lsp_range import LspRange

        d = dict(src_dict)
        uri = d.pop("uri")

        range_ = LspRange.from_dict(d.pop("range"))

        lsp_location = cls(
            uri=uri,
            range_=range_,
        )

        lsp_location.additional_properties = d
        return lsp_location

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
