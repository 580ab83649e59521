from typing import Any

from ...models.session_command_logs import SessionCommandLogs
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> SessionCommandLogs:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = SessionCommandLogs.from_dict(response.json())

    return response_200


def request(
    *,
    follow: bool | Unset = UNSET,
) -> Request[SessionCommandLogs]:
    """Read the entrypoint's output (``GET /process/session/entrypoint/logs``).

    Returns what the entrypoint has written so far, split into stdout and stderr (recent SDK versions
    get JSON; older ones get plain text). When requested as a WebSocket upgrade with follow=true, the
    output is streamed live instead.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``SessionCommandLogs``."""

    params: dict[str, Any] = {}

    params["follow"] = follow

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/process/session/entrypoint/logs",
        _parse,
        params=params,
        **_kwargs,
    )
