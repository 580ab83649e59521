from typing import Any

from ...models.create_snapshot import CreateSnapshot
from ...models.snapshot import Snapshot
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> Snapshot:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = Snapshot.from_dict(response.json())

    return response_200


def request(
    *,
    body: CreateSnapshot,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[Snapshot]:
    """Register a snapshot from an image or build it from a Dockerfile (``POST /snapshots``).

    The snapshot is created asynchronously; poll it until it is `active`, `error` or `build_failed`.
    Tags named `latest` are rejected.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``Snapshot``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/snapshots",
        _parse,
        headers=headers,
        **_kwargs,
    )
