from typing import Any

from ...models.work_dir_response import WorkDirResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> WorkDirResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = WorkDirResponse.from_dict(response.json())

    return response_200


def request() -> Request[WorkDirResponse]:
    """Get the directory commands run in by default (``GET /work-dir``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``WorkDirResponse``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/work-dir",
        _parse,
        **_kwargs,
    )
