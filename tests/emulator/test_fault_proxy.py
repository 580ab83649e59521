"""The TCP-level fault proxy (``daytona_emulator.faultproxy``, the ``fault_proxy`` fixture): reset or close after N
bytes of an answer, stall answers, refuse connections, switched while running. Test infrastructure."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator

import httpx
import pytest

from daytona_emulator.faultproxy import FaultProxy
from daytona_emulator.server import RunningEmulator

CEILING = 60.0
HEALTH = b"GET /api/health HTTP/1.1\r\nHost: emulator\r\n\r\n"


@pytest.fixture
def client(fault_proxy: FaultProxy, emulator: RunningEmulator) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {emulator.api_key}"}
    with httpx.Client(base_url=f"{fault_proxy.url}/api", headers=headers, timeout=CEILING) as http:
        yield http


def through(proxy: FaultProxy) -> socket.socket:
    sock = socket.create_connection((proxy.host, proxy.port), timeout=CEILING)
    sock.sendall(HEALTH)
    return sock


def read_until_end(sock: socket.socket) -> tuple[bytes, str]:
    """Everything the socket gets until it ends; (data, "eof" or "reset")."""
    data = b""
    try:
        while chunk := sock.recv(65536):
            data += chunk
    except ConnectionResetError:
        return data, "reset"
    return data, "eof"


def test_it_passes_answers_through(client: httpx.Client) -> None:
    assert client.get("/health").json() == {"status": "ok"}


def test_reset_after_n_bytes_of_the_answer(fault_proxy: FaultProxy) -> None:
    fault_proxy.reset_after(37)
    with through(fault_proxy) as sock:
        data, end = read_until_end(sock)
    assert (len(data), end) == (37, "reset")
    assert data.startswith(b"HTTP/1.1 200")


def test_close_after_n_bytes_of_the_answer(fault_proxy: FaultProxy) -> None:
    fault_proxy.close_after(50)
    with through(fault_proxy) as sock:
        data, end = read_until_end(sock)
    assert (len(data), end) == (50, "eof")


def test_a_cut_mid_body_breaks_an_http_clients_read(fault_proxy: FaultProxy, client: httpx.Client) -> None:
    whole = client.get("/config")
    head_size = len(b"HTTP/1.1 200 OK\r\n") + sum(len(k) + len(v) + 4 for k, v in whole.headers.raw) + 2
    fault_proxy.reset_after(head_size + 10, times=1)  # the same pooled connection: the switch applies to it
    with pytest.raises(httpx.ReadError):
        client.get("/config")
    assert client.get("/config").json() == whole.json()  # `times=1`: back to passing through
    assert fault_proxy.cut == 1


def test_times_counts_connections_then_passes_through(fault_proxy: FaultProxy) -> None:
    fault_proxy.close_after(0, times=2)
    for _ in range(2):
        with through(fault_proxy) as sock:
            assert read_until_end(sock) == (b"", "eof")
    with through(fault_proxy) as sock:
        data, _ = read_until_end_of_one_answer(sock)
    assert data.startswith(b"HTTP/1.1 200")
    fault_proxy.wait_for(lambda p: p.cut == 2, CEILING)


def read_until_end_of_one_answer(sock: socket.socket) -> tuple[bytes, str]:
    data = b""
    while b"\r\n\r\n" not in data or not data.endswith(b"}"):
        chunk = sock.recv(65536)
        if not chunk:
            return data, "eof"
        data += chunk
    return data, "complete"


def test_stall_holds_the_answer_until_switched_back(fault_proxy: FaultProxy, emulator: RunningEmulator) -> None:
    emulator.state.requests.clear()
    fault_proxy.stall()
    with through(fault_proxy) as sock:
        wait_until(lambda: any(e.path == "/api/health" for e in emulator.state.requests.entries()))
        sock.settimeout(0.5)  # the server got the request (it acted) and the client has nothing yet
        with pytest.raises(TimeoutError):
            sock.recv(65536)
        sock.settimeout(CEILING)
        fault_proxy.pass_through()
        data, how = read_until_end_of_one_answer(sock)
    assert how == "complete" and data.startswith(b"HTTP/1.1 200")


def wait_until(check: Callable[[], bool]) -> None:
    deadline = time.monotonic() + CEILING
    while not check():
        assert time.monotonic() < deadline, "never happened"
        time.sleep(0.02)


def test_refuse_new_connections_while_open_ones_carry_on(fault_proxy: FaultProxy, client: httpx.Client) -> None:
    assert client.get("/health").status_code == 200  # a pooled connection is open
    fault_proxy.refuse()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((fault_proxy.host, fault_proxy.port), timeout=CEILING)
    assert client.get("/health").status_code == 200  # the open connection still works
    fault_proxy.pass_through()
    with through(fault_proxy) as sock:
        data, _ = read_until_end_of_one_answer(sock)
    assert data.startswith(b"HTTP/1.1 200")


def test_switching_needs_valid_arguments(fault_proxy: FaultProxy) -> None:
    with pytest.raises(ValueError):
        fault_proxy.reset_after(-1)
    with pytest.raises(ValueError):
        fault_proxy.close_after(3, times=0)
