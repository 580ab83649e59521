from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ApiError")


@_attrs_define
class ApiError:
    """The body the service sends with every 4xx and 5xx answer.

    Attributes:
        status_code (int | Unset): HTTP status code, repeated in the body.
        message (str | Unset): Human-readable explanation.
        code (str | Unset): Machine-readable error code, when the service gives one.
        error (str | Unset): Short name of the HTTP status.
        timestamp (str | Unset): When the error happened.
        path (str | Unset): Request path that failed.
        method (str | Unset): Request method that failed.
    """

    status_code: int | Unset = UNSET
    message: str | Unset = UNSET
    code: str | Unset = UNSET
    error: str | Unset = UNSET
    timestamp: str | Unset = UNSET
    path: str | Unset = UNSET
    method: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status_code = self.status_code

        message = self.message

        code = self.code

        error = self.error

        timestamp = self.timestamp

        path = self.path

        method = self.method

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if status_code is not UNSET:
            field_dict["statusCode"] = status_code
        if message is not UNSET:
            field_dict["message"] = message
        if code is not UNSET:
            field_dict["code"] = code
        if error is not UNSET:
            field_dict["error"] = error
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if path is not UNSET:
            field_dict["path"] = path
        if method is not UNSET:
            field_dict["method"] = method

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        status_code = d.pop("statusCode", UNSET)

        message = d.pop("message", UNSET)

        code = d.pop("code", UNSET)

        error = d.pop("error", UNSET)

        timestamp = d.pop("timestamp", UNSET)

        path = d.pop("path", UNSET)

        method = d.pop("method", UNSET)

        api_error = cls(
            status_code=status_code,
            message=message,
            code=code,
            error=error,
            timestamp=timestamp,
            path=path,
            method=method,
        )

        api_error.additional_properties = d
        return api_error

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
