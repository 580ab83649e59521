from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chart_type import ChartType, check_chart_type
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.chart_element import ChartElement


T = TypeVar("T", bound="Chart")


@_attrs_define
class Chart:
    """One chart captured from a run, with its rendered image and plotted data.

    Attributes:
        type_ (ChartType | Unset): Kind of chart (the daemon's matplotlib wrapper sends only these).
        title (str | Unset): Chart title.
        png (str | Unset): The rendered chart as base64-encoded PNG.
        elements (list[ChartElement] | Unset): The plotted series, bars, slices, boxes or sub-charts.
        x_label (str | Unset): X axis label.
        y_label (str | Unset): Y axis label.
        x_scale (str | Unset): X axis scale (linear, log, ...).
        y_scale (str | Unset): Y axis scale (linear, log, ...).
        x_ticks (list[float] | Unset): X axis tick positions.
        y_ticks (list[float] | Unset): Y axis tick positions.
        x_tick_labels (list[str] | Unset): X axis tick labels.
        y_tick_labels (list[str] | Unset): Y axis tick labels.
    """

    type_: ChartType | Unset = UNSET
    title: str | Unset = UNSET
    png: str | Unset = UNSET
    elements: list[ChartElement] | Unset = UNSET
    x_label: str | Unset = UNSET
    y_label: str | Unset = UNSET
    x_scale: str | Unset = UNSET
    y_scale: str | Unset = UNSET
    x_ticks: list[float] | Unset = UNSET
    y_ticks: list[float] | Unset = UNSET
    x_tick_labels: list[str] | Unset = UNSET
    y_tick_labels: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_

        title = self.title

        png = self.png

        elements: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.elements, Unset):
            elements = []
            for elements_item_data in self.elements:
                elements_item = elements_item_data.to_dict()
                elements.append(elements_item)

        x_label = self.x_label

        y_label = self.y_label

        x_scale = self.x_scale

        y_scale = self.y_scale

        x_ticks: list[float] | Unset = UNSET
        if not isinstance(self.x_ticks, Unset):
            x_ticks = self.x_ticks

        y_ticks: list[float] | Unset = UNSET
        if not isinstance(self.y_ticks, Unset):
            y_ticks = self.y_ticks

        x_tick_labels: list[str] | Unset = UNSET
        if not isinstance(self.x_tick_labels, Unset):
            x_tick_labels = self.x_tick_labels

        y_tick_labels: list[str] | Unset = UNSET
        if not isinstance(self.y_tick_labels, Unset):
            y_tick_labels = self.y_tick_labels

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if title is not UNSET:
            field_dict["title"] = title
        if png is not UNSET:
            field_dict["png"] = png
        if elements is not UNSET:
            field_dict["elements"] = elements
        if x_label is not UNSET:
            field_dict["x_label"] = x_label
        if y_label is not UNSET:
            field_dict["y_label"] = y_label
        if x_scale is not UNSET:
            field_dict["x_scale"] = x_scale
        if y_scale is not UNSET:
            field_dict["y_scale"] = y_scale
        if x_ticks is not UNSET:
            field_dict["x_ticks"] = x_ticks
        if y_ticks is not UNSET:
            field_dict["y_ticks"] = y_ticks
        if x_tick_labels is not UNSET:
            field_dict["x_tick_labels"] = x_tick_labels
        if y_tick_labels is not UNSET:
            field_dict["y_tick_labels"] = y_tick_labels

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.chart_element import ChartElement

        d = dict(src_dict)
        _type_ = d.pop("type", UNSET)
        type_: ChartType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = check_chart_type(_type_)

        title = d.pop("title", UNSET)

        png = d.pop("png", UNSET)

        _elements = d.pop("elements", UNSET)
        elements: list[ChartElement] | Unset = UNSET
        if _elements is not UNSET:
            elements = []
            for elements_item_data in _elements:
                elements_item = ChartElement.from_dict(elements_item_data)

                elements.append(elements_item)

        x_label = d.pop("x_label", UNSET)

        y_label = d.pop("y_label", UNSET)

        x_scale = d.pop("x_scale", UNSET)

        y_scale = d.pop("y_scale", UNSET)

        x_ticks = cast(list[float], d.pop("x_ticks", UNSET))

        y_ticks = cast(list[float], d.pop("y_ticks", UNSET))

        x_tick_labels = cast(list[str], d.pop("x_tick_labels", UNSET))

        y_tick_labels = cast(list[str], d.pop("y_tick_labels", UNSET))

        chart = cls(
            type_=type_,
            title=title,
            png=png,
            elements=elements,
            x_label=x_label,
            y_label=y_label,
            x_scale=x_scale,
            y_scale=y_scale,
            x_ticks=x_ticks,
            y_ticks=y_ticks,
            x_tick_labels=x_tick_labels,
            y_tick_labels=y_tick_labels,
        )

        chart.additional_properties = d
        return chart

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
