from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.telemetry_metric_point import TelemetryMetricPoint


T = TypeVar("T", bound="TelemetryMetricSeries")


@_attrs_define
class TelemetryMetricSeries:
    """Data points of one metric.

    Attributes:
        metric_name (str): Metric name.
        data_points (list[TelemetryMetricPoint]): Samples in time order.
    """

    metric_name: str
    data_points: list[TelemetryMetricPoint]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        metric_name = self.metric_name

        data_points = []
        for data_points_item_data in self.data_points:
            data_points_item = data_points_item_data.to_dict()
            data_points.append(data_points_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "metricName": metric_name,
                "dataPoints": data_points,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.telemetry_metric_point import TelemetryMetricPoint

        d = dict(src_dict)
        metric_name = d.pop("metricName")

        data_points = []
        _data_points = d.pop("dataPoints")
        for data_points_item_data in _data_points:
            data_points_item = TelemetryMetricPoint.from_dict(data_points_item_data)

            data_points.append(data_points_item)

        telemetry_metric_series = cls(
            metric_name=metric_name,
            data_points=data_points,
        )

        telemetry_metric_series.additional_properties = d
        return telemetry_metric_series

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
