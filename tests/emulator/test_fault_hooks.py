"""The emulator's fault hooks (``daytona_emulator.control.faults``): which requests a fault takes (query, Nth, a
seeded share, a number of times), when it acts (before the server, or after it acted) and what the client
gets (a status with or without body, a redirect, corrupt gzip, a body cut mid-way, a delay).

Test infrastructure, not upstream rules. Waits are on events with generous ceilings; the only timing checks
are lower bounds (a delay never makes an answer early), which a slow machine cannot break.
"""

from __future__ import annotations

import asyncio
import random
import socket
import time
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
import socketio

from daytona_emulator.server import RunningEmulator

CEILING = 60.0


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


@pytest.fixture
async def api(emulator: RunningEmulator) -> AsyncIterator[httpx.AsyncClient]:
    headers = {"Authorization": f"Bearer {emulator.api_key}"}
    async with httpx.AsyncClient(base_url=emulator.base_url, headers=headers, timeout=CEILING) as client:
        yield client
    emulator.state.faults.clear()


@pytest.fixture
async def sandbox(api: httpx.AsyncClient) -> AsyncIterator[dict[str, Any]]:
    """A started sandbox, deleted afterwards."""
    answer = await api.post("/sandbox", json={"name": unique("faults")})
    assert answer.status_code == 200, answer.text
    created: dict[str, Any] = answer.json()
    yield created
    await api.delete(f"/sandbox/{created['id']}")


async def eventually(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + CEILING
    while not check():
        assert time.monotonic() < deadline, f"never happened: {what}"
        await asyncio.sleep(0.02)


def raw_exchange(emulator: RunningEmulator, request: bytes) -> tuple[bytes, bytes, bool]:
    """Send one HTTP/1.1 request on a plain socket; (head, body bytes received, whether the server closed
    the connection before the body announced by Content-Length was complete)."""
    with socket.create_connection((emulator.host, emulator.port), timeout=CEILING) as sock:
        sock.sendall(request)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            assert chunk, f"closed before the head: {data!r}"
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = next(
            int(line.split(b":", 1)[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")
        )
        while len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                return head, body, True
            body += chunk
        return head, body, False


def request_bytes(emulator: RunningEmulator, method: str, path: str, body: bytes = b"") -> bytes:
    lines = [
        f"{method} {path} HTTP/1.1",
        f"Host: {emulator.host}:{emulator.port}",
        f"Authorization: Bearer {emulator.api_key}",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
        "",
        "",
    ]
    return "\r\n".join(lines).encode() + body


# ---- when: after the server acted ------------------------------------------------------------------------


async def test_an_after_fault_lets_the_server_act_then_answers_the_fault(
    emulator: RunningEmulator, api: httpx.AsyncClient
) -> None:
    name = unique("acted")
    emulator.state.faults.add("POST", r"/api/sandbox$", status=503, after=True)
    answer = await api.post("/sandbox", json={"name": name})
    assert answer.status_code == 503
    assert answer.json()["message"] == "Injected fault"
    found = (await api.get(f"/sandbox/{name}")).json()  # the sandbox exists: the create happened
    assert found["name"] == name and found["state"] == "started"
    await api.delete(f"/sandbox/{found['id']}")


async def test_an_after_cut_applies_the_change_and_cuts_the_real_answer_mid_body(
    emulator: RunningEmulator, api: httpx.AsyncClient, sandbox: dict[str, Any]
) -> None:
    path = f"/api/sandbox/{sandbox['id']}/labels"
    emulator.state.faults.add("PUT", rf"{path}$", kind="cut", cut_after=25, after=True)
    head, body, closed = await asyncio.to_thread(
        raw_exchange, emulator, request_bytes(emulator, "PUT", path, b'{"labels": {"cut": "yes"}}')
    )
    assert head.startswith(b"HTTP/1.1 200")  # the real answer's head
    assert b"application/json" in head.lower()
    assert closed and len(body) == 25  # then 25 bytes of its body and the connection closed
    assert (await api.get(f"/sandbox/{sandbox['id']}")).json()["labels"] == {"cut": "yes"}


async def test_an_after_cut_is_seen_by_an_http_client_as_a_broken_body(
    emulator: RunningEmulator, api: httpx.AsyncClient, sandbox: dict[str, Any]
) -> None:
    emulator.state.faults.add("GET", rf"/api/sandbox/{sandbox['id']}$", kind="cut", cut_after=40, after=True)
    with pytest.raises(httpx.RemoteProtocolError):
        await api.get(f"/sandbox/{sandbox['id']}")
    assert (await api.get(f"/sandbox/{sandbox['id']}")).status_code == 200  # once only


async def test_an_after_delay_holds_the_real_answer_after_the_change_is_made(
    emulator: RunningEmulator, api: httpx.AsyncClient, sandbox: dict[str, Any]
) -> None:
    emulator.state.faults.add("PUT", r"/labels$", status=None, delay=20.0, after=True)
    pending = asyncio.create_task(api.put(f"/sandbox/{sandbox['id']}/labels", json={"labels": {"late": "1"}}))
    state = emulator.state

    def applied() -> bool:
        with state.lock:
            return state.sandboxes[sandbox["id"]].labels == {"late": "1"}

    await eventually(applied, "the labels changed")
    assert not pending.done()  # the change is made, the answer still held back
    pending.cancel()
    with pytest.raises(asyncio.CancelledError):
        await pending


# ---- which requests ------------------------------------------------------------------------------------


async def test_a_fault_can_match_on_the_query_string(emulator: RunningEmulator, api: httpx.AsyncClient) -> None:
    emulator.state.faults.add("GET", r"/api/sandbox$", status=503, query_regex=r"(^|&)limit=7(&|$)", times=None)
    assert (await api.get("/sandbox", params={"limit": 8})).status_code == 200
    assert (await api.get("/sandbox", params={"limit": 7})).status_code == 503
    assert (await api.get("/sandbox")).status_code == 200


async def test_a_fault_takes_the_nth_matching_request(emulator: RunningEmulator, api: httpx.AsyncClient) -> None:
    fault = emulator.state.faults.add("GET", r"/api/regions$", status=503, nth=3)
    statuses = [(await api.get("/regions")).status_code for _ in range(5)]
    assert statuses == [200, 200, 503, 200, 200]
    assert (fault.seen, fault.hits) == (3, 1)  # exhausted after its one time: later requests are not counted


async def test_a_fault_takes_a_seeded_share_of_the_matching_requests(
    emulator: RunningEmulator, api: httpx.AsyncClient
) -> None:
    async def pattern() -> list[bool]:
        emulator.state.faults.clear()
        emulator.state.faults.add("GET", r"/api/regions$", status=503, times=None, probability=0.5, seed=7)
        return [(await api.get("/regions")).status_code == 503 for _ in range(24)]

    first = await pattern()
    assert first == await pattern()  # reproducible
    draws = random.Random(7)
    assert first == [draws.random() < 0.5 for _ in range(24)]
    assert 0 < sum(first) < len(first)


async def test_a_fault_acts_a_number_of_times(emulator: RunningEmulator, api: httpx.AsyncClient) -> None:
    emulator.state.faults.add("GET", r"/api/regions$", status=502, times=2)
    statuses = [(await api.get("/regions")).status_code for _ in range(3)]
    assert statuses == [502, 502, 200]


# ---- what the client gets ------------------------------------------------------------------------------


async def test_a_status_without_any_body(emulator: RunningEmulator, api: httpx.AsyncClient) -> None:
    emulator.state.faults.add("GET", r"/api/regions$", status=503, empty_body=True)
    answer = await api.get("/regions")
    assert answer.status_code == 503
    assert answer.content == b"" and answer.headers["content-length"] == "0"


async def test_a_status_with_a_chosen_body_and_headers(emulator: RunningEmulator, api: httpx.AsyncClient) -> None:
    emulator.state.faults.add("GET", r"/api/regions$", status=429, body={"custom": True}, headers={"Retry-After": "2"})
    answer = await api.get("/regions")
    assert (answer.status_code, answer.json(), answer.headers["retry-after"]) == (429, {"custom": True}, "2")


async def test_a_redirect_with_a_location(emulator: RunningEmulator, api: httpx.AsyncClient) -> None:
    location = "https://elsewhere.invalid/api/regions"
    emulator.state.faults.add("GET", r"/api/regions$", kind="redirect", status=301, location=location)
    answer = await api.get("/regions")
    assert answer.status_code == 301 and answer.headers["location"] == location
    emulator.state.faults.add("GET", r"/api/regions$", kind="redirect", location="/api/config")
    assert (await api.get("/regions")).status_code == 302  # the redirect kind's default status


async def test_a_corrupt_gzip_body(emulator: RunningEmulator, api: httpx.AsyncClient) -> None:
    emulator.state.faults.add("GET", r"/api/sandbox$", kind="gzip")
    with pytest.raises(httpx.DecodingError):
        await api.get("/sandbox")
    emulator.state.faults.add("GET", r"/api/sandbox$", kind="gzip")
    async with api.stream("GET", "/sandbox") as answer:
        assert answer.status_code == 200 and answer.headers["content-encoding"] == "gzip"
        raw = b"".join([chunk async for chunk in answer.aiter_raw()])
    assert raw.startswith(b"\x1f\x8b")


async def test_a_cut_before_the_server_acts_leaves_it_untouched(
    emulator: RunningEmulator, api: httpx.AsyncClient, sandbox: dict[str, Any]
) -> None:
    path = f"/api/sandbox/{sandbox['id']}/labels"
    emulator.state.faults.add("PUT", rf"{path}$", kind="cut", cut_after=10)
    head, body, closed = await asyncio.to_thread(
        raw_exchange, emulator, request_bytes(emulator, "PUT", path, b'{"labels": {"never": "set"}}')
    )
    assert head.startswith(b"HTTP/1.1 200") and closed and len(body) == 10
    assert (await api.get(f"/sandbox/{sandbox['id']}")).json()["labels"] != {"never": "set"}


async def test_a_delay_before_answering(emulator: RunningEmulator, api: httpx.AsyncClient) -> None:
    emulator.state.faults.add("GET", r"/api/regions$", status=None, delay=0.3)
    started = time.monotonic()
    answer = await api.get("/regions")
    assert answer.status_code == 200  # served normally, late
    assert time.monotonic() - started >= 0.3
    emulator.state.faults.add("GET", r"/api/regions$", status=504, delay=0.3)
    started = time.monotonic()
    assert (await api.get("/regions")).status_code == 504
    assert time.monotonic() - started >= 0.3


# ---- the admin API and the notification gateway ----------------------------------------------------------


async def test_the_admin_api_plans_every_kind_of_fault(emulator: RunningEmulator, api: httpx.AsyncClient) -> None:
    plan = {
        "method": "GET",
        "path": "/api/regions$",
        "query": "x=1",
        "kind": "cut",
        "cutAfter": 5,
        "after": True,
        "nth": 2,
        "probability": 0.75,
        "seed": 3,
        "times": 4,
    }
    added = await api.post("/_emulator/faults", json=plan)
    assert added.status_code == 201, added.text
    described = added.json()
    assert {k: described[k] for k in plan} == plan
    assert (described["status"], described["hits"], described["seen"]) == (200, 0, 0)
    refused = await api.post("/_emulator/faults", json={"path": "/x", "kind": "redirect"})
    assert refused.status_code == 400 and "location" in refused.json()["message"]
    assert (await api.post("/_emulator/faults", json={"path": "/x", "kind": "teapot"})).status_code == 400
    assert (await api.post("/_emulator/faults", json={"path": "/x", "probability": 0})).status_code == 400


async def test_a_fault_refuses_the_notification_gateways_handshake(emulator: RunningEmulator) -> None:
    emulator.state.faults.add("GET", r"^/api/socket\.io/$", status=503)
    client = socketio.AsyncClient(reconnection=False)
    try:
        with pytest.raises(socketio.exceptions.ConnectionError):
            await client.connect(
                emulator.root_url,
                socketio_path="/api/socket.io/",
                transports=["websocket"],
                auth={"token": emulator.api_key},
                wait_timeout=CEILING,
            )
    finally:
        emulator.state.faults.clear()
    await client.connect(
        emulator.root_url,
        socketio_path="/api/socket.io/",
        transports=["websocket"],
        auth={"token": emulator.api_key},
        wait_timeout=CEILING,
    )
    await client.disconnect()


async def test_a_muted_gateway_accepts_clients_and_sends_them_nothing(
    emulator: RunningEmulator, api: httpx.AsyncClient
) -> None:
    received: list[tuple[str, Any]] = []

    async def collect(event: str, data: Any) -> None:
        received.append((event, data))

    client = socketio.AsyncClient(reconnection=False)
    client.on("*", collect)
    muted = await api.patch("/_emulator/settings", json={"notificationsMuted": True})
    assert muted.json()["notificationsMuted"] is True
    try:
        await client.connect(
            emulator.root_url,
            socketio_path="/api/socket.io/",
            transports=["websocket"],
            auth={"token": emulator.api_key},
            wait_timeout=CEILING,
        )
        created = (await api.post("/sandbox", json={"name": unique("muted")})).json()  # answered once started
    finally:
        await api.patch("/_emulator/settings", json={"notificationsMuted": False})
    await api.post(f"/sandbox/{created['id']}/stop")

    def about_it() -> list[str]:
        """Names of the events about this sandbox (``sandbox.created`` has it as the payload itself)."""
        names = []
        for name, data in received:
            subject = data.get("sandbox", data) if isinstance(data, dict) else {}
            if subject.get("id") == created["id"]:
                names.append(name)
        return names

    await eventually(lambda: "sandbox.state.updated" in about_it(), "an event after unmuting")
    await client.disconnect()
    await api.delete(f"/sandbox/{created['id']}")
    # Nothing of the creation (made while muted) came: the first event about it is the stop's.
    assert about_it()[0] == "sandbox.desired-state.updated"
