from typing import Any
from urllib.parse import quote

from ...models.computer_use_process_logs_response import ComputerUseProcessLogsResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> ComputerUseProcessLogsResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = ComputerUseProcessLogsResponse.from_dict(response.json())

    return response_200


def request(
    process_name: str,
) -> Request[ComputerUseProcessLogsResponse]:
    """Get the log output of one computer-use process (``GET /computeruse/process/{process_name}/logs``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``ComputerUseProcessLogsResponse``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/computeruse/process/{process_name}/logs".format(
            process_name=quote(str(process_name), safe=""),
        ),
        _parse,
        **_kwargs,
    )
