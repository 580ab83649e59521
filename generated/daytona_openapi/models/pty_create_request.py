from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.pty_create_request_envs import PtyCreateRequestEnvs


T = TypeVar("T", bound="PtyCreateRequest")


@_attrs_define
class PtyCreateRequest:
    """Settings for a new pseudo-terminal session.

    Attributes:
        id (str | Unset): Id to give the session; chosen by the caller.
        cwd (str | Unset): Directory the terminal's shell starts in.
        envs (PtyCreateRequestEnvs | Unset): Extra environment variables for the shell.
        cols (int | Unset): Terminal width in columns.
        rows (int | Unset): Terminal height in rows.
        lazy_start (bool | Unset): Start the shell only when the first client attaches.
    """

    id: str | Unset = UNSET
    cwd: str | Unset = UNSET
    envs: PtyCreateRequestEnvs | Unset = UNSET
    cols: int | Unset = UNSET
    rows: int | Unset = UNSET
    lazy_start: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        cwd = self.cwd

        envs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.envs, Unset):
            envs = self.envs.to_dict()

        cols = self.cols

        rows = self.rows

        lazy_start = self.lazy_start

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if cwd is not UNSET:
            field_dict["cwd"] = cwd
        if envs is not UNSET:
            field_dict["envs"] = envs
        if cols is not UNSET:
            field_dict["cols"] = cols
        if rows is not UNSET:
            field_dict["rows"] = rows
        if lazy_start is not UNSET:
            field_dict["lazyStart"] = lazy_start

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.pty_create_request_envs import PtyCreateRequestEnvs

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        cwd = d.pop("cwd", UNSET)

        _envs = d.pop("envs", UNSET)
        envs: PtyCreateRequestEnvs | Unset
        if isinstance(_envs, Unset):
            envs = UNSET
        else:
            envs = PtyCreateRequestEnvs.from_dict(_envs)

        cols = d.pop("cols", UNSET)

        rows = d.pop("rows", UNSET)

        lazy_start = d.pop("lazyStart", UNSET)

        pty_create_request = cls(
            id=id,
            cwd=cwd,
            envs=envs,
            cols=cols,
            rows=rows,
            lazy_start=lazy_start,
        )

        pty_create_request.additional_properties = d
        return pty_create_request

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
