from typing import Any

from ...models.mouse_move_request import MouseMoveRequest
from ...models.mouse_position_response import MousePositionResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> MousePositionResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = MousePositionResponse.from_dict(response.json())

    return response_200


def request(
    *,
    body: MouseMoveRequest,
) -> Request[MousePositionResponse]:
    """Move the mouse pointer to a screen position (``POST /computeruse/mouse/move``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``MousePositionResponse``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/computeruse/mouse/move",
        _parse,
        headers=headers,
        **_kwargs,
    )
