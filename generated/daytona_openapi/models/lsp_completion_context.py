from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LspCompletionContext")


@_attrs_define
class LspCompletionContext:
    """How completion was triggered.

    Attributes:
        trigger_kind (int): LSP CompletionTriggerKind (1 invoked, 2 trigger character, 3 re-trigger).
        trigger_character (str | Unset): The character that triggered completion, when triggerKind is 2.
    """

    trigger_kind: int
    trigger_character: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        trigger_kind = self.trigger_kind

        trigger_character = self.trigger_character

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "triggerKind": trigger_kind,
            }
        )
        if trigger_character is not UNSET:
            field_dict["triggerCharacter"] = trigger_character

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        trigger_kind = d.pop("triggerKind")

        trigger_character = d.pop("triggerCharacter", UNSET)

        lsp_completion_context = cls(
            trigger_kind=trigger_kind,
            trigger_character=trigger_character,
        )

        lsp_completion_context.additional_properties = d
        return lsp_completion_context

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
