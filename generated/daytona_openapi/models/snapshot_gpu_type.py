from typing import Literal

SnapshotGpuType = Literal["H100", "RTX-PRO-6000"]

SNAPSHOT_GPU_TYPE_VALUES: set[SnapshotGpuType] = {
    "H100",
    "RTX-PRO-6000",
}


def check_snapshot_gpu_type(value: str) -> SnapshotGpuType:
    if value in SNAPSHOT_GPU_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SNAPSHOT_GPU_TYPE_VALUES!r}"
    )
