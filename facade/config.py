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

from __future__ import annotations

import functools
import math
import os
import sys
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from .errors import DaytonaAuthenticationError, DaytonaValidationError

__all__ = [
    "DEFAULT_API_URL",
    "DEFAULT_CONNECTION_POOL_MAXSIZE",
    "DEFAULT_HTTP_TIMEOUT",
    "ENV_API_KEY",
    "ENV_API_URL",
    "ENV_JWT_TOKEN",
    "ENV_ORGANIZATION_ID",
    "ENV_SERVER_URL",
    "ENV_TARGET",
    "SDK_SOURCE",
    "DaytonaConfig",
    "ResolvedConfig",
    "Secret",
    "default_headers",
    "resolve_config",
    "sdk_version",
]

DEFAULT_API_URL = "https://app.daytona.io/api"
DEFAULT_CONNECTION_POOL_MAXSIZE = 250
DEFAULT_HTTP_TIMEOUT = 60.0

ENV_API_KEY = "DAYTONA_API_KEY"
ENV_API_URL = "DAYTONA_API_URL"
ENV_SERVER_URL = "DAYTONA_SERVER_URL"
ENV_TARGET = "DAYTONA_TARGET"
ENV_JWT_TOKEN = "DAYTONA_JWT_TOKEN"
ENV_ORGANIZATION_ID = "DAYTONA_ORGANIZATION_ID"

#: Value of the ``X-Daytona-Source`` header and the product token of ``User-Agent``.
SDK_SOURCE = "sdk-python-async-facade"
#: Distribution whose version is reported in ``X-Daytona-SDK-Version``.
DISTRIBUTION_NAME = "daytona-facade"

_MASK = "***"


def _mask(value: str | None) -> str:
    return "None" if value is None else repr(_MASK)


def _nonempty(value: str | None) -> str | None:
    """``value`` stripped, or None when it is None or blank."""
    if value is None:
        return None
    value = value.strip()
    return value or None


class Secret:
    """A string that must not be shown: ``repr``/``str`` print ``***``; :meth:`reveal` returns it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """Return the secret text (only for building the request header)."""
        return self._value

    def __repr__(self) -> str:
        return f"Secret({_MASK!r})"

    def __str__(self) -> str:
        return _MASK

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        import hmac  # deferred: rarely needed

        return hmac.compare_digest(self._value.encode(), other._value.encode())

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(kw_only=True, repr=False)
class DaytonaConfig:
    """Configuration options for the Daytona client. Every field is optional.

    Attributes:
        api_key: API key for the Daytona API. If unset, ``DAYTONA_API_KEY`` is used, or a JWT.
        api_url: URL of the Daytona API. Defaults to ``DAYTONA_API_URL``, then
            ``https://app.daytona.io/api``.
        server_url: Deprecated alias of ``api_url`` (emits ``DeprecationWarning``).
        target: Target region for new sandboxes. Defaults to ``DAYTONA_TARGET``; if neither is
            set, the service chooses.
        jwt_token: JWT for the Daytona API, used when there is no API key. Defaults to
            ``DAYTONA_JWT_TOKEN``.
        organization_id: Organization ID, required with a JWT. Defaults to
            ``DAYTONA_ORGANIZATION_ID``.
        connection_pool_maxsize: Most connections the client keeps open at once (None: no limit).
        http_timeout: Timeout in seconds of a single HTTP request (connect, each read, each
            write and waiting for a pooled connection). None or 0 means no timeout. Operations
            that take their own ``timeout`` argument may use a longer one.

    Raises:
        DaytonaValidationError: If ``connection_pool_maxsize`` or ``http_timeout`` is invalid.

    Example::

        config = DaytonaConfig(api_key="your-api-key")
        config = DaytonaConfig(jwt_token="your-jwt-token", organization_id="your-organization-id")
    """

    api_key: str | None = None
    api_url: str | None = None
    server_url: str | None = None
    target: str | None = None
    jwt_token: str | None = None
    organization_id: str | None = None
    connection_pool_maxsize: int | None = DEFAULT_CONNECTION_POOL_MAXSIZE
    http_timeout: float | None = DEFAULT_HTTP_TIMEOUT

    def __post_init__(self) -> None:
        if self.server_url is not None:
            warnings.warn(
                "DaytonaConfig.server_url is deprecated; use api_url instead.",
                DeprecationWarning,
                stacklevel=3,
            )
        _check_pool_size(self.connection_pool_maxsize)
        _check_http_timeout(self.http_timeout)

    def __repr__(self) -> str:
        return (
            f"DaytonaConfig(api_key={_mask(self.api_key)}, api_url={self.api_url!r}, "
            f"server_url={self.server_url!r}, target={self.target!r}, jwt_token={_mask(self.jwt_token)}, "
            f"organization_id={self.organization_id!r}, connection_pool_maxsize={self.connection_pool_maxsize!r}, "
            f"http_timeout={self.http_timeout!r})"
        )

    __str__ = __repr__


def _check_pool_size(value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise DaytonaValidationError(f"connection_pool_maxsize must be a positive integer or None, got {value!r}")


def _check_http_timeout(value: float | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value) or value < 0:
        raise DaytonaValidationError(f"http_timeout must be a non-negative number or None, got {value!r}")


@dataclass(frozen=True, repr=False)
class ResolvedConfig:
    """The complete configuration a client runs with (see :func:`resolve_config`).

    Attributes:
        api_url: Base URL of the API, without a trailing slash.
        target: Target region sent when creating sandboxes, or None to let the service choose.
        authorization: Value of the ``Authorization`` header (``Bearer ...``), kept hidden.
        auth_mode: ``"api_key"`` or ``"jwt"``.
        organization_id: Organization ID (sent as a header in JWT mode only), or None.
        connection_pool_maxsize: Connection pool limit, None for no limit.
        http_timeout: Per-request timeout in seconds, None for none.
    """

    api_url: str
    target: str | None
    authorization: Secret
    auth_mode: Literal["api_key", "jwt"]
    organization_id: str | None
    connection_pool_maxsize: int | None
    http_timeout: float | None

    def __repr__(self) -> str:
        return (
            f"ResolvedConfig(api_url={self.api_url!r}, target={self.target!r}, authorization={_MASK!r}, "
            f"auth_mode={self.auth_mode!r}, organization_id={self.organization_id!r}, "
            f"connection_pool_maxsize={self.connection_pool_maxsize!r}, http_timeout={self.http_timeout!r})"
        )

    __str__ = __repr__


def _normalise_api_url(url: str) -> str:
    from urllib.parse import urlsplit  # deferred: only needed when a client is configured

    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        # The URL itself is not echoed: it may carry user:password.
        scheme = parts.scheme or "none"
        raise DaytonaValidationError(
            f"api_url must be an absolute http:// or https:// URL with a host (got scheme {scheme!r})"
        )
    return url


def resolve_config(config: DaytonaConfig | None = None, environ: Mapping[str, str] | None = None) -> ResolvedConfig:
    """Complete ``config`` from the environment and check that credentials are usable.

    Args:
        config: Explicit settings; its non-empty values win over the environment.
        environ: The environment to read (defaults to ``os.environ``); never modified.

    Returns:
        The resolved configuration.

    Raises:
        DaytonaAuthenticationError: If there is neither an API key nor a JWT, or a JWT has no
            organization ID.
        DaytonaValidationError: If the API URL is not an absolute http(s) URL, or the pool size
            or HTTP timeout is invalid.

    Warns:
        DeprecationWarning: If the URL comes from ``DAYTONA_SERVER_URL``.
    """
    env: Mapping[str, str] = os.environ if environ is None else environ
    cfg = config if config is not None else DaytonaConfig()

    def from_env(name: str) -> str | None:
        return _nonempty(env.get(name))

    explicit_key = _nonempty(cfg.api_key)
    explicit_jwt = _nonempty(cfg.jwt_token)
    api_key = explicit_key or (None if explicit_jwt else from_env(ENV_API_KEY))
    jwt_token = explicit_jwt or from_env(ENV_JWT_TOKEN)
    organization_id = _nonempty(cfg.organization_id) or from_env(ENV_ORGANIZATION_ID)

    api_url = _nonempty(cfg.api_url) or _nonempty(cfg.server_url) or from_env(ENV_API_URL)
    if api_url is None:
        legacy = from_env(ENV_SERVER_URL)
        if legacy is not None:
            warnings.warn(
                f"{ENV_SERVER_URL} is deprecated; set {ENV_API_URL} instead.",
                DeprecationWarning,
                stacklevel=2,
            )
            api_url = legacy
    api_url = _normalise_api_url(api_url or DEFAULT_API_URL)

    target = _nonempty(cfg.target) or from_env(ENV_TARGET)

    _check_pool_size(cfg.connection_pool_maxsize)
    _check_http_timeout(cfg.http_timeout)
    http_timeout = cfg.http_timeout if cfg.http_timeout else None

    auth_mode: Literal["api_key", "jwt"]
    if api_key is not None:
        auth_mode, token = "api_key", api_key
    elif jwt_token is not None:
        if organization_id is None:
            raise DaytonaAuthenticationError(
                f"A JWT token needs an organization ID: set DaytonaConfig.organization_id or {ENV_ORGANIZATION_ID}."
            )
        auth_mode, token = "jwt", jwt_token
    else:
        raise DaytonaAuthenticationError(
            f"Authentication credentials not found. Set {ENV_API_KEY}, or both {ENV_JWT_TOKEN} and "
            f"{ENV_ORGANIZATION_ID} (or pass api_key, or jwt_token and organization_id, in DaytonaConfig)."
        )

    return ResolvedConfig(
        api_url=api_url,
        target=target,
        authorization=Secret(f"Bearer {token}"),
        auth_mode=auth_mode,
        organization_id=organization_id,
        connection_pool_maxsize=cfg.connection_pool_maxsize,
        http_timeout=float(http_timeout) if http_timeout is not None else None,
    )


#: The Daytona API version our openapi.yaml describes. Sent as ``X-Daytona-SDK-Version`` because the
#: service and the toolbox daemon choose response formats by it (e.g. JSON session logs from 0.167 on).
API_VERSION = "0.190.0"


@functools.cache
def sdk_version() -> str:
    """This package's version, from the installed ``daytona-facade`` distribution (``"0.0.0"`` if absent)."""
    from importlib import metadata  # deferred: only needed when the first client is built

    try:
        return metadata.version(DISTRIBUTION_NAME)
    except metadata.PackageNotFoundError:
        return "0.0.0"


def default_headers(resolved: ResolvedConfig) -> dict[str, str]:
    """Headers sent with every request: credentials, SDK identification and, for JWTs, the organization.

    Returns a new dict with ``Authorization``, ``X-Daytona-Source``, ``X-Daytona-SDK-Version`` (the API
    version we speak, :data:`API_VERSION`), ``User-Agent`` (with this package's own version) and, in JWT
    mode, ``X-Daytona-Organization-ID``.
    """
    version = sdk_version()
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    headers = {
        "Authorization": resolved.authorization.reveal(),
        "X-Daytona-Source": SDK_SOURCE,
        "X-Daytona-SDK-Version": API_VERSION,
        "User-Agent": f"{SDK_SOURCE}/{version} python/{python}",
    }
    if resolved.auth_mode == "jwt" and resolved.organization_id is not None:
        headers["X-Daytona-Organization-ID"] = resolved.organization_id
    return headers
