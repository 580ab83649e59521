from typing import Any

from ...models.recording_list_response import RecordingListResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> RecordingListResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = RecordingListResponse.from_dict(response.json())

    return response_200


def request() -> Request[RecordingListResponse]:
    """List screen recordings, running and finished (``GET /computeruse/recordings``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``RecordingListResponse``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/computeruse/recordings",
        _parse,
        **_kwargs,
    )
