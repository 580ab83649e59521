from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PortPreviewUrl")


@_attrs_define
class PortPreviewUrl:
    """Where to reach a sandbox port over HTTP, and the token to send with it.

    Attributes:
        sandbox_id (str): The sandbox's ID.
        url (str): The preview URL.
        token (str): Token that grants access to the preview while the sandbox is not public.
    """

    sandbox_id: str
    url: str
    token: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sandbox_id = self.sandbox_id

        url = self.url

        token = self.token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sandboxId": sandbox_id,
                "url": url,
                "token": token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        sandbox_id = d.pop("sandboxId")

        url = d.pop("url")

        token = d.pop("token")

        port_preview_url = cls(
            sandbox_id=sandbox_id,
            url=url,
            token=token,
        )

        port_preview_url.additional_properties = d
        return port_preview_url

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
