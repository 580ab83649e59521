"""TCP ports a sandbox's processes listen on, read from /proc (Linux); elsewhere the list is empty."""

from __future__ import annotations

import os
from pathlib import Path

from daytona_emulator.toolbox.children import MARKER_ENV

_LISTEN = "0A"


def _sandbox_pids(token: str) -> list[int]:
    needle = f"{MARKER_ENV}={token}".encode()
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle in (entry / "environ").read_bytes().split(b"\x00"):
                pids.append(int(entry.name))
        except OSError:
            continue
    return pids


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    fd_dir = Path(f"/proc/{pid}/fd")
    try:
        for fd in fd_dir.iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[len("socket:[") : -1])
    except OSError:
        pass
    return inodes


def _listening(inodes: set[str], tables: tuple[str, ...] = ("/proc/net/tcp", "/proc/net/tcp6")) -> set[int]:
    ports = set()
    for table in tables:
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) > 9 and fields[3] == _LISTEN and fields[9] in inodes:
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def _sandbox_inodes(token: str) -> set[str]:
    inodes: set[str] = set()
    for pid in _sandbox_pids(token):
        inodes |= _socket_inodes(pid)
    return inodes


def listening_ports(token: str) -> list[int]:
    """Every TCP port (IPv4 or IPv6) a process of the sandbox listens on, sorted."""
    if not Path("/proc/net/tcp").exists():
        return []
    inodes = _sandbox_inodes(token)
    return sorted(_listening(inodes)) if inodes else []


def listening_ports_ipv4(token: str) -> list[int]:
    """The ports of IPv4 listening sockets only: what the daemon's detector (go-netstat's TCPSocks, which
    reads /proc/net/tcp) reports. A server bound to an IPv6 or dual-stack socket is not among them."""
    if not Path("/proc/net/tcp").exists():
        return []
    inodes = _sandbox_inodes(token)
    return sorted(_listening(inodes, ("/proc/net/tcp",))) if inodes else []
