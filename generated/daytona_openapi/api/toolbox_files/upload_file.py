from typing import Any

from ...models.upload_file_form import UploadFileForm
from ...types import UNSET, Request, ResponseLike


def _parse(response: ResponseLike) -> str:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = response.text
    return response_200


def request(
    path: str,
    *,
    body: UploadFileForm,
) -> Request[str]:
    """Write one file from a multipart form (``POST /files/upload``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``str``."""
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["path"] = path

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    _kwargs["files"] = body.to_multipart()

    return Request(
        "POST",
        "/files/upload",
        _parse,
        params=params,
        headers=headers,
        **_kwargs,
    )
