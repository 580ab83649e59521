from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.computer_use_process_errors_response import (
    ComputerUseProcessErrorsResponse,
)
from ...types import Response


def _get_kwargs(
    process_name: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/computeruse/process/{process_name}/errors".format(
            process_name=quote(str(process_name), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | ComputerUseProcessErrorsResponse | None:
    if response.status_code == 200:
        response_200 = ComputerUseProcessErrorsResponse.from_dict(response.json())

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
) -> Response[ApiError | ComputerUseProcessErrorsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    process_name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ApiError | ComputerUseProcessErrorsResponse]:
    """Get the error output of one computer-use process

    Args:
        process_name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | ComputerUseProcessErrorsResponse]
    """

    kwargs = _get_kwargs(
        process_name=process_name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    process_name: str,
    *,
    client: AuthenticatedClient | Client,
) -> ApiError | ComputerUseProcessErrorsResponse | None:
    """Get the error output of one computer-use process

    Args:
        process_name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | ComputerUseProcessErrorsResponse
    """

    return sync_detailed(
        process_name=process_name,
        client=client,
    ).parsed


async def asyncio_detailed(
    process_name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ApiError | ComputerUseProcessErrorsResponse]:
    """Get the error output of one computer-use process

    Args:
        process_name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | ComputerUseProcessErrorsResponse]
    """

    kwargs = _get_kwargs(
        process_name=process_name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    process_name: str,
    *,
    client: AuthenticatedClient | Client,
) -> ApiError | ComputerUseProcessErrorsResponse | None:
    """Get the error output of one computer-use process

    Args:
        process_name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | ComputerUseProcessErrorsResponse
    """

    return (
        await asyncio_detailed(
            process_name=process_name,
            client=client,
        )
    ).parsed
