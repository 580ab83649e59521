from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.accessibility_node import AccessibilityNode


T = TypeVar("T", bound="AccessibilityTreeResponse")


@_attrs_define
class AccessibilityTreeResponse:
    """An accessibility tree.

    Attributes:
        root (AccessibilityNode | Unset): One element of the accessibility tree.
        truncated (bool | Unset): True when the tree was cut short by the depth or size limit.
    """

    root: AccessibilityNode | Unset = UNSET
    truncated: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        root: dict[str, Any] | Unset = UNSET
        if not isinstance(self.root, Unset):
            root = self.root.to_dict()

        truncated = self.truncated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if root is not UNSET:
            field_dict["root"] = root
        if truncated is not UNSET:
            field_dict["truncated"] = truncated

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.accessibility_node import AccessibilityNode

        d = dict(src_dict)
        _root = d.pop("root", UNSET)
        root: AccessibilityNode | Unset
        if isinstance(_root, Unset):
            root = UNSET
        else:
            root = AccessibilityNode.from_dict(_root)

        truncated = d.pop("truncated", UNSET)

        accessibility_tree_response = cls(
            root=root,
            truncated=truncated,
        )

        accessibility_tree_response.additional_properties = d
        return accessibility_tree_response

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
