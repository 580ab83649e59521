from typing import Any

from ...types import UNSET, Request, ResponseLike


def _parse(response: ResponseLike) -> None:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    return


def request(
    source: str,
    destination: str,
) -> Request[None]:
    """Move or rename a file or directory (``POST /files/move``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``None``."""

    params: dict[str, Any] = {}

    params["source"] = source

    params["destination"] = destination

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "POST",
        "/files/move",
        _parse,
        params=params,
        **_kwargs,
    )
