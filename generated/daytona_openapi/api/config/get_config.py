from typing import Any

from ...models.daytona_config import DaytonaConfig
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> DaytonaConfig:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = DaytonaConfig.from_dict(response.json())

    return response_200


def request() -> Request[DaytonaConfig]:
    """Read the public configuration of the Daytona deployment (``GET /config``).

    Returns deployment settings such as the toolbox proxy URL, default snapshot and limits. No
    credentials needed.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``DaytonaConfig``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/config",
        _parse,
        **_kwargs,
    )
