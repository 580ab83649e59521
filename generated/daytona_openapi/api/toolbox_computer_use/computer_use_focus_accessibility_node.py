from typing import Any

from ...models.accessibility_node_request import AccessibilityNodeRequest
from ...models.computer_use_empty_response import ComputerUseEmptyResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> ComputerUseEmptyResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = ComputerUseEmptyResponse.from_dict(response.json())

    return response_200


def request(
    *,
    body: AccessibilityNodeRequest,
) -> Request[ComputerUseEmptyResponse]:
    """Give keyboard focus to an accessibility node (``POST /computeruse/a11y/node/focus``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``ComputerUseEmptyResponse``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/computeruse/a11y/node/focus",
        _parse,
        headers=headers,
        **_kwargs,
    )
