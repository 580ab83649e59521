from typing import Any

from ...models.user_home_dir_response import UserHomeDirResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> UserHomeDirResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = UserHomeDirResponse.from_dict(response.json())

    return response_200


def request() -> Request[UserHomeDirResponse]:
    """Get the home directory of the sandbox user (``GET /user-home-dir``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``UserHomeDirResponse``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/user-home-dir",
        _parse,
        **_kwargs,
    )
