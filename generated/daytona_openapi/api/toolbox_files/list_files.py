from typing import Any

from ...models.file_info import FileInfo
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> list[FileInfo]:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = []
    _response_200 = response.json()
    for response_200_item_data in _response_200:
        response_200_item = FileInfo.from_dict(response_200_item_data)

        response_200.append(response_200_item)

    return response_200


def request(
    *,
    path: str | Unset = UNSET,
) -> Request[list[FileInfo]]:
    """List the entries of a directory in the sandbox (``GET /files``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``list[FileInfo]``."""

    params: dict[str, Any] = {}

    params["path"] = path

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/files",
        _parse,
        params=params,
        **_kwargs,
    )
