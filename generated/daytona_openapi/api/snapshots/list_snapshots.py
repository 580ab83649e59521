from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.list_snapshots_order import (
    ListSnapshotsOrder,
)
from ...models.list_snapshots_sort import ListSnapshotsSort
from ...models.paginated_snapshots import PaginatedSnapshots
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: float | Unset = 1.0,
    limit: float | Unset = 100.0,
    name: str | Unset = UNSET,
    sort: ListSnapshotsSort | Unset = "lastUsedAt",
    order: ListSnapshotsOrder | Unset = "desc",
    x_daytona_organization_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    params: dict[str, Any] = {}

    params["page"] = page

    params["limit"] = limit

    params["name"] = name

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort

    params["sort"] = json_sort

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order

    params["order"] = json_order

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/snapshots",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | PaginatedSnapshots | None:
    if response.status_code == 200:
        response_200 = PaginatedSnapshots.from_dict(response.json())

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
) -> Response[ApiError | PaginatedSnapshots]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: float | Unset = 1.0,
    limit: float | Unset = 100.0,
    name: str | Unset = UNSET,
    sort: ListSnapshotsSort | Unset = "lastUsedAt",
    order: ListSnapshotsOrder | Unset = "desc",
    x_daytona_organization_id: str | Unset = UNSET,
) -> Response[ApiError | PaginatedSnapshots]:
    """List the organization's snapshots, one page at a time

    Args:
        page (float | Unset):  Default: 1.0.
        limit (float | Unset):  Default: 100.0.
        name (str | Unset):
        sort (ListSnapshotsSort | Unset):  Default: 'lastUsedAt'.
        order (ListSnapshotsOrder | Unset):  Default: 'desc'.
        x_daytona_organization_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | PaginatedSnapshots]
    """

    kwargs = _get_kwargs(
        page=page,
        limit=limit,
        name=name,
        sort=sort,
        order=order,
        x_daytona_organization_id=x_daytona_organization_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    page: float | Unset = 1.0,
    limit: float | Unset = 100.0,
    name: str | Unset = UNSET,
    sort: ListSnapshotsSort | Unset = "lastUsedAt",
    order: ListSnapshotsOrder | Unset = "desc",
    x_daytona_organization_id: str | Unset = UNSET,
) -> ApiError | PaginatedSnapshots | None:
    """List the organization's snapshots, one page at a time

    Args:
        page (float | Unset):  Default: 1.0.
        limit (float | Unset):  Default: 100.0.
        name (str | Unset):
        sort (ListSnapshotsSort | Unset):  Default: 'lastUsedAt'.
        order (ListSnapshotsOrder | Unset):  Default: 'desc'.
        x_daytona_organization_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | PaginatedSnapshots
    """

    return sync_detailed(
        client=client,
        page=page,
        limit=limit,
        name=name,
        sort=sort,
        order=order,
        x_daytona_organization_id=x_daytona_organization_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: float | Unset = 1.0,
    limit: float | Unset = 100.0,
    name: str | Unset = UNSET,
    sort: ListSnapshotsSort | Unset = "lastUsedAt",
    order: ListSnapshotsOrder | Unset = "desc",
    x_daytona_organization_id: str | Unset = UNSET,
) -> Response[ApiError | PaginatedSnapshots]:
    """List the organization's snapshots, one page at a time

    Args:
        page (float | Unset):  Default: 1.0.
        limit (float | Unset):  Default: 100.0.
        name (str | Unset):
        sort (ListSnapshotsSort | Unset):  Default: 'lastUsedAt'.
        order (ListSnapshotsOrder | Unset):  Default: 'desc'.
        x_daytona_organization_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | PaginatedSnapshots]
    """

    kwargs = _get_kwargs(
        page=page,
        limit=limit,
        name=name,
        sort=sort,
        order=order,
        x_daytona_organization_id=x_daytona_organization_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    page: float | Unset = 1.0,
    limit: float | Unset = 100.0,
    name: str | Unset = UNSET,
    sort: ListSnapshotsSort | Unset = "lastUsedAt",
    order: ListSnapshotsOrder | Unset = "desc",
    x_daytona_organization_id: str | Unset = UNSET,
) -> ApiError | PaginatedSnapshots | None:
    """List the organization's snapshots, one page at a time

    Args:
        page (float | Unset):  Default: 1.0.
        limit (float | Unset):  Default: 100.0.
        name (str | Unset):
        sort (ListSnapshotsSort | Unset):  Default: 'lastUsedAt'.
        order (ListSnapshotsOrder | Unset):  Default: 'desc'.
        x_daytona_organization_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | PaginatedSnapshots
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            limit=limit,
            name=name,
            sort=sort,
            order=order,
            x_daytona_organization_id=x_daytona_organization_id,
        )
    ).parsed
