from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FileInfo")


@_attrs_define
class FileInfo:
    """Metadata of one file or directory in the sandbox.

    Attributes:
        name (str): Base name of the entry.
        is_dir (bool): True for a directory.
        size (int): Size in bytes.
        mode (str): File mode in the daemon's textual form (type and permission bits).
        permissions (str): Permission bits in octal notation.
        owner (str): Owning user.
        group (str): Owning group.
        modified_at (str): Last modification time as an RFC 3339 timestamp.
        mod_time (str): Deprecated; last modification time in Go's default time layout. Prefer modifiedAt.
    """

    name: str
    is_dir: bool
    size: int
    mode: str
    permissions: str
    owner: str
    group: str
    modified_at: str
    mod_time: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        is_dir = self.is_dir

        size = self.size

        mode = self.mode

        permissions = self.permissions

        owner = self.owner

        group = self.group

        modified_at = self.modified_at

        mod_time = self.mod_time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "isDir": is_dir,
                "size": size,
                "mode": mode,
                "permissions": permissions,
                "owner": owner,
                "group": group,
                "modifiedAt": modified_at,
                "modTime": mod_time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        is_dir = d.pop("isDir")

        size = d.pop("size")

        mode = d.pop("mode")

        permissions = d.pop("permissions")

        owner = d.pop("owner")

        group = d.pop("group")

        modified_at = d.pop("modifiedAt")

        mod_time = d.pop("modTime")

        file_info = cls(
            name=name,
            is_dir=is_dir,
            size=size,
            mode=mode,
            permissions=permissions,
            owner=owner,
            group=group,
            modified_at=modified_at,
            mod_time=mod_time,
        )

        file_info.additional_properties = d
        return file_info

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
