from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ReplaceRequest")


@_attrs_define
class ReplaceRequest:
    """A text substitution to apply to a set of files.

    Attributes:
        files (list[str]): Paths of the files to edit.
        pattern (str): Text to replace.
        new_value (str): Replacement text.
    """

    files: list[str]
    pattern: str
    new_value: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        files = self.files

        pattern = self.pattern

        new_value = self.new_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "files": files,
                "pattern": pattern,
                "newValue": new_value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        files = cast(list[str], d.pop("files"))

        pattern = d.pop("pattern")

        new_value = d.pop("newValue")

        replace_request = cls(
            files=files,
            pattern=pattern,
            new_value=new_value,
        )

        replace_request.additional_properties = d
        return replace_request

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
