from typing import Any
from urllib.parse import quote

from ...models.session_command_input import SessionCommandInput
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> None:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    return


def request(
    session_id: str,
    command_id: str,
    *,
    body: SessionCommandInput,
) -> Request[None]:
    """Write to a running command's stdin (``POST /process/session/{session_id}/command/{command_id}/input``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``None``."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/process/session/{session_id}/command/{command_id}/input".format(
            session_id=quote(str(session_id), safe=""),
            command_id=quote(str(command_id), safe=""),
        ),
        _parse,
        headers=headers,
        **_kwargs,
    )
