from typing import Any

from ...models.accessibility_set_value_request import AccessibilitySetValueRequest
from ...models.computer_use_empty_response import ComputerUseEmptyResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> ComputerUseEmptyResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = ComputerUseEmptyResponse.from_dict(response.json())

    return response_200


def request(
    *,
    body: AccessibilitySetValueRequest,
) -> Request[ComputerUseEmptyResponse]:
    """Set the text or numeric value of an accessibility node (``POST /computeruse/a11y/node/value``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``ComputerUseEmptyResponse``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/computeruse/a11y/node/value",
        _parse,
        headers=headers,
        **_kwargs,
    )
