from typing import Any

from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> None:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    return


def request() -> Request[None]:
    """Run code in an interpreter context (WebSocket) (``GET /process/interpreter/execute``).

    WebSocket endpoint. After the upgrade the client sends one JSON message with the code (and
    optionally contextId, envs, timeout); the server streams stdout, stderr and error messages back and
    closes the socket when the run ends.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``None``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/process/interpreter/execute",
        _parse,
        **_kwargs,
    )
