from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GitCommitRequest")


@_attrs_define
class GitCommitRequest:
    """A commit to create from the staged changes.

    Attributes:
        path (str): Repository directory.
        message (str): Commit message.
        author (str): Author name.
        email (str): Author e-mail address.
        allow_empty (bool | Unset): Create the commit even when nothing is staged.
    """

    path: str
    message: str
    author: str
    email: str
    allow_empty: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        path = self.path

        message = self.message

        author = self.author

        email = self.email

        allow_empty = self.allow_empty

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "path": path,
                "message": message,
                "author": author,
                "email": email,
            }
        )
        if allow_empty is not UNSET:
            field_dict["allow_empty"] = allow_empty

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        path = d.pop("path")

        message = d.pop("message")

        author = d.pop("author")

        email = d.pop("email")

        allow_empty = d.pop("allow_empty", UNSET)

        git_commit_request = cls(
            path=path,
            message=message,
            author=author,
            email=email,
            allow_empty=allow_empty,
        )

        git_commit_request.additional_properties = d
        return git_commit_request

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
