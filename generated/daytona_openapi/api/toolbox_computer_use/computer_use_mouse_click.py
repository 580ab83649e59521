from typing import Any

from ...models.mouse_click_request import MouseClickRequest
from ...models.mouse_click_response import MouseClickResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> MouseClickResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = MouseClickResponse.from_dict(response.json())

    return response_200


def request(
    *,
    body: MouseClickRequest,
) -> Request[MouseClickResponse]:
    """Click a mouse button at a screen position (``POST /computeruse/mouse/click``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``MouseClickResponse``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/computeruse/mouse/click",
        _parse,
        headers=headers,
        **_kwargs,
    )
