from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LspDocumentRequest")


@_attrs_define
class LspDocumentRequest:
    """Identifies a file for a language server.

    Attributes:
        language_id (str): Language of the server (python, typescript, javascript).
        path_to_project (str): Project directory the server works on.
        uri (str): The file, as a file:// URI.
    """

    language_id: str
    path_to_project: str
    uri: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        language_id = self.language_id

        path_to_project = self.path_to_project

        uri = self.uri

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "languageId": language_id,
                "pathToProject": path_to_project,
                "uri": uri,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        language_id = d.pop("languageId")

        path_to_project = d.pop("pathToProject")

        uri = d.pop("uri")

        lsp_document_request = cls(
            language_id=language_id,
            path_to_project=path_to_project,
            uri=uri,
        )

        lsp_document_request.additional_properties = d
        return lsp_document_request

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
