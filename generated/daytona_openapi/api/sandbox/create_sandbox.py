from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.create_sandbox import CreateSandbox
from ...models.sandbox import Sandbox
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CreateSandbox,
    x_daytona_organization_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/sandbox",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | Sandbox | None:
    if response.status_code == 200:
        response_200 = Sandbox.from_dict(response.json())

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
) -> Response[ApiError | Sandbox]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateSandbox,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Response[ApiError | Sandbox]:
    """Create a sandbox

     Creates a sandbox from a snapshot or from build instructions. The sandbox is returned at once,
    usually before it has reached `started`.

    Args:
        x_daytona_organization_id (str | Unset):
        body (CreateSandbox): Settings for a new sandbox. Give `snapshot` to start from an
            existing snapshot, or `buildInfo` to build an image first.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | Sandbox]
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
    body: CreateSandbox,
    x_daytona_organization_id: str | Unset = UNSET,
) -> ApiError | Sandbox | None:
    """Create a sandbox

     Creates a sandbox from a snapshot or from build instructions. The sandbox is returned at once,
    usually before it has reached `started`.

    Args:
        x_daytona_organization_id (str | Unset):
        body (CreateSandbox): Settings for a new sandbox. Give `snapshot` to start from an
            existing snapshot, or `buildInfo` to build an image first.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | Sandbox
    """

    return sync_detailed(
        client=client,
        body=body,
        x_daytona_organization_id=x_daytona_organization_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateSandbox,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Response[ApiError | Sandbox]:
    """Create a sandbox

     Creates a sandbox from a snapshot or from build instructions. The sandbox is returned at once,
    usually before it has reached `started`.

    Args:
        x_daytona_organization_id (str | Unset):
        body (CreateSandbox): Settings for a new sandbox. Give `snapshot` to start from an
            existing snapshot, or `buildInfo` to build an image first.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | Sandbox]
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
    body: CreateSandbox,
    x_daytona_organization_id: str | Unset = UNSET,
) -> ApiError | Sandbox | None:
    """Create a sandbox

     Creates a sandbox from a snapshot or from build instructions. The sandbox is returned at once,
    usually before it has reached `started`.

    Args:
        x_daytona_organization_id (str | Unset):
        body (CreateSandbox): Settings for a new sandbox. Give `snapshot` to start from an
            existing snapshot, or `buildInfo` to build an image first.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | Sandbox
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_daytona_organization_id=x_daytona_organization_id,
        )
    ).parsed
