from typing import Any
from urllib.parse import quote

from ...models.pty_resize_request import PtyResizeRequest
from ...models.pty_session_info import PtySessionInfo
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> PtySessionInfo:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = PtySessionInfo.from_dict(response.json())

    return response_200


def request(
    session_id: str,
    *,
    body: PtyResizeRequest,
) -> Request[PtySessionInfo]:
    """Change the terminal size of a PTY session (``POST /process/pty/{session_id}/resize``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``PtySessionInfo``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/process/pty/{session_id}/resize".format(
            session_id=quote(str(session_id), safe=""),
        ),
        _parse,
        headers=headers,
        **_kwargs,
    )
