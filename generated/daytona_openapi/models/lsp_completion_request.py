from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.lsp_completion_context import LspCompletionContext
    from ..models.lsp_position import LspPosition


T = TypeVar("T", bound="LspCompletionRequest")


@_attrs_define
class LspCompletionRequest:
    """Where to compute completions.

    Attributes:
        language_id (str): Language of the server (python, typescript, javascript).
        path_to_project (str): Project directory the server works on.
        uri (str): The file, as a file:// URI.
        position (LspPosition): A place in a text file, both counted from zero.
        context (LspCompletionContext | Unset): How completion was triggered.
    """

    language_id: str
    path_to_project: str
    uri: str
    position: LspPosition
    context: LspCompletionContext | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        language_id = self.language_id

        path_to_project = self.path_to_project

        uri = self.uri

        position = self.position.to_dict()

        context: dict[str, Any] | Unset = UNSET
        if not isinstance(self.context, Unset):
            context = self.context.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "languageId": language_id,
                "pathToProject": path_to_project,
                "uri": uri,
                "position": position,
            }
        )
        if context is not UNSET:
            field_dict["context"] = context

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.lsp_completion_context import LspCompletionContext
        from ..models.lsp_position import LspPosition

        d = dict(src_dict)
        language_id = d.pop("languageId")

        path_to_project = d.pop("pathToProject")

        uri = d.pop("uri")

        position = LspPosition.from_dict(d.pop("position"))

        _context = d.pop("context", UNSET)
        context: LspCompletionContext | Unset
        if isinstance(_context, Unset):
            context = UNSET
        else:
            context = LspCompletionContext.from_dict(_context)

        lsp_completion_request = cls(
            language_id=language_id,
            path_to_project=path_to_project,
            uri=uri,
            position=position,
            context=context,
        )

        lsp_completion_request.additional_properties = d
        return lsp_completion_request

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
