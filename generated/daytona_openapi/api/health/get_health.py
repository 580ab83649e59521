from typing import Any

from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> None:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    return


def request() -> Request[None]:
    """Liveness probe of the API service (``GET /health``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``None``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/health",
        _parse,
        **_kwargs,
    )
