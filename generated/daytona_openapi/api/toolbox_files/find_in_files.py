from typing import Any

from ...models.match import Match
from ...types import UNSET, Request, ResponseLike


def _parse(response: ResponseLike) -> list[Match]:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = []
    _response_200 = response.json()
    for response_200_item_data in _response_200:
        response_200_item = Match.from_dict(response_200_item_data)

        response_200.append(response_200_item)

    return response_200


def request(
    path: str,
    pattern: str,
) -> Request[list[Match]]:
    """Search file contents under a directory for a text pattern (``GET /files/find``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``list[Match]``."""

    params: dict[str, Any] = {}

    params["path"] = path

    params["pattern"] = pattern

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/files/find",
        _parse,
        params=params,
        **_kwargs,
    )
