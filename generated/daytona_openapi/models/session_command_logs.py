from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SessionCommandLogs")


@_attrs_define
class SessionCommandLogs:
    """Output written so far by a session command (or the entrypoint).

    Attributes:
        output (str): Stdout and stderr interleaved as written.
        stdout (str): Only what went to stdout.
        stderr (str): Only what went to stderr.
    """

    output: str
    stdout: str
    stderr: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        output = self.output

        stdout = self.stdout

        stderr = self.stderr

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "output": output,
                "stdout": stdout,
                "stderr": stderr,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        output = d.pop("output")

        stdout = d.pop("stdout")

        stderr = d.pop("stderr")

        session_command_logs = cls(
            output=output,
            stdout=stdout,
            stderr=stderr,
        )

        session_command_logs.additional_properties = d
        return session_command_logs

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
