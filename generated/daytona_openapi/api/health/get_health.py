from typing import Any

from ...models.get_health_response_200 import GetHealthResponse200
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> GetHealthResponse200:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = GetHealthResponse200.from_dict(response.json())

    return response_200


def request() -> Request[GetHealthResponse200]:
    """Liveness probe of the API service (``GET /health``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``GetHealthResponse200``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/health",
        _parse,
        **_kwargs,
    )
