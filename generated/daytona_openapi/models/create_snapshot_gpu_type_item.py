from typing import Literal

CreateSnapshotGpuTypeItem = Literal["H100", "RTX-PRO-6000"]

CREATE_SNAPSHOT_GPU_TYPE_ITEM_VALUES: set[CreateSnapshotGpuTypeItem] = {
    "H100",
    "RTX-PRO-6000",
}


def check_create_snapshot_gpu_type_item(value: str) -> CreateSnapshotGpuTypeItem:
    if value in CREATE_SNAPSHOT_GPU_TYPE_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CREATE_SNAPSHOT_GPU_TYPE_ITEM_VALUES!r}"
    )
