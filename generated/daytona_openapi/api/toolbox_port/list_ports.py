from typing import Any

from ...models.port_list import PortList
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> PortList:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = PortList.from_dict(response.json())

    return response_200


def request() -> Request[PortList]:
    """List the ports that processes in the sandbox listen on (``GET /port``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``PortList``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/port",
        _parse,
        **_kwargs,
    )
