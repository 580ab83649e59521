from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="InterpreterContext")


@_attrs_define
class InterpreterContext:
    """A stateful interpreter context.

    Attributes:
        id (str): The context's id, passed as contextId when running code.
        language (str): Interpreter language.
        cwd (str): Working directory of the interpreter.
        created_at (str): When the context was created.
        active (bool): Whether the interpreter process is alive.
    """

    id: str
    language: str
    cwd: str
    created_at: str
    active: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        language = self.language

        cwd = self.cwd

        created_at = self.created_at

        active = self.active

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "language": language,
                "cwd": cwd,
                "createdAt": created_at,
                "active": active,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        language = d.pop("language")

        cwd = d.pop("cwd")

        created_at = d.pop("createdAt")

        active = d.pop("active")

        interpreter_context = cls(
            id=id,
            language=language,
            cwd=cwd,
            created_at=created_at,
            active=active,
        )

        interpreter_context.additional_properties = d
        return interpreter_context

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
