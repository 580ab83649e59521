from typing import Literal

GpuType = Literal["H100", "RTX-PRO-6000"]

GPU_TYPE_VALUES: set[GpuType] = {
    "H100",
    "RTX-PRO-6000",
}


def check_gpu_type(value: str) -> GpuType:
    if value in GPU_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GPU_TYPE_VALUES!r}")
