from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Recording")


@_attrs_define
class Recording:
    """A screen recording session and its video file.

    Attributes:
        id (str): Recording identifier.
        file_name (str): Name of the video file.
        file_path (str): Full path of the video file inside the sandbox.
        start_time (str): When recording began.
        status (str): State of the recording (running or finished).
        end_time (str | Unset): When recording ended; absent while it is still running.
        duration_seconds (float | Unset): Length of the recording, in seconds.
        size_bytes (int | Unset): Size of the video file, in bytes.
    """

    id: str
    file_name: str
    file_path: str
    start_time: str
    status: str
    end_time: str | Unset = UNSET
    duration_seconds: float | Unset = UNSET
    size_bytes: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        file_name = self.file_name

        file_path = self.file_path

        start_time = self.start_time

        status = self.status

        end_time = self.end_time

        duration_seconds = self.duration_seconds

        size_bytes = self.size_bytes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "fileName": file_name,
                "filePath": file_path,
                "startTime": start_time,
                "status": status,
            }
        )
        if end_time is not UNSET:
            field_dict["endTime"] = end_time
        if duration_seconds is not UNSET:
            field_dict["durationSeconds"] = duration_seconds
        if size_bytes is not UNSET:
            field_dict["sizeBytes"] = size_bytes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        file_name = d.pop("fileName")

        file_path = d.pop("filePath")

        start_time = d.pop("startTime")

        status = d.pop("status")

        end_time = d.pop("endTime", UNSET)

        duration_seconds = d.pop("durationSeconds", UNSET)

        size_bytes = d.pop("sizeBytes", UNSET)

        recording = cls(
            id=id,
            file_name=file_name,
            file_path=file_path,
            start_time=start_time,
            status=status,
            end_time=end_time,
            duration_seconds=duration_seconds,
            size_bytes=size_bytes,
        )

        recording.additional_properties = d
        return recording

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
