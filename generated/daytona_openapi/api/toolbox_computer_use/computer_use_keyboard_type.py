from typing import Any

from ...models.computer_use_empty_response import ComputerUseEmptyResponse
from ...models.keyboard_type_request import KeyboardTypeRequest
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> ComputerUseEmptyResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = ComputerUseEmptyResponse.from_dict(response.json())

    return response_200


def request(
    *,
    body: KeyboardTypeRequest,
) -> Request[ComputerUseEmptyResponse]:
    """Type a piece of text (``POST /computeruse/keyboard/type``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``ComputerUseEmptyResponse``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/computeruse/keyboard/type",
        _parse,
        headers=headers,
        **_kwargs,
    )
