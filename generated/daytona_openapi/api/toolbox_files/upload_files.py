from typing import Any

from ...models.upload_files_response import UploadFilesResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> UploadFilesResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = UploadFilesResponse.from_dict(response.json())

    return response_200


def request() -> Request[UploadFilesResponse]:
    """Write several files in one multipart request (``POST /files/bulk-upload``).

    Send a multipart/form-data body with, for every file i (0, 1, ...), a text field `files[i].path`
    holding the destination path followed by a file field `files[i].file` holding the content. The field
    names are indexed, so the body has no fixed object shape and is not described here (the reference
    declares none); build it by hand, streaming the file contents.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``UploadFilesResponse``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "POST",
        "/files/bulk-upload",
        _parse,
        **_kwargs,
    )
