from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rate_limit_entry import RateLimitEntry


T = TypeVar("T", bound="RateLimitConfig")


@_attrs_define
class RateLimitConfig:
    """Request rate limits in force, by kind of request.

    Attributes:
        failed_auth (RateLimitEntry | Unset): One rate limit - at most `limit` requests per `ttl` seconds.
        authenticated (RateLimitEntry | Unset): One rate limit - at most `limit` requests per `ttl` seconds.
        sandbox_create (RateLimitEntry | Unset): One rate limit - at most `limit` requests per `ttl` seconds.
        sandbox_lifecycle (RateLimitEntry | Unset): One rate limit - at most `limit` requests per `ttl` seconds.
    """

    failed_auth: RateLimitEntry | Unset = UNSET
    authenticated: RateLimitEntry | Unset = UNSET
    sandbox_create: RateLimitEntry | Unset = UNSET
    sandbox_lifecycle: RateLimitEntry | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        failed_auth: dict[str, Any] | Unset = UNSET
        if not isinstance(self.failed_auth, Unset):
            failed_auth = self.failed_auth.to_dict()

        authenticated: dict[str, Any] | Unset = UNSET
        if not isinstance(self.authenticated, Unset):
            authenticated = self.authenticated.to_dict()

        sandbox_create: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sandbox_create, Unset):
            sandbox_create = self.sandbox_create.to_dict()

        sandbox_lifecycle: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sandbox_lifecycle, Unset):
            sandbox_lifecycle = self.sandbox_lifecycle.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if failed_auth is not UNSET:
            field_dict["failedAuth"] = failed_auth
        if authenticated is not UNSET:
            field_dict["authenticated"] = authenticated
        if sandbox_create is not UNSET:
            field_dict["sandboxCreate"] = sandbox_create
        if sandbox_lifecycle is not UNSET:
            field_dict["sandboxLifecycle"] = sandbox_lifecycle

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rate_limit_entry import RateLimitEntry

        d = dict(src_dict)
        _failed_auth = d.pop("failedAuth", UNSET)
        failed_auth: RateLimitEntry | Unset
        if isinstance(_failed_auth, Unset):
            failed_auth = UNSET
        else:
            failed_auth = RateLimitEntry.from_dict(_failed_auth)

        _authenticated = d.pop("authenticated", UNSET)
        authenticated: RateLimitEntry | Unset
        if isinstance(_authenticated, Unset):
            authenticated = UNSET
        else:
            authenticated = RateLimitEntry.from_dict(_authenticated)

        _sandbox_create = d.pop("sandboxCreate", UNSET)
        sandbox_create: RateLimitEntry | Unset
        if isinstance(_sandbox_create, Unset):
            sandbox_create = UNSET
        else:
            sandbox_create = RateLimitEntry.from_dict(_sandbox_create)

        _sandbox_lifecycle = d.pop("sandboxLifecycle", UNSET)
        sandbox_lifecycle: RateLimitEntry | Unset
        if isinstance(_sandbox_lifecycle, Unset):
            sandbox_lifecycle = UNSET
        else:
            sandbox_lifecycle = RateLimitEntry.from_dict(_sandbox_lifecycle)

        rate_limit_config = cls(
            failed_auth=failed_auth,
            authenticated=authenticated,
            sandbox_create=sandbox_create,
            sandbox_lifecycle=sandbox_lifecycle,
        )

        rate_limit_config.additional_properties = d
        return rate_limit_config

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
