from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SshAccess")


@_attrs_define
class SshAccess:
    """A temporary SSH login to a sandbox.

    Attributes:
        id (str): ID of this SSH access grant.
        sandbox_id (str): The sandbox it opens.
        token (str): The secret token (used as the SSH user name).
        expires_at (datetime.datetime): When the token stops working.
        created_at (datetime.datetime): When the grant was created.
        updated_at (datetime.datetime): When the grant last changed.
        ssh_command (str): Ready-to-run ssh command line.
    """

    id: str
    sandbox_id: str
    token: str
    expires_at: datetime.datetime
    created_at: datetime.datetime
    updated_at: datetime.datetime
    ssh_command: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        sandbox_id = self.sandbox_id

        token = self.token

        expires_at = self.expires_at.isoformat()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        ssh_command = self.ssh_command

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "sandboxId": sandbox_id,
                "token": token,
                "expiresAt": expires_at,
                "createdAt": created_at,
                "updatedAt": updated_at,
                "sshCommand": ssh_command,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        sandbox_id = d.pop("sandboxId")

        token = d.pop("token")

        expires_at = datetime.datetime.fromisoformat(d.pop("expiresAt"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        ssh_command = d.pop("sshCommand")

        ssh_access = cls(
            id=id,
            sandbox_id=sandbox_id,
            token=token,
            expires_at=expires_at,
            created_at=created_at,
            updated_at=updated_at,
            ssh_command=ssh_command,
        )

        ssh_access.additional_properties = d
        return ssh_access

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
