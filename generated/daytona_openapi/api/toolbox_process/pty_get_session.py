from typing import Any
from urllib.parse import quote

from ...models.pty_session_info import PtySessionInfo
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> PtySessionInfo:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = PtySessionInfo.from_dict(response.json())

    return response_200


def request(
    session_id: str,
) -> Request[PtySessionInfo]:
    """Get a PTY session (``GET /process/pty/{session_id}``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``PtySessionInfo``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/process/pty/{session_id}".format(
            session_id=quote(str(session_id), safe=""),
        ),
        _parse,
        **_kwargs,
    )
