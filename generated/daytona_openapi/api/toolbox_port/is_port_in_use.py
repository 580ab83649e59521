from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.port_in_use_response import PortInUseResponse
from ...types import Response


def _get_kwargs(
    port: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/port/{port}/in-use".format(
            port=quote(str(port), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | PortInUseResponse | None:
    if response.status_code == 200:
        response_200 = PortInUseResponse.from_dict(response.json())

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
) -> Response[ApiError | PortInUseResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    port: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ApiError | PortInUseResponse]:
    """Tell whether something listens on a port

    Args:
        port (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | PortInUseResponse]
    """

    kwargs = _get_kwargs(
        port=port,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    port: int,
    *,
    client: AuthenticatedClient | Client,
) -> ApiError | PortInUseResponse | None:
    """Tell whether something listens on a port

    Args:
        port (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | PortInUseResponse
    """

    return sync_detailed(
        port=port,
        client=client,
    ).parsed


async def asyncio_detailed(
    port: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ApiError | PortInUseResponse]:
    """Tell whether something listens on a port

    Args:
        port (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | PortInUseResponse]
    """

    kwargs = _get_kwargs(
        port=port,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    port: int,
    *,
    client: AuthenticatedClient | Client,
) -> ApiError | PortInUseResponse | None:
    """Tell whether something listens on a port

    Args:
        port (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | PortInUseResponse
    """

    return (
        await asyncio_detailed(
            port=port,
            client=client,
        )
    ).parsed
