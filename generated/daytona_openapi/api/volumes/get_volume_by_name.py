from typing import Any
from urllib.parse import quote

from ...models.volume import Volume
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> Volume:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = Volume.from_dict(response.json())

    return response_200


def request(
    name: str,
    *,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[Volume]:
    """Fetch one volume by name (``GET /volumes/by-name/{name}``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``Volume``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/volumes/by-name/{name}".format(
            name=quote(str(name), safe=""),
        ),
        _parse,
        headers=headers,
        **_kwargs,
    )
