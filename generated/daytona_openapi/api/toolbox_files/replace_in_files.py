from typing import Any

from ...models.replace_request import ReplaceRequest
from ...models.replace_result import ReplaceResult
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> list[ReplaceResult]:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = []
    _response_200 = response.json()
    for response_200_item_data in _response_200:
        response_200_item = ReplaceResult.from_dict(response_200_item_data)

        response_200.append(response_200_item)

    return response_200


def request(
    *,
    body: ReplaceRequest,
) -> Request[list[ReplaceResult]]:
    """Substitute text in a list of files (``POST /files/replace``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``list[ReplaceResult]``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/files/replace",
        _parse,
        headers=headers,
        **_kwargs,
    )
