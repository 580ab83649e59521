from typing import Any
from urllib.parse import quote

from ...models.create_sandbox_snapshot import CreateSandboxSnapshot
from ...models.sandbox import Sandbox
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> Sandbox:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = Sandbox.from_dict(response.json())

    return response_200


def request(
    sandbox_id_or_name: str,
    *,
    body: CreateSandboxSnapshot,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[Sandbox]:
    """Save a sandbox as a new snapshot (``POST /sandbox/{sandbox_id_or_name}/snapshot``).

    Starts turning the sandbox into a named snapshot; the sandbox is in `snapshotting` until that is
    done.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``Sandbox``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "POST",
        "/sandbox/{sandbox_id_or_name}/snapshot".format(
            sandbox_id_or_name=quote(str(sandbox_id_or_name), safe=""),
        ),
        _parse,
        headers=headers,
        **_kwargs,
    )
