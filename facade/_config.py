"""Client configuration: what the user passes, how it is completed from the environment, and the
headers every request carries.

Resolution (:func:`resolve_config`) follows the documented rules:

* Values set on :class:`DaytonaConfig` win; missing ones are filled from the environment:
  ``DAYTONA_API_KEY``, ``DAYTONA_JWT_TOKEN``, ``DAYTONA_ORGANIZATION_ID``, ``DAYTONA_API_URL``
  (falling back to the deprecated ``DAYTONA_SERVER_URL``) and ``DAYTONA_TARGET``. Empty strings
  count as unset. No ``.env`` file is read.
* An API key wins over a JWT. A JWT set on the config stops ``DAYTONA_API_KEY`` from being read.
* A JWT needs an organization ID (config or ``DAYTONA_ORGANIZATION_ID``).
* ``api_url`` defaults to ``https://app.daytona.io/api``; trailing slashes are removed.

Secrets (API key, JWT) never appear in ``repr``/``str`` of these objects.
"""

import os
import sys
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Literal

from . import _checks as check
from ._errors import DaytonaAuthenticationError

DEFAULT_API_URL = "https://app.daytona.io/api"
#: Value of the ``X-Daytona-Source`` header and the product token of ``User-Agent``.
SDK_SOURCE = "sdk-python-async-facade"
#: The Daytona API version our openapi.yaml describes. Sent as ``X-Daytona-SDK-Version`` because the
#: service and the toolbox daemon choose response formats by it (e.g. JSON session logs from 0.167 on).
API_VERSION = "0.190.0"

#: The version of this package; the build reads it from here (``[tool.hatch.version]`` in pyproject.toml).
VERSION = "0.1.0"


class Secret(str):
    """A string that must not be shown: ``repr``/``str``/``format`` print ``***``; :meth:`reveal` returns it."""

    def reveal(self) -> str:
        """The secret text (only for building the request header)."""
        return str.__str__(self)

    def __repr__(self) -> str:
        return "'***'"

    def __str__(self) -> str:
        return "***"

    __format__ = lambda self, spec: "***"  # noqa: E731


@dataclass(kw_only=True)
class DaytonaConfig:
    """Configuration options for the Daytona client. Every field is optional.

    Attributes:
        api_key: API key for the Daytona API. If unset, ``DAYTONA_API_KEY`` is used, or a JWT.
        api_url: URL of the Daytona API. Defaults to ``DAYTONA_API_URL``, then ``https://app.daytona.io/api``.
        server_url: Deprecated alias of ``api_url`` (emits ``DeprecationWarning``).
        target: Target region for new sandboxes. Defaults to ``DAYTONA_TARGET``; else the service chooses.
        jwt_token: JWT for the Daytona API, used when there is no API key. Defaults to ``DAYTONA_JWT_TOKEN``.
        organization_id: Organization ID, required with a JWT. Defaults to ``DAYTONA_ORGANIZATION_ID``.
        connection_pool_maxsize: Most connections the client keeps open at once (None: no limit).
        http_timeout: Timeout in seconds of a single HTTP request (connect, each read, each write and
            waiting for a pooled connection). None or 0 means no timeout. Operations that take their own
            ``timeout`` argument may use a longer one.
        state_notifications: Whether waits learn state changes from the service's notification gateway
            (Socket.IO), polling only as a safety net. Defaults to ``DAYTONA_STATE_NOTIFICATIONS`` (``0`` or
            ``false``: off), else on. Turn it off while recording HTTP traffic (vcrpy cannot record WebSockets).

    Raises:
        TypeError / DaytonaValidationError: If ``connection_pool_maxsize`` or ``http_timeout`` is invalid.

    Example::

        config = DaytonaConfig(api_key="your-api-key")
        config = DaytonaConfig(jwt_token="your-jwt-token", organization_id="your-organization-id")
    """

    api_key: str | None = field(default=None, repr=False)
    api_url: str | None = None
    server_url: str | None = None
    target: str | None = None
    jwt_token: str | None = field(default=None, repr=False)
    organization_id: str | None = None
    connection_pool_maxsize: int | None = 250
    http_timeout: float | None = 60.0
    state_notifications: bool | None = None

    def __post_init__(self) -> None:
        if self.server_url is not None:
            warnings.warn("DaytonaConfig.server_url is deprecated; use api_url instead.", DeprecationWarning, 3)
        check.integer(self.connection_pool_maxsize, "connection_pool_maxsize", minimum=1, optional=True)
        check.timeout(self.http_timeout, "http_timeout")
        check.flag(self.state_notifications, "state_notifications", optional=True)

    def __repr__(self) -> str:
        values: dict[str, object] = vars(self)
        shown = (f"{f.name}={Secret() if (v := values[f.name]) and not f.repr else v!r}" for f in fields(self))
        return f"DaytonaConfig({', '.join(shown)})"


@dataclass(frozen=True)
class ResolvedConfig:
    """The complete configuration a client runs with (see :func:`resolve_config`); ``authorization``
    (the ``Authorization`` header value) is a :class:`Secret`."""

    api_url: str
    target: str | None
    authorization: Secret
    auth_mode: Literal["api_key", "jwt"]
    organization_id: str | None
    connection_pool_maxsize: int | None
    http_timeout: float | None
    state_notifications: bool


def _env_text(value: str | None) -> str | None:
    return (value or "").strip() or None


def resolve_config(config: DaytonaConfig | None = None, environ: Mapping[str, str] | None = None) -> ResolvedConfig:
    """Complete ``config`` from the environment (default ``os.environ``, never modified) and check it.

    Raises:
        DaytonaAuthenticationError: If there is neither an API key nor a JWT, or a JWT has no organization ID.
        DaytonaValidationError: If the API URL is not an absolute http(s) URL, or a setting is invalid.

    Warns:
        DeprecationWarning: If the URL comes from ``DAYTONA_SERVER_URL``.
    """
    env = os.environ if environ is None else environ
    cfg = DaytonaConfig() if config is None else check.instance(config, "config", DaytonaConfig)
    jwt = _env_text(cfg.jwt_token)
    api_key = _env_text(cfg.api_key) or (None if jwt else _env_text(env.get("DAYTONA_API_KEY")))
    jwt = jwt or _env_text(env.get("DAYTONA_JWT_TOKEN"))
    organization_id = _env_text(cfg.organization_id) or _env_text(env.get("DAYTONA_ORGANIZATION_ID"))
    api_url = _env_text(cfg.api_url) or _env_text(cfg.server_url) or _env_text(env.get("DAYTONA_API_URL"))
    if api_url is None and (api_url := _env_text(env.get("DAYTONA_SERVER_URL"))):
        warnings.warn("DAYTONA_SERVER_URL is deprecated; set DAYTONA_API_URL instead.", DeprecationWarning, 2)
    from urllib.parse import urlsplit  # deferred: only needed when a client is configured

    parts = urlsplit(api_url := (api_url or DEFAULT_API_URL).rstrip("/"))
    if parts.scheme not in ("http", "https") or not parts.hostname:  # the URL is not echoed: it may hold a password
        scheme = parts.scheme or "none"
        raise check.bad("api_url", f"must be an absolute http(s) URL with a host (got scheme {scheme!r})")
    check.integer(cfg.connection_pool_maxsize, "connection_pool_maxsize", minimum=1, optional=True)
    if api_key is None and (jwt is None or organization_id is None):
        raise DaytonaAuthenticationError(
            "Authentication credentials not found. Set DAYTONA_API_KEY, or both DAYTONA_JWT_TOKEN and "
            "DAYTONA_ORGANIZATION_ID (or pass them in DaytonaConfig)." if jwt is None
            else "A JWT token needs an organization ID: set DaytonaConfig.organization_id or DAYTONA_ORGANIZATION_ID."
        )  # fmt: skip
    return ResolvedConfig(
        api_url=api_url, target=_env_text(cfg.target) or _env_text(env.get("DAYTONA_TARGET")),
        authorization=Secret(f"Bearer {api_key or jwt}"), auth_mode="api_key" if api_key else "jwt",
        organization_id=organization_id, connection_pool_maxsize=cfg.connection_pool_maxsize,
        http_timeout=check.timeout(cfg.http_timeout, "http_timeout"),
        state_notifications=cfg.state_notifications if cfg.state_notifications is not None
        else (env.get("DAYTONA_STATE_NOTIFICATIONS") or "1").strip().lower() not in ("0", "false", "no", "off"),
    )  # fmt: skip


def sdk_version() -> str:
    """This package's version (:data:`VERSION`, which the build takes as the distribution's version)."""
    return VERSION


def default_headers(resolved: ResolvedConfig) -> dict[str, str]:
    """Headers of every request: ``Authorization``, ``X-Daytona-Source``, ``X-Daytona-SDK-Version`` (the API
    version we speak), ``User-Agent`` (with this package's version) and, for a JWT, the organization."""
    agent = f"{SDK_SOURCE}/{sdk_version()} python/{sys.version_info.major}.{sys.version_info.minor}"
    headers = {"Authorization": resolved.authorization.reveal(), "X-Daytona-Source": SDK_SOURCE}
    headers |= {"X-Daytona-SDK-Version": API_VERSION, "User-Agent": agent}
    if resolved.auth_mode == "jwt" and resolved.organization_id is not None:
        headers["X-Daytona-Organization-ID"] = resolved.organization_id
    return headers
