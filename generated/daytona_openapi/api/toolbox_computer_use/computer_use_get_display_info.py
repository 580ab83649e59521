from typing import Any

from ...models.display_info_response import DisplayInfoResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> DisplayInfoResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = DisplayInfoResponse.from_dict(response.json())

    return response_200


def request() -> Request[DisplayInfoResponse]:
    """List the sandbox's displays (``GET /computeruse/display/info``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``DisplayInfoResponse``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/computeruse/display/info",
        _parse,
        **_kwargs,
    )
