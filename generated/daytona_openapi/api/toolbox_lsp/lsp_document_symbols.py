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
    language_id: str,
    path_to_project: str,
    uri: str,
) -> Request[list[LspSymbol]]:
    """List the symbols in a file (``GET /lsp/document-symbols``).

    Functions, classes, variables and other symbols the language server finds in one file.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``list[LspSymbol]``."""

    params: dict[str, Any] = {}

    params["languageId"] = language_id

    params["pathToProject"] = path_to_project

    params["uri"] = uri

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/lsp/document-symbols",
        _parse,
        params=params,
        **_kwargs,
    )
