from typing import Any

from ...models.interpreter_context_list import InterpreterContextList
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> InterpreterContextList:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = InterpreterContextList.from_dict(response.json())

    return response_200


def request() -> Request[InterpreterContextList]:
    """List interpreter contexts (``GET /process/interpreter/context``).

    The contexts created by callers; the built-in default context is not included.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``InterpreterContextList``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/process/interpreter/context",
        _parse,
        **_kwargs,
    )
