from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SignedPortPreviewUrl")


@_attrs_define
class SignedPortPreviewUrl:
    """A preview URL for a sandbox port with the access token built in.

    Attributes:
        sandbox_id (str): The sandbox's ID.
        port (int): The previewed port.
        token (str): The token embedded in the URL (needed to expire it early).
        url (str): The signed preview URL.
    """

    sandbox_id: str
    port: int
    token: str
    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sandbox_id = self.sandbox_id

        port = self.port

        token = self.token

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sandboxId": sandbox_id,
                "port": port,
                "token": token,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        sandbox_id = d.pop("sandboxId")

        port = d.pop("port")

        token = d.pop("token")

        url = d.pop("url")

        signed_port_preview_url = cls(
            sandbox_id=sandbox_id,
            port=port,
            token=token,
            url=url,
        )

        signed_port_preview_url.additional_properties = d
        return signed_port_preview_url

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
