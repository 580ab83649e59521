from typing import Any

from ...models.create_volume import CreateVolume
from ...models.volume import Volume
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> Volume:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = Volume.from_dict(response.json())

    return response_200


def request(
    *,
    body: CreateVolume,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[Volume]:
    """Create a shared volume (``POST /volumes``).

    The volume starts in `pending_create` and becomes `ready` once provisioned.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``Volume``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/volumes",
        _parse,
        headers=headers,
        **_kwargs,
    )
