from typing import Any
from urllib.parse import quote

from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> None:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    return


def request(
    session_id: str,
) -> Request[None]:
    """Attach to a PTY session (WebSocket) (``GET /process/pty/{session_id}/connect``).

    WebSocket endpoint. Upgrades the request and then relays terminal output to the client and the
    client's keystrokes to the terminal.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``None``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/process/pty/{session_id}/connect".format(
            session_id=quote(str(session_id), safe=""),
        ),
        _parse,
        **_kwargs,
    )
