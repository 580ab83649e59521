from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.chart import Chart


T = TypeVar("T", bound="CodeRunArtifacts")


@_attrs_define
class CodeRunArtifacts:
    """Extra output captured from a run besides its text.

    Attributes:
        charts (list[Chart] | Unset): Charts (e.g. matplotlib figures) the program produced.
    """

    charts: list[Chart] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        charts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.charts, Unset):
            charts = []
            for charts_item_data in self.charts:
                charts_item = charts_item_data.to_dict()
                charts.append(charts_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if charts is not UNSET:
            field_dict["charts"] = charts

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.chart import Chart

        d = dict(src_dict)
        _charts = d.pop("charts", UNSET)
        charts: list[Chart] | Unset = UNSET
        if _charts is not UNSET:
            charts = []
            for charts_item_data in _charts:
                charts_item = Chart.from_dict(charts_item_data)

                charts.append(charts_item)

        code_run_artifacts = cls(
            charts=charts,
        )

        code_run_artifacts.additional_properties = d
        return code_run_artifacts

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
