"""Helpers for the toolbox files/git/port/gateway fidelity tests: multipart bodies, running commands in a sandbox,
host-side git repositories to clone from, and checks of the daemon's answer shapes."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx

HOME = "/home/daytona"
GO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,9})? \+0000 UTC$")
RFC3339_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$")
WAIT_CEILING = 60.0


def multipart(parts: list[tuple[str, str | None, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body from (field name, filename or None, content) parts, and its Content-Type."""
    boundary = "fidelity-" + secrets.token_hex(8)
    chunks = []
    for name, filename, content in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename is not None else "")
        chunks.append(f"--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + content + b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


def upload(tb: httpx.Client, files: dict[str, bytes]) -> httpx.Response:
    """A bulk upload of {destination: content}, in order."""
    parts: list[tuple[str, str | None, bytes]] = []
    for index, (path, content) in enumerate(files.items()):
        parts.append((f"files[{index}].path", None, path.encode()))
        parts.append((f"files[{index}].file", Path(path).name, content))
    body, content_type = multipart(parts)
    return tb.post("/files/bulk-upload", content=body, headers={"Content-Type": content_type})


def put_files(tb: httpx.Client, files: dict[str, bytes]) -> None:
    response = upload(tb, files)
    assert response.status_code == 200, response.text


def run(tb: httpx.Client, command: str, cwd: str = HOME) -> dict[str, Any]:
    """Run a command in the sandbox (through ``sh -c``) and return the execute answer."""
    quoted = "'" + command.replace("'", "'\"'\"'") + "'"
    response = tb.post("/process/execute", json={"command": f"sh -c {quoted}", "cwd": cwd, "timeout": 60})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def info(tb: httpx.Client, path: str) -> dict[str, Any]:
    response = tb.get("/files/info", params={"path": path})
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def assert_empty_error(response: httpx.Response, status: int) -> None:
    """gin's AbortWithError answer: the status, no body, no Content-Type."""
    assert response.status_code == status, response.text
    assert response.content == b""
    assert "content-type" not in response.headers


def assert_go_error(response: httpx.Response, status: int, message: str, code: str | None, path: str) -> None:
    """common-go's ErrorResponse: exactly these fields (``code`` only when set), in this order."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    expected_keys = ["statusCode", "message", *(["code"] if code else []), "timestamp", "path", "method"]
    assert list(body) == expected_keys, body
    assert body["statusCode"] == status
    assert body["message"] == message
    assert body.get("code") == code
    assert RFC3339_UTC.match(body["timestamp"]), body["timestamp"]
    assert body["path"] == path
    assert body["method"] == response.request.method


def host_git(*args: str, cwd: Path) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Origin",
        "GIT_AUTHOR_EMAIL": "origin@example.com",
        "GIT_COMMITTER_NAME": "Origin",
        "GIT_COMMITTER_EMAIL": "origin@example.com",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(cwd),
    }
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"git {' '.join(args)} failed: {done.stderr}"
    return done.stdout.strip()


def make_origin(tmp_path: Path, branches: tuple[str, ...] = ()) -> Path:
    """A bare repository on the host with one commit on ``main`` (and one more on each extra branch)."""
    seed, origin = tmp_path / "seed", tmp_path / "origin.git"
    host_git("init", "-q", "-b", "main", str(seed), cwd=tmp_path)
    (seed / "README.md").write_text("# demo\n")
    host_git("add", ".", cwd=seed)
    host_git("commit", "-q", "-m", "initial", cwd=seed)
    for branch in branches:
        host_git("checkout", "-q", "-b", branch, cwd=seed)
        (seed / f"{branch}.txt").write_text(branch)
        host_git("add", ".", cwd=seed)
        host_git("commit", "-q", "-m", f"on {branch}", cwd=seed)
        host_git("checkout", "-q", "main", cwd=seed)
    host_git("clone", "-q", "--bare", str(seed), str(origin), cwd=tmp_path)
    return origin


def push_to_origin(origin: Path, work: Path, name: str, content: str) -> str:
    """A new commit on origin's main made from a host clone; returns its hash."""
    if not work.exists():
        host_git("clone", "-q", str(origin), str(work), cwd=origin.parent)
    (work / name).write_text(content)
    host_git("add", name, cwd=work)
    host_git("commit", "-q", "-m", f"add {name}", cwd=work)
    host_git("push", "-q", "origin", "main", cwd=work)
    return host_git("rev-parse", "HEAD", cwd=work)


def wait_until(check: Any, what: str, ceiling: float = WAIT_CEILING) -> None:
    """Poll ``check()`` until it is true (fails after ``ceiling`` seconds)."""
    deadline = time.monotonic() + ceiling
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)
