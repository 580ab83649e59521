from enum import StrEnum
from typing import Literal, cast

SnapshotGpuType = Literal["H100", "RTX-PRO-6000"]

SNAPSHOT_GPU_TYPE_VALUES: set[SnapshotGpuType] = {
    "H100",
    "RTX-PRO-6000",
}


def check_snapshot_gpu_type(value: str) -> SnapshotGpuType:
    """Accept ``value`` as SnapshotGpuType when parsing a response.

    A value outside SNAPSHOT_GPU_TYPE_VALUES is kept as it is rather than rejected: the
    service adds values (e.g. new states) over time, and one new value must not make a whole
    response unreadable. Callers compare against SNAPSHOT_GPU_TYPE_VALUES when they care.
    """
    return cast(SnapshotGpuType, value)


class SnapshotGpuTypeEnum(StrEnum):
    """The values of SnapshotGpuType as a string enum (members equal their values)."""

    H100 = "H100"
    RTX_PRO_6000 = "RTX-PRO-6000"
