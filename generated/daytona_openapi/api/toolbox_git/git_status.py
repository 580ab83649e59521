from typing import Any

from ...models.git_status import GitStatus
from ...types import UNSET, Request, ResponseLike


def _parse(response: ResponseLike) -> GitStatus:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = GitStatus.from_dict(response.json())

    return response_200


def request(
    path: str,
) -> Request[GitStatus]:
    """Report the branch and working-tree state of a repository (``GET /git/status``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``GitStatus``."""

    params: dict[str, Any] = {}

    params["path"] = path

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/git/status",
        _parse,
        params=params,
        **_kwargs,
    )
