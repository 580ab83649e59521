from typing import Any

from ...models.search_files_response import SearchFilesResponse
from ...types import UNSET, Request, ResponseLike


def _parse(response: ResponseLike) -> SearchFilesResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = SearchFilesResponse.from_dict(response.json())

    return response_200


def request(
    path: str,
    pattern: str,
) -> Request[SearchFilesResponse]:
    """Find files whose names match a glob pattern (``GET /files/search``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``SearchFilesResponse``."""

    params: dict[str, Any] = {}

    params["path"] = path

    params["pattern"] = pattern

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/files/search",
        _parse,
        params=params,
        **_kwargs,
    )
