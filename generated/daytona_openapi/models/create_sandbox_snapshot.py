from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateSandboxSnapshot")


@_attrs_define
class CreateSandboxSnapshot:
    """Options for saving a sandbox as a snapshot.

    Attributes:
        name (str): Name of the snapshot to create.
        include_memory (bool | Unset): Also save the running memory (VM sandboxes only; the sandbox must then be
            started, otherwise it must be stopped). Default: False.
    """

    name: str
    include_memory: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        include_memory = self.include_memory

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if include_memory is not UNSET:
            field_dict["includeMemory"] = include_memory

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        include_memory = d.pop("includeMemory", UNSET)

        create_sandbox_snapshot = cls(
            name=name,
            include_memory=include_memory,
        )

        create_sandbox_snapshot.additional_properties = d
        return create_sandbox_snapshot

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
