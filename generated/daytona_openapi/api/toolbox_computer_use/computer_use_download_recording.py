from io import BytesIO
from typing import Any
from urllib.parse import quote

from ...types import File, Request, ResponseLike


def _parse(response: ResponseLike) -> File:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = File(payload=BytesIO(response.content))

    return response_200


def request(
    recording_id: str,
) -> Request[File]:
    """Download the video file of a screen recording (``GET /computeruse/recordings/{recording_id}/download``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``File``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/computeruse/recordings/{recording_id}/download".format(
            recording_id=quote(str(recording_id), safe=""),
        ),
        _parse,
        **_kwargs,
    )
