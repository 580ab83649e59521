"""Pure rules of the sandbox service: the checks and conversions ``apps/api/src/sandbox/services/sandbox.service.ts``
and its utilities (network lists, volume mount paths, ephemeral sandboxes) apply to values."""

from __future__ import annotations

import ipaddress
import re
import uuid
from typing import Any

from daytona_emulator.control import http as h
from daytona_emulator.control import validation as v
from daytona_emulator.control.records import ERROR_STATES, SandboxRecord
from daytona_emulator.errors import bad_request, unexpected_error

GPU_TYPES = ("H100", "RTX-PRO-6000")
PER_SANDBOX_LIMIT_MESSAGE = (
    "Need higher resource limits per-sandbox? Contact us at support@daytona.io and let us know about your use case."
)


def is_uuid(value: str) -> bool:
    """Whether ``value`` is a UUID (a snapshot may then be named by its ID)."""
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def is_ephemeral(auto_delete_interval: Any) -> bool:
    """``isEphemeral``: deleted as soon as it stops (``autoDeleteInterval === 0``)."""
    return auto_delete_interval == 0 and not isinstance(auto_delete_interval, bool)


def soft_delete_name(name: str) -> str:
    """``Sandbox.getSoftDeleteName``: ``DESTROYED_<name>_<Date.now()>``, so the name is free at once."""
    return f"DESTROYED_{name}_{int(h.utcnow().timestamp() * 1000)}"


def assert_not_errored(rec: SandboxRecord) -> None:
    if rec.state in ERROR_STATES:
        raise bad_request("Sandbox is in an errored state")


def check_volume(c: v.Checks) -> None:
    """``SandboxVolume``: ``volumeId`` (non-empty string), ``mountPath`` (string), ``subpath`` (optional)."""
    c.required("volumeId", v.is_not_empty, v.is_string)
    c.required("mountPath", v.is_string)
    c.optional("subpath", v.is_string)


def js_text(value: float) -> str:
    return h.js_number_text(float(value))


def int_or_float(value: float) -> Any:
    return int(value) if float(value).is_integer() else value


def int_column(value: float) -> int:
    """What a Postgres ``int`` column accepts from a JS number: an integer; anything else fails (500)."""
    if isinstance(value, bool) or not float(value).is_integer():
        raise unexpected_error()
    return int(value)


def auto_stop(minutes: float) -> int:
    """``resolveAutoStopInterval``: non-negative."""
    if minutes < 0:
        raise bad_request("Auto-stop interval must be non-negative")
    return int_column(minutes)


def validate_network_allow_list(value: str) -> str:
    """``validateNetworkAllowList``: up to 10 comma-separated IPv4 CIDR networks (kept as sent)."""
    networks = [net.strip() for net in value.split(",")]
    for network in networks:
        if not network:
            continue
        address, _, prefix = network.partition("/")
        try:
            ipaddress.IPv4Address(address)
        except ValueError:
            raise bad_request(
                f'Invalid IP address: "{address}" in network "{network}". Must be a valid IPv4 address'
            ) from None
        if not prefix:
            raise bad_request(f'Invalid network format: "{network}". Missing CIDR prefix length (e.g., /24)')
        digits = "".join(ch for ch in _leading_int(prefix))
        if digits and not 0 <= int(digits) <= 32:
            raise bad_request(f"Invalid CIDR prefix length: {network}. Prefix must be between 0 and 32")
    if len(networks) > 10:
        raise bad_request("Network allow list cannot contain more than 10 networks")
    return value


def _leading_int(text: str) -> str:
    """The digits ``parseInt`` would read (an optional sign, then digits)."""
    stripped = text.strip()
    sign = stripped[:1] if stripped[:1] in "+-" else ""
    rest = stripped[len(sign) :]
    digits = ""
    for ch in rest:
        if not ch.isdigit():
            break
        digits += ch
    return (sign if sign == "-" else "") + digits if digits else ""


_DOMAIN = re.compile(r"^(\*\.)?([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,}$")


def validate_domain_allow_list(value: str) -> str:
    """``validateDomainAllowList``: up to 10 comma-separated domain names, optionally ``*.``-prefixed."""
    pattern = _DOMAIN
    domains = [domain.strip() for domain in value.split(",")]
    for domain in domains:
        if domain and not pattern.match(domain):
            raise bad_request(f'Invalid domain: "{domain}". Must be a valid domain name')
    if len(domains) > 10:
        raise bad_request("Domain allow list cannot contain more than 10 domains")
    return value


def mount_path_error(value: Any) -> str | None:
    """``validateMountPaths`` for one volume."""
    if not isinstance(value, str):
        return f"Invalid mount path {value} (must be a string)"
    if not value.startswith("/"):
        return f"Invalid mount path {value} (must be absolute)"
    if value in ("/", "//"):
        return f"Invalid mount path {value} (cannot mount to the root directory)"
    if "/../" in value or "/./" in value or value.endswith("/..") or value.endswith("/."):
        return f"Invalid mount path {value} (cannot contain relative path components)"
    if "//" in value[1:]:
        return f"Invalid mount path {value} (cannot contain consecutive slashes)"
    system = ("/proc", "/sys", "/dev", "/boot", "/etc", "/bin", "/sbin", "/lib", "/lib64")
    if any(value == p or value.startswith(p + "/") for p in system):
        return f"Invalid mount path {value} (cannot mount to system directory)"
    return None


def subpath_error(subpath: Any) -> str | None:
    """``validateSubpaths`` for one volume."""
    if not subpath:
        return None
    if not isinstance(subpath, str):
        return f"Invalid subpath {subpath} (must be a string)"
    if subpath.startswith("/"):
        return f'Invalid subpath "{subpath}" (S3 key prefixes cannot start with /)'
    if ".." in subpath:
        return f'Invalid subpath "{subpath}" (cannot contain .. for security)'
    if "//" in subpath:
        return f'Invalid subpath "{subpath}" (cannot contain consecutive slashes)'
    return None
