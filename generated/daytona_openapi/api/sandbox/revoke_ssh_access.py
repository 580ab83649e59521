from typing import Any
from urllib.parse import quote

from ...models.sandbox import Sandbox
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> Sandbox:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = Sandbox.from_dict(response.json())

    return response_200


def request(
    sandbox_id_or_name: str,
    *,
    token: str | Unset = UNSET,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[Sandbox]:
    """Revoke SSH access to a sandbox (``DELETE /sandbox/{sandbox_id_or_name}/ssh-access``).

    Revokes the given token, or every SSH token of the sandbox when `token` is left out.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``Sandbox``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    params: dict[str, Any] = {}

    params["token"] = token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {}
    return Request(
        "DELETE",
        "/sandbox/{sandbox_id_or_name}/ssh-access".format(
            sandbox_id_or_name=quote(str(sandbox_id_or_name), safe=""),
        ),
        _parse,
        params=params,
        headers=headers,
        **_kwargs,
    )
