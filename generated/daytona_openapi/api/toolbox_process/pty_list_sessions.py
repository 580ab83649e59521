from typing import Any

from ...models.pty_session_list import PtySessionList
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> PtySessionList:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = PtySessionList.from_dict(response.json())

    return response_200


def request() -> Request[PtySessionList]:
    """List PTY sessions (``GET /process/pty``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``PtySessionList``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/process/pty",
        _parse,
        **_kwargs,
    )
