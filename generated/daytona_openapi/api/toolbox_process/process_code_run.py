from typing import Any

from ...models.code_run_request import CodeRunRequest
from ...models.code_run_response import CodeRunResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> CodeRunResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = CodeRunResponse.from_dict(response.json())

    return response_200


def request(
    *,
    body: CodeRunRequest,
) -> Request[CodeRunResponse]:
    """Run a code snippet (``POST /process/code-run``).

    Runs a Python, JavaScript or TypeScript snippet and returns its output, exit code and any chart
    artifacts it produced.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``CodeRunResponse``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/process/code-run",
        _parse,
        headers=headers,
        **_kwargs,
    )
