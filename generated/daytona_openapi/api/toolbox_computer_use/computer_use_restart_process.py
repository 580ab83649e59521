from typing import Any
from urllib.parse import quote

from ...models.computer_use_process_restart_response import (
    ComputerUseProcessRestartResponse,
)
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> ComputerUseProcessRestartResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = ComputerUseProcessRestartResponse.from_dict(response.json())

    return response_200


def request(
    process_name: str,
) -> Request[ComputerUseProcessRestartResponse]:
    """Restart one computer-use process (``POST /computeruse/process/{process_name}/restart``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``ComputerUseProcessRestartResponse``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "POST",
        "/computeruse/process/{process_name}/restart".format(
            process_name=quote(str(process_name), safe=""),
        ),
        _parse,
        **_kwargs,
    )
