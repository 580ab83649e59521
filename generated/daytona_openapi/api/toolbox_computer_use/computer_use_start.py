from typing import Any

from ...models.computer_use_start_response import ComputerUseStartResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> ComputerUseStartResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = ComputerUseStartResponse.from_dict(response.json())

    return response_200


def request() -> Request[ComputerUseStartResponse]:
    """Start the desktop and its computer-use processes (``POST /computeruse/start``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``ComputerUseStartResponse``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "POST",
        "/computeruse/start",
        _parse,
        **_kwargs,
    )
