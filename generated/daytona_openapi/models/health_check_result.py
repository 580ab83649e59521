from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.health_check_result_details import HealthCheckResultDetails
    from ..models.health_check_result_error_type_0 import HealthCheckResultErrorType0
    from ..models.health_check_result_info_type_0 import HealthCheckResultInfoType0


T = TypeVar("T", bound="HealthCheckResult")


@_attrs_define
class HealthCheckResult:
    """Outcome of the readiness checks.

    Attributes:
        status (str | Unset): Overall outcome (`ok` or `error`).
        info (HealthCheckResultInfoType0 | None | Unset): Checks that passed, keyed by check name.
        error (HealthCheckResultErrorType0 | None | Unset): Checks that failed, keyed by check name.
        details (HealthCheckResultDetails | Unset): Every check, keyed by check name.
    """

    status: str | Unset = UNSET
    info: HealthCheckResultInfoType0 | None | Unset = UNSET
    error: HealthCheckResultErrorType0 | None | Unset = UNSET
    details: HealthCheckResultDetails | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.health_check_result_error_type_0 import (
            HealthCheckResultErrorType0,
        )
        from ..models.health_check_result_info_type_0 import HealthCheckResultInfoType0

        status = self.status

        info: dict[str, Any] | None | Unset
        if isinstance(self.info, Unset):
            info = UNSET
        elif isinstance(self.info, HealthCheckResultInfoType0):
            info = self.info.to_dict()
        else:
            info = self.info

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, HealthCheckResultErrorType0):
            error = self.error.to_dict()
        else:
            error = self.error

        details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if info is not UNSET:
            field_dict["info"] = info
        if error is not UNSET:
            field_dict["error"] = error
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.health_check_result_details import HealthCheckResultDetails
        from ..models.health_check_result_error_type_0 import (
            HealthCheckResultErrorType0,
        )
        from ..models.health_check_result_info_type_0 import HealthCheckResultInfoType0

        d = dict(src_dict)
        status = d.pop("status", UNSET)

        def _parse_info(data: object) -> HealthCheckResultInfoType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                info_type_0 = HealthCheckResultInfoType0.from_dict(data)

                return info_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HealthCheckResultInfoType0 | None | Unset, data)

        info = _parse_info(d.pop("info", UNSET))

        def _parse_error(data: object) -> HealthCheckResultErrorType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = HealthCheckResultErrorType0.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HealthCheckResultErrorType0 | None | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        _details = d.pop("details", UNSET)
        details: HealthCheckResultDetails | Unset
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = HealthCheckResultDetails.from_dict(_details)

        health_check_result = cls(
            status=status,
            info=info,
            error=error,
            details=details,
        )

        health_check_result.additional_properties = d
        return health_check_result

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
