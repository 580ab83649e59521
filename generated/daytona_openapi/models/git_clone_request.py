from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GitCloneRequest")


@_attrs_define
class GitCloneRequest:
    """A repository to clone and where to put it.

    Attributes:
        url (str): Remote repository URL.
        path (str): Directory to clone into.
        branch (str | Unset): Branch to check out instead of the remote's default.
        commit_id (str | Unset): Commit to check out after cloning.
        username (str | Unset): User name for authenticated remotes.
        password (str | Unset): Password or access token for authenticated remotes.
        insecure_skip_tls (bool | Unset): Skip TLS certificate verification (default false). Only for trusted servers
            with self-signed or private-CA certificates; credentials are then sent over an unverified connection.
    """

    url: str
    path: str
    branch: str | Unset = UNSET
    commit_id: str | Unset = UNSET
    username: str | Unset = UNSET
    password: str | Unset = UNSET
    insecure_skip_tls: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        path = self.path

        branch = self.branch

        commit_id = self.commit_id

        username = self.username

        password = self.password

        insecure_skip_tls = self.insecure_skip_tls

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "url": url,
                "path": path,
            }
        )
        if branch is not UNSET:
            field_dict["branch"] = branch
        if commit_id is not UNSET:
            field_dict["commit_id"] = commit_id
        if username is not UNSET:
            field_dict["username"] = username
        if password is not UNSET:
            field_dict["password"] = password
        if insecure_skip_tls is not UNSET:
            field_dict["insecure_skip_tls"] = insecure_skip_tls

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        url = d.pop("url")

        path = d.pop("path")

        branch = d.pop("branch", UNSET)

        commit_id = d.pop("commit_id", UNSET)

        username = d.pop("username", UNSET)

        password = d.pop("password", UNSET)

        insecure_skip_tls = d.pop("insecure_skip_tls", UNSET)

        git_clone_request = cls(
            url=url,
            path=path,
            branch=branch,
            commit_id=commit_id,
            username=username,
            password=password,
            insecure_skip_tls=insecure_skip_tls,
        )

        git_clone_request.additional_properties = d
        return git_clone_request

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
