from typing import Any
from urllib.parse import quote

from ...models.port_in_use_response import PortInUseResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> PortInUseResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = PortInUseResponse.from_dict(response.json())

    return response_200


def request(
    port: int,
) -> Request[PortInUseResponse]:
    """Tell whether something listens on a port (``GET /port/{port}/in-use``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``PortInUseResponse``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/port/{port}/in-use".format(
            port=quote(str(port), safe=""),
        ),
        _parse,
        **_kwargs,
    )
