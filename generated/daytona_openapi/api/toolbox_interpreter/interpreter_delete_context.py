from typing import Any
from urllib.parse import quote

from ...models.interpreter_delete_context_response import (
    InterpreterDeleteContextResponse,
)
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> InterpreterDeleteContextResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = InterpreterDeleteContextResponse.from_dict(response.json())

    return response_200


def request(
    id: str,
) -> Request[InterpreterDeleteContextResponse]:
    """Remove one interpreter context and its state (``DELETE /process/interpreter/context/{id}``).

    Stops the context's interpreter process and forgets its state.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``InterpreterDeleteContextResponse``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "DELETE",
        "/process/interpreter/context/{id}".format(
            id=quote(str(id), safe=""),
        ),
        _parse,
        **_kwargs,
    )
