from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.code_run_artifacts import CodeRunArtifacts


T = TypeVar("T", bound="CodeRunResponse")


@_attrs_define
class CodeRunResponse:
    """Outcome of a code snippet run.

    Attributes:
        exit_code (int | Unset): The program's exit status.
        result (str | Unset): Everything the program printed.
        artifacts (CodeRunArtifacts | Unset): Extra output captured from a run besides its text.
    """

    exit_code: int | Unset = UNSET
    result: str | Unset = UNSET
    artifacts: CodeRunArtifacts | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        exit_code = self.exit_code

        result = self.result

        artifacts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.artifacts, Unset):
            artifacts = self.artifacts.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if exit_code is not UNSET:
            field_dict["exitCode"] = exit_code
        if result is not UNSET:
            field_dict["result"] = result
        if artifacts is not UNSET:
            field_dict["artifacts"] = artifacts

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.code_run_artifacts import CodeRunArtifacts

        d = dict(src_dict)
        exit_code = d.pop("exitCode", UNSET)

        result = d.pop("result", UNSET)

        _artifacts = d.pop("artifacts", UNSET)
        artifacts: CodeRunArtifacts | Unset
        if isinstance(_artifacts, Unset):
            artifacts = UNSET
        else:
            artifacts = CodeRunArtifacts.from_dict(_artifacts)

        code_run_response = cls(
            exit_code=exit_code,
            result=result,
            artifacts=artifacts,
        )

        code_run_response.additional_properties = d
        return code_run_response

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
