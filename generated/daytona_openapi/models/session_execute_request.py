from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionExecuteRequest")


@_attrs_define
class SessionExecuteRequest:
    """A command to run in a shell session.

    Attributes:
        command (str): The command line to run.
        run_async (bool | Unset): Return as soon as the command has started instead of waiting for it.
        async_ (bool | Unset): Older name of runAsync.
        suppress_input_echo (bool | Unset): Do not echo data sent to the command's stdin into its output.
    """

    command: str
    run_async: bool | Unset = UNSET
    async_: bool | Unset = UNSET
    suppress_input_echo: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        command = self.command

        run_async = self.run_async

        async_ = self.async_

        suppress_input_echo = self.suppress_input_echo

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "command": command,
            }
        )
        if run_async is not UNSET:
            field_dict["runAsync"] = run_async
        if async_ is not UNSET:
            field_dict["async"] = async_
        if suppress_input_echo is not UNSET:
            field_dict["suppressInputEcho"] = suppress_input_echo

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        command = d.pop("command")

        run_async = d.pop("runAsync", UNSET)

        async_ = d.pop("async", UNSET)

        suppress_input_echo = d.pop("suppressInputEcho", UNSET)

        session_execute_request = cls(
            command=command,
            run_async=run_async,
            async_=async_,
            suppress_input_echo=suppress_input_echo,
        )

        session_execute_request.additional_properties = d
        return session_execute_request

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
