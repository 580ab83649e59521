from typing import Any

from ...models.git_delete_branch_request import GitDeleteBranchRequest
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> None:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    return


def request(
    *,
    body: GitDeleteBranchRequest,
) -> Request[None]:
    """Delete a branch from a repository (``DELETE /git/branches``).

    The branch is named in a JSON request body, unusually for DELETE.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``None``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "DELETE",
        "/git/branches",
        _parse,
        headers=headers,
        **_kwargs,
    )
