"""Test helper: an API endpoint and a sandbox's toolbox endpoint on one pooled client, as the facade builds them."""

from __future__ import annotations

import httpx

from facade._config import ResolvedConfig
from facade._http import Endpoint, build_client

ToolboxContext = Endpoint


class ApiContext(Endpoint):
    """The API endpoint of a client built from ``resolved`` (requests go to ``transport`` when given)."""

    def __init__(self, resolved: ResolvedConfig, *, transport: httpx.AsyncBaseTransport | None = None) -> None:
        super().__init__(build_client(resolved, transport), resolved.api_url)

    def toolbox(self, toolbox_proxy_url: str, sandbox_id: str) -> Endpoint:
        """The toolbox endpoint of one sandbox, on the same pool."""
        return self.at(f"{toolbox_proxy_url.rstrip('/')}/{sandbox_id}")

    @property
    def closed(self) -> bool:
        return self.http.is_closed

    async def aclose(self) -> None:
        await self.http.aclose()
