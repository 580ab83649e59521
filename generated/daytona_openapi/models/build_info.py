from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BuildInfo")


@_attrs_define
class BuildInfo:
    """How an image was built from a Dockerfile.

    Attributes:
        created_at (datetime.datetime): When the build record was created.
        updated_at (datetime.datetime): When the build record was last changed.
        snapshot_ref (str): Image reference the build produced.
        dockerfile_content (str | Unset): Dockerfile text used for the build.
        context_hashes (list[str] | Unset): Hashes of the uploaded build-context archives.
    """

    created_at: datetime.datetime
    updated_at: datetime.datetime
    snapshot_ref: str
    dockerfile_content: str | Unset = UNSET
    context_hashes: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        snapshot_ref = self.snapshot_ref

        dockerfile_content = self.dockerfile_content

        context_hashes: list[str] | Unset = UNSET
        if not isinstance(self.context_hashes, Unset):
            context_hashes = self.context_hashes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "createdAt": created_at,
                "updatedAt": updated_at,
                "snapshotRef": snapshot_ref,
            }
        )
        if dockerfile_content is not UNSET:
            field_dict["dockerfileContent"] = dockerfile_content
        if context_hashes is not UNSET:
            field_dict["contextHashes"] = context_hashes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        snapshot_ref = d.pop("snapshotRef")

        dockerfile_content = d.pop("dockerfileContent", UNSET)

        context_hashes = cast(list[str], d.pop("contextHashes", UNSET))

        build_info = cls(
            created_at=created_at,
            updated_at=updated_at,
            snapshot_ref=snapshot_ref,
            dockerfile_content=dockerfile_content,
            context_hashes=context_hashes,
        )

        build_info.additional_properties = d
        return build_info

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
