from typing import Any

from ...models.execute_request import ExecuteRequest
from ...models.execute_response import ExecuteResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> ExecuteResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = ExecuteResponse.from_dict(response.json())

    return response_200


def request(
    *,
    body: ExecuteRequest,
) -> Request[ExecuteResponse]:
    """Run a shell command and wait for it to finish (``POST /process/execute``).

    Runs one command in the sandbox and returns its combined output and exit code once it ends or times
    out.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``ExecuteResponse``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/process/execute",
        _parse,
        headers=headers,
        **_kwargs,
    )
