from typing import Any

from ...models.mouse_drag_request import MouseDragRequest
from ...models.mouse_drag_response import MouseDragResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> MouseDragResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = MouseDragResponse.from_dict(response.json())

    return response_200


def request(
    *,
    body: MouseDragRequest,
) -> Request[MouseDragResponse]:
    """Drag the mouse from one position to another (``POST /computeruse/mouse/drag``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``MouseDragResponse``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/computeruse/mouse/drag",
        _parse,
        headers=headers,
        **_kwargs,
    )
