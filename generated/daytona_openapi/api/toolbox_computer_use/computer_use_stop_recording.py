from typing import Any

from ...models.recording import Recording
from ...models.recording_stop_request import RecordingStopRequest
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> Recording:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = Recording.from_dict(response.json())

    return response_200


def request(
    *,
    body: RecordingStopRequest,
) -> Request[Recording]:
    """Stop a running screen recording (``POST /computeruse/recordings/stop``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``Recording``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/computeruse/recordings/stop",
        _parse,
        headers=headers,
        **_kwargs,
    )
