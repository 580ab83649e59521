from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ChartElement")


@_attrs_define
class ChartElement:
    """One element of a chart. Which fields are set depends on the chart kind: points for line and scatter series,
    label/group/value for bars, angle/radius for pie slices, the quartile fields for box plots, the chart fields for
    sub-charts.

        Attributes:
            type_ (str | Unset): Kind of sub-chart, for composite charts.
            title (str | Unset): Title, for sub-charts.
            png (str | Unset): Base64-encoded PNG, for sub-charts.
            label (str | Unset): Series, bar, slice or box label.
            group (str | Unset): Group a bar belongs to.
            value (str | Unset): Value of a bar.
            points (list[list[float]] | Unset): The series' (x, y) points.
            angle (float | Unset): Angle of a pie slice.
            radius (float | Unset): Radius of a pie slice.
            min_ (float | Unset): Lowest value of a box.
            first_quartile (float | Unset): First quartile of a box.
            median (float | Unset): Median of a box.
            third_quartile (float | Unset): Third quartile of a box.
            max_ (float | Unset): Highest value of a box.
            outliers (list[float] | Unset): Outlying values of a box.
            x_label (str | Unset): X axis label, for sub-charts.
            y_label (str | Unset): Y axis label, for sub-charts.
    """

    type_: str | Unset = UNSET
    title: str | Unset = UNSET
    png: str | Unset = UNSET
    label: str | Unset = UNSET
    group: str | Unset = UNSET
    value: str | Unset = UNSET
    points: list[list[float]] | Unset = UNSET
    angle: float | Unset = UNSET
    radius: float | Unset = UNSET
    min_: float | Unset = UNSET
    first_quartile: float | Unset = UNSET
    median: float | Unset = UNSET
    third_quartile: float | Unset = UNSET
    max_: float | Unset = UNSET
    outliers: list[float] | Unset = UNSET
    x_label: str | Unset = UNSET
    y_label: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        title = self.title

        png = self.png

        label = self.label

        group = self.group

        value = self.value

        points: list[list[float]] | Unset = UNSET
        if not isinstance(self.points, Unset):
            points = []
            for points_item_data in self.points:
                points_item = points_item_data

                points.append(points_item)

        angle = self.angle

        radius = self.radius

        min_ = self.min_

        first_quartile = self.first_quartile

        median = self.median

        third_quartile = self.third_quartile

        max_ = self.max_

        outliers: list[float] | Unset = UNSET
        if not isinstance(self.outliers, Unset):
            outliers = self.outliers

        x_label = self.x_label

        y_label = self.y_label

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if title is not UNSET:
            field_dict["title"] = title
        if png is not UNSET:
            field_dict["png"] = png
        if label is not UNSET:
            field_dict["label"] = label
        if group is not UNSET:
            field_dict["group"] = group
        if value is not UNSET:
            field_dict["value"] = value
        if points is not UNSET:
            field_dict["points"] = points
        if angle is not UNSET:
            field_dict["angle"] = angle
        if radius is not UNSET:
            field_dict["radius"] = radius
        if min_ is not UNSET:
            field_dict["min"] = min_
        if first_quartile is not UNSET:
            field_dict["first_quartile"] = first_quartile
        if median is not UNSET:
            field_dict["median"] = median
        if third_quartile is not UNSET:
            field_dict["third_quartile"] = third_quartile
        if max_ is not UNSET:
            field_dict["max"] = max_
        if outliers is not UNSET:
            field_dict["outliers"] = outliers
        if x_label is not UNSET:
            field_dict["x_label"] = x_label
        if y_label is not UNSET:
            field_dict["y_label"] = y_label

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type", UNSET)

        title = d.pop("title", UNSET)

        png = d.pop("png", UNSET)

        label = d.pop("label", UNSET)

        group = d.pop("group", UNSET)

        value = d.pop("value", UNSET)

        _points = d.pop("points", UNSET)
        points: list[list[float]] | Unset = UNSET
        if _points is not UNSET:
            points = []
            for points_item_data in _points:
                points_item = cast(list[float], points_item_data)

                points.append(points_item)

        angle = d.pop("angle", UNSET)

        radius = d.pop("radius", UNSET)

        min_ = d.pop("min", UNSET)

        first_quartile = d.pop("first_quartile", UNSET)

        median = d.pop("median", UNSET)

        third_quartile = d.pop("third_quartile", UNSET)

        max_ = d.pop("max", UNSET)

        outliers = cast(list[float], d.pop("outliers", UNSET))

        x_label = d.pop("x_label", UNSET)

        y_label = d.pop("y_label", UNSET)

        chart_element = cls(
            type_=type_,
            title=title,
            png=png,
            label=label,
            group=group,
            value=value,
            points=points,
            angle=angle,
            radius=radius,
            min_=min_,
            first_quartile=first_quartile,
            median=median,
            third_quartile=third_quartile,
            max_=max_,
            outliers=outliers,
            x_label=x_label,
            y_label=y_label,
        )

        chart_element.additional_properties = d
        return chart_element

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
