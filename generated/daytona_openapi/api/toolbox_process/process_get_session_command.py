from typing import Any
from urllib.parse import quote

from ...models.session_command import SessionCommand
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> SessionCommand:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = SessionCommand.from_dict(response.json())

    return response_200


def request(
    session_id: str,
    command_id: str,
) -> Request[SessionCommand]:
    """Get a command run in a session (``GET /process/session/{session_id}/command/{command_id}``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``SessionCommand``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/process/session/{session_id}/command/{command_id}".format(
            session_id=quote(str(session_id), safe=""),
            command_id=quote(str(command_id), safe=""),
        ),
        _parse,
        **_kwargs,
    )
