from enum import StrEnum
from typing import Literal, cast

ChartType = Literal[
    "bar", "box_and_whisker", "composite_chart", "line", "pie", "scatter", "unknown"
]

CHART_TYPE_VALUES: set[ChartType] = {
    "bar",
    "box_and_whisker",
    "composite_chart",
    "line",
    "pie",
    "scatter",
    "unknown",
}


def check_chart_type(value: str) -> ChartType:
    """Accept ``value`` as ChartType when parsing a response.

    A value outside CHART_TYPE_VALUES is kept as it is rather than rejected: the
    service adds values (e.g. new states) over time, and one new value must not make a whole
    response unreadable. Callers compare against CHART_TYPE_VALUES when they care.
    """
    return cast(ChartType, value)


class ChartTypeEnum(StrEnum):
    """The values of ChartType as a string enum (members equal their values)."""

    BAR = "bar"
    BOX_AND_WHISKER = "box_and_whisker"
    COMPOSITE_CHART = "composite_chart"
    LINE = "line"
    PIE = "pie"
    SCATTER = "scatter"
    UNKNOWN = "unknown"
