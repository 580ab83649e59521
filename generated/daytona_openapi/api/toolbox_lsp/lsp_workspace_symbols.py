from typing import Any

from ...models.lsp_symbol import LspSymbol
from ...types import UNSET, Request, ResponseLike


def _parse(response: ResponseLike) -> list[LspSymbol]:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = []
    _response_200 = response.json()
    for response_200_item_data in _response_200:
        response_200_item = LspSymbol.from_dict(response_200_item_data)

        response_200.append(response_200_item)

    return response_200


def request(
    query: str,
    language_id: str,
    path_to_project: str,
) -> Request[list[LspSymbol]]:
    """Search symbols across the project (``GET /lsp/workspacesymbols``).

    Symbols anywhere in the project whose names match the query.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``list[LspSymbol]``."""

    params: dict[str, Any] = {}

    params["query"] = query

    params["languageId"] = language_id

    params["pathToProject"] = path_to_project

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/lsp/workspacesymbols",
        _parse,
        params=params,
        **_kwargs,
    )
