from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.create_snapshot import CreateSnapshot
from ...models.snapshot import Snapshot
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CreateSnapshot,
    x_daytona_organization_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/snapshots",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | Snapshot | None:
    if response.status_code == 200:
        response_200 = Snapshot.from_dict(response.json())

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
) -> Response[ApiError | Snapshot]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateSnapshot,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Response[ApiError | Snapshot]:
    """Register a snapshot from an image or build it from a Dockerfile

     The snapshot is created asynchronously; poll it until it is `active`, `error` or `build_failed`.
    Tags named `latest` are rejected.

    Args:
        x_daytona_organization_id (str | Unset):
        body (CreateSnapshot): What to create a snapshot from, and the resources its sandboxes
            get.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | Snapshot]
    """

    kwargs = _get_kwargs(
        body=body,
        x_daytona_organization_id=x_daytona_organization_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CreateSnapshot,
    x_daytona_organization_id: str | Unset = UNSET,
) -> ApiError | Snapshot | None:
    """Register a snapshot from an image or build it from a Dockerfile

     The snapshot is created asynchronously; poll it until it is `active`, `error` or `build_failed`.
    Tags named `latest` are rejected.

    Args:
        x_daytona_organization_id (str | Unset):
        body (CreateSnapshot): What to create a snapshot from, and the resources its sandboxes
            get.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | Snapshot
    """

    return sync_detailed(
        client=client,
        body=body,
        x_daytona_organization_id=x_daytona_organization_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateSnapshot,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Response[ApiError | Snapshot]:
    """Register a snapshot from an image or build it from a Dockerfile

     The snapshot is created asynchronously; poll it until it is `active`, `error` or `build_failed`.
    Tags named `latest` are rejected.

    Args:
        x_daytona_organization_id (str | Unset):
        body (CreateSnapshot): What to create a snapshot from, and the resources its sandboxes
            get.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | Snapshot]
    """

    kwargs = _get_kwargs(
        body=body,
        x_daytona_organization_id=x_daytona_organization_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateSnapshot,
    x_daytona_organization_id: str | Unset = UNSET,
) -> ApiError | Snapshot | None:
    """Register a snapshot from an image or build it from a Dockerfile

     The snapshot is created asynchronously; poll it until it is `active`, `error` or `build_failed`.
    Tags named `latest` are rejected.

    Args:
        x_daytona_organization_id (str | Unset):
        body (CreateSnapshot): What to create a snapshot from, and the resources its sandboxes
            get.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | Snapshot
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_daytona_organization_id=x_daytona_organization_id,
        )
    ).parsed
