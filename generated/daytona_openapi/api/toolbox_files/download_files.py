from http import HTTPStatus
from io import BytesIO
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.files_download_request import FilesDownloadRequest
from ...types import File, Response


def _get_kwargs(
    *,
    body: FilesDownloadRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/files/bulk-download",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

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
    *,
    client: AuthenticatedClient | Client,
    body: FilesDownloadRequest,
) -> Response[ApiError | File]:
    """Fetch several files in one multipart response

     The answer is a multipart/form-data stream: each file arrives as a part named `file` (its filename
    is the requested path) and each per-file failure as a part named `error` holding a JSON error body.
    The generated client cannot parse multipart, so it exposes the raw body as bytes (application/octet-
    stream is listed first for that reason); read the stream incrementally in hand-written code.

    Args:
        body (FilesDownloadRequest): The files to fetch in one bulk download.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | File]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: FilesDownloadRequest,
) -> ApiError | File | None:
    """Fetch several files in one multipart response

     The answer is a multipart/form-data stream: each file arrives as a part named `file` (its filename
    is the requested path) and each per-file failure as a part named `error` holding a JSON error body.
    The generated client cannot parse multipart, so it exposes the raw body as bytes (application/octet-
    stream is listed first for that reason); read the stream incrementally in hand-written code.

    Args:
        body (FilesDownloadRequest): The files to fetch in one bulk download.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | File
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: FilesDownloadRequest,
) -> Response[ApiError | File]:
    """Fetch several files in one multipart response

     The answer is a multipart/form-data stream: each file arrives as a part named `file` (its filename
    is the requested path) and each per-file failure as a part named `error` holding a JSON error body.
    The generated client cannot parse multipart, so it exposes the raw body as bytes (application/octet-
    stream is listed first for that reason); read the stream incrementally in hand-written code.

    Args:
        body (FilesDownloadRequest): The files to fetch in one bulk download.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | File]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: FilesDownloadRequest,
) -> ApiError | File | None:
    """Fetch several files in one multipart response

     The answer is a multipart/form-data stream: each file arrives as a part named `file` (its filename
    is the requested path) and each per-file failure as a part named `error` holding a JSON error body.
    The generated client cannot parse multipart, so it exposes the raw body as bytes (application/octet-
    stream is listed first for that reason); read the stream incrementally in hand-written code.

    Args:
        body (FilesDownloadRequest): The files to fetch in one bulk download.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | File
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
