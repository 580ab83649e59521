from typing import Any

from ...models.region import Region
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> list[Region]:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = []
    _response_200 = response.json()
    for response_200_item_data in _response_200:
        response_200_item = Region.from_dict(response_200_item_data)

        response_200.append(response_200_item)

    return response_200


def request() -> Request[list[Region]]:
    """List the regions shared by all organizations (``GET /shared-regions``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``list[Region]``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/shared-regions",
        _parse,
        **_kwargs,
    )
