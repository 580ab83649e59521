from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.lsp_location import LspLocation


T = TypeVar("T", bound="LspSymbol")


@_attrs_define
class LspSymbol:
    """A named code element (function, class, variable, ...) and where it is.

    Attributes:
        name (str): The symbol's name.
        kind (int): LSP SymbolKind number (e.g. 5 class, 12 function).
        location (LspLocation): A span of text in a particular file.
    """

    name: str
    kind: int
    location: LspLocation
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        kind = self.kind

        location = self.location.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "kind": kind,
                "location": location,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.lsp_location import LspLocation

        d = dict(src_dict)
        name = d.pop("name")

        kind = d.pop("kind")

        location = LspLocation.from_dict(d.pop("location"))

        lsp_symbol = cls(
            name=name,
            kind=kind,
            location=location,
        )

        lsp_symbol.additional_properties = d
        return lsp_symbol

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
