from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.accessibility_tree_response import AccessibilityTreeResponse
from ...models.api_error import ApiError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    scope: str | Unset = UNSET,
    pid: int | Unset = UNSET,
    max_depth: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["scope"] = scope

    params["pid"] = pid

    params["maxDepth"] = max_depth

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/computeruse/a11y/tree",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AccessibilityTreeResponse | ApiError | None:
    if response.status_code == 200:
        response_200 = AccessibilityTreeResponse.from_dict(response.json())

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
) -> Response[AccessibilityTreeResponse | ApiError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    scope: str | Unset = UNSET,
    pid: int | Unset = UNSET,
    max_depth: int | Unset = UNSET,
) -> Response[AccessibilityTreeResponse | ApiError]:
    """Get the accessibility tree

     Returns the accessibility tree of the focused application, of one process, or of every application.

    Args:
        scope (str | Unset):
        pid (int | Unset):
        max_depth (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessibilityTreeResponse | ApiError]
    """

    kwargs = _get_kwargs(
        scope=scope,
        pid=pid,
        max_depth=max_depth,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    scope: str | Unset = UNSET,
    pid: int | Unset = UNSET,
    max_depth: int | Unset = UNSET,
) -> AccessibilityTreeResponse | ApiError | None:
    """Get the accessibility tree

     Returns the accessibility tree of the focused application, of one process, or of every application.

    Args:
        scope (str | Unset):
        pid (int | Unset):
        max_depth (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessibilityTreeResponse | ApiError
    """

    return sync_detailed(
        client=client,
        scope=scope,
        pid=pid,
        max_depth=max_depth,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    scope: str | Unset = UNSET,
    pid: int | Unset = UNSET,
    max_depth: int | Unset = UNSET,
) -> Response[AccessibilityTreeResponse | ApiError]:
    """Get the accessibility tree

     Returns the accessibility tree of the focused application, of one process, or of every application.

    Args:
        scope (str | Unset):
        pid (int | Unset):
        max_depth (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessibilityTreeResponse | ApiError]
    """

    kwargs = _get_kwargs(
        scope=scope,
        pid=pid,
        max_depth=max_depth,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    scope: str | Unset = UNSET,
    pid: int | Unset = UNSET,
    max_depth: int | Unset = UNSET,
) -> AccessibilityTreeResponse | ApiError | None:
    """Get the accessibility tree

     Returns the accessibility tree of the focused application, of one process, or of every application.

    Args:
        scope (str | Unset):
        pid (int | Unset):
        max_depth (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessibilityTreeResponse | ApiError
    """

    return (
        await asyncio_detailed(
            client=client,
            scope=scope,
            pid=pid,
            max_depth=max_depth,
        )
    ).parsed
