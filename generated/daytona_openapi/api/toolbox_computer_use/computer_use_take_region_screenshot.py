from typing import Any

from ...models.screenshot_response import ScreenshotResponse
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> ScreenshotResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = ScreenshotResponse.from_dict(response.json())

    return response_200


def request(
    x: int,
    y: int,
    width: int,
    height: int,
    *,
    show_cursor: bool | Unset = UNSET,
) -> Request[ScreenshotResponse]:
    """Capture a rectangle of the screen (``GET /computeruse/screenshot/region``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``ScreenshotResponse``."""

    params: dict[str, Any] = {}

    params["x"] = x

    params["y"] = y

    params["width"] = width

    params["height"] = height

    params["showCursor"] = show_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/computeruse/screenshot/region",
        _parse,
        params=params,
        **_kwargs,
    )
