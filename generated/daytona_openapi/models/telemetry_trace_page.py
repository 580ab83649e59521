from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.telemetry_trace_summary import TelemetryTraceSummary


T = TypeVar("T", bound="TelemetryTracePage")


@_attrs_define
class TelemetryTracePage:
    """One page of a sandbox's trace summaries.

    Attributes:
        items (list[TelemetryTraceSummary]): Trace summaries on this page.
        total (float): Number of traces matching the query.
        page (float): This page's number.
        total_pages (float): Number of pages.
    """

    items: list[TelemetryTraceSummary]
    total: float
    page: float
    total_pages: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        total = self.total

        page = self.page

        total_pages = self.total_pages

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "total": total,
                "page": page,
                "totalPages": total_pages,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.telemetry_trace_summary import TelemetryTraceSummary

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = TelemetryTraceSummary.from_dict(items_item_data)

            items.append(items_item)

        total = d.pop("total")

        page = d.pop("page")

        total_pages = d.pop("totalPages")

        telemetry_trace_page = cls(
            items=items,
            total=total,
            page=page,
            total_pages=total_pages,
        )

        telemetry_trace_page.additional_properties = d
        return telemetry_trace_page

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
