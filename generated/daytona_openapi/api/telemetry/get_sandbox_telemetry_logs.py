import datetime
from typing import Any
from urllib.parse import quote

from ...models.telemetry_log_page import TelemetryLogPage
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> TelemetryLogPage:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = TelemetryLogPage.from_dict(response.json())

    return response_200


def request(
    sandbox_id: str,
    from_: datetime.datetime,
    to: datetime.datetime,
    *,
    page: float | Unset = 1.0,
    limit: float | Unset = 100.0,
    severities: list[str] | Unset = UNSET,
    search: str | Unset = UNSET,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[TelemetryLogPage]:
    """Search a sandbox's OpenTelemetry log records in a time window (``GET /sandbox/{sandbox_id}/telemetry/logs``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``TelemetryLogPage``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    params: dict[str, Any] = {}

    json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to = to.isoformat()
    params["to"] = json_to

    params["page"] = page

    params["limit"] = limit

    json_severities: list[str] | Unset = UNSET
    if not isinstance(severities, Unset):
        json_severities = severities

    params["severities"] = json_severities

    params["search"] = search

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/sandbox/{sandbox_id}/telemetry/logs".format(
            sandbox_id=quote(str(sandbox_id), safe=""),
        ),
        _parse,
        params=params,
        headers=headers,
        **_kwargs,
    )
