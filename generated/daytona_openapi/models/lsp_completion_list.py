from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.lsp_completion_item import LspCompletionItem


T = TypeVar("T", bound="LspCompletionList")


@_attrs_define
class LspCompletionList:
    """Completion suggestions for a position.

    Attributes:
        is_incomplete (bool): True when typing more should trigger a new request for a fuller list.
        items (list[LspCompletionItem]): The suggestions.
    """

    is_incomplete: bool
    items: list[LspCompletionItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        is_incomplete = self.is_incomplete

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "isIncomplete": is_incomplete,
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.lsp_completion_item import LspCompletionItem

        d = dict(src_dict)
        is_incomplete = d.pop("isIncomplete")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = LspCompletionItem.from_dict(items_item_data)

            items.append(items_item)

        lsp_completion_list = cls(
            is_incomplete=is_incomplete,
            items=items,
        )

        lsp_completion_list.additional_properties = d
        return lsp_completion_list

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
