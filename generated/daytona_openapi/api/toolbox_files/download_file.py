from io import BytesIO
from typing import Any

from ...types import UNSET, File, Request, ResponseLike


def _parse(response: ResponseLike) -> File:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = File(payload=BytesIO(response.content))

    return response_200


def request(
    path: str,
) -> Request[File]:
    """Fetch the content of one file (``GET /files/download``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``File``."""

    params: dict[str, Any] = {}

    params["path"] = path

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/files/download",
        _parse,
        params=params,
        **_kwargs,
    )
