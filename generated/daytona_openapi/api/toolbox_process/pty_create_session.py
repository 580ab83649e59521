from typing import Any

from ...models.pty_create_request import PtyCreateRequest
from ...models.pty_create_response import PtyCreateResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> PtyCreateResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_201 = PtyCreateResponse.from_dict(response.json())

    return response_201


def request(
    *,
    body: PtyCreateRequest,
) -> Request[PtyCreateResponse]:
    """Create a PTY session (``POST /process/pty``).

    Creates a pseudo-terminal; with lazyStart its shell starts only when the first client connects.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``PtyCreateResponse``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/process/pty",
        _parse,
        headers=headers,
        **_kwargs,
    )
