from typing import Any
from urllib.parse import quote

from ...models.session_execute_request import SessionExecuteRequest
from ...models.session_execute_response import SessionExecuteResponse
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> SessionExecuteResponse:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    if response.status_code == 200:
        response_200 = SessionExecuteResponse.from_dict(response.json())

        return response_200

    response_202 = SessionExecuteResponse.from_dict(response.json())

    return response_202


def request(
    session_id: str,
    *,
    body: SessionExecuteRequest,
) -> Request[SessionExecuteResponse]:
    """Run a command in a shell session (``POST /process/session/{session_id}/exec``).

    Runs a command in the session's shell. Synchronous runs answer 200 with the output and exit code;
    with runAsync the answer is 202 with just the command id.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``SessionExecuteResponse``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/process/session/{session_id}/exec".format(
            session_id=quote(str(session_id), safe=""),
        ),
        _parse,
        headers=headers,
        **_kwargs,
    )
