from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.sandbox_label_set_labels import SandboxLabelSetLabels


T = TypeVar("T", bound="SandboxLabelSet")


@_attrs_define
class SandboxLabelSet:
    """The complete set of a sandbox's labels.

    Attributes:
        labels (SandboxLabelSetLabels): Label keys and values.
    """

    labels: SandboxLabelSetLabels
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        labels = self.labels.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "labels": labels,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.sandbox_label_set_labels import SandboxLabelSetLabels

        d = dict(src_dict)
        labels = SandboxLabelSetLabels.from_dict(d.pop("labels"))

        sandbox_label_set = cls(
            labels=labels,
        )

        sandbox_label_set.additional_properties = d
        return sandbox_label_set

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
