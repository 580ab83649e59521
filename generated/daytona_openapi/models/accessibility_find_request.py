from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AccessibilityFindRequest")


@_attrs_define
class AccessibilityFindRequest:
    """Filter for searching the accessibility tree.

    Attributes:
        scope (str | Unset): Which applications to search - `focused`, `pid` or `all`.
        pid (int | Unset): Process to search, used with scope `pid`.
        role (str | Unset): Accessibility role the nodes must have.
        name (str | Unset): Accessible name to look for.
        name_match (str | Unset): How `name` is compared - `exact`, `substring` or `regex`.
        states (list[str] | Unset): States every returned node must be in.
        limit (int | Unset): Most nodes to return.
    """

    scope: str | Unset = UNSET
    pid: int | Unset = UNSET
    role: str | Unset = UNSET
    name: str | Unset = UNSET
    name_match: str | Unset = UNSET
    states: list[str] | Unset = UNSET
    limit: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        scope = self.scope

        pid = self.pid

        role = self.role

        name = self.name

        name_match = self.name_match

        states: list[str] | Unset = UNSET
        if not isinstance(self.states, Unset):
            states = self.states

        limit = self.limit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if scope is not UNSET:
            field_dict["scope"] = scope
        if pid is not UNSET:
            field_dict["pid"] = pid
        if role is not UNSET:
            field_dict["role"] = role
        if name is not UNSET:
            field_dict["name"] = name
        if name_match is not UNSET:
            field_dict["nameMatch"] = name_match
        if states is not UNSET:
            field_dict["states"] = states
        if limit is not UNSET:
            field_dict["limit"] = limit

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        scope = d.pop("scope", UNSET)

        pid = d.pop("pid", UNSET)

        role = d.pop("role", UNSET)

        name = d.pop("name", UNSET)

        name_match = d.pop("nameMatch", UNSET)

        states = cast(list[str], d.pop("states", UNSET))

        limit = d.pop("limit", UNSET)

        accessibility_find_request = cls(
            scope=scope,
            pid=pid,
            role=role,
            name=name,
            name_match=name_match,
            states=states,
            limit=limit,
        )

        accessibility_find_request.additional_properties = d
        return accessibility_find_request

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
