from typing import Any

from ...models.mouse_scroll_request import MouseScrollRequest
from ...models.mouse_scroll_response import MouseScrollResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> MouseScrollResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = MouseScrollResponse.from_dict(response.json())

    return response_200


def request(
    *,
    body: MouseScrollRequest,
) -> Request[MouseScrollResponse]:
    """Turn the mouse wheel at a screen position (``POST /computeruse/mouse/scroll``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``MouseScrollResponse``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/computeruse/mouse/scroll",
        _parse,
        headers=headers,
        **_kwargs,
    )
