from typing import Any

from ...models.file_info import FileInfo
from ...types import UNSET, Request, ResponseLike


def _parse(response: ResponseLike) -> FileInfo:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = FileInfo.from_dict(response.json())

    return response_200


def request(
    path: str,
) -> Request[FileInfo]:
    """Read the metadata of a file or directory (``GET /files/info``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``FileInfo``."""

    params: dict[str, Any] = {}

    params["path"] = path

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/files/info",
        _parse,
        params=params,
        **_kwargs,
    )
