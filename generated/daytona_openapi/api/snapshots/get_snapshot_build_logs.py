from io import BytesIO
from typing import Any
from urllib.parse import quote

from ...types import UNSET, File, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> File:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = File(payload=BytesIO(response.content))

    return response_200


def request(
    id: str,
    *,
    follow: bool | Unset = UNSET,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[File]:
    """Read a snapshot's build output as plain text (``GET /snapshots/{id}/build-logs``).

    Superseded by the build-logs-url operation. With `follow=true` the body is a chunked text stream
    that stays open while the build runs.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``File``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    params: dict[str, Any] = {}

    params["follow"] = follow

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/snapshots/{id}/build-logs".format(
            id=quote(str(id), safe=""),
        ),
        _parse,
        params=params,
        headers=headers,
        **_kwargs,
    )
