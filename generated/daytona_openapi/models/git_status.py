from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.file_status import FileStatus


T = TypeVar("T", bound="GitStatus")


@_attrs_define
class GitStatus:
    """Branch and working-tree state of a repository.

    Attributes:
        current_branch (str): Name of the checked-out branch.
        file_status (list[FileStatus]): Changed or untracked files.
        ahead (int | Unset): Commits on the local branch not yet on its upstream.
        behind (int | Unset): Commits on the upstream not yet on the local branch.
        branch_published (bool | Unset): True when the branch has an upstream on the remote.
    """

    current_branch: str
    file_status: list[FileStatus]
    ahead: int | Unset = UNSET
    behind: int | Unset = UNSET
    branch_published: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        current_branch = self.current_branch

        file_status = []
        for file_status_item_data in self.file_status:
            file_status_item = file_status_item_data.to_dict()
            file_status.append(file_status_item)

        ahead = self.ahead

        behind = self.behind

        branch_published = self.branch_published

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "currentBranch": current_branch,
                "fileStatus": file_status,
            }
        )
        if ahead is not UNSET:
            field_dict["ahead"] = ahead
        if behind is not UNSET:
            field_dict["behind"] = behind
        if branch_published is not UNSET:
            field_dict["branchPublished"] = branch_published

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.file_status import FileStatus

        d = dict(src_dict)
        current_branch = d.pop("currentBranch")

        file_status = []
        _file_status = d.pop("fileStatus")
        for file_status_item_data in _file_status:
            file_status_item = FileStatus.from_dict(file_status_item_data)

            file_status.append(file_status_item)

        ahead = d.pop("ahead", UNSET)

        behind = d.pop("behind", UNSET)

        branch_published = d.pop("branchPublished", UNSET)

        git_status = cls(
            current_branch=current_branch,
            file_status=file_status,
            ahead=ahead,
            behind=behind,
            branch_published=branch_published,
        )

        git_status.additional_properties = d
        return git_status

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
