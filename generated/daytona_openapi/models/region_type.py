from typing import Literal

RegionType = Literal["custom", "dedicated", "shared"]

REGION_TYPE_VALUES: set[RegionType] = {
    "custom",
    "dedicated",
    "shared",
}


def check_region_type(value: str) -> RegionType:
    if value in REGION_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {REGION_TYPE_VALUES!r}"
    )
