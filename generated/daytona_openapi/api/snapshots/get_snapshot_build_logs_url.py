from typing import Any
from urllib.parse import quote

from ...models.snapshot_build_logs_url import SnapshotBuildLogsUrl
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> SnapshotBuildLogsUrl:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = SnapshotBuildLogsUrl.from_dict(response.json())

    return response_200


def request(
    id: str,
    *,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[SnapshotBuildLogsUrl]:
    """Get the URL that streams a snapshot's build logs (``GET /snapshots/{id}/build-logs-url``).

    Append `?follow=true` to the returned URL to follow the build as it runs.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``SnapshotBuildLogsUrl``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/snapshots/{id}/build-logs-url".format(
            id=quote(str(id), safe=""),
        ),
        _parse,
        headers=headers,
        **_kwargs,
    )
