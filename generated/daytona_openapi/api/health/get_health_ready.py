from typing import Any

from ...models.health_check_result import HealthCheckResult
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> HealthCheckResult:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = HealthCheckResult.from_dict(response.json())

    return response_200


def request() -> Request[HealthCheckResult]:
    """Readiness probe covering the API's dependencies (``GET /health/ready``).

    Reports each dependency the service checks. A failed check answers 503 with the same shape.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``HealthCheckResult``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/health/ready",
        _parse,
        **_kwargs,
    )
