from typing import Any

from ...models.volume import Volume
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> list[Volume]:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = []
    _response_200 = response.json()
    for response_200_item_data in _response_200:
        response_200_item = Volume.from_dict(response_200_item_data)

        response_200.append(response_200_item)

    return response_200


def request(
    *,
    include_deleted: bool | Unset = UNSET,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[list[Volume]]:
    """List the organization's volumes (``GET /volumes``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``list[Volume]``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    params: dict[str, Any] = {}

    params["includeDeleted"] = include_deleted

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/volumes",
        _parse,
        params=params,
        headers=headers,
        **_kwargs,
    )
