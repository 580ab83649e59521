from typing import Any

from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> None:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    return


def request(
    path: str,
    *,
    recursive: bool | Unset = UNSET,
) -> Request[None]:
    """Remove a file or directory in the sandbox (``DELETE /files``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``None``."""

    params: dict[str, Any] = {}

    params["path"] = path

    params["recursive"] = recursive

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "DELETE",
        "/files",
        _parse,
        params=params,
        **_kwargs,
    )
