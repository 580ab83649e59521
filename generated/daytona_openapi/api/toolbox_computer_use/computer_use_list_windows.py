from typing import Any

from ...models.display_windows_response import DisplayWindowsResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> DisplayWindowsResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = DisplayWindowsResponse.from_dict(response.json())

    return response_200


def request() -> Request[DisplayWindowsResponse]:
    """List the open windows (``GET /computeruse/display/windows``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``DisplayWindowsResponse``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/computeruse/display/windows",
        _parse,
        **_kwargs,
    )
