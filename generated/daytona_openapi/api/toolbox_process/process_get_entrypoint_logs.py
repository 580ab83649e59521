from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.session_command_logs import SessionCommandLogs
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    follow: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["follow"] = follow

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/process/session/entrypoint/logs",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ApiError | SessionCommandLogs | None:
    if response.status_code == 101:
        response_101 = cast(Any, None)
        return response_101

    if response.status_code == 200:
        response_200 = SessionCommandLogs.from_dict(response.json())

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
) -> Response[Any | ApiError | SessionCommandLogs]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    follow: bool | Unset = UNSET,
) -> Response[Any | ApiError | SessionCommandLogs]:
    """Read the entrypoint's output

     Returns what the entrypoint has written so far, split into stdout and stderr (recent SDK versions
    get JSON; older ones get plain text). When requested as a WebSocket upgrade with follow=true, the
    output is streamed live instead.

    Args:
        follow (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ApiError | SessionCommandLogs]
    """

    kwargs = _get_kwargs(
        follow=follow,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    follow: bool | Unset = UNSET,
) -> Any | ApiError | SessionCommandLogs | None:
    """Read the entrypoint's output

     Returns what the entrypoint has written so far, split into stdout and stderr (recent SDK versions
    get JSON; older ones get plain text). When requested as a WebSocket upgrade with follow=true, the
    output is streamed live instead.

    Args:
        follow (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ApiError | SessionCommandLogs
    """

    return sync_detailed(
        client=client,
        follow=follow,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    follow: bool | Unset = UNSET,
) -> Response[Any | ApiError | SessionCommandLogs]:
    """Read the entrypoint's output

     Returns what the entrypoint has written so far, split into stdout and stderr (recent SDK versions
    get JSON; older ones get plain text). When requested as a WebSocket upgrade with follow=true, the
    output is streamed live instead.

    Args:
        follow (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ApiError | SessionCommandLogs]
    """

    kwargs = _get_kwargs(
        follow=follow,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    follow: bool | Unset = UNSET,
) -> Any | ApiError | SessionCommandLogs | None:
    """Read the entrypoint's output

     Returns what the entrypoint has written so far, split into stdout and stderr (recent SDK versions
    get JSON; older ones get plain text). When requested as a WebSocket upgrade with follow=true, the
    output is streamed live instead.

    Args:
        follow (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ApiError | SessionCommandLogs
    """

    return (
        await asyncio_detailed(
            client=client,
            follow=follow,
        )
    ).parsed
