from typing import Any

from ...models.screenshot_response import ScreenshotResponse
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> ScreenshotResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = ScreenshotResponse.from_dict(response.json())

    return response_200


def request(
    *,
    show_cursor: bool | Unset = UNSET,
) -> Request[ScreenshotResponse]:
    """Capture the whole screen (``GET /computeruse/screenshot``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``ScreenshotResponse``."""

    params: dict[str, Any] = {}

    params["showCursor"] = show_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/computeruse/screenshot",
        _parse,
        params=params,
        **_kwargs,
    )
