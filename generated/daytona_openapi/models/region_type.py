from enum import StrEnum
from typing import Literal, cast

RegionType = Literal["custom", "dedicated", "shared"]

REGION_TYPE_VALUES: set[RegionType] = {
    "custom",
    "dedicated",
    "shared",
}


def check_region_type(value: str) -> RegionType:
    """Accept ``value`` as RegionType when parsing a response.

    A value outside REGION_TYPE_VALUES is kept as it is rather than rejected: the
    service adds values (e.g. new states) over time, and one new value must not make a whole
    response unreadable. Callers compare against REGION_TYPE_VALUES when they care.
    """
    return cast(RegionType, value)


class RegionTypeEnum(StrEnum):
    """The values of RegionType as a string enum (members equal their values)."""

    CUSTOM = "custom"
    DEDICATED = "dedicated"
    SHARED = "shared"
