from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.screenshot_response import ScreenshotResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    show_cursor: bool | Unset = UNSET,
    format_: str | Unset = UNSET,
    quality: int | Unset = UNSET,
    scale: float | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["showCursor"] = show_cursor

    params["format"] = format_

    params["quality"] = quality

    params["scale"] = scale

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/computeruse/screenshot/compressed",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | ScreenshotResponse | None:
    if response.status_code == 200:
        response_200 = ScreenshotResponse.from_dict(response.json())

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
) -> Response[ApiError | ScreenshotResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    show_cursor: bool | Unset = UNSET,
    format_: str | Unset = UNSET,
    quality: int | Unset = UNSET,
    scale: float | Unset = UNSET,
) -> Response[ApiError | ScreenshotResponse]:
    """Capture the whole screen as a compressed image

    Args:
        show_cursor (bool | Unset):
        format_ (str | Unset):
        quality (int | Unset):
        scale (float | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | ScreenshotResponse]
    """

    kwargs = _get_kwargs(
        show_cursor=show_cursor,
        format_=format_,
        quality=quality,
        scale=scale,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    show_cursor: bool | Unset = UNSET,
    format_: str | Unset = UNSET,
    quality: int | Unset = UNSET,
    scale: float | Unset = UNSET,
) -> ApiError | ScreenshotResponse | None:
    """Capture the whole screen as a compressed image

    Args:
        show_cursor (bool | Unset):
        format_ (str | Unset):
        quality (int | Unset):
        scale (float | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | ScreenshotResponse
    """

    return sync_detailed(
        client=client,
        show_cursor=show_cursor,
        format_=format_,
        quality=quality,
        scale=scale,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    show_cursor: bool | Unset = UNSET,
    format_: str | Unset = UNSET,
    quality: int | Unset = UNSET,
    scale: float | Unset = UNSET,
) -> Response[ApiError | ScreenshotResponse]:
    """Capture the whole screen as a compressed image

    Args:
        show_cursor (bool | Unset):
        format_ (str | Unset):
        quality (int | Unset):
        scale (float | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | ScreenshotResponse]
    """

    kwargs = _get_kwargs(
        show_cursor=show_cursor,
        format_=format_,
        quality=quality,
        scale=scale,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    show_cursor: bool | Unset = UNSET,
    format_: str | Unset = UNSET,
    quality: int | Unset = UNSET,
    scale: float | Unset = UNSET,
) -> ApiError | ScreenshotResponse | None:
    """Capture the whole screen as a compressed image

    Args:
        show_cursor (bool | Unset):
        format_ (str | Unset):
        quality (int | Unset):
        scale (float | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | ScreenshotResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            show_cursor=show_cursor,
            format_=format_,
            quality=quality,
            scale=scale,
        )
    ).parsed
