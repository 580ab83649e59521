from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.lsp_completion_item_documentation_type_1 import (
        LspCompletionItemDocumentationType1,
    )


T = TypeVar("T", bound="LspCompletionItem")


@_attrs_define
class LspCompletionItem:
    """One completion suggestion.

    Attributes:
        label (str): Text shown for the suggestion.
        kind (int | Unset): LSP CompletionItemKind number.
        detail (str | Unset): Extra information such as a type or signature.
        documentation (LspCompletionItemDocumentationType1 | str | Unset): Documentation for the suggestion, as the
            language server sent it (plain text or a markup object).
        sort_text (str | Unset): Key used to order suggestions.
        filter_text (str | Unset): Text used to filter suggestions.
        insert_text (str | Unset): Text to insert; the label when absent.
    """

    label: str
    kind: int | Unset = UNSET
    detail: str | Unset = UNSET
    documentation: LspCompletionItemDocumentationType1 | str | Unset = UNSET
    sort_text: str | Unset = UNSET
    filter_text: str | Unset = UNSET
    insert_text: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.lsp_completion_item_documentation_type_1 import (
            LspCompletionItemDocumentationType1,
        )

        label = self.label

        kind = self.kind

        detail = self.detail

        documentation: dict[str, Any] | str | Unset
        if isinstance(self.documentation, Unset):
            documentation = UNSET
        elif isinstance(self.documentation, LspCompletionItemDocumentationType1):
            documentation = self.documentation.to_dict()
        else:
            documentation = self.documentation

        sort_text = self.sort_text

        filter_text = self.filter_text

        insert_text = self.insert_text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "label": label,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if detail is not UNSET:
            field_dict["detail"] = detail
        if documentation is not UNSET:
            field_dict["documentation"] = documentation
        if sort_text is not UNSET:
            field_dict["sortText"] = sort_text
        if filter_text is not UNSET:
            field_dict["filterText"] = filter_text
        if insert_text is not UNSET:
            field_dict["insertText"] = insert_text

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.lsp_completion_item_documentation_type_1 import (
            LspCompletionItemDocumentationType1,
        )

        d = dict(src_dict)
        label = d.pop("label")

        kind = d.pop("kind", UNSET)

        detail = d.pop("detail", UNSET)

        def _parse_documentation(
            data: object,
        ) -> LspCompletionItemDocumentationType1 | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                documentation_type_1 = LspCompletionItemDocumentationType1.from_dict(
                    data
                )

                return documentation_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LspCompletionItemDocumentationType1 | str | Unset, data)

        documentation = _parse_documentation(d.pop("documentation", UNSET))

        sort_text = d.pop("sortText", UNSET)

        filter_text = d.pop("filterText", UNSET)

        insert_text = d.pop("insertText", UNSET)

        lsp_completion_item = cls(
            label=label,
            kind=kind,
            detail=detail,
            documentation=documentation,
            sort_text=sort_text,
            filter_text=filter_text,
            insert_text=insert_text,
        )

        lsp_completion_item.additional_properties = d
        return lsp_completion_item

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
