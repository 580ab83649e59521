from typing import Any
from urllib.parse import quote

from ...models.sandbox_label_set import SandboxLabelSet
from ...types import UNSET, Request, ResponseLike, Unset


def _parse(response: ResponseLike) -> SandboxLabelSet:
    """Read a success answer (any other 2xx status is read as the first documented one)."""
    response_200 = SandboxLabelSet.from_dict(response.json())

    return response_200


def request(
    sandbox_id_or_name: str,
    *,
    body: SandboxLabelSet,
    x_daytona_organization_id: str | Unset = UNSET,
) -> Request[SandboxLabelSet]:
    """Replace all of a sandbox's labels (``PUT /sandbox/{sandbox_id_or_name}/labels``).

    The given labels become the sandbox's only labels.

    Returns the request, ready to send; its ``parse`` reads the success answer as ``SandboxLabelSet``."""
    headers: dict[str, Any] = {}
    if not isinstance(x_daytona_organization_id, Unset):
        headers["X-Daytona-Organization-ID"] = x_daytona_organization_id

    _kwargs: dict[str, Any] = {}
    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"
    return Request(
        "PUT",
        "/sandbox/{sandbox_id_or_name}/labels".format(
            sandbox_id_or_name=quote(str(sandbox_id_or_name), safe=""),
        ),
        _parse,
        headers=headers,
        **_kwargs,
    )
