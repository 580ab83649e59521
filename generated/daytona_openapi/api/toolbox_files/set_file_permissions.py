from typing import Any

from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> None:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    return


def request(
    path: str,
    *,
    owner: str | Unset = UNSET,
    group: str | Unset = UNSET,
    mode: str | Unset = UNSET,
) -> Request[None]:
    """Change the mode, owner or group of a file or directory (``POST /files/permissions``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``None``."""

    params: dict[str, Any] = {}

    params["path"] = path

    params["owner"] = owner

    params["group"] = group

    params["mode"] = mode

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "POST",
        "/files/permissions",
        _parse,
        params=params,
        **_kwargs,
    )
