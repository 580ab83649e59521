from typing import Any

from ...models.create_sandbox import CreateSandbox
from ...models.sandbox import Sandbox
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> Sandbox:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = Sandbox.from_dict(response.json())

    return response_200


def request(
    *,
    body: CreateSandbox,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[Sandbox]:
    """Create a sandbox (``POST /sandbox``).

    Creates a sandbox from a snapshot or from build instructions. The sandbox is returned at once,
    usually before it has reached `started`.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``Sandbox``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/sandbox",
        _parse,
        headers=headers,
        **_kwargs,
    )
