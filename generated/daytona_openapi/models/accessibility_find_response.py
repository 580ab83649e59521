from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.accessibility_node import AccessibilityNode


T = TypeVar("T", bound="AccessibilityFindResponse")


@_attrs_define
class AccessibilityFindResponse:
    """Nodes found by an accessibility search.

    Attributes:
        matches (list[AccessibilityNode] | Unset): The matching nodes, as a flat list.
        truncated (bool | Unset): True when more nodes matched than were returned.
    """

    matches: list[AccessibilityNode] | Unset = UNSET
    truncated: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        matches: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.matches, Unset):
            matches = []
            for matches_item_data in self.matches:
                matches_item = matches_item_data.to_dict()
                matches.append(matches_item)

        truncated = self.truncated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if matches is not UNSET:
            field_dict["matches"] = matches
        if truncated is not UNSET:
            field_dict["truncated"] = truncated

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.accessibility_node import AccessibilityNode

        d = dict(src_dict)
        _matches = d.pop("matches", UNSET)
        matches: list[AccessibilityNode] | Unset = UNSET
        if _matches is not UNSET:
            matches = []
            for matches_item_data in _matches:
                matches_item = AccessibilityNode.from_dict(matches_item_data)

                matches.append(matches_item)

        truncated = d.pop("truncated", UNSET)

        accessibility_find_response = cls(
            matches=matches,
            truncated=truncated,
        )

        accessibility_find_response.additional_properties = d
        return accessibility_find_response

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
