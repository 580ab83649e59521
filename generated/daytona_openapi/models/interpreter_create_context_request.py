from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="InterpreterCreateContextRequest")


@_attrs_define
class InterpreterCreateContextRequest:
    """Settings for a new interpreter context.

    Attributes:
        cwd (str | Unset): Working directory of the interpreter; the sandbox's working directory when omitted.
        language (str | Unset): Interpreter language; only python is supported, and it is the default.
    """

    cwd: str | Unset = UNSET
    language: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cwd = self.cwd

        language = self.language

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if cwd is not UNSET:
            field_dict["cwd"] = cwd
        if language is not UNSET:
            field_dict["language"] = language

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        cwd = d.pop("cwd", UNSET)

        language = d.pop("language", UNSET)

        interpreter_create_context_request = cls(
            cwd=cwd,
            language=language,
        )

        interpreter_create_context_request.additional_properties = d
        return interpreter_create_context_request

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
