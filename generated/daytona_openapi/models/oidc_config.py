from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OidcConfig")


@_attrs_define
class OidcConfig:
    """OpenID Connect settings used by the dashboard and CLI to log in.

    Attributes:
        issuer (str): Issuer URL.
        client_id (str): Client ID registered with the issuer.
        audience (str): Audience the tokens are issued for.
    """

    issuer: str
    client_id: str
    audience: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        issuer = self.issuer

        client_id = self.client_id

        audience = self.audience

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "issuer": issuer,
                "clientId": client_id,
                "audience": audience,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        issuer = d.pop("issuer")

        client_id = d.pop("clientId")

        audience = d.pop("audience")

        oidc_config = cls(
            issuer=issuer,
            client_id=client_id,
            audience=audience,
        )

        oidc_config.additional_properties = d
        return oidc_config

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
