from typing import Any

from ...models.git_commit_request import GitCommitRequest
from ...models.git_commit_response import GitCommitResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> GitCommitResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = GitCommitResponse.from_dict(response.json())

    return response_200


def request(
    *,
    body: GitCommitRequest,
) -> Request[GitCommitResponse]:
    """Record the staged changes as a new commit (``POST /git/commit``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``GitCommitResponse``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/git/commit",
        _parse,
        headers=headers,
        **_kwargs,
    )
