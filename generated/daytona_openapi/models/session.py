from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.session_command import SessionCommand


T = TypeVar("T", bound="Session")


@_attrs_define
class Session:
    """A long-lived shell session and the commands run in it.

    Attributes:
        session_id (str): The session's id.
        commands (list[SessionCommand]): Commands run in the session so far, oldest first.
    """

    session_id: str
    commands: list[SessionCommand]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        session_id = self.session_id

        commands = []
        for commands_item_data in self.commands:
            commands_item = commands_item_data.to_dict()
            commands.append(commands_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sessionId": session_id,
                "commands": commands,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.session_command import SessionCommand

        d = dict(src_dict)
        session_id = d.pop("sessionId")

        commands = []
        _commands = d.pop("commands")
        for commands_item_data in _commands:
            commands_item = SessionCommand.from_dict(commands_item_data)

            commands.append(commands_item)

        session = cls(
            session_id=session_id,
            commands=commands,
        )

        session.additional_properties = d
        return session

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
