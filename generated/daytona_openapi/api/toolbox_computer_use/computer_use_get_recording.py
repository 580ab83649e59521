from typing import Any
from urllib.parse import quote

from ...models.recording import Recording
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> Recording:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = Recording.from_dict(response.json())

    return response_200


def request(
    recording_id: str,
) -> Request[Recording]:
    """Get one screen recording (``GET /computeruse/recordings/{recording_id}``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``Recording``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/computeruse/recordings/{recording_id}".format(
            recording_id=quote(str(recording_id), safe=""),
        ),
        _parse,
        **_kwargs,
    )
