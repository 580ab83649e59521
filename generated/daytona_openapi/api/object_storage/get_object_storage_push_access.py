from typing import Any

from ...models.storage_access import StorageAccess
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> StorageAccess:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = StorageAccess.from_dict(response.json())

    return response_200


def request(
    *,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[StorageAccess]:
    """Get short-lived credentials for uploading build context (``GET /object-storage/push-access``).

    The credentials allow writing objects (e.g. Docker build context) to the organization's area of the
    object store.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``StorageAccess``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/object-storage/push-access",
        _parse,
        headers=headers,
        **_kwargs,
    )
