from typing import Any

from ...models.git_repo_request import GitRepoRequest
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> None:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    return


def request(
    *,
    body: GitRepoRequest,
) -> Request[None]:
    """Fetch and merge the upstream branch (``POST /git/pull``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``None``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/git/pull",
        _parse,
        headers=headers,
        **_kwargs,
    )
