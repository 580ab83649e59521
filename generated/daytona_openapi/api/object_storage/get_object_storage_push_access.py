from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.storage_access import StorageAccess
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    x_daytona_organization_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/object-storage/push-access",
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | StorageAccess | None:
    if response.status_code == 200:
        response_200 = StorageAccess.from_dict(response.json())

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
) -> Response[ApiError | StorageAccess]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Response[ApiError | StorageAccess]:
    """Get short-lived credentials for uploading build context

     The credentials allow writing objects (e.g. Docker build context) to the organization's area of the
    object store.

    Args:
        x_daytona_organization_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | StorageAccess]
    """

    kwargs = _get_kwargs(
        x_daytona_organization_id=x_daytona_organization_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    x_daytona_organization_id: str | Unset = UNSET,
) -> ApiError | StorageAccess | None:
    """Get short-lived credentials for uploading build context

     The credentials allow writing objects (e.g. Docker build context) to the organization's area of the
    object store.

    Args:
        x_daytona_organization_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | StorageAccess
    """

    return sync_detailed(
        client=client,
        x_daytona_organization_id=x_daytona_organization_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Response[ApiError | StorageAccess]:
    """Get short-lived credentials for uploading build context

     The credentials allow writing objects (e.g. Docker build context) to the organization's area of the
    object store.

    Args:
        x_daytona_organization_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | StorageAccess]
    """

    kwargs = _get_kwargs(
        x_daytona_organization_id=x_daytona_organization_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    x_daytona_organization_id: str | Unset = UNSET,
) -> ApiError | StorageAccess | None:
    """Get short-lived credentials for uploading build context

     The credentials allow writing objects (e.g. Docker build context) to the organization's area of the
    object store.

    Args:
        x_daytona_organization_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | StorageAccess
    """

    return (
        await asyncio_detailed(
            client=client,
            x_daytona_organization_id=x_daytona_organization_id,
        )
    ).parsed
