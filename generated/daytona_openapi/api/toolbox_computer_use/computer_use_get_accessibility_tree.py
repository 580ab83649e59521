from typing import Any

from ...models.accessibility_tree_response import AccessibilityTreeResponse
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> AccessibilityTreeResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = AccessibilityTreeResponse.from_dict(response.json())

    return response_200


def request(
    *,
    scope: str | Unset = UNSET,
    pid: int | Unset = UNSET,
    max_depth: int | Unset = UNSET,
) -> Request[AccessibilityTreeResponse]:
    """Get the accessibility tree (``GET /computeruse/a11y/tree``).

    Returns the accessibility tree of the focused application, of one process, or of every application.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``AccessibilityTreeResponse``."""

    params: dict[str, Any] = {}

    params["scope"] = scope

    params["pid"] = pid

    params["maxDepth"] = max_depth

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/computeruse/a11y/tree",
        _parse,
        params=params,
        **_kwargs,
    )
