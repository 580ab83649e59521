from typing import Any

from ...models.computer_use_status_response import ComputerUseStatusResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> ComputerUseStatusResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = ComputerUseStatusResponse.from_dict(response.json())

    return response_200


def request() -> Request[ComputerUseStatusResponse]:
    """Get the status of the computer-use system (``GET /computeruse/status``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``ComputerUseStatusResponse``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/computeruse/status",
        _parse,
        **_kwargs,
    )
