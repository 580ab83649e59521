from io import BytesIO
from typing import Any

from ...models.files_download_request import FilesDownloadRequest
from ...types import File, Request, ResponseLike


def _parse(response: ResponseLike) -> File:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = File(payload=BytesIO(response.content))

    return response_200


def request(
    *,
    body: FilesDownloadRequest,
) -> Request[File]:
    """Fetch several files in one multipart response (``POST /files/bulk-download``).

    The answer is a multipart/form-data stream: each file arrives as a part named `file` (its filename
    is the requested path) and each per-file failure as a part named `error` holding a JSON error body.
    The generated client cannot parse multipart, so it exposes the raw body as bytes (application/octet-
    stream is listed first for that reason); read the stream incrementally in hand-written code.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``File``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/files/bulk-download",
        _parse,
        headers=headers,
        **_kwargs,
    )
