from typing import Any

from ...models.git_checkout_request import GitCheckoutRequest
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> None:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    return


def request(
    *,
    body: GitCheckoutRequest,
) -> Request[None]:
    """Switch a repository to a branch or commit (``POST /git/checkout``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``None``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/git/checkout",
        _parse,
        headers=headers,
        **_kwargs,
    )
