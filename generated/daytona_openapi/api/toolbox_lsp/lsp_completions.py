from typing import Any

from ...models.lsp_completion_list import LspCompletionList
from ...models.lsp_completion_request import LspCompletionRequest
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> LspCompletionList:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = LspCompletionList.from_dict(response.json())

    return response_200


def request(
    *,
    body: LspCompletionRequest,
) -> Request[LspCompletionList]:
    """Get completion suggestions (``POST /lsp/completions``).

    Asks the language server what could be inserted at a position in a file.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``LspCompletionList``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/lsp/completions",
        _parse,
        headers=headers,
        **_kwargs,
    )
