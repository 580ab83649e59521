from typing import Any
from urllib.parse import quote

from ...models.session_command_logs import SessionCommandLogs
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> SessionCommandLogs:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = SessionCommandLogs.from_dict(response.json())

    return response_200


def request(
    session_id: str,
    command_id: str,
    *,
    follow: bool | Unset = UNSET,
) -> Request[SessionCommandLogs]:
    """Read a session command's output (``GET /process/session/{session_id}/command/{command_id}/logs``).

    Returns what the command has written so far, split into stdout and stderr (recent SDK versions get
    JSON; older ones get plain text). When requested as a WebSocket upgrade with follow=true, the output
    is streamed live instead.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``SessionCommandLogs``."""

    params: dict[str, Any] = {}

    params["follow"] = follow

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/process/session/{session_id}/command/{command_id}/logs".format(
            session_id=quote(str(session_id), safe=""),
            command_id=quote(str(command_id), safe=""),
        ),
        _parse,
        params=params,
        **_kwargs,
    )
