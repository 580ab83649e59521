from typing import Any
from urllib.parse import quote

from ...models.sandbox_build_logs_url import SandboxBuildLogsUrl
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> SandboxBuildLogsUrl:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = SandboxBuildLogsUrl.from_dict(response.json())

    return response_200


def request(
    sandbox_id_or_name: str,
    *,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[SandboxBuildLogsUrl]:
    """Get the URL that streams a sandbox's image build log (``GET /sandbox/{sandbox_id_or_name}/build-logs-url``).

    Returns a URL; GET it with the same credentials (add `?follow=true` to keep streaming while the
    build runs).

    Returns the request, ready to send; its ``parse`` reads the success answer as ``SandboxBuildLogsUrl``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/sandbox/{sandbox_id_or_name}/build-logs-url".format(
            sandbox_id_or_name=quote(str(sandbox_id_or_name), safe=""),
        ),
        _parse,
        headers=headers,
        **_kwargs,
    )
