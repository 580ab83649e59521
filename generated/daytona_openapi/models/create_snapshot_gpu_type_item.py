from enum import StrEnum
from typing import Literal, cast

CreateSnapshotGpuTypeItem = Literal["H100", "RTX-PRO-6000"]

CREATE_SNAPSHOT_GPU_TYPE_ITEM_VALUES: set[CreateSnapshotGpuTypeItem] = {
    "H100",
    "RTX-PRO-6000",
}


def check_create_snapshot_gpu_type_item(value: str) -> CreateSnapshotGpuTypeItem:
    """Accept ``value`` as CreateSnapshotGpuTypeItem when parsing a response.

    A value outside CREATE_SNAPSHOT_GPU_TYPE_ITEM_VALUES is kept as it is rather than rejected: the
    service adds values (e.g. new states) over time, and one new value must not make a whole
    response unreadable. Callers compare against CREATE_SNAPSHOT_GPU_TYPE_ITEM_VALUES when they care.
    """
    return cast(CreateSnapshotGpuTypeItem, value)


class CreateSnapshotGpuTypeItemEnum(StrEnum):
    """The values of CreateSnapshotGpuTypeItem as a string enum (members equal their values)."""

    H100 = "H100"
    RTX_PRO_6000 = "RTX-PRO-6000"
