from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.telemetry_log_entry_log_attributes import (
        TelemetryLogEntryLogAttributes,
    )
    from ..models.telemetry_log_entry_resource_attributes import (
        TelemetryLogEntryResourceAttributes,
    )


T = TypeVar("T", bound="TelemetryLogEntry")


@_attrs_define
class TelemetryLogEntry:
    """One OpenTelemetry log record.

    Attributes:
        timestamp (str): When the record was written.
        body (str): Log message.
        severity_text (str): Severity name (e.g. INFO).
        service_name (str): Service that wrote the record.
        resource_attributes (TelemetryLogEntryResourceAttributes): Attributes of the emitting resource.
        log_attributes (TelemetryLogEntryLogAttributes): Attributes of this record.
        severity_number (float | Unset): Numeric severity.
        trace_id (str | Unset): Trace the record belongs to, if any.
        span_id (str | Unset): Span the record belongs to, if any.
    """

    timestamp: str
    body: str
    severity_text: str
    service_name: str
    resource_attributes: TelemetryLogEntryResourceAttributes
    log_attributes: TelemetryLogEntryLogAttributes
    severity_number: float | Unset = UNSET
    trace_id: str | Unset = UNSET
    span_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        timestamp = self.timestamp

        body = self.body

        severity_text = self.severity_text

        service_name = self.service_name

        resource_attributes = self.resource_attributes.to_dict()

        log_attributes = self.log_attributes.to_dict()

        severity_number = self.severity_number

        trace_id = self.trace_id

        span_id = self.span_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "timestamp": timestamp,
                "body": body,
                "severityText": severity_text,
                "serviceName": service_name,
                "resourceAttributes": resource_attributes,
                "logAttributes": log_attributes,
            }
        )
        if severity_number is not UNSET:
            field_dict["severityNumber"] = severity_number
        if trace_id is not UNSET:
            field_dict["traceId"] = trace_id
        if span_id is not UNSET:
            field_dict["spanId"] = span_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.telemetry_log_entry_log_attributes import (
            TelemetryLogEntryLogAttributes,
        )
        from ..models.telemetry_log_entry_resource_attributes import (
            TelemetryLogEntryResourceAttributes,
        )

        d = dict(src_dict)
        timestamp = d.pop("timestamp")

        body = d.pop("body")

        severity_text = d.pop("severityText")

        service_name = d.pop("serviceName")

        resource_attributes = TelemetryLogEntryResourceAttributes.from_dict(
            d.pop("resourceAttributes")
        )

        log_attributes = TelemetryLogEntryLogAttributes.from_dict(
            d.pop("logAttributes")
        )

        severity_number = d.pop("severityNumber", UNSET)

        trace_id = d.pop("traceId", UNSET)

        span_id = d.pop("spanId", UNSET)

        telemetry_log_entry = cls(
            timestamp=timestamp,
            body=body,
            severity_text=severity_text,
            service_name=service_name,
            resource_attributes=resource_attributes,
            log_attributes=log_attributes,
            severity_number=severity_number,
            trace_id=trace_id,
            span_id=span_id,
        )

        telemetry_log_entry.additional_properties = d
        return telemetry_log_entry

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
