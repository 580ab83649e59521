from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.volume_state import VolumeState, check_volume_state
from ..types import UNSET, Unset

T = TypeVar("T", bound="Volume")


@_attrs_define
class Volume:
    """A shared volume that sandboxes can mount. The answer to a create has no errorReason yet.

    Attributes:
        id (str): Volume ID.
        name (str): Volume name.
        organization_id (str): Owning organization.
        state (VolumeState): Lifecycle state of a volume.
        created_at (str): When the volume was created.
        updated_at (str): When the volume was last changed.
        last_used_at (None | str | Unset): When a sandbox last used the volume.
        error_reason (None | str | Unset): Why the volume failed, when it did.
    """

    id: str
    name: str
    organization_id: str
    state: VolumeState
    created_at: str
    updated_at: str
    last_used_at: None | str | Unset = UNSET
    error_reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        organization_id = self.organization_id

        state: str = self.state

        created_at = self.created_at

        updated_at = self.updated_at

        last_used_at: None | str | Unset
        if isinstance(self.last_used_at, Unset):
            last_used_at = UNSET
        else:
            last_used_at = self.last_used_at

        error_reason: None | str | Unset
        if isinstance(self.error_reason, Unset):
            error_reason = UNSET
        else:
            error_reason = self.error_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "organizationId": organization_id,
                "state": state,
                "createdAt": created_at,
                "updatedAt": updated_at,
            }
        )
        if last_used_at is not UNSET:
            field_dict["lastUsedAt"] = last_used_at
        if error_reason is not UNSET:
            field_dict["errorReason"] = error_reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        organization_id = d.pop("organizationId")

        state = check_volume_state(d.pop("state"))

        created_at = d.pop("createdAt")

        updated_at = d.pop("updatedAt")

        def _parse_last_used_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_used_at = _parse_last_used_at(d.pop("lastUsedAt", UNSET))

        def _parse_error_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error_reason = _parse_error_reason(d.pop("errorReason", UNSET))

        volume = cls(
            id=id,
            name=name,
            organization_id=organization_id,
            state=state,
            created_at=created_at,
            updated_at=updated_at,
            last_used_at=last_used_at,
            error_reason=error_reason,
        )

        volume.additional_properties = d
        return volume

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
