"""The notification gateway: Socket.IO at ``/api/socket.io/`` (WebSocket transport only), authenticated by
the handshake's ``auth.token``, sending the organization's sandbox, snapshot and volume events in the
service's order with its payloads.

Clients: python-socketio's own ``AsyncClient`` (as any Socket.IO client would connect), and a plain
WebSocket speaking the Engine.IO/Socket.IO framing by hand (to see the exact packets). Every wait is on an
event, with a generous ceiling.

The emulator has one organization; :func:`test_events_of_another_organization_do_not_reach_the_room` makes
a sandbox of a second organization change state inside the emulator to show the room keeps them apart.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
import socketio
from jsonschema import Draft202012Validator
from websockets.asyncio.client import ClientConnection, connect

from daytona_emulator.control.records import SandboxRecord, new_id
from daytona_emulator.control.timeline import Timeline
from daytona_emulator.server import RunningEmulator
from tests.emulator._spec_validator import format_checker, spec_validator
from tests.fidelity.conftest import WAIT_CEILING

PATH = "/api/socket.io/"

Event = tuple[str, dict[str, Any]]


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


class Events:
    """Every event a Socket.IO client received, in order; ``until`` waits for one that matches."""

    def __init__(self) -> None:
        self.received: list[Event] = []
        self._changed = asyncio.Condition()

    async def add(self, event: str, data: Any) -> None:
        async with self._changed:
            self.received.append((event, data))
            self._changed.notify_all()

    async def until(self, match: Callable[[Event], bool], ceiling: float = WAIT_CEILING) -> Event:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: any(match(e) for e in self.received)), ceiling)
            return next(e for e in self.received if match(e))

    def about(self, resource_id: str) -> list[Event]:
        """The events whose payload is (or holds) the resource with that ID."""
        return [(name, data) for name, data in self.received if _subject(data).get("id") == resource_id]


def _subject(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        return {}
    for key in ("sandbox", "snapshot", "volume"):
        if isinstance(data.get(key), dict):
            return dict(data[key])
    return data


def change(event: Event) -> tuple[str, str | None, str | None]:
    """(event, old, new) of a state or desired-state event; (event, None, None) for the others."""
    name, data = event
    old = data.get("oldState", data.get("oldDesiredState"))
    new = data.get("newState", data.get("newDesiredState"))
    return name, old, new


def is_change(resource_id: str, name: str, old: str, new: str) -> Callable[[Event], bool]:
    return lambda e: _subject(e[1]).get("id") == resource_id and change(e) == (name, old, new)


@asynccontextmanager
async def subscribed(emulator: RunningEmulator, token: str | None = None) -> AsyncIterator[Events]:
    """A python-socketio client connected with ``token`` (the emulator's key by default), collecting events."""
    events = Events()
    client = socketio.AsyncClient(reconnection=False)
    client.on("*", events.add)
    await client.connect(
        emulator.root_url,
        socketio_path=PATH,
        transports=["websocket"],
        auth={"token": token or emulator.api_key},
        wait_timeout=WAIT_CEILING,
    )
    try:
        yield events
    finally:
        await client.disconnect()


@asynccontextmanager
async def rest(emulator: RunningEmulator) -> AsyncIterator[httpx.AsyncClient]:
    headers = {"Authorization": f"Bearer {emulator.api_key}"}
    async with httpx.AsyncClient(base_url=emulator.base_url, headers=headers, timeout=WAIT_CEILING) as client:
        yield client


async def engine_io(emulator: RunningEmulator) -> ClientConnection:
    """A plain WebSocket at the gateway, past Engine.IO's open packet (``0{...}``)."""
    url = f"ws://{emulator.host}:{emulator.port}{PATH}?EIO=4&transport=websocket"
    ws = await connect(url, open_timeout=WAIT_CEILING)
    opened = await asyncio.wait_for(ws.recv(), WAIT_CEILING)
    assert isinstance(opened, str) and opened.startswith("0"), opened
    assert {"sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload"} <= set(json.loads(opened[1:]))
    return ws


async def socketio_connect(ws: ClientConnection, packet: str) -> str:
    """Send a Socket.IO CONNECT packet; the server's answer (``40{...}`` accepted, ``44{...}`` refused).

    Engine.IO pings (``2``) are skipped, and so are events (``42[...]``): a client is in its room from the
    moment it is accepted, so another test's sandbox may change state just before the answer is sent."""
    await ws.send(packet)
    while True:
        answer = await asyncio.wait_for(ws.recv(), WAIT_CEILING)
        assert isinstance(answer, str)
        if answer != "2" and not answer.startswith("42"):
            return answer


def sandbox_schema() -> Draft202012Validator:
    validator = spec_validator()
    return Draft202012Validator({"$defs": validator.defs, "$ref": "#/$defs/Sandbox"}, format_checker=format_checker())


# ---- transport and authentication ------------------------------------------------------------------------


@pytest.mark.upstream("apps/api/src/notification/gateways/notification.gateway.ts")
def test_only_the_websocket_transport_is_served(emulator: RunningEmulator) -> None:
    """``transports: ['websocket']``: an HTTP long-polling handshake is Engine.IO's unknown transport."""
    with httpx.Client(base_url=emulator.root_url, timeout=WAIT_CEILING) as client:
        for params in ({"EIO": "4", "transport": "polling"}, {"EIO": "4"}):
            answer = client.get(PATH, params=params)
            assert answer.status_code == 400
            assert answer.headers["content-type"].startswith("application/json")
            assert answer.json() == {"code": 0, "message": "Transport unknown"}


@pytest.mark.upstream(
    "apps/api/src/notification/gateways/notification.gateway.ts", "apps/api/src/auth/api-key.strategy.ts"
)
async def test_handshakes_without_a_users_key_are_refused_unauthorized(emulator: RunningEmulator) -> None:
    """No ``auth``, no or an empty token, an unknown key, a machine key, a JWT: ``CONNECT_ERROR``
    ``{"message": "Unauthorized"}`` (the middleware's ``UnauthorizedException``); the user's key connects."""
    settings = emulator.state.settings
    jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl"
    refused = [
        "40",
        "40{}",
        '40{"token":""}',
        '40{"token":"not-a-key"}',
        '40{"token":42}',
        json.dumps({"token": settings.ssh_gateway_api_key}).join(("40", "")),
        json.dumps({"token": settings.health_check_api_key}).join(("40", "")),
        json.dumps({"token": jwt}).join(("40", "")),
    ]
    for packet in refused:
        ws = await engine_io(emulator)
        try:
            answer = await socketio_connect(ws, packet)
        finally:
            await ws.close()
        assert answer == '44{"message":"Unauthorized"}', (packet, answer)
    ws = await engine_io(emulator)
    try:
        answer = await socketio_connect(ws, json.dumps({"token": emulator.api_key}).join(("40", "")))
    finally:
        await ws.close()
    assert answer.startswith("40") and set(json.loads(answer[2:])) == {"sid"}, answer


@pytest.mark.upstream("apps/api/src/notification/gateways/notification.gateway.ts")
async def test_the_socketio_client_is_refused_with_a_wrong_token_and_accepted_with_the_key(
    emulator: RunningEmulator,
) -> None:
    refusals: list[Any] = []
    client = socketio.AsyncClient(reconnection=False)
    client.on("connect_error", refusals.append)
    with pytest.raises(socketio.exceptions.ConnectionError):
        await client.connect(
            emulator.root_url,
            socketio_path=PATH,
            transports=["websocket"],
            auth={"token": "wrong"},
            wait_timeout=WAIT_CEILING,
        )
    assert refusals == [{"message": "Unauthorized"}]
    accepted = socketio.AsyncClient(reconnection=False)
    await accepted.connect(
        emulator.root_url,
        socketio_path=PATH,
        transports=["websocket"],
        auth={"token": emulator.api_key},
        wait_timeout=WAIT_CEILING,
    )
    try:
        assert accepted.connected and accepted.get_sid() is not None
    finally:
        await accepted.disconnect()


@pytest.mark.upstream("apps/api/src/notification/gateways/notification.gateway.ts")
async def test_only_the_default_namespace_exists(emulator: RunningEmulator) -> None:
    ws = await engine_io(emulator)
    try:
        answer = await socketio_connect(ws, "40/admin," + json.dumps({"token": emulator.api_key}))
    finally:
        await ws.close()
    assert answer == '44/admin,{"message":"Invalid namespace"}'


# ---- sandbox events --------------------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/api/src/notification/services/notification.service.ts",
    "apps/api/src/notification/gateways/notification.gateway.ts",
    "apps/api/src/sandbox/repositories/sandbox.repository.ts",
    "apps/api/src/sandbox/services/sandbox.service.ts",
    "apps/api/src/sandbox/constants/sandbox-events.constants.ts",
)
async def test_sandbox_create_stop_delete_events_arrive_in_the_services_order(emulator: RunningEmulator) -> None:
    async with subscribed(emulator) as events, rest(emulator) as api:
        answer = await api.post("/sandbox", json={"name": unique("events")})
        assert answer.status_code == 200, answer.text
        created = answer.json()
        sid = created["id"]
        await events.until(is_change(sid, "sandbox.state.updated", "creating", "started"))
        assert (await api.post(f"/sandbox/{sid}/stop")).status_code == 200
        await events.until(is_change(sid, "sandbox.state.updated", "stopping", "stopped"))
        assert (await api.delete(f"/sandbox/{sid}")).status_code == 200
        await events.until(is_change(sid, "sandbox.state.updated", "destroying", "destroyed"))

    timeline = events.about(sid)
    assert [change(e) for e in timeline] == [
        ("sandbox.created", None, None),
        ("sandbox.state.updated", "unknown", "creating"),
        ("sandbox.state.updated", "creating", "started"),
        ("sandbox.desired-state.updated", "started", "stopped"),
        ("sandbox.state.updated", "started", "stopping"),
        ("sandbox.state.updated", "stopping", "stopped"),
        ("sandbox.desired-state.updated", "stopped", "destroyed"),
        ("sandbox.state.updated", "stopped", "destroying"),
        ("sandbox.state.updated", "destroying", "destroyed"),
    ]
    # sandbox.created carries the DTO of the inserted sandbox: what the create answer shows.
    assert timeline[0][1] == created
    # Each update's DTO is the sandbox as that update left it (the state the REST API would show).
    shown = [(data["sandbox"]["state"], data["sandbox"]["desiredState"]) for _, data in timeline[1:]]
    assert shown == [
        ("creating", "started"),
        ("started", "started"),
        ("stopping", "stopped"),
        ("stopping", "stopped"),
        ("stopped", "stopped"),
        ("destroying", "destroyed"),
        ("destroying", "destroyed"),
        ("destroyed", "destroyed"),
    ]


@pytest.mark.upstream(
    "apps/api/src/notification/services/notification.service.ts", "apps/api/src/sandbox/dto/sandbox.dto.ts"
)
async def test_sandbox_payloads_are_the_rest_apis_sandbox(emulator: RunningEmulator) -> None:
    """Every sandbox in an event validates as openapi.yaml's ``Sandbox`` and carries the toolboxProxyUrl the
    REST API gives the same client; the last event of a start holds what ``GET /sandbox/{id}`` answers."""
    schema = sandbox_schema()
    async with subscribed(emulator) as events, rest(emulator) as api:
        created = (await api.post("/sandbox", json={"labels": {"kind": "payloads"}})).json()
        sid = created["id"]
        _, last = await events.until(is_change(sid, "sandbox.state.updated", "creating", "started"))
        got = (await api.get(f"/sandbox/{sid}")).json()
        await api.delete(f"/sandbox/{sid}")
        await events.until(is_change(sid, "sandbox.state.updated", "destroying", "destroyed"))
    assert last["sandbox"] == got
    for name, data in events.about(sid):
        sandbox = data if name == "sandbox.created" else data["sandbox"]
        problems = [e.message for e in schema.iter_errors(sandbox)]
        assert problems == [], (name, problems)
        assert sandbox["toolboxProxyUrl"] == created["toolboxProxyUrl"]


@pytest.mark.upstream(
    "apps/api/src/sandbox/repositories/sandbox.repository.ts", "apps/api/src/sandbox/services/sandbox.service.ts"
)
async def test_one_update_of_state_and_desired_state_announces_the_state_first(emulator: RunningEmulator) -> None:
    """``archive`` writes ``ARCHIVING`` and desired ``ARCHIVED`` in one update: ``emitUpdateEvents`` sends the
    state event, then the desired-state event, both with the row as the update left it."""
    async with subscribed(emulator) as events, rest(emulator) as api:
        sid = (await api.post("/sandbox", json={})).json()["id"]
        await api.post(f"/sandbox/{sid}/stop")
        await events.until(is_change(sid, "sandbox.state.updated", "stopping", "stopped"))
        assert (await api.post(f"/sandbox/{sid}/archive")).status_code == 200
        await events.until(is_change(sid, "sandbox.state.updated", "archiving", "archived"))
        await api.delete(f"/sandbox/{sid}")
        await events.until(is_change(sid, "sandbox.state.updated", "archived", "destroyed"))
    timeline = events.about(sid)
    first = next(i for i, e in enumerate(timeline) if change(e) == ("sandbox.state.updated", "stopped", "archiving"))
    archive = timeline[first : first + 3]
    assert [change(e) for e in archive] == [
        ("sandbox.state.updated", "stopped", "archiving"),
        ("sandbox.desired-state.updated", "stopped", "archived"),
        ("sandbox.state.updated", "archiving", "archived"),
    ]
    assert archive[0][1]["sandbox"] == archive[1][1]["sandbox"]
    assert (archive[0][1]["sandbox"]["state"], archive[0][1]["sandbox"]["desiredState"]) == ("archiving", "archived")


@pytest.mark.upstream(
    "apps/api/src/sandbox/repositories/sandbox.repository.ts",
    "apps/api/src/notification/gateways/notification.gateway.ts",
)
async def test_changes_made_outside_the_server_loop_are_delivered_and_other_organizations_stay_apart(
    emulator: RunningEmulator,
) -> None:
    """The room is the organization's: a sandbox of another organization changing state (here made inside the
    emulator, which serves one organization) reaches nobody in this one, while this organization's change,
    made just after it from the test's own thread, arrives."""
    state = emulator.state

    def detached(organization_id: str) -> SandboxRecord:
        rec = SandboxRecord(
            id=new_id(),
            name=unique("detached"),
            organization_id=organization_id,
            user="daytona",
            target="us",
            snapshot=None,
            cpu=1,
            gpu=0,
            memory=1,
            disk=3,
            timeline=Timeline("stopped"),
            desired_state="stopped",
        )
        state.sandbox_service._watch(rec)
        return rec

    async with subscribed(emulator) as events:
        foreign, own = detached(str(uuid.uuid4())), detached(state.settings.organization_id)
        with state.lock:  # from this (the test's) thread, not the server loop
            foreign.timeline.set("error")
            own.timeline.set("error")
        await events.until(is_change(own.id, "sandbox.state.updated", "stopped", "error"))
    assert events.about(foreign.id) == []
    organizations = {_subject(data).get("organizationId") for _, data in events.received}
    assert organizations == {state.settings.organization_id}


# ---- snapshots and volumes -------------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/api/src/notification/services/notification.service.ts",
    "apps/api/src/sandbox/services/snapshot.service.ts",
    "apps/api/src/sandbox/repositories/snapshot.repository.ts",
)
async def test_snapshot_events_created_state_updated_removed(emulator: RunningEmulator) -> None:
    async with subscribed(emulator) as events, rest(emulator) as api:
        answer = await api.post("/snapshots", json={"name": unique("events"), "imageName": "alpine:3.20"})
        assert answer.status_code in (200, 201), answer.text
        snapshot = answer.json()
        await events.until(is_change(snapshot["id"], "snapshot.state.updated", "pulling", "active"))
        assert (await api.delete(f"/snapshots/{snapshot['id']}")).status_code == 200
        await events.until(lambda e: e[0] == "snapshot.removed" and e[1]["id"] == snapshot["id"])
    timeline = events.about(snapshot["id"])
    assert [change(e) for e in timeline] == [
        ("snapshot.created", None, None),
        ("snapshot.state.updated", "pending", "pulling"),
        ("snapshot.state.updated", "pulling", "active"),
        ("snapshot.state.updated", "active", "removing"),
        ("snapshot.removed", None, None),
    ]
    assert timeline[0][1] == snapshot  # the DTO the create answered
    assert timeline[2][1]["snapshot"]["state"] == "active" and timeline[2][1]["snapshot"]["size"] is not None


@pytest.mark.upstream(
    "apps/api/src/sandbox/subscribers/volume.subscriber.ts",
    "apps/api/src/notification/services/notification.service.ts",
)
async def test_volume_events_created_and_each_state(emulator: RunningEmulator) -> None:
    async with subscribed(emulator) as events, rest(emulator) as api:
        name = unique("events")
        volume = (await api.post("/volumes", json={"name": name})).json()
        await events.until(is_change(volume["id"], "volume.state.updated", "creating", "ready"))
        assert (await api.delete(f"/volumes/{volume['id']}")).status_code == 200
        _, deleted = await events.until(is_change(volume["id"], "volume.state.updated", "deleting", "deleted"))
    timeline = events.about(volume["id"])
    assert [change(e) for e in timeline] == [
        ("volume.created", None, None),
        ("volume.state.updated", "pending_create", "creating"),
        ("volume.state.updated", "creating", "ready"),
        ("volume.state.updated", "ready", "pending_delete"),
        ("volume.state.updated", "pending_delete", "deleting"),
        ("volume.state.updated", "deleting", "deleted"),
    ]
    assert timeline[0][1] == volume
    assert deleted["volume"]["name"] == f"{name}-deleted"  # renamed in the same save as the state


@pytest.mark.upstream(
    "apps/api/src/sandbox/services/volume.service.ts", "apps/api/src/sandbox/subscribers/volume.subscriber.ts"
)
async def test_a_sandbox_mounting_a_volume_announces_its_last_use(emulator: RunningEmulator) -> None:
    async with subscribed(emulator) as events, rest(emulator) as api:
        volume = (await api.post("/volumes", json={"name": unique("used")})).json()
        await events.until(is_change(volume["id"], "volume.state.updated", "creating", "ready"))
        mount = {"volumeId": volume["id"], "mountPath": "/home/daytona/data"}
        sandbox = (await api.post("/sandbox", json={"volumes": [mount]})).json()
        _, used = await events.until(lambda e: e[0] == "volume.lastUsedAt.updated" and e[1]["id"] == volume["id"])
        await api.delete(f"/sandbox/{sandbox['id']}")
        await events.until(is_change(sandbox["id"], "sandbox.state.updated", "destroying", "destroyed"))
        await api.delete(f"/volumes/{volume['id']}")
    assert used["lastUsedAt"] == sandbox["createdAt"]
    order = [(name, _subject(data).get("id")) for name, data in events.received]
    assert order.index(("sandbox.created", sandbox["id"])) < order.index(("volume.lastUsedAt.updated", volume["id"]))
