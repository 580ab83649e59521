from typing import Any

from ...models.accessibility_find_request import AccessibilityFindRequest
from ...models.accessibility_find_response import AccessibilityFindResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> AccessibilityFindResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = AccessibilityFindResponse.from_dict(response.json())

    return response_200


def request(
    *,
    body: AccessibilityFindRequest,
) -> Request[AccessibilityFindResponse]:
    """Search the accessibility tree for matching nodes (``POST /computeruse/a11y/find``).

    Returns a flat list of accessibility nodes that match a role, name and state filter.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``AccessibilityFindResponse``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/computeruse/a11y/find",
        _parse,
        headers=headers,
        **_kwargs,
    )
