from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.session_command_logs import SessionCommandLogs
from ...types import UNSET, Response, Unset


def _get_kwargs(
    session_id: str,
    command_id: str,
    *,
    follow: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["follow"] = follow

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/process/session/{session_id}/command/{command_id}/logs".format(
            session_id=quote(str(session_id), safe=""),
            command_id=quote(str(command_id), safe=""),
        ),
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
    session_id: str,
    command_id: str,
    *,
    client: AuthenticatedClient | Client,
    follow: bool | Unset = UNSET,
) -> Response[Any | ApiError | SessionCommandLogs]:
    """Read a session command's output

     Returns what the command has written so far, split into stdout and stderr (recent SDK versions get
    JSON; older ones get plain text). When requested as a WebSocket upgrade with follow=true, the output
    is streamed live instead.

    Args:
        session_id (str):
        command_id (str):
        follow (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ApiError | SessionCommandLogs]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        command_id=command_id,
        follow=follow,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    session_id: str,
    command_id: str,
    *,
    client: AuthenticatedClient | Client,
    follow: bool | Unset = UNSET,
) -> Any | ApiError | SessionCommandLogs | None:
    """Read a session command's output

     Returns what the command has written so far, split into stdout and stderr (recent SDK versions get
    JSON; older ones get plain text). When requested as a WebSocket upgrade with follow=true, the output
    is streamed live instead.

    Args:
        session_id (str):
        command_id (str):
        follow (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ApiError | SessionCommandLogs
    """

    return sync_detailed(
        session_id=session_id,
        command_id=command_id,
        client=client,
        follow=follow,
    ).parsed


async def asyncio_detailed(
    session_id: str,
    command_id: str,
    *,
    client: AuthenticatedClient | Client,
    follow: bool | Unset = UNSET,
) -> Response[Any | ApiError | SessionCommandLogs]:
    """Read a session command's output

     Returns what the command has written so far, split into stdout and stderr (recent SDK versions get
    JSON; older ones get plain text). When requested as a WebSocket upgrade with follow=true, the output
    is streamed live instead.

    Args:
        session_id (str):
        command_id (str):
        follow (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ApiError | SessionCommandLogs]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        command_id=command_id,
        follow=follow,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    session_id: str,
    command_id: str,
    *,
    client: AuthenticatedClient | Client,
    follow: bool | Unset = UNSET,
) -> Any | ApiError | SessionCommandLogs | None:
    """Read a session command's output

     Returns what the command has written so far, split into stdout and stderr (recent SDK versions get
    JSON; older ones get plain text). When requested as a WebSocket upgrade with follow=true, the output
    is streamed live instead.

    Args:
        session_id (str):
        command_id (str):
        follow (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ApiError | SessionCommandLogs
    """

    return (
        await asyncio_detailed(
            session_id=session_id,
            command_id=command_id,
            client=client,
            follow=follow,
        )
    ).parsed
