from typing import Any

from ...models.toolbox_version import ToolboxVersion
from ...types import Request, ResponseLike


def _parse(response: ResponseLike) -> ToolboxVersion:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = ToolboxVersion.from_dict(response.json())

    return response_200


def request() -> Request[ToolboxVersion]:
    """Get the version of the sandbox's toolbox daemon (``GET /version``).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``ToolboxVersion``."""

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/version",
        _parse,
        **_kwargs,
    )
