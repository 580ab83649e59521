from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateBuildInfo")


@_attrs_define
class CreateBuildInfo:
    """A Dockerfile build to run.

    Attributes:
        dockerfile_content (str): Dockerfile text to build.
        context_hashes (list[str] | Unset): Hashes of build-context archives already uploaded to object storage.
    """

    dockerfile_content: str
    context_hashes: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dockerfile_content = self.dockerfile_content

        context_hashes: list[str] | Unset = UNSET
        if not isinstance(self.context_hashes, Unset):
            context_hashes = self.context_hashes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dockerfileContent": dockerfile_content,
            }
        )
        if context_hashes is not UNSET:
            field_dict["contextHashes"] = context_hashes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        dockerfile_content = d.pop("dockerfileContent")

        context_hashes = cast(list[str], d.pop("contextHashes", UNSET))

        create_build_info = cls(
            dockerfile_content=dockerfile_content,
            context_hashes=context_hashes,
        )

        create_build_info.additional_properties = d
        return create_build_info

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
