from typing import Any

from ...models.accessibility_invoke_request import AccessibilityInvokeRequest
from ...models.computer_use_empty_response import ComputerUseEmptyResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> ComputerUseEmptyResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = ComputerUseEmptyResponse.from_dict(response.json())

    return response_200


def request(
    *,
    body: AccessibilityInvokeRequest,
) -> Request[ComputerUseEmptyResponse]:
    """Run an action of an accessibility node (``POST /computeruse/a11y/node/invoke``).

    Performs the named action on the node; with no action given, its first (default) action runs.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``ComputerUseEmptyResponse``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/computeruse/a11y/node/invoke",
        _parse,
        headers=headers,
        **_kwargs,
    )
