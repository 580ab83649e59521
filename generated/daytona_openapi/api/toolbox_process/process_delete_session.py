from typing import Any
from urllib.parse import quote

from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> None:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    return


def request(
    session_id: str,
) -> Request[None]:
    """Close a shell session (``DELETE /process/session/{session_id}``).

    Ends the session's shell and whatever still runs in it.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``None``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "DELETE",
        "/process/session/{session_id}".format(
            session_id=quote(str(session_id), safe=""),
        ),
        _parse,
        **_kwargs,
    )
