from typing import Any

from ...models.session import Session
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> Session:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = Session.from_dict(response.json())

    return response_200


def request() -> Request[Session]:
    """Get the entrypoint session (``GET /process/session/entrypoint``).

    The session that runs the sandbox image's entrypoint, with its commands.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``Session``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/process/session/entrypoint",
        _parse,
        **_kwargs,
    )
