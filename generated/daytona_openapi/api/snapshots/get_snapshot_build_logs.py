from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    id: str,
    *,
    follow: bool | Unset = UNSET,
    x_daytona_organization_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    params: dict[str, Any] = {}

    params["follow"] = follow

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/snapshots/{id}/build-logs".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | File | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

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
) -> Response[ApiError | File]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    follow: bool | Unset = UNSET,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Response[ApiError | File]:
    """Read a snapshot's build output as plain text

     Superseded by the build-logs-url operation. With `follow=true` the body is a chunked text stream
    that stays open while the build runs.

    Args:
        id (str):
        follow (bool | Unset):
        x_daytona_organization_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | File]
    """

    kwargs = _get_kwargs(
        id=id,
        follow=follow,
        x_daytona_organization_id=x_daytona_organization_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    follow: bool | Unset = UNSET,
    x_daytona_organization_id: str | Unset = UNSET,
) -> ApiError | File | None:
    """Read a snapshot's build output as plain text

     Superseded by the build-logs-url operation. With `follow=true` the body is a chunked text stream
    that stays open while the build runs.

    Args:
        id (str):
        follow (bool | Unset):
        x_daytona_organization_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | File
    """

    return sync_detailed(
        id=id,
        client=client,
        follow=follow,
        x_daytona_organization_id=x_daytona_organization_id,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    follow: bool | Unset = UNSET,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Response[ApiError | File]:
    """Read a snapshot's build output as plain text

     Superseded by the build-logs-url operation. With `follow=true` the body is a chunked text stream
    that stays open while the build runs.

    Args:
        id (str):
        follow (bool | Unset):
        x_daytona_organization_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | File]
    """

    kwargs = _get_kwargs(
        id=id,
        follow=follow,
        x_daytona_organization_id=x_daytona_organization_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    follow: bool | Unset = UNSET,
    x_daytona_organization_id: str | Unset = UNSET,
) -> ApiError | File | None:
    """Read a snapshot's build output as plain text

     Superseded by the build-logs-url operation. With `follow=true` the body is a chunked text stream
    that stays open while the build runs.

    Args:
        id (str):
        follow (bool | Unset):
        x_daytona_organization_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | File
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            follow=follow,
            x_daytona_organization_id=x_daytona_organization_id,
        )
    ).parsed
