from typing import Any

from ...models.ssh_access_validation import SshAccessValidation
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> SshAccessValidation:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = SshAccessValidation.from_dict(response.json())

    return response_200


def request(
    token: str,
    *,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[SshAccessValidation]:
    """Check an SSH access token (``GET /sandbox/ssh-access/validate``).

    Tells whether an SSH access token is currently valid and which sandbox it opens.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``SshAccessValidation``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    params: dict[str, Any] = {}

    params["token"] = token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "GET",
        "/sandbox/ssh-access/validate",
        _parse,
        params=params,
        headers=headers,
        **_kwargs,
    )
