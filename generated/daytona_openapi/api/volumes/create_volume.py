from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.create_volume import CreateVolume
from ...models.volume import Volume
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CreateVolume,
    x_daytona_organization_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/volumes",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | Volume | None:
    if response.status_code == 200:
        response_200 = Volume.from_dict(response.json())

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
) -> Response[ApiError | Volume]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateVolume,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Response[ApiError | Volume]:
    """Create a shared volume

     The volume starts in `pending_create` and becomes `ready` once provisioned.

    Args:
        x_daytona_organization_id (str | Unset):
        body (CreateVolume): Input for creating a volume.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | Volume]
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
    body: CreateVolume,
    x_daytona_organization_id: str | Unset = UNSET,
) -> ApiError | Volume | None:
    """Create a shared volume

     The volume starts in `pending_create` and becomes `ready` once provisioned.

    Args:
        x_daytona_organization_id (str | Unset):
        body (CreateVolume): Input for creating a volume.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | Volume
    """

    return sync_detailed(
        client=client,
        body=body,
        x_daytona_organization_id=x_daytona_organization_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateVolume,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Response[ApiError | Volume]:
    """Create a shared volume

     The volume starts in `pending_create` and becomes `ready` once provisioned.

    Args:
        x_daytona_organization_id (str | Unset):
        body (CreateVolume): Input for creating a volume.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | Volume]
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
    body: CreateVolume,
    x_daytona_organization_id: str | Unset = UNSET,
) -> ApiError | Volume | None:
    """Create a shared volume

     The volume starts in `pending_create` and becomes `ready` once provisioned.

    Args:
        x_daytona_organization_id (str | Unset):
        body (CreateVolume): Input for creating a volume.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | Volume
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_daytona_organization_id=x_daytona_organization_id,
        )
    ).parsed
