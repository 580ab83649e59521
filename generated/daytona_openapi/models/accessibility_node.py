from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.accessibility_bounds import AccessibilityBounds


T = TypeVar("T", bound="AccessibilityNode")


@_attrs_define
class AccessibilityNode:
    """One element of the accessibility tree.

    Attributes:
        id (str | Unset): Node identifier (`bus-name:object-path`), used to act on the node.
        role (str | Unset): Accessibility role of the element.
        name (str | Unset): Accessible name of the element.
        description (str | Unset): Accessible description of the element.
        states (list[str] | Unset): States the element is in.
        actions (list[str] | Unset): Names of the actions the element supports.
        bounds (AccessibilityBounds | Unset): On-screen rectangle of an accessibility node, in pixels.
        children (list[AccessibilityNode] | Unset): Child elements, when the tree is returned.
    """

    id: str | Unset = UNSET
    role: str | Unset = UNSET
    name: str | Unset = UNSET
    description: str | Unset = UNSET
    states: list[str] | Unset = UNSET
    actions: list[str] | Unset = UNSET
    bounds: AccessibilityBounds | Unset = UNSET
    children: list[AccessibilityNode] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        role = self.role

        name = self.name

        description = self.description

        states: list[str] | Unset = UNSET
        if not isinstance(self.states, Unset):
            states = self.states

        actions: list[str] | Unset = UNSET
        if not isinstance(self.actions, Unset):
            actions = self.actions

        bounds: dict[str, Any] | Unset = UNSET
        if not isinstance(self.bounds, Unset):
            bounds = self.bounds.to_dict()

        children: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.children, Unset):
            children = []
            for children_item_data in self.children:
                children_item = children_item_data.to_dict()
                children.append(children_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if role is not UNSET:
            field_dict["role"] = role
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if states is not UNSET:
            field_dict["states"] = states
        if actions is not UNSET:
            field_dict["actions"] = actions
        if bounds is not UNSET:
            field_dict["bounds"] = bounds
        if children is not UNSET:
            field_dict["children"] = children

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.accessibility_bounds import AccessibilityBounds

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        role = d.pop("role", UNSET)

        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        states = cast(list[str], d.pop("states", UNSET))

        actions = cast(list[str], d.pop("actions", UNSET))

        _bounds = d.pop("bounds", UNSET)
        bounds: AccessibilityBounds | Unset
        if isinstance(_bounds, Unset):
            bounds = UNSET
        else:
            bounds = AccessibilityBounds.from_dict(_bounds)

        _children = d.pop("children", UNSET)
        children: list[AccessibilityNode] | Unset = UNSET
        if _children is not UNSET:
            children = []
            for children_item_data in _children:
                children_item = AccessibilityNode.from_dict(children_item_data)

                children.append(children_item)

        accessibility_node = cls(
            id=id,
            role=role,
            name=name,
            description=description,
            states=states,
            actions=actions,
            bounds=bounds,
            children=children,
        )

        accessibility_node.additional_properties = d
        return accessibility_node

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
