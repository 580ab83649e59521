from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionExecuteResponse")


@_attrs_define
class SessionExecuteResponse:
    """Result of running a command in a session. The daemon always sends every field, null when it has no value (all but
    cmdId for runAsync; stdout and stderr unless the SDK version is 0.167 or later).

        Attributes:
            cmd_id (str): Id of the command, for reading its logs or sending it input.
            exit_code (int | None | Unset): Exit status, when the command was waited for.
            output (None | str | Unset): The command's log when it was waited for; for SDK versions 0.27 and later each line
                carries its stream's 3-byte marker (\\x01\\x01\\x01 stdout, \\x02\\x02\\x02 stderr).
            stdout (None | str | Unset): What the command wrote to stdout, when it was waited for (SDK 0.167 and later).
            stderr (None | str | Unset): What the command wrote to stderr, when it was waited for (SDK 0.167 and later).
    """

    cmd_id: str
    exit_code: int | None | Unset = UNSET
    output: None | str | Unset = UNSET
    stdout: None | str | Unset = UNSET
    stderr: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cmd_id = self.cmd_id

        exit_code: int | None | Unset
        if isinstance(self.exit_code, Unset):
            exit_code = UNSET
        else:
            exit_code = self.exit_code

        output: None | str | Unset
        if isinstance(self.output, Unset):
            output = UNSET
        else:
            output = self.output

        stdout: None | str | Unset
        if isinstance(self.stdout, Unset):
            stdout = UNSET
        else:
            stdout = self.stdout

        stderr: None | str | Unset
        if isinstance(self.stderr, Unset):
            stderr = UNSET
        else:
            stderr = self.stderr

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cmdId": cmd_id,
            }
        )
        if exit_code is not UNSET:
            field_dict["exitCode"] = exit_code
        if output is not UNSET:
            field_dict["output"] = output
        if stdout is not UNSET:
            field_dict["stdout"] = stdout
        if stderr is not UNSET:
            field_dict["stderr"] = stderr

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        cmd_id = d.pop("cmdId")

        def _parse_exit_code(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        exit_code = _parse_exit_code(d.pop("exitCode", UNSET))

        def _parse_output(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        output = _parse_output(d.pop("output", UNSET))

        def _parse_stdout(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        stdout = _parse_stdout(d.pop("stdout", UNSET))

        def _parse_stderr(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        stderr = _parse_stderr(d.pop("stderr", UNSET))

        session_execute_response = cls(
            cmd_id=cmd_id,
            exit_code=exit_code,
            output=output,
            stdout=stdout,
            stderr=stderr,
        )

        session_execute_response.additional_properties = d
        return session_execute_response

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
