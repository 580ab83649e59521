from typing import Any
from urllib.parse import quote

from ...models.session import Session
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> Session:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = Session.from_dict(response.json())

    return response_200


def request(
    session_id: str,
) -> Request[Session]:
    """Get a shell session (``GET /process/session/{session_id}``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``Session``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/process/session/{session_id}".format(
            session_id=quote(str(session_id), safe=""),
        ),
        _parse,
        **_kwargs,
    )
