from enum import StrEnum
from typing import Literal, cast

GpuType = Literal["H100", "RTX-PRO-6000"]

GPU_TYPE_VALUES: set[GpuType] = {
    "H100",
    "RTX-PRO-6000",
}


def check_gpu_type(value: str) -> GpuType:
    """Accept ``value`` as GpuType when parsing a response.

    A value outside GPU_TYPE_VALUES is kept as it is rather than rejected: the
    service adds values (e.g. new states) over time, and one new value must not make a whole
    response unreadable. Callers compare against GPU_TYPE_VALUES when they care.
    """
    return cast(GpuType, value)


class GpuTypeEnum(StrEnum):
    """The values of GpuType as a string enum (members equal their values)."""

    H100 = "H100"
    RTX_PRO_6000 = "RTX-PRO-6000"
