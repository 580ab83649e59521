from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.telemetry_trace_span_span_attributes import (
        TelemetryTraceSpanSpanAttributes,
    )


T = TypeVar("T", bound="TelemetryTraceSpan")


@_attrs_define
class TelemetryTraceSpan:
    """One span of a trace.

    Attributes:
        trace_id (str): Trace ID.
        span_id (str): Span ID.
        span_name (str): Span name.
        timestamp (str): When the span started.
        duration_ns (float): Duration in nanoseconds.
        span_attributes (TelemetryTraceSpanSpanAttributes): Attributes of the span.
        parent_span_id (str | Unset): Parent span ID (absent for the root).
        status_code (str | Unset): Span status.
        status_message (str | Unset): Status detail.
    """

    trace_id: str
    span_id: str
    span_name: str
    timestamp: str
    duration_ns: float
    span_attributes: TelemetryTraceSpanSpanAttributes
    parent_span_id: str | Unset = UNSET
    status_code: str | Unset = UNSET
    status_message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        trace_id = self.trace_id

        span_id = self.span_id

        span_name = self.span_name

        timestamp = self.timestamp

        duration_ns = self.duration_ns

        span_attributes = self.span_attributes.to_dict()

        parent_span_id = self.parent_span_id

        status_code = self.status_code

        status_message = self.status_message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "traceId": trace_id,
                "spanId": span_id,
                "spanName": span_name,
                "timestamp": timestamp,
                "durationNs": duration_ns,
                "spanAttributes": span_attributes,
            }
        )
        if parent_span_id is not UNSET:
            field_dict["parentSpanId"] = parent_span_id
        if status_code is not UNSET:
            field_dict["statusCode"] = status_code
        if status_message is not UNSET:
            field_dict["statusMessage"] = status_message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.telemetry_trace_span_span_attributes import (
            TelemetryTraceSpanSpanAttributes,
        )

        d = dict(src_dict)
        trace_id = d.pop("traceId")

        span_id = d.pop("spanId")

        span_name = d.pop("spanName")

        timestamp = d.pop("timestamp")

        duration_ns = d.pop("durationNs")

        span_attributes = TelemetryTraceSpanSpanAttributes.from_dict(
            d.pop("spanAttributes")
        )

        parent_span_id = d.pop("parentSpanId", UNSET)

        status_code = d.pop("statusCode", UNSET)

        status_message = d.pop("statusMessage", UNSET)

        telemetry_trace_span = cls(
            trace_id=trace_id,
            span_id=span_id,
            span_name=span_name,
            timestamp=timestamp,
            duration_ns=duration_ns,
            span_attributes=span_attributes,
            parent_span_id=parent_span_id,
            status_code=status_code,
            status_message=status_message,
        )

        telemetry_trace_span.additional_properties = d
        return telemetry_trace_span

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
