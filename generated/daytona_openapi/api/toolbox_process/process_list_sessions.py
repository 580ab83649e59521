from typing import Any

from ...models.session import Session
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> list[Session]:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = []
    _response_200 = response.json()
    for response_200_item_data in _response_200:
        response_200_item = Session.from_dict(response_200_item_data)

        response_200.append(response_200_item)

    return response_200


def request() -> Request[list[Session]]:
    """List shell sessions (``GET /process/session``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``list[Session]``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/process/session",
        _parse,
        **_kwargs,
    )
