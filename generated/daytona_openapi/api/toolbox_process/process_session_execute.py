from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.session_execute_request import SessionExecuteRequest
from ...models.session_execute_response import SessionExecuteResponse
from ...types import Response


def _get_kwargs(
    session_id: str,
    *,
    body: SessionExecuteRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/process/session/{session_id}/exec".format(
            session_id=quote(str(session_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | SessionExecuteResponse | None:
    if response.status_code == 200:
        response_200 = SessionExecuteResponse.from_dict(response.json())

        return response_200

    if response.status_code == 202:
        response_202 = SessionExecuteResponse.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = ApiError.from_dict(response.json())

        return response_400

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
) -> Response[ApiError | SessionExecuteResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SessionExecuteRequest,
) -> Response[ApiError | SessionExecuteResponse]:
    """Run a command in a shell session

     Runs a command in the session's shell. Synchronous runs answer 200 with the output and exit code;
    with runAsync the answer is 202 with just the command id.

    Args:
        session_id (str):
        body (SessionExecuteRequest): A command to run in a shell session.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | SessionExecuteResponse]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SessionExecuteRequest,
) -> ApiError | SessionExecuteResponse | None:
    """Run a command in a shell session

     Runs a command in the session's shell. Synchronous runs answer 200 with the output and exit code;
    with runAsync the answer is 202 with just the command id.

    Args:
        session_id (str):
        body (SessionExecuteRequest): A command to run in a shell session.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | SessionExecuteResponse
    """

    return sync_detailed(
        session_id=session_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SessionExecuteRequest,
) -> Response[ApiError | SessionExecuteResponse]:
    """Run a command in a shell session

     Runs a command in the session's shell. Synchronous runs answer 200 with the output and exit code;
    with runAsync the answer is 202 with just the command id.

    Args:
        session_id (str):
        body (SessionExecuteRequest): A command to run in a shell session.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | SessionExecuteResponse]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SessionExecuteRequest,
) -> ApiError | SessionExecuteResponse | None:
    """Run a command in a shell session

     Runs a command in the session's shell. Synchronous runs answer 200 with the output and exit code;
    with runAsync the answer is 202 with just the command id.

    Args:
        session_id (str):
        body (SessionExecuteRequest): A command to run in a shell session.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | SessionExecuteResponse
    """

    return (
        await asyncio_detailed(
            session_id=session_id,
            client=client,
            body=body,
        )
    ).parsed
