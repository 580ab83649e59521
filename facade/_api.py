"""How facade objects call the generated client: one pooled transport, typed errors, no surprises.

Every facade call goes through :class:`ApiContext` (control plane) or :class:`ToolboxContext` (one
sandbox's toolbox). Both build the request with the generated operation module's ``_get_kwargs``,
send it with the shared :class:`httpx.AsyncClient`, turn any 4xx/5xx or transport failure into a
:class:`~facade.errors.DaytonaError` subclass, and only then let the generated ``_parse_response``
turn the success body into a typed model. (Calling the generated ``asyncio_detailed`` directly would
crash on a non-JSON error body, such as an HTML 502 from a proxy.)
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from types import ModuleType
from typing import Any, Protocol, cast

import httpx

from .config import ResolvedConfig
from .errors import DaytonaError, error_from_response, error_from_transport
from .http import build_http_client


class _Operation(Protocol):
    """The two functions every generated operation module has."""

    def _get_kwargs(self, *args: Any, **kwargs: Any) -> dict[str, Any]: ...

    def _parse_response(self, *, client: Any, response: httpx.Response) -> Any: ...


class _Endpoint:
    """Sends generated operations to one base URL over a shared httpx client."""

    def __init__(self, http: httpx.AsyncClient, base_url: str) -> None:
        self._http = http
        self._base_url = base_url.rstrip("/")
        self._parse_client: Any = None

    @property
    def base_url(self) -> str:
        return self._base_url

    def url(self, path: str) -> str:
        """The absolute URL of `path` (which starts with a slash) on this endpoint."""
        return self._base_url + path

    def _request_kwargs(self, op: ModuleType, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> dict[str, Any]:
        request = cast(_Operation, op)._get_kwargs(*args, **kwargs)
        request["url"] = self.url(request["url"])
        # The generated code always passes `params` and `headers`; empty ones only cost time
        # (httpx re-parses the URL to merge even an empty query).
        if not request.get("params"):
            request.pop("params", None)
        if not request.get("headers"):
            request.pop("headers", None)
        return request

    def _ensure_open(self, error_prefix: str) -> None:
        """Raise a clear `DaytonaError` instead of httpx's RuntimeError once the client was closed."""
        if self._http.is_closed:
            raise DaytonaError(
                f"{error_prefix}the AsyncDaytona client is closed; use sandboxes only inside its `async with` block"
            )

    def _parser_client(self) -> Any:
        if self._parse_client is None:
            from daytona_openapi.client import Client

            self._parse_client = Client(base_url=self._base_url, raise_on_unexpected_status=False)
        return self._parse_client

    async def call(self, op: ModuleType, *args: Any, error_prefix: str = "", **kwargs: Any) -> Any:
        """Send operation `op` with the given arguments and return its parsed success body.

        Raises the `DaytonaError` subclass matching the HTTP status (or the transport failure).
        """
        request = self._request_kwargs(op, args, kwargs)
        self._ensure_open(error_prefix)
        try:
            response = await self._http.request(**request)
        except httpx.HTTPError as exc:
            raise error_from_transport(exc, prefix=error_prefix) from exc
        if response.status_code >= 400:
            raise error_from_response(response.status_code, response.content, response.headers, prefix=error_prefix)
        try:
            return cast(_Operation, op)._parse_response(client=self._parser_client(), response=response)
        except (ValueError, KeyError, TypeError) as exc:
            raise DaytonaError(
                f"{error_prefix}unexpected response body from {request['method'].upper()} {response.url.path}: {exc}",
                status_code=response.status_code,
            ) from exc

    @asynccontextmanager
    async def stream(
        self, op: ModuleType, *args: Any, error_prefix: str = "", **kwargs: Any
    ) -> AsyncIterator[httpx.Response]:
        """Send operation `op` and yield the response with its body not yet read (for large bodies)."""
        request = self._request_kwargs(op, args, kwargs)
        self._ensure_open(error_prefix)
        try:
            async with self._http.stream(**request) as response:
                if response.status_code >= 400:
                    body = await response.aread()
                    raise error_from_response(response.status_code, body, response.headers, prefix=error_prefix)
                yield response
        except httpx.HTTPError as exc:
            raise error_from_transport(exc, prefix=error_prefix) from exc


class ToolboxContext(_Endpoint):
    """One sandbox's toolbox: ``{toolbox_proxy_url}/{sandbox_id}``, on the client's shared pool."""

    def __init__(self, http: httpx.AsyncClient, toolbox_proxy_url: str, sandbox_id: str) -> None:
        super().__init__(http, f"{toolbox_proxy_url.rstrip('/')}/{sandbox_id}")
        self.sandbox_id = sandbox_id

    @property
    def http(self) -> httpx.AsyncClient:
        """The shared pooled client (for streamed transfers and WebSockets)."""
        return self._http


class ApiContext(_Endpoint):
    """The control plane at ``api_url``; owns the one pooled :class:`httpx.AsyncClient`."""

    def __init__(self, resolved: ResolvedConfig, *, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.resolved = resolved
        super().__init__(build_http_client(resolved, transport=transport), resolved.api_url)

    @property
    def http(self) -> httpx.AsyncClient:
        """The shared pooled client."""
        return self._http

    def toolbox(self, toolbox_proxy_url: str, sandbox_id: str) -> ToolboxContext:
        """A toolbox endpoint for one sandbox, sharing this context's connection pool."""
        return ToolboxContext(self._http, toolbox_proxy_url, sandbox_id)

    @property
    def closed(self) -> bool:
        return self._http.is_closed

    async def aclose(self) -> None:
        """Close the pool (idempotent)."""
        if not self._http.is_closed:
            await self._http.aclose()
