import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.telemetry_trace_page import TelemetryTracePage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    sandbox_id: str,
    *,
    from_: datetime.datetime,
    to: datetime.datetime,
    page: float | Unset = 1.0,
    limit: float | Unset = 100.0,
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

    params["page"] = page

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/sandbox/{sandbox_id}/telemetry/traces".format(
            sandbox_id=quote(str(sandbox_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | TelemetryTracePage | None:
    if response.status_code == 200:
        response_200 = TelemetryTracePage.from_dict(response.json())

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
) -> Response[ApiError | TelemetryTracePage]:
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
    page: float | Unset = 1.0,
    limit: float | Unset = 100.0,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Response[ApiError | TelemetryTracePage]:
    """List summaries of a sandbox's traces in a time window

    Args:
        sandbox_id (str):
        from_ (datetime.datetime):
        to (datetime.datetime):
        page (float | Unset):  Default: 1.0.
        limit (float | Unset):  Default: 100.0.
        x_daytona_organization_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | TelemetryTracePage]
    """

    kwargs = _get_kwargs(
        sandbox_id=sandbox_id,
        from_=from_,
        to=to,
        page=page,
        limit=limit,
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
    page: float | Unset = 1.0,
    limit: float | Unset = 100.0,
    x_daytona_organization_id: str | Unset = UNSET,
) -> ApiError | TelemetryTracePage | None:
    """List summaries of a sandbox's traces in a time window

    Args:
        sandbox_id (str):
        from_ (datetime.datetime):
        to (datetime.datetime):
        page (float | Unset):  Default: 1.0.
        limit (float | Unset):  Default: 100.0.
        x_daytona_organization_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | TelemetryTracePage
    """

    return sync_detailed(
        sandbox_id=sandbox_id,
        client=client,
        from_=from_,
        to=to,
        page=page,
        limit=limit,
        x_daytona_organization_id=x_daytona_organization_id,
    ).parsed


async def asyncio_detailed(
    sandbox_id: str,
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.datetime,
    to: datetime.datetime,
    page: float | Unset = 1.0,
    limit: float | Unset = 100.0,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Response[ApiError | TelemetryTracePage]:
    """List summaries of a sandbox's traces in a time window

    Args:
        sandbox_id (str):
        from_ (datetime.datetime):
        to (datetime.datetime):
        page (float | Unset):  Default: 1.0.
        limit (float | Unset):  Default: 100.0.
        x_daytona_organization_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | TelemetryTracePage]
    """

    kwargs = _get_kwargs(
        sandbox_id=sandbox_id,
        from_=from_,
        to=to,
        page=page,
        limit=limit,
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
    page: float | Unset = 1.0,
    limit: float | Unset = 100.0,
    x_daytona_organization_id: str | Unset = UNSET,
) -> ApiError | TelemetryTracePage | None:
    """List summaries of a sandbox's traces in a time window

    Args:
        sandbox_id (str):
        from_ (datetime.datetime):
        to (datetime.datetime):
        page (float | Unset):  Default: 1.0.
        limit (float | Unset):  Default: 100.0.
        x_daytona_organization_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | TelemetryTracePage
    """

    return (
        await asyncio_detailed(
            sandbox_id=sandbox_id,
            client=client,
            from_=from_,
            to=to,
            page=page,
            limit=limit,
            x_daytona_organization_id=x_daytona_organization_id,
        )
    ).parsed
