from typing import Any
from urllib.parse import quote

from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> None:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    return


def request(
    recording_id: str,
) -> Request[None]:
    """Delete a screen recording and its file (``DELETE /computeruse/recordings/{recording_id}``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``None``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "DELETE",
        "/computeruse/recordings/{recording_id}".format(
            recording_id=quote(str(recording_id), safe=""),
        ),
        _parse,
        **_kwargs,
    )
