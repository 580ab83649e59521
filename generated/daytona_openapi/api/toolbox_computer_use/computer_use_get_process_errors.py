from typing import Any
from urllib.parse import quote

from ...models.computer_use_process_errors_response import (
    ComputerUseProcessErrorsResponse,
)
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> ComputerUseProcessErrorsResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = ComputerUseProcessErrorsResponse.from_dict(response.json())

    return response_200


def request(
    process_name: str,
) -> Request[ComputerUseProcessErrorsResponse]:
    """Get the error output of one computer-use process (``GET /computeruse/process/{process_name}/errors``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``ComputerUseProcessErrorsResponse``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/computeruse/process/{process_name}/errors".format(
            process_name=quote(str(process_name), safe=""),
        ),
        _parse,
        **_kwargs,
    )
