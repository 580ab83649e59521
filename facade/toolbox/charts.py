"""Charts captured from a ``code_run`` (e.g. matplotlib figures), as typed dataclasses.

The daemon describes each figure a program produced as a JSON object with a ``type`` and a
list of ``elements``. :func:`parse_chart` turns one into the matching subclass of
:class:`Chart` (:class:`LineChart`, :class:`BarChart`, ...), and each element into the matching
subclass of :class:`ChartElement` (:class:`PointData`, :class:`BarData`, ...). Unknown chart
kinds become a plain :class:`Chart`; unknown fields are kept in ``additional_properties``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

__all__ = [
    "BarChart",
    "BarData",
    "BoxAndWhiskerChart",
    "BoxAndWhiskerData",
    "Chart",
    "Chart2D",
    "ChartElement",
    "ChartType",
    "CompositeChart",
    "LineChart",
    "PieChart",
    "PieData",
    "PointChart",
    "PointData",
    "ScatterChart",
    "parse_chart",
]


class ChartType(StrEnum):
    """Kinds of chart the daemon reports (members compare equal to their string values)."""

    LINE = "line"
    SCATTER = "scatter"
    BAR = "bar"
    PIE = "pie"
    BOX_AND_WHISKER = "box_and_whisker"
    COMPOSITE_CHART = "composite_chart"
    UNKNOWN = "unknown"


@dataclass(kw_only=True)
class ChartElement:
    """One element of a chart. Which fields are set depends on the chart kind.

    Attributes:
        label: Series, bar, slice or box label.
        points: ``(x, y)`` points of a line or scatter series.
        group: Group a bar belongs to. value: Value of a bar.
        angle, radius: Geometry of a pie slice.
        min, first_quartile, median, third_quartile, max, outliers: A box of a box plot.
        type, title, png, x_label, y_label: Set on the sub-charts of a composite chart.
        additional_properties: Fields this SDK does not know, as sent.
    """

    label: str | None = None
    points: list[list[float]] | None = None
    group: str | None = None
    value: str | None = None
    angle: float | None = None
    radius: float | None = None
    min: float | None = None
    first_quartile: float | None = None
    median: float | None = None
    third_quartile: float | None = None
    max: float | None = None
    outliers: list[float] | None = None
    type: str | None = None
    title: str | None = None
    png: str | None = None
    x_label: str | None = None
    y_label: str | None = None
    additional_properties: dict[str, Any] = field(default_factory=dict)


class PointData(ChartElement):
    """A series of a line or scatter chart (``label``, ``points``)."""


class BarData(ChartElement):
    """A bar of a bar chart (``label``, ``group``, ``value``)."""


class PieData(ChartElement):
    """A slice of a pie chart (``label``, ``angle``, ``radius``)."""


class BoxAndWhiskerData(ChartElement):
    """A box of a box-and-whisker chart (``label``, ``min``, quartiles, ``median``, ``max``, ``outliers``)."""


@dataclass(kw_only=True)
class Chart:
    """A chart produced by a program, with its rendered image and plotted data.

    Attributes:
        type: Kind of chart (a :class:`ChartType` member when known, else the string sent).
        title: Chart title.
        png: The rendered chart as base64-encoded PNG.
        elements: The plotted series, bars, slices, boxes or sub-charts.
        x_label, y_label: Axis labels.
        x_scale, y_scale: Axis scales (``linear``, ``log``, ...).
        x_ticks, y_ticks: Tick positions. x_tick_labels, y_tick_labels: Tick labels.
        additional_properties: Fields this SDK does not know, as sent.
    """

    type: str | None = None
    title: str | None = None
    png: str | None = None
    elements: list[ChartElement] = field(default_factory=list)
    x_label: str | None = None
    y_label: str | None = None
    x_scale: str | None = None
    y_scale: str | None = None
    x_ticks: list[float] | None = None
    y_ticks: list[float] | None = None
    x_tick_labels: list[str] | None = None
    y_tick_labels: list[str] | None = None
    additional_properties: dict[str, Any] = field(default_factory=dict)


class Chart2D(Chart):
    """A chart with x and y axes."""


class PointChart(Chart2D):
    """A chart of points, with axis ticks and scales."""


class LineChart(PointChart):
    """A line chart; its elements are :class:`PointData`."""


class ScatterChart(PointChart):
    """A scatter plot; its elements are :class:`PointData`."""


class BarChart(Chart2D):
    """A bar chart; its elements are :class:`BarData`."""


class PieChart(Chart):
    """A pie chart; its elements are :class:`PieData`."""


class BoxAndWhiskerChart(Chart2D):
    """A box-and-whisker chart; its elements are :class:`BoxAndWhiskerData`."""


class CompositeChart(Chart):
    """A figure holding several sub-charts; its elements describe the sub-charts."""


_CHART_CLASSES: dict[str, tuple[type[Chart], type[ChartElement]]] = {
    ChartType.LINE: (LineChart, PointData),
    ChartType.SCATTER: (ScatterChart, PointData),
    ChartType.BAR: (BarChart, BarData),
    ChartType.PIE: (PieChart, PieData),
    ChartType.BOX_AND_WHISKER: (BoxAndWhiskerChart, BoxAndWhiskerData),
    ChartType.COMPOSITE_CHART: (CompositeChart, ChartElement),
}

_ELEMENT_FIELDS = frozenset(f.name for f in fields(ChartElement)) - {"additional_properties"}
_CHART_FIELDS = frozenset(f.name for f in fields(Chart)) - {"additional_properties", "elements", "type"}


def _split(data: Mapping[str, Any], known: frozenset[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in data.items():
        if key in known:
            if value is not None:
                values[key] = value
        else:
            extra[key] = value
    return values, extra


def _element(data: Any, cls: type[ChartElement]) -> ChartElement:
    if not isinstance(data, Mapping):
        return cls(additional_properties={"value": data})
    values, extra = _split(data, _ELEMENT_FIELDS)
    return cls(**values, additional_properties=extra)


def parse_chart(data: Mapping[str, Any] | Any) -> Chart:
    """Build the typed chart for one chart object sent by the daemon.

    ``data`` is the JSON object (a mapping) or a generated ``Chart`` model (anything with a
    ``to_dict()`` method). The class is picked from ``type``; an unknown or missing type gives a
    plain :class:`Chart`. Nothing is validated beyond that: missing fields are None.
    """
    if not isinstance(data, Mapping):
        to_dict = getattr(data, "to_dict", None)
        if to_dict is None:
            raise TypeError(f"a chart must be a mapping, got {type(data).__name__}")
        data = to_dict()
    raw_type = data.get("type")
    chart_type: str | None
    try:
        chart_type = ChartType(raw_type) if isinstance(raw_type, str) else None
    except ValueError:
        chart_type = raw_type
    chart_cls, element_cls = _CHART_CLASSES.get(chart_type or "", (Chart, ChartElement))
    values, extra = _split({k: v for k, v in data.items() if k not in ("type", "elements")}, _CHART_FIELDS)
    raw_elements = data.get("elements")
    elements = [_element(item, element_cls) for item in raw_elements] if isinstance(raw_elements, list) else []
    return chart_cls(type=chart_type, elements=elements, **values, additional_properties=extra)
