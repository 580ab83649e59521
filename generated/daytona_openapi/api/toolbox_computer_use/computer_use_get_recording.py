from typing import Any
from urllib.parse import quote

from ...models.recording import Recording
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> Recording:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = Recording.from_dict(response.json())

    return response_200


def request(
    id: str,
) -> Request[Recording]:
    """Get one screen recording (``GET /computeruse/recordings/{id}``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``Recording``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/computeruse/recordings/{id}".format(
            id=quote(str(id), safe=""),
        ),
        _parse,
        **_kwargs,
    )
