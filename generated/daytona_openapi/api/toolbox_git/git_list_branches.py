from typing import Any

from ...models.list_branch_response import ListBranchResponse
from ...types import UNSET, Request, ResponseLike


def _parse(response: ResponseLike) -> ListBranchResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = ListBranchResponse.from_dict(response.json())

    return response_200


def request(
    path: str,
) -> Request[ListBranchResponse]:
    """List the local branches of a repository (``GET /git/branches``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``ListBranchResponse``."""

    params: dict[str, Any] = {}

    params["path"] = path

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/git/branches",
        _parse,
        params=params,
        **_kwargs,
    )
