from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TelemetryTraceSummary")


@_attrs_define
class TelemetryTraceSummary:
    """Overview of one trace.

    Attributes:
        trace_id (str): Trace ID.
        root_span_name (str): Name of the trace's root span.
        start_time (str): When the trace started.
        end_time (str): When the trace ended.
        duration_ms (float): Duration in milliseconds.
        span_count (float): Number of spans.
        status_code (str | Unset): Trace status.
    """

    trace_id: str
    root_span_name: str
    start_time: str
    end_time: str
    duration_ms: float
    span_count: float
    status_code: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        trace_id = self.trace_id

        root_span_name = self.root_span_name

        start_time = self.start_time

        end_time = self.end_time

        duration_ms = self.duration_ms

        span_count = self.span_count

        status_code = self.status_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "traceId": trace_id,
                "rootSpanName": root_span_name,
                "startTime": start_time,
                "endTime": end_time,
                "durationMs": duration_ms,
                "spanCount": span_count,
            }
        )
        if status_code is not UNSET:
            field_dict["statusCode"] = status_code

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        trace_id = d.pop("traceId")

        root_span_name = d.pop("rootSpanName")

        start_time = d.pop("startTime")

        end_time = d.pop("endTime")

        duration_ms = d.pop("durationMs")

        span_count = d.pop("spanCount")

        status_code = d.pop("statusCode", UNSET)

        telemetry_trace_summary = cls(
            trace_id=trace_id,
            root_span_name=root_span_name,
            start_time=start_time,
            end_time=end_time,
            duration_ms=duration_ms,
            span_count=span_count,
            status_code=status_code,
        )

        telemetry_trace_summary.additional_properties = d
        return telemetry_trace_summary

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
