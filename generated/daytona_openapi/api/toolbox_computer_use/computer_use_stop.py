from typing import Any

from ...models.computer_use_stop_response import ComputerUseStopResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> ComputerUseStopResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = ComputerUseStopResponse.from_dict(response.json())

    return response_200


def request() -> Request[ComputerUseStopResponse]:
    """Stop the desktop and its computer-use processes (``POST /computeruse/stop``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``ComputerUseStopResponse``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "POST",
        "/computeruse/stop",
        _parse,
        **_kwargs,
    )
