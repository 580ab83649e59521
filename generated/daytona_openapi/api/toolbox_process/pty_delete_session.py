from typing import Any
from urllib.parse import quote

from ...models.pty_delete_response import PtyDeleteResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> PtyDeleteResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = PtyDeleteResponse.from_dict(response.json())

    return response_200


def request(
    session_id: str,
) -> Request[PtyDeleteResponse]:
    """Kill a PTY session (``DELETE /process/pty/{session_id}``).

    Ends the terminal's process and removes the session.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``PtyDeleteResponse``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "DELETE",
        "/process/pty/{session_id}".format(
            session_id=quote(str(session_id), safe=""),
        ),
        _parse,
        **_kwargs,
    )
