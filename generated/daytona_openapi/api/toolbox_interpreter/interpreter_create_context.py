from typing import Any

from ...models.interpreter_context import InterpreterContext
from ...models.interpreter_create_context_request import InterpreterCreateContextRequest
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> InterpreterContext:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = InterpreterContext.from_dict(response.json())

    return response_200


def request(
    *,
    body: InterpreterCreateContextRequest,
) -> Request[InterpreterContext]:
    """Create an interpreter context (``POST /process/interpreter/context``).

    Starts a separate, stateful interpreter whose variables and imports persist between runs.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``InterpreterContext``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/process/interpreter/context",
        _parse,
        headers=headers,
        **_kwargs,
    )
