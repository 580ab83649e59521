from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.region_type import RegionType, check_region_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="Region")


@_attrs_define
class Region:
    """A region where sandboxes can run.

    Attributes:
        id (str): Region ID.
        name (str): Region name (e.g. us).
        region_type (RegionType): Who operates the region.
        created_at (str): When the region was created.
        updated_at (str): When the region was last changed.
        organization_id (None | str | Unset): Owning organization, for regions that are not shared.
        proxy_url (None | str | Unset): Proxy address serving this region.
        ssh_gateway_url (None | str | Unset): SSH gateway address serving this region.
        snapshot_manager_url (None | str | Unset): Snapshot manager address serving this region.
    """

    id: str
    name: str
    region_type: RegionType
    created_at: str
    updated_at: str
    organization_id: None | str | Unset = UNSET
    proxy_url: None | str | Unset = UNSET
    ssh_gateway_url: None | str | Unset = UNSET
    snapshot_manager_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        region_type: str = self.region_type

        created_at = self.created_at

        updated_at = self.updated_at

        organization_id: None | str | Unset
        if isinstance(self.organization_id, Unset):
            organization_id = UNSET
        else:
            organization_id = self.organization_id

        proxy_url: None | str | Unset
        if isinstance(self.proxy_url, Unset):
            proxy_url = UNSET
        else:
            proxy_url = self.proxy_url

        ssh_gateway_url: None | str | Unset
        if isinstance(self.ssh_gateway_url, Unset):
            ssh_gateway_url = UNSET
        else:
            ssh_gateway_url = self.ssh_gateway_url

        snapshot_manager_url: None | str | Unset
        if isinstance(self.snapshot_manager_url, Unset):
            snapshot_manager_url = UNSET
        else:
            snapshot_manager_url = self.snapshot_manager_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "regionType": region_type,
                "createdAt": created_at,
                "updatedAt": updated_at,
            }
        )
        if organization_id is not UNSET:
            field_dict["organizationId"] = organization_id
        if proxy_url is not UNSET:
            field_dict["proxyUrl"] = proxy_url
        if ssh_gateway_url is not UNSET:
            field_dict["sshGatewayUrl"] = ssh_gateway_url
        if snapshot_manager_url is not UNSET:
            field_dict["snapshotManagerUrl"] = snapshot_manager_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        region_type = check_region_type(d.pop("regionType"))

        created_at = d.pop("createdAt")

        updated_at = d.pop("updatedAt")

        def _parse_organization_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        organization_id = _parse_organization_id(d.pop("organizationId", UNSET))

        def _parse_proxy_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        proxy_url = _parse_proxy_url(d.pop("proxyUrl", UNSET))

        def _parse_ssh_gateway_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ssh_gateway_url = _parse_ssh_gateway_url(d.pop("sshGatewayUrl", UNSET))

        def _parse_snapshot_manager_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        snapshot_manager_url = _parse_snapshot_manager_url(
            d.pop("snapshotManagerUrl", UNSET)
        )

        region = cls(
            id=id,
            name=name,
            region_type=region_type,
            created_at=created_at,
            updated_at=updated_at,
            organization_id=organization_id,
            proxy_url=proxy_url,
            ssh_gateway_url=ssh_gateway_url,
            snapshot_manager_url=snapshot_manager_url,
        )

        region.additional_properties = d
        return region

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
