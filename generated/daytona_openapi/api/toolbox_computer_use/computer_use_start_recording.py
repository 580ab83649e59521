from typing import Any

from ...models.recording import Recording
from ...models.recording_start_request import RecordingStartRequest
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> Recording:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_201 = Recording.from_dict(response.json())

    return response_201


def request(
    *,
    body: RecordingStartRequest | Unset = UNSET,
) -> Request[Recording]:
    """Start recording the screen (``POST /computeruse/recordings/start``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``Recording``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/computeruse/recordings/start",
        _parse,
        headers=headers,
        **_kwargs,
    )
