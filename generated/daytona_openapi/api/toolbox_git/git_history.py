from typing import Any

from ...models.git_commit_info import GitCommitInfo
from ...types import UNSET, Request, ResponseLike


def _parse(response: ResponseLike) -> list[GitCommitInfo]:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = []
    _response_200 = response.json()
    for response_200_item_data in _response_200:
        response_200_item = GitCommitInfo.from_dict(response_200_item_data)

        response_200.append(response_200_item)

    return response_200


def request(
    path: str,
) -> Request[list[GitCommitInfo]]:
    """List the commits reachable from the current HEAD (``GET /git/history``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``list[GitCommitInfo]``."""

    params: dict[str, Any] = {}

    params["path"] = path

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/git/history",
        _parse,
        params=params,
        **_kwargs,
    )
