from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SandboxNetworkSettings")


@_attrs_define
class SandboxNetworkSettings:
    """Network restrictions to change on a sandbox; fields left out stay as they are.

    Attributes:
        network_block_all (bool | Unset): Cut the sandbox off from the network.
        network_allow_list (str | Unset): Comma-separated CIDR ranges the sandbox may reach.
        domain_allow_list (str | Unset): Comma-separated domain names (wildcards allowed) the sandbox may reach.
    """

    network_block_all: bool | Unset = UNSET
    network_allow_list: str | Unset = UNSET
    domain_allow_list: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        network_block_all = self.network_block_all

        network_allow_list = self.network_allow_list

        domain_allow_list = self.domain_allow_list

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if network_block_all is not UNSET:
            field_dict["networkBlockAll"] = network_block_all
        if network_allow_list is not UNSET:
            field_dict["networkAllowList"] = network_allow_list
        if domain_allow_list is not UNSET:
            field_dict["domainAllowList"] = domain_allow_list

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        network_block_all = d.pop("networkBlockAll", UNSET)

        network_allow_list = d.pop("networkAllowList", UNSET)

        domain_allow_list = d.pop("domainAllowList", UNSET)

        sandbox_network_settings = cls(
            network_block_all=network_block_all,
            network_allow_list=network_allow_list,
            domain_allow_list=domain_allow_list,
        )

        sandbox_network_settings.additional_properties = d
        return sandbox_network_settings

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
