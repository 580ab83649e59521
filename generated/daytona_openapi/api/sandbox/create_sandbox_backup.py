from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.sandbox import Sandbox
from ...types import UNSET, Response, Unset


def _get_kwargs(
    sandbox_id_or_name: str,
    *,
    x_daytona_organization_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/sandbox/{sandbox_id_or_name}/backup".format(
            sandbox_id_or_name=quote(str(sandbox_id_or_name), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | Sandbox | None:
    if response.status_code == 201:
        response_201 = Sandbox.from_dict(response.json())

        return response_201

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
    sandbox_id_or_name: str,
    *,
    client: AuthenticatedClient | Client,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Response[ApiError | Sandbox]:
    """Start a backup of a sandbox

    Args:
        sandbox_id_or_name (str):
        x_daytona_organization_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | Sandbox]
    """

    kwargs = _get_kwargs(
        sandbox_id_or_name=sandbox_id_or_name,
        x_daytona_organization_id=x_daytona_organization_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    sandbox_id_or_name: str,
    *,
    client: AuthenticatedClient | Client,
    x_daytona_organization_id: str | Unset = UNSET,
) -> ApiError | Sandbox | None:
    """Start a backup of a sandbox

    Args:
        sandbox_id_or_name (str):
        x_daytona_organization_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | Sandbox
    """

    return sync_detailed(
        sandbox_id_or_name=sandbox_id_or_name,
        client=client,
        x_daytona_organization_id=x_daytona_organization_id,
    ).parsed


async def asyncio_detailed(
    sandbox_id_or_name: str,
    *,
    client: AuthenticatedClient | Client,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Response[ApiError | Sandbox]:
    """Start a backup of a sandbox

    Args:
        sandbox_id_or_name (str):
        x_daytona_organization_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | Sandbox]
    """

    kwargs = _get_kwargs(
        sandbox_id_or_name=sandbox_id_or_name,
        x_daytona_organization_id=x_daytona_organization_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    sandbox_id_or_name: str,
    *,
    client: AuthenticatedClient | Client,
    x_daytona_organization_id: str | Unset = UNSET,
) -> ApiError | Sandbox | None:
    """Start a backup of a sandbox

    Args:
        sandbox_id_or_name (str):
        x_daytona_organization_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | Sandbox
    """

    return (
        await asyncio_detailed(
            sandbox_id_or_name=sandbox_id_or_name,
            client=client,
            x_daytona_organization_id=x_daytona_organization_id,
        )
    ).parsed
