from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.lsp_symbol import LspSymbol
from ...types import UNSET, Response


def _get_kwargs(
    *,
    language_id: str,
    path_to_project: str,
    uri: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["languageId"] = language_id

    params["pathToProject"] = path_to_project

    params["uri"] = uri

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/lsp/document-symbols",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | list[LspSymbol] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = LspSymbol.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[ApiError | list[LspSymbol]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    language_id: str,
    path_to_project: str,
    uri: str,
) -> Response[ApiError | list[LspSymbol]]:
    """List the symbols in a file

     Functions, classes, variables and other symbols the language server finds in one file.

    Args:
        language_id (str):
        path_to_project (str):
        uri (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | list[LspSymbol]]
    """

    kwargs = _get_kwargs(
        language_id=language_id,
        path_to_project=path_to_project,
        uri=uri,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    language_id: str,
    path_to_project: str,
    uri: str,
) -> ApiError | list[LspSymbol] | None:
    """List the symbols in a file

     Functions, classes, variables and other symbols the language server finds in one file.

    Args:
        language_id (str):
        path_to_project (str):
        uri (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | list[LspSymbol]
    """

    return sync_detailed(
        client=client,
        language_id=language_id,
        path_to_project=path_to_project,
        uri=uri,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    language_id: str,
    path_to_project: str,
    uri: str,
) -> Response[ApiError | list[LspSymbol]]:
    """List the symbols in a file

     Functions, classes, variables and other symbols the language server finds in one file.

    Args:
        language_id (str):
        path_to_project (str):
        uri (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | list[LspSymbol]]
    """

    kwargs = _get_kwargs(
        language_id=language_id,
        path_to_project=path_to_project,
        uri=uri,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    language_id: str,
    path_to_project: str,
    uri: str,
) -> ApiError | list[LspSymbol] | None:
    """List the symbols in a file

     Functions, classes, variables and other symbols the language server finds in one file.

    Args:
        language_id (str):
        path_to_project (str):
        uri (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | list[LspSymbol]
    """

    return (
        await asyncio_detailed(
            client=client,
            language_id=language_id,
            path_to_project=path_to_project,
            uri=uri,
        )
    ).parsed
