from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.pty_session_info_envs import PtySessionInfoEnvs


T = TypeVar("T", bound="PtySessionInfo")


@_attrs_define
class PtySessionInfo:
    """A pseudo-terminal session's settings and state.

    Attributes:
        id (str): The session's id.
        cwd (str): Directory the shell started in.
        envs (PtySessionInfoEnvs): Environment variables set for the shell.
        cols (int): Terminal width in columns.
        rows (int): Terminal height in rows.
        created_at (str): When the session was created.
        active (bool): Whether the shell process is running.
        lazy_start (bool): Whether the shell waits for the first client before starting.
    """

    id: str
    cwd: str
    envs: PtySessionInfoEnvs
    cols: int
    rows: int
    created_at: str
    active: bool
    lazy_start: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        cwd = self.cwd

        envs = self.envs.to_dict()

        cols = self.cols

        rows = self.rows

        created_at = self.created_at

        active = self.active

        lazy_start = self.lazy_start

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "cwd": cwd,
                "envs": envs,
                "cols": cols,
                "rows": rows,
                "createdAt": created_at,
                "active": active,
                "lazyStart": lazy_start,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.pty_session_info_envs import PtySessionInfoEnvs

        d = dict(src_dict)
        id = d.pop("id")

        cwd = d.pop("cwd")

        envs = PtySessionInfoEnvs.from_dict(d.pop("envs"))

        cols = d.pop("cols")

        rows = d.pop("rows")

        created_at = d.pop("createdAt")

        active = d.pop("active")

        lazy_start = d.pop("lazyStart")

        pty_session_info = cls(
            id=id,
            cwd=cwd,
            envs=envs,
            cols=cols,
            rows=rows,
            created_at=created_at,
            active=active,
            lazy_start=lazy_start,
        )

        pty_session_info.additional_properties = d
        return pty_session_info

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
