"""Every toolbox operation of openapi.yaml, called over plain HTTP, answers as openapi.yaml documents.

Drives one started sandbox of the in-process emulator through each toolbox operation and checks each
answer's status, Content-Type and JSON body against our openapi.yaml (``_spec_validator``), on the happy
path and on a few error paths (whose bodies must be ``ApiError``s). WebSocket operations (PTY connect,
interpreter execute, followed logs) are checked for their ``101`` handshake. The test fails listing every
toolbox operation never exercised, or whose answer did not conform.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from httpx_ws import AsyncWebSocketSession, WebSocketDisconnect

from daytona_emulator.server import RunningEmulator
from tests.emulator._git_origin import make_origin
from tests.emulator._spec_validator import ConformanceRun

HOME = "/home/daytona"
PROJECT = f"{HOME}/proj"
SOURCE = (
    b"class Greeter:\n    def greet(self, name):\n        return 'hi ' + name\n"
    b"\n\ndef helper():\n    return Greeter()\n"
)


async def drain(ws: AsyncWebSocketSession) -> None:
    """Read frames until the server closes the socket."""
    try:
        while True:
            await asyncio.wait_for(ws.receive(), timeout=60)
    except WebSocketDisconnect:
        return


@pytest.fixture
async def toolbox(emulator: RunningEmulator) -> AsyncIterator[httpx.AsyncClient]:
    """A client whose base URL is the toolbox of a fresh started sandbox (deleted afterwards)."""
    headers = {"Authorization": f"Bearer {emulator.api_key}"}
    async with httpx.AsyncClient(base_url=emulator.base_url, headers=headers, timeout=60) as control:
        created = (await control.post("/sandbox", json={"labels": {"suite": "toolbox-conformance"}})).json()
        sid = created["id"]
        try:
            deadline = time.monotonic() + 60
            while emulator.state.sandbox(sid).state != "started":
                assert time.monotonic() < deadline, f"sandbox {sid} never started"
                await asyncio.sleep(0.02)
            base = f"{emulator.toolbox_url}/{sid}"
            async with httpx.AsyncClient(base_url=base, headers=headers, timeout=60) as client:
                yield client
        finally:
            await control.delete(f"/sandbox/{sid}")


async def test_every_toolbox_operation_answers_as_documented(
    emulator: RunningEmulator, toolbox: httpx.AsyncClient, tmp_path: Path
) -> None:
    c = ConformanceRun(toolbox)

    async with c.area("info"):
        await c.call("GET", "/user-home-dir")
        await c.call("GET", "/work-dir")
        await c.call("GET", "/version")
        await c.call("GET", "/port")
        await c.call("GET", "/port/3000/in-use")
        await c.call("GET", "/port/0/in-use", expect=400)

    async with c.area("files"):
        await c.call("POST", "/files/folder", expect=201, params={"path": f"{HOME}/docs", "mode": "755"})
        await c.call(
            "POST", "/files/upload", params={"path": f"{HOME}/docs/a.txt"}, files={"file": ("a.txt", b"hello\n")}
        )
        await c.call(
            "POST",
            "/files/bulk-upload",
            files=[("files[0].path", (None, f"{HOME}/docs/b.txt")), ("files[0].file", ("b.txt", b"hello b\n"))],
        )
        await c.call("GET", "/files", params={"path": f"{HOME}/docs"})
        await c.call("GET", "/files/info", params={"path": f"{HOME}/docs/a.txt"})
        await c.call("GET", "/files/info", expect=404, params={"path": f"{HOME}/docs/missing.txt"})
        download = await c.call("GET", "/files/download", params={"path": f"{HOME}/docs/a.txt"})
        assert download.content == b"hello\n"
        await c.call("GET", "/files/download", expect=404, params={"path": f"{HOME}/docs/missing.txt"})
        await c.call("POST", "/files/bulk-download", json={"paths": [f"{HOME}/docs/a.txt", f"{HOME}/docs/b.txt"]})
        await c.call("GET", "/files/find", params={"path": f"{HOME}/docs", "pattern": "hello"})
        await c.call("GET", "/files/search", params={"path": f"{HOME}/docs", "pattern": "*.txt"})
        replace = {"files": [f"{HOME}/docs/a.txt"], "pattern": "hello", "newValue": "bye"}
        await c.call("POST", "/files/replace", json=replace)
        await c.call("POST", "/files/permissions", params={"path": f"{HOME}/docs/a.txt", "mode": "644"})
        move = {"source": f"{HOME}/docs/b.txt", "destination": f"{HOME}/docs/c.txt"}
        await c.call("POST", "/files/move", params=move)
        await c.call("DELETE", "/files", expect=204, params={"path": f"{HOME}/docs/c.txt"})
        await c.call("DELETE", "/files", expect=400, params={"path": f"{HOME}/docs"})

    async with c.area("process"):
        ran = await c.json("POST", "/process/execute", json={"command": "echo hi", "timeout": 10})
        assert ran["result"].strip() == "hi"
        await c.call("POST", "/process/code-run", json={"code": "print(1 + 1)", "language": "python"})
        await c.call("POST", "/process/execute", expect=400, json={})

    async with c.area("sessions"):
        await c.call("POST", "/process/session", expect=201, json={"sessionId": "conformance"})
        await c.call("GET", "/process/session")
        await c.call("GET", "/process/session/conformance")
        done = await c.json("POST", "/process/session/conformance/exec", json={"command": "echo done"})
        await c.call("GET", f"/process/session/conformance/command/{done['cmdId']}")
        await c.call("GET", f"/process/session/conformance/command/{done['cmdId']}/logs")
        plain_text = {"X-Daytona-SDK-Version": "0.150.0"}  # SDKs before 0.167 get the log as plain text
        await c.call("GET", f"/process/session/conformance/command/{done['cmdId']}/logs", headers=plain_text)
        await c.websocket(f"/process/session/conformance/command/{done['cmdId']}/logs", converse=drain, follow="true")
        reader = await c.json(
            "POST",
            "/process/session/conformance/exec",
            expect=202,
            json={"command": "read line; echo got $line", "runAsync": True},
        )
        await c.call("GET", f"/process/session/conformance/command/{reader['cmdId']}")  # still running
        await c.call("GET", "/process/session/conformance")
        await c.call(
            "POST", f"/process/session/conformance/command/{reader['cmdId']}/input", expect=204, json={"data": "x\n"}
        )
        await c.websocket(f"/process/session/conformance/command/{reader['cmdId']}/logs", converse=drain, follow="true")
        await c.call("GET", "/process/session/entrypoint")
        await c.call("GET", "/process/session/entrypoint/logs")
        # The entrypoint (`sleep infinity`) never ends, so its followed log never would: read it once.
        await c.websocket("/process/session/entrypoint/logs", converse=drain, follow="false")
        await c.call("GET", "/process/session/no-such-session", expect=404)
        await c.call("DELETE", "/process/session/conformance", expect=204)

    async with c.area("pty"):
        created = await c.json(
            "POST", "/process/pty", expect=201, json={"id": "conformance-pty", "cols": 80, "rows": 24}
        )
        pty = created["sessionId"]
        await c.call("GET", "/process/pty")
        await c.call("GET", f"/process/pty/{pty}")
        await c.call("POST", f"/process/pty/{pty}/resize", json={"cols": 100, "rows": 30})
        await c.call("POST", f"/process/pty/{pty}/resize", expect=400, json={"cols": 5000, "rows": 30})

        async def greet(ws: AsyncWebSocketSession) -> None:
            assert json.loads(await asyncio.wait_for(ws.receive_text(), timeout=60))["status"] == "connected"

        await c.websocket(f"/process/pty/{pty}/connect", converse=greet)

        async def refused(ws: AsyncWebSocketSession) -> None:  # the daemon upgrades, then reports the error
            message = json.loads(await asyncio.wait_for(ws.receive_text(), timeout=60))
            assert (message["type"], message["status"]) == ("control", "error")

        await c.websocket("/process/pty/no-such-pty/connect", converse=refused)
        await c.call("DELETE", f"/process/pty/{pty}")

    async with c.area("interpreter"):
        context = await c.json("POST", "/process/interpreter/context", json={"language": "python"})
        await c.call("GET", "/process/interpreter/context")

        async def run_code(ws: AsyncWebSocketSession) -> None:
            await ws.send_text(json.dumps({"code": "print('hi')", "contextId": context["id"]}))
            await drain(ws)

        await c.websocket("/process/interpreter/execute", converse=run_code)
        await c.call("DELETE", f"/process/interpreter/context/{context['id']}")
        await c.call("DELETE", "/process/interpreter/context/no-such-context", expect=404)

    async with c.area("git"):
        origin = make_origin(tmp_path)
        repo = f"{HOME}/repo"
        await c.call("POST", "/git/clone", json={"url": f"file://{origin}", "path": repo})
        await c.call("GET", "/git/status", params={"path": repo})
        await c.call("GET", "/git/branches", params={"path": repo})
        await c.call("GET", "/git/history", params={"path": repo})
        await c.call("POST", "/files/upload", params={"path": f"{repo}/app.py"}, files={"file": ("app.py", SOURCE)})
        await c.call("POST", "/git/add", json={"path": repo, "files": ["app.py"]})
        commit = {"path": repo, "message": "add app", "author": "Ada", "email": "ada@example.com"}
        await c.call("POST", "/git/commit", json=commit)
        await c.call("POST", "/git/push", json={"path": repo})
        await c.call("POST", "/git/pull", json={"path": repo})
        await c.call("POST", "/git/branches", expect=201, json={"path": repo, "name": "feature"})
        await c.call("POST", "/git/checkout", json={"path": repo, "branch": "main"})
        await c.call("DELETE", "/git/branches", expect=204, json={"path": repo, "name": "feature"})
        await c.call("POST", "/git/checkout", expect="4XX", json={"path": repo, "branch": "no-such-branch"})
        await c.call("GET", "/git/status", expect="4XX", params={"path": f"{HOME}/not-a-repo"})

    async with c.area("lsp"):
        await c.call("POST", "/files/upload", params={"path": f"{PROJECT}/app.py"}, files={"file": ("app.py", SOURCE)})
        server = {"languageId": "python", "pathToProject": PROJECT}
        document = {**server, "uri": f"file://{PROJECT}/app.py"}
        await c.call("POST", "/lsp/start", json=server)
        await c.call("POST", "/lsp/did-open", json=document)
        await c.call("GET", "/lsp/document-symbols", params=document)
        await c.call("GET", "/lsp/workspacesymbols", params={**server, "query": "greet"})
        await c.call("POST", "/lsp/completions", json={**document, "position": {"line": 6, "character": 11}})
        await c.call("POST", "/lsp/did-close", json=document)
        await c.call("POST", "/lsp/stop", json=server)
        await c.call("GET", "/lsp/document-symbols", expect="4XX", params=document)

    async with c.area("computer use"):
        await c.call("POST", "/computeruse/start")
        await c.call("GET", "/computeruse/status")
        await c.call("GET", "/computeruse/process-status")
        await c.call("GET", "/computeruse/process/xvfb/status")
        await c.call("GET", "/computeruse/process/xvfb/logs")
        await c.call("GET", "/computeruse/process/xvfb/errors")
        await c.call("POST", "/computeruse/process/xvfb/restart")
        # The daemon answers an unknown process's status with 503 (handler.go's GetProcessStatus).
        await c.call("GET", "/computeruse/process/no-such-process/status", expect=503)
        await c.call("GET", "/computeruse/mouse/position")
        await c.call("POST", "/computeruse/mouse/move", json={"x": 100, "y": 120})
        await c.call("POST", "/computeruse/mouse/click", json={"x": 200, "y": 200, "double": True})
        await c.call("POST", "/computeruse/mouse/drag", json={"startX": 1, "startY": 2, "endX": 30, "endY": 40})
        await c.call("POST", "/computeruse/mouse/scroll", json={"x": 200, "y": 200, "direction": "down", "amount": 3})
        await c.call("POST", "/computeruse/keyboard/type", json={"text": "hello desktop"})
        await c.call("POST", "/computeruse/keyboard/key", json={"key": "Return"})
        await c.call("POST", "/computeruse/keyboard/hotkey", json={"keys": "ctrl+c"})
        await c.call("GET", "/computeruse/screenshot", params={"showCursor": "true"})
        region = {"x": 10, "y": 20, "width": 300, "height": 200}
        await c.call("GET", "/computeruse/screenshot/region", params=region)
        await c.call("GET", "/computeruse/screenshot/region", expect=400, params={"x": 10})
        await c.call(
            "GET", "/computeruse/screenshot/compressed", params={"format": "jpeg", "quality": 60, "scale": 0.5}
        )
        await c.call("GET", "/computeruse/screenshot/region/compressed", params={**region, "format": "png"})
        await c.call("GET", "/computeruse/display/info")
        await c.call("GET", "/computeruse/display/windows")
        recording = await c.json("POST", "/computeruse/recordings/start", expect=201, json={"label": "demo"})
        await c.call("POST", "/computeruse/recordings/stop", json={"id": recording["id"]})
        await c.call("GET", "/computeruse/recordings")
        await c.call("GET", f"/computeruse/recordings/{recording['id']}")
        await c.call("GET", f"/computeruse/recordings/{recording['id']}/download")
        await c.call("DELETE", f"/computeruse/recordings/{recording['id']}", expect=204)
        await c.call("GET", f"/computeruse/recordings/{recording['id']}", expect=404)
        entries = await c.json("POST", "/computeruse/a11y/find", json={"role": "entry", "scope": "all"})
        entry = entries["matches"][0]["id"]
        await c.call("POST", "/computeruse/a11y/node/focus", json={"id": entry})
        await c.call("POST", "/computeruse/a11y/node/value", json={"id": entry, "value": "Ada"})
        buttons = await c.json("POST", "/computeruse/a11y/find", json={"role": "push button", "scope": "all"})
        await c.call("POST", "/computeruse/a11y/node/invoke", json={"id": buttons["matches"][0]["id"]})
        await c.call("GET", "/computeruse/a11y/tree", params={"scope": "all", "maxDepth": 3})
        await c.call("POST", "/computeruse/a11y/node/focus", expect="4XX", json={"id": "no-such-node"})
        await c.call("POST", "/computeruse/stop")

    async with c.area("authentication"):
        await c.call("GET", "/version", expect=401, headers={"Authorization": "Bearer nope"})
        await c.websocket("/process/interpreter/execute", expect=401, headers={"Authorization": "Bearer nope"})

    problems = c.report(toolbox=True)
    if problems:
        pytest.fail("toolbox operations not exercised, or not answering as documented:\n" + problems, False)
