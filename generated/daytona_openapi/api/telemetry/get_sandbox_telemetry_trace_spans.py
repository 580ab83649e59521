from typing import Any
from urllib.parse import quote

from ...models.telemetry_trace_span import TelemetryTraceSpan
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> list[TelemetryTraceSpan]:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = []
    _response_200 = response.json()
    for response_200_item_data in _response_200:
        response_200_item = TelemetryTraceSpan.from_dict(response_200_item_data)

        response_200.append(response_200_item)

    return response_200


def request(
    sandbox_id: str,
    trace_id: str,
    *,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[list[TelemetryTraceSpan]]:
    """Get every span of one trace of a sandbox (``GET /sandbox/{sandbox_id}/telemetry/traces/{trace_id}``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``list[TelemetryTraceSpan]``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/sandbox/{sandbox_id}/telemetry/traces/{trace_id}".format(
            sandbox_id=quote(str(sandbox_id), safe=""),
            trace_id=quote(str(trace_id), safe=""),
        ),
        _parse,
        headers=headers,
        **_kwargs,
    )
