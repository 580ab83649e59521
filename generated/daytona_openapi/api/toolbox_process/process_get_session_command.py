from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.session_command import SessionCommand
from ...types import Response


def _get_kwargs(
    session_id: str,
    command_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/process/session/{session_id}/command/{command_id}".format(
            session_id=quote(str(session_id), safe=""),
            command_id=quote(str(command_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | SessionCommand | None:
    if response.status_code == 200:
        response_200 = SessionCommand.from_dict(response.json())

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
) -> Response[ApiError | SessionCommand]:
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
) -> Response[ApiError | SessionCommand]:
    """Get a command run in a session

    Args:
        session_id (str):
        command_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | SessionCommand]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        command_id=command_id,
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
) -> ApiError | SessionCommand | None:
    """Get a command run in a session

    Args:
        session_id (str):
        command_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | SessionCommand
    """

    return sync_detailed(
        session_id=session_id,
        command_id=command_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    session_id: str,
    command_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ApiError | SessionCommand]:
    """Get a command run in a session

    Args:
        session_id (str):
        command_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | SessionCommand]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        command_id=command_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    session_id: str,
    command_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ApiError | SessionCommand | None:
    """Get a command run in a session

    Args:
        session_id (str):
        command_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | SessionCommand
    """

    return (
        await asyncio_detailed(
            session_id=session_id,
            command_id=command_id,
            client=client,
        )
    ).parsed
