from typing import Any
from urllib.parse import quote

from ...models.computer_use_process_status_response import (
    ComputerUseProcessStatusResponse,
)
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> ComputerUseProcessStatusResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = ComputerUseProcessStatusResponse.from_dict(response.json())

    return response_200


def request(
    process_name: str,
) -> Request[ComputerUseProcessStatusResponse]:
    """Tell whether one computer-use process is running (``GET /computeruse/process/{process_name}/status``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``ComputerUseProcessStatusResponse``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/computeruse/process/{process_name}/status".format(
            process_name=quote(str(process_name), safe=""),
        ),
        _parse,
        **_kwargs,
    )
