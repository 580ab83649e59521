from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.code_run_request_envs import CodeRunRequestEnvs


T = TypeVar("T", bound="CodeRunRequest")


@_attrs_define
class CodeRunRequest:
    """A code snippet to run with the sandbox's language runtime.

    Attributes:
        code (str): Source code to run.
        language (str): Runtime to use, one of python, javascript or typescript.
        argv (list[str] | Unset): Command-line arguments passed to the program.
        envs (CodeRunRequestEnvs | Unset): Extra environment variables for the run.
        timeout (int | Unset): Seconds to wait before the run is stopped.
    """

    code: str
    language: str
    argv: list[str] | Unset = UNSET
    envs: CodeRunRequestEnvs | Unset = UNSET
    timeout: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        language = self.language

        argv: list[str] | Unset = UNSET
        if not isinstance(self.argv, Unset):
            argv = self.argv

        envs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.envs, Unset):
            envs = self.envs.to_dict()

        timeout = self.timeout

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "language": language,
            }
        )
        if argv is not UNSET:
            field_dict["argv"] = argv
        if envs is not UNSET:
            field_dict["envs"] = envs
        if timeout is not UNSET:
            field_dict["timeout"] = timeout

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.code_run_request_envs import CodeRunRequestEnvs

        d = dict(src_dict)
        code = d.pop("code")

        language = d.pop("language")

        argv = cast(list[str], d.pop("argv", UNSET))

        _envs = d.pop("envs", UNSET)
        envs: CodeRunRequestEnvs | Unset
        if isinstance(_envs, Unset):
            envs = UNSET
        else:
            envs = CodeRunRequestEnvs.from_dict(_envs)

        timeout = d.pop("timeout", UNSET)

        code_run_request = cls(
            code=code,
            language=language,
            argv=argv,
            envs=envs,
            timeout=timeout,
        )

        code_run_request.additional_properties = d
        return code_run_request

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
