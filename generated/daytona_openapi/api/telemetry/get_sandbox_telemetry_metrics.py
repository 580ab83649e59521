import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.telemetry_metrics import TelemetryMetrics
from ...types import UNSET, Response, Unset


def _get_kwargs(
    sandbox_id: str,
    *,
    from_: datetime.datetime,
    to: datetime.datetime,
    metric_names: list[str] | Unset = UNSET,
    x_daytona_organization_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    params: dict[str, Any] = {}

    json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to = to.isoformat()
    params["to"] = json_to

    json_metric_names: list[str] | Unset = UNSET
    if not isinstance(metric_names, Unset):
        json_metric_names = metric_names

    params["metricNames"] = json_metric_names

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/sandbox/{sandbox_id}/telemetry/metrics".format(
            sandbox_id=quote(str(sandbox_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | TelemetryMetrics | None:
    if response.status_code == 200:
        response_200 = TelemetryMetrics.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = ApiError.from_dict(response.json())

        return response_4xx

    if 500 <= response.status_code <= 599:
        response_5xx = ApiError.from_dict(response.json())

        return response_5xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApiError | TelemetryMetrics]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.datetime,
    to: datetime.datetime,
    metric_names: list[str] | Unset = UNSET,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Response[ApiError | TelemetryMetrics]:
    """Get a sandbox's OpenTelemetry metric series in a time window

    Args:
        sandbox_id (str):
        from_ (datetime.datetime):
        to (datetime.datetime):
        metric_names (list[str] | Unset):
        x_daytona_organization_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | TelemetryMetrics]
    """

    kwargs = _get_kwargs(
        sandbox_id=sandbox_id,
        from_=from_,
        to=to,
        metric_names=metric_names,
        x_daytona_organization_id=x_daytona_organization_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.datetime,
    to: datetime.datetime,
    metric_names: list[str] | Unset = UNSET,
    x_daytona_organization_id: str | Unset = UNSET,
) -> ApiError | TelemetryMetrics | None:
    """Get a sandbox's OpenTelemetry metric series in a time window

    Args:
        sandbox_id (str):
        from_ (datetime.datetime):
        to (datetime.datetime):
        metric_names (list[str] | Unset):
        x_daytona_organization_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | TelemetryMetrics
    """

    return sync_detailed(
        sandbox_id=sandbox_id,
        client=client,
        from_=from_,
        to=to,
        metric_names=metric_names,
        x_daytona_organization_id=x_daytona_organization_id,
    ).parsed


async def asyncio_detailed(
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.datetime,
    to: datetime.datetime,
    metric_names: list[str] | Unset = UNSET,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Response[ApiError | TelemetryMetrics]:
    """Get a sandbox's OpenTelemetry metric series in a time window

    Args:
        sandbox_id (str):
        from_ (datetime.datetime):
        to (datetime.datetime):
        metric_names (list[str] | Unset):
        x_daytona_organization_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | TelemetryMetrics]
    """

    kwargs = _get_kwargs(
        sandbox_id=sandbox_id,
        from_=from_,
        to=to,
        metric_names=metric_names,
        x_daytona_organization_id=x_daytona_organization_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.datetime,
    to: datetime.datetime,
    metric_names: list[str] | Unset = UNSET,
    x_daytona_organization_id: str | Unset = UNSET,
) -> ApiError | TelemetryMetrics | None:
    """Get a sandbox's OpenTelemetry metric series in a time window

    Args:
        sandbox_id (str):
        from_ (datetime.datetime):
        to (datetime.datetime):
        metric_names (list[str] | Unset):
        x_daytona_organization_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | TelemetryMetrics
    """

    return (
        await asyncio_detailed(
            sandbox_id=sandbox_id,
            client=client,
            from_=from_,
            to=to,
            metric_names=metric_names,
            x_daytona_organization_id=x_daytona_organization_id,
        )
    ).parsed
