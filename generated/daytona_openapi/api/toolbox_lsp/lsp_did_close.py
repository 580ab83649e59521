from typing import Any

from ...models.lsp_document_request import LspDocumentRequest
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> None:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    return


def request(
    *,
    body: LspDocumentRequest,
) -> Request[None]:
    """Tell the language server a file was closed (``POST /lsp/did-close``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``None``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/lsp/did-close",
        _parse,
        headers=headers,
        **_kwargs,
    )
