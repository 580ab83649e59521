from typing import Any

from ...models.create_session_request import CreateSessionRequest
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> None:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    return


def request(
    *,
    body: CreateSessionRequest,
) -> Request[None]:
    """Open a shell session (``POST /process/session``).

    Starts a long-lived shell under the caller-chosen id; later commands run in it keep its state.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``None``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/process/session",
        _parse,
        headers=headers,
        **_kwargs,
    )
