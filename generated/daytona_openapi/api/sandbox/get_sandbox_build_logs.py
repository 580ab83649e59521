from typing import Any
from urllib.parse import quote

from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> str:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = response.text
    return response_200


def request(
    sandbox_id_or_name: str,
    *,
    follow: bool | Unset = UNSET,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[str]:
    """Read a sandbox's image build log (deprecated) (``GET /sandbox/{sandbox_id_or_name}/build-logs``).

    Returns the build log as plain text. With `follow` the response is a chunked stream that stays open
    while the build runs. Prefer `getSandboxBuildLogsUrl`.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``str``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    params: dict[str, Any] = {}

    params["follow"] = follow

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/sandbox/{sandbox_id_or_name}/build-logs".format(
            sandbox_id_or_name=quote(str(sandbox_id_or_name), safe=""),
        ),
        _parse,
        params=params,
        headers=headers,
        **_kwargs,
    )
