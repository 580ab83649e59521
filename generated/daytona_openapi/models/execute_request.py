from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.execute_request_envs import ExecuteRequestEnvs


T = TypeVar("T", bound="ExecuteRequest")


@_attrs_define
class ExecuteRequest:
    """A shell command to run once.

    Attributes:
        command (str): The command line to run.
        cwd (str | Unset): Directory to run it in; the sandbox's working directory when omitted.
        envs (ExecuteRequestEnvs | Unset): Extra environment variables for the command.
        timeout (int | Unset): Seconds after which the command is killed (408); 0 or omitted means no limit.
    """

    command: str
    cwd: str | Unset = UNSET
    envs: ExecuteRequestEnvs | Unset = UNSET
    timeout: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        command = self.command

        cwd = self.cwd

        envs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.envs, Unset):
            envs = self.envs.to_dict()

        timeout = self.timeout

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "command": command,
            }
        )
        if cwd is not UNSET:
            field_dict["cwd"] = cwd
        if envs is not UNSET:
            field_dict["envs"] = envs
        if timeout is not UNSET:
            field_dict["timeout"] = timeout

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.execute_request_envs import ExecuteRequestEnvs

        d = dict(src_dict)
        command = d.pop("command")

        cwd = d.pop("cwd", UNSET)

        _envs = d.pop("envs", UNSET)
        envs: ExecuteRequestEnvs | Unset
        if isinstance(_envs, Unset):
            envs = UNSET
        else:
            envs = ExecuteRequestEnvs.from_dict(_envs)

        timeout = d.pop("timeout", UNSET)

        execute_request = cls(
            command=command,
            cwd=cwd,
            envs=envs,
            timeout=timeout,
        )

        execute_request.additional_properties = d
        return execute_request

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
