from typing import Any

from ...models.region import Region
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> list[Region]:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = []
    _response_200 = response.json()
    for response_200_item_data in _response_200:
        response_200_item = Region.from_dict(response_200_item_data)

        response_200.append(response_200_item)

    return response_200


def request(
    *,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[list[Region]]:
    """List the regions the organization can place sandboxes in (``GET /regions``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``list[Region]``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/regions",
        _parse,
        headers=headers,
        **_kwargs,
    )
