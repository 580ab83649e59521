"""The daemon's info handlers (version, home and working directory) and its port detector."""

from __future__ import annotations

import random
import socket
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.fidelity._toolbox_files_support import HOME, assert_empty_error, run, wait_until

Toolbox = Callable[[dict[str, Any]], httpx.Client]


@pytest.fixture
def tb(new_sandbox: Callable[..., dict[str, Any]], toolbox: Toolbox) -> httpx.Client:
    return toolbox(new_sandbox())


def _free_port(family: socket.AddressFamily = socket.AF_INET, host: str = "127.0.0.1") -> int:
    """A port between 3000 and 9999 that nothing on this machine listens on right now."""
    for port in random.sample(range(3000, 10000), 200):
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((host, port))
            except OSError:
                continue
            return port
    raise AssertionError("no free port between 3000 and 9999")


def _listen(tb: httpx.Client, host: str, port: int, v6only: bool = False) -> None:
    family = "socket.AF_INET6" if ":" in host else "socket.AF_INET"
    option = "s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1);" if v6only else ""
    script = (
        f"import socket,time; s=socket.socket({family}); {option}"
        f"s.bind(('{host}', {port})); s.listen(); time.sleep(600)"
    )
    run(tb, f'nohup python3 -c "{script}" >/dev/null 2>&1 &')


def _in_use(tb: httpx.Client, port: int) -> bool:
    answer = tb.get(f"/port/{port}/in-use")
    assert answer.status_code == 200, answer.text
    return bool(answer.json()["isInUse"])


@pytest.mark.upstream("apps/daemon/pkg/toolbox/controller.go", "apps/daemon/pkg/toolbox/types.go")
def test_version_home_and_working_directory(tb: httpx.Client) -> None:
    version = tb.get("/version")
    assert version.headers["content-type"] == "application/json; charset=utf-8"
    assert version.json() == {"version": "v0.190.0"}
    assert tb.get("/user-home-dir").json() == {"dir": HOME}
    assert tb.get("/work-dir").json() == {"dir": HOME}  # Daytona's images set no WORKDIR: the home


@pytest.mark.upstream("apps/daemon/pkg/toolbox/port/detector.go")
def test_port_in_use_takes_a_number_between_3000_and_9999(tb: httpx.Client) -> None:
    for raw in ("abc", "2999", "10000", "0", "3000.5"):
        assert_empty_error(tb.get(f"/port/{raw}/in-use"), 400)
    assert tb.get("/port/+3000/in-use").status_code == 200  # strconv.Atoi takes a sign


@pytest.mark.upstream("apps/daemon/pkg/toolbox/port/detector.go", "apps/daemon/pkg/toolbox/port/types.go")
def test_a_listener_of_the_sandbox_is_in_use_and_listed(tb: httpx.Client) -> None:
    port = _free_port()
    assert _in_use(tb, port) is False
    assert port not in tb.get("/port").json()["ports"]
    _listen(tb, "127.0.0.1", port)
    wait_until(lambda: _in_use(tb, port), f"port {port} to be in use")
    listed = tb.get("/port").json()
    assert list(listed) == ["ports"] and port in listed["ports"]


@pytest.mark.upstream("apps/daemon/pkg/toolbox/port/detector.go")
def test_an_ipv6_only_listener_is_in_use_but_not_listed(tb: httpx.Client) -> None:
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
    except OSError:
        pytest.skip("no IPv6 loopback on this machine")
    port = _free_port(socket.AF_INET6, "::1")
    _listen(tb, "::1", port, v6only=True)
    wait_until(lambda: _in_use(tb, port), f"port {port} to be in use")
    assert port not in tb.get("/port").json()["ports"]  # the detector reads /proc/net/tcp (IPv4) only
