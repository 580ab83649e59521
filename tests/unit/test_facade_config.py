"""facade.config: resolution from explicit values and the environment, headers, secret masking."""

from __future__ import annotations

import dataclasses
import warnings

import pytest

from facade._config import (
    API_VERSION,
    DEFAULT_API_URL,
    SDK_SOURCE,
    DaytonaConfig,
    default_headers,
    resolve_config,
    sdk_version,
)
from facade._errors import DaytonaAuthenticationError, DaytonaValidationError


def test_explicit_api_key_with_defaults() -> None:
    resolved = resolve_config(DaytonaConfig(api_key="sk-1"), environ={})
    assert resolved.authorization.reveal() == "Bearer sk-1"
    assert resolved.auth_mode == "api_key"
    assert resolved.api_url == DEFAULT_API_URL
    assert resolved.target is None
    assert resolved.connection_pool_maxsize == 250
    assert resolved.http_timeout == 60.0


def test_environment_fills_everything_when_no_config() -> None:
    env = {"DAYTONA_API_KEY": "sk-env", "DAYTONA_API_URL": "https://daytona.internal/api/", "DAYTONA_TARGET": "eu"}
    resolved = resolve_config(None, environ=env)
    assert resolved.authorization.reveal() == "Bearer sk-env"
    assert resolved.api_url == "https://daytona.internal/api"  # trailing slash stripped
    assert resolved.target == "eu"


def test_explicit_values_win_over_environment() -> None:
    env = {"DAYTONA_API_KEY": "sk-env", "DAYTONA_API_URL": "https://env.example/api", "DAYTONA_TARGET": "eu"}
    config = DaytonaConfig(api_key="sk-explicit", api_url="https://explicit.example/api", target="us")
    resolved = resolve_config(config, environ=env)
    assert resolved.authorization.reveal() == "Bearer sk-explicit"
    assert resolved.api_url == "https://explicit.example/api"
    assert resolved.target == "us"


def test_environment_fills_only_missing_values() -> None:
    env = {"DAYTONA_API_URL": "https://env.example/api", "DAYTONA_TARGET": "eu"}
    resolved = resolve_config(DaytonaConfig(api_key="sk-explicit"), environ=env)
    assert resolved.api_url == "https://env.example/api"
    assert resolved.target == "eu"


def test_empty_environment_values_count_as_unset() -> None:
    env = {"DAYTONA_API_KEY": "sk-env", "DAYTONA_API_URL": "", "DAYTONA_TARGET": "  "}
    resolved = resolve_config(None, environ=env)
    assert resolved.api_url == DEFAULT_API_URL
    assert resolved.target is None


def test_given_environ_is_used_instead_of_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DAYTONA_API_KEY", "sk-from-os")
    with pytest.raises(DaytonaAuthenticationError):
        resolve_config(None, environ={})


def test_os_environ_is_read_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DAYTONA_API_KEY", "sk-from-os")
    assert resolve_config().authorization.reveal() == "Bearer sk-from-os"


def test_jwt_with_organization_uses_jwt_and_org_header() -> None:
    resolved = resolve_config(DaytonaConfig(jwt_token="jwt-1", organization_id="org-1"), environ={})
    assert resolved.auth_mode == "jwt"
    headers = default_headers(resolved)
    assert headers["Authorization"] == "Bearer jwt-1"
    assert headers["X-Daytona-Organization-ID"] == "org-1"


def test_explicit_jwt_stops_env_api_key_and_takes_org_from_env() -> None:
    env = {"DAYTONA_API_KEY": "sk-env", "DAYTONA_ORGANIZATION_ID": "org-env"}
    resolved = resolve_config(DaytonaConfig(jwt_token="jwt-1"), environ=env)
    assert resolved.authorization.reveal() == "Bearer jwt-1"
    assert resolved.organization_id == "org-env"


def test_api_key_wins_over_jwt_from_environment() -> None:
    env = {"DAYTONA_JWT_TOKEN": "jwt-env", "DAYTONA_ORGANIZATION_ID": "org-env"}
    resolved = resolve_config(DaytonaConfig(api_key="sk-1"), environ=env)
    assert resolved.auth_mode == "api_key"
    assert "X-Daytona-Organization-ID" not in default_headers(resolved)


def test_jwt_without_organization_is_rejected() -> None:
    with pytest.raises(DaytonaAuthenticationError, match="organization"):
        resolve_config(DaytonaConfig(jwt_token="jwt-1"), environ={})


def test_missing_credentials_error_names_the_variables() -> None:
    with pytest.raises(DaytonaAuthenticationError) as info:
        resolve_config(None, environ={})
    for name in ("DAYTONA_API_KEY", "DAYTONA_JWT_TOKEN", "DAYTONA_ORGANIZATION_ID"):
        assert name in str(info.value)


def test_server_url_is_a_deprecated_alias_of_api_url() -> None:
    with pytest.warns(DeprecationWarning, match="server_url"):
        config = DaytonaConfig(api_key="sk-1", server_url="https://legacy.example/api")
    assert resolve_config(config, environ={}).api_url == "https://legacy.example/api"


def test_daytona_server_url_env_is_a_deprecated_fallback() -> None:
    env = {"DAYTONA_API_KEY": "sk-1", "DAYTONA_SERVER_URL": "https://legacy.example/api"}
    with pytest.warns(DeprecationWarning, match="DAYTONA_SERVER_URL"):
        resolved = resolve_config(None, environ=env)
    assert resolved.api_url == "https://legacy.example/api"


def test_daytona_api_url_env_beats_server_url_env_without_warning() -> None:
    env = {
        "DAYTONA_API_KEY": "sk-1",
        "DAYTONA_API_URL": "https://new.example/api",
        "DAYTONA_SERVER_URL": "https://legacy.example/api",
    }
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert resolve_config(None, environ=env).api_url == "https://new.example/api"


def test_invalid_api_url_is_rejected_without_echoing_credentials() -> None:
    with pytest.raises(DaytonaValidationError) as info:
        resolve_config(DaytonaConfig(api_key="sk-1", api_url="ftp://user:hunter2@host/api"), environ={})
    assert "hunter2" not in str(info.value)


def test_repr_and_str_mask_secrets() -> None:
    config = DaytonaConfig(api_key="sk-very-secret", jwt_token="jwt-very-secret", organization_id="org-1")
    resolved = resolve_config(config, environ={})
    texts = [repr(config), str(config), repr(resolved), str(resolved), str(dataclasses.asdict(resolved))]
    for text in texts:
        assert "sk-very-secret" not in text
        assert "jwt-very-secret" not in text
    assert "org-1" in repr(config)
    assert "api_key='***'" in repr(config)


def test_default_headers_identify_the_sdk() -> None:
    headers = default_headers(resolve_config(DaytonaConfig(api_key="sk-1"), environ={}))
    assert headers["Authorization"] == "Bearer sk-1"
    assert headers["X-Daytona-Source"] == SDK_SOURCE
    assert headers["X-Daytona-SDK-Version"] == API_VERSION
    assert headers["User-Agent"].startswith(f"{SDK_SOURCE}/{sdk_version()}")
    assert "X-Daytona-Organization-ID" not in headers


@pytest.mark.parametrize(
    ("size", "error"), [(0, DaytonaValidationError), (-1, DaytonaValidationError), (True, TypeError), (2.5, TypeError)]
)
def test_invalid_pool_size_is_rejected(size: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        DaytonaConfig(api_key="sk-1", connection_pool_maxsize=size)  # type: ignore[arg-type]


def test_http_timeout_zero_means_none_and_negative_is_rejected() -> None:
    assert resolve_config(DaytonaConfig(api_key="sk-1", http_timeout=0), environ={}).http_timeout is None
    assert resolve_config(DaytonaConfig(api_key="sk-1", http_timeout=None), environ={}).http_timeout is None
    with pytest.raises(DaytonaValidationError):
        DaytonaConfig(api_key="sk-1", http_timeout=-1)


@pytest.mark.parametrize(
    ("field", "env", "expected"),
    [(None, None, True), (None, "0", False), (None, "false", False), (None, "1", True), (True, "0", True),
     (False, None, False)],
)  # fmt: skip
def test_state_notifications_come_from_the_config_then_the_environment(
    field: bool | None, env: str | None, expected: bool
) -> None:
    environ = {} if env is None else {"DAYTONA_STATE_NOTIFICATIONS": env}
    resolved = resolve_config(DaytonaConfig(api_key="sk-1", state_notifications=field), environ=environ)
    assert resolved.state_notifications is expected


def test_state_notifications_must_be_a_bool() -> None:
    with pytest.raises(TypeError, match="state_notifications must be a bool"):
        DaytonaConfig(api_key="sk-1", state_notifications="no")  # type: ignore[arg-type]


def test_the_version_sent_is_the_installed_distributions() -> None:
    from importlib import metadata

    assert sdk_version() == metadata.version("daytona-facade")
