from typing import Any

from ...models.mouse_position_response import MousePositionResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> MousePositionResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = MousePositionResponse.from_dict(response.json())

    return response_200


def request() -> Request[MousePositionResponse]:
    """Get where the mouse pointer is (``GET /computeruse/mouse/position``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``MousePositionResponse``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/computeruse/mouse/position",
        _parse,
        **_kwargs,
    )
