"""The client SDK version a toolbox request announces, and the output formats the daemon picks from it.

Facts from apps/daemon/internal/util/version.go and apps/daemon/pkg/session/common.go:

- the version is the ``X-Daytona-SDK-Version`` header or, for WebSockets, a ``Sec-WebSocket-Protocol``
  entry ``X-Daytona-SDK-Version~<version>``; none means "";
- versions compare as semantic versions after a missing dash is inserted (``0.190.0rc1`` is
  ``0.190.0-rc1``); one that does not parse counts as newer than anything;
- combined output (stream markers stripped) goes to SDKs older than 0.27.0 (dev builds excepted) and to
  clients that send no version unless they send ``X-Daytona-Split-Output: true``;
- the daemon demultiplexes stdout/stderr itself only for versions >= 0.167.0 (or dev builds); an absent or
  unparseable version gets the raw log instead.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

SUBPROTOCOL_PREFIX = "X-Daytona-SDK-Version~"
_ALREADY_DASHED = re.compile(r"^\d+\.\d+\.\d+-\S+$")
_NEEDS_DASH = re.compile(r"^(\d+)\.(\d+)\.(\d+)(\D.+)$")
_SEMVER = re.compile(
    r"^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?"
    r"(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?"
    r"(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$"
)


def sdk_version(headers: Mapping[str, str]) -> str:
    """The version announced by a request's headers, or ""."""
    version = headers.get("x-daytona-sdk-version", "")
    if version:
        return version
    protocol = sdk_subprotocol(headers)
    return protocol[len(SUBPROTOCOL_PREFIX) :] if protocol else ""


def sdk_subprotocol(headers: Mapping[str, str]) -> str:
    """The ``X-Daytona-SDK-Version~...`` WebSocket subprotocol offered, if any (the daemon accepts it)."""
    for entry in headers.get("sec-websocket-protocol", "").split(","):
        entry = entry.strip()
        if entry.startswith(SUBPROTOCOL_PREFIX):
            return entry
    return ""


def _parse(version: str) -> tuple[int, int, int, tuple[str, ...]] | None:
    normal = version
    if not _ALREADY_DASHED.match(version):
        normal = _NEEDS_DASH.sub(r"\1.\2.\3-\4", version)
    match = _SEMVER.match(normal)
    if match is None:
        return None
    prerelease = tuple(match.group(4).split(".")) if match.group(4) else ()
    if any(part.isdigit() and len(part) > 1 and part.startswith("0") for part in prerelease):
        return None
    return int(match.group(1)), int(match.group(2) or 0), int(match.group(3) or 0), prerelease


def _compare_prerelease(left: tuple[str, ...], right: tuple[str, ...]) -> int:
    if left == right:
        return 0
    if not left:
        return 1
    if not right:
        return -1
    for a, b in zip(left, right, strict=False):
        if a == b:
            continue
        if a.isdigit() and b.isdigit():
            return -1 if int(a) < int(b) else 1
        if a.isdigit() != b.isdigit():
            return -1 if a.isdigit() else 1
        return -1 if a < b else 1
    return -1 if len(left) < len(right) else 1


def compare(left: str, right: str) -> int | None:
    """-1, 0 or 1 as semantic versions compare; None when either does not parse."""
    a, b = _parse(left), _parse(right)
    if a is None or b is None:
        return None
    if a[:3] != b[:3]:
        return -1 if a[:3] < b[:3] else 1
    return _compare_prerelease(a[3], b[3])


def _is_dev(version: str) -> bool:
    return "dev" in version


def is_combined_output(version: str, headers: Mapping[str, str]) -> bool:
    """Whether the answer strips the stream markers (one stream of text, the oldest clients' format)."""
    comparison = compare(version, "0.27.0-0")
    older = comparison is not None and comparison < 0 and not _is_dev(version)
    return older or (version == "" and headers.get("x-daytona-split-output") != "true")


def skip_server_demux(version: str) -> bool:
    """Whether the daemon leaves splitting stdout from stderr to the client (raw log, no JSON)."""
    if version == "":
        return True
    if _is_dev(version):
        return False
    comparison = compare(version, "0.167.0-0")
    return comparison is None or comparison < 0
