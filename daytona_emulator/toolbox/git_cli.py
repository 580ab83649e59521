"""The real ``git`` binary driven to behave like the daemon's go-git calls (``apps/daemon/pkg/git``).

go-git never runs hooks, signs commits or reads the user's identity, so neither does this: every command runs
with hooks disabled, without signing, with the sandbox's own HOME and without the host's system config.
Credentials reach git through GIT_ASKPASS and the environment, never argv or URLs, and are redacted from
any output that ends up in an error.
"""

from __future__ import annotations

import asyncio
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from daytona_emulator.errors import EmulatorHTTPError

if TYPE_CHECKING:
    from daytona_emulator.toolbox.workspace import SandboxWorkspace

GIT_TIMEOUT_SECONDS = 300.0
_BASE_CONFIG = (
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "core.fsmonitor=false",
    "-c",
    "commit.gpgsign=false",
    "-c",
    "core.quotepath=false",
    "-c",
    "credential.helper=",
    "-c",
    "status.renames=false",
    # a push to a non-bare repository on this machine updates its checked-out branch, as go-git's does
    "-c",
    "receive.denyCurrentBranch=ignore",
)

_ASKPASS = """#!/bin/sh
case "$1" in
  Username*|username*) printf '%s' "$GIT_USERNAME" ;;
  *) printf '%s' "$GIT_PASSWORD" ;;
esac
"""


@dataclass
class Credentials:
    """go-git's BasicAuth: used only when both a username and a password were sent."""

    username: str | None = None
    password: str | None = None

    @property
    def usable(self) -> bool:
        return self.username is not None and self.password is not None

    def redact(self, text: str) -> str:
        for secret in (self.password, self.username):
            if secret:
                text = text.replace(secret, "***")
        return text


@dataclass
class Result:
    code: int
    stdout: bytes
    stderr: bytes

    @property
    def ok(self) -> bool:
        return self.code == 0

    @property
    def text(self) -> str:
        return self.stdout.decode("utf-8", "replace")

    @property
    def output(self) -> str:
        return (self.stderr + self.stdout).decode("utf-8", "replace")


class Git:
    """Runs git for one sandbox (as one of its processes)."""

    def __init__(self, workspace: SandboxWorkspace) -> None:
        self.workspace = workspace

    def _askpass(self) -> Path:
        script = self.workspace.state_dir / "git-askpass.sh"
        if not script.exists():
            script.write_text(_ASKPASS)
            script.chmod(0o700)
        return script

    async def run(
        self,
        *args: str,
        cwd: Path,
        credentials: Credentials | None = None,
        stdin: bytes | None = None,
        extra_env: dict[str, str] | None = None,
    ) -> Result:
        """``git <args>`` in ``cwd``; never raises for a non-zero exit (see :meth:`check`)."""
        if shutil.which("git") is None:
            raise EmulatorHTTPError(500, "git binary not found in PATH", code="INTERNAL_SERVER_ERROR")
        creds = credentials if credentials is not None and credentials.usable else None
        env = {
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_ASKPASS": str(self._askpass()),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_LITERAL_PATHSPECS": "1",
            **(extra_env or {}),
        }
        if creds is not None:
            env["GIT_USERNAME"] = creds.username or ""
            env["GIT_PASSWORD"] = creds.password or ""
        spawn = self.workspace.children.spawn
        # The daemon does git in-process (go-git), reaching remotes from outside the sandbox: where the sandbox's
        # processes are isolated, git runs beside them (on the host paths) rather than as one of them.
        proc = await spawn(
            "git",
            *_BASE_CONFIG,
            *args,
            cwd=cwd,
            env=self.workspace.env(env),
            stdin=asyncio.subprocess.PIPE if stdin is not None else asyncio.subprocess.DEVNULL,
            in_sandbox=False,
        )
        try:
            out, err = await asyncio.wait_for(proc.communicate(stdin), GIT_TIMEOUT_SECONDS)
        except TimeoutError as exc:
            await self.workspace.children.kill(proc)
            raise EmulatorHTTPError(408, f"request timeout: git {args[0]} timed out", code="REQUEST_TIMEOUT") from exc
        self.workspace.children.forget(proc)
        if creds is not None:
            out = creds.redact(out.decode("utf-8", "replace")).encode()
            err = creds.redact(err.decode("utf-8", "replace")).encode()
        return Result(proc.returncode or 0, out, err)

    async def check(self, *args: str, cwd: Path, **kwargs: Any) -> str:
        """``git <args>``' standard output; a failure is a 500 carrying git's own message."""
        result = await self.run(*args, cwd=cwd, **kwargs)
        if not result.ok:
            raise EmulatorHTTPError(500, result.output.strip() or f"git {args[0]} failed", code="INTERNAL_SERVER_ERROR")
        return result.text


# ---- reading what git stores ----------------------------------------------------------------------------------------


def parse_status(porcelain: str) -> tuple[list[dict[str, str]], bool, int, int]:
    """``git status --porcelain=v2 --branch -z`` as go-git's Status: (files, branchPublished, ahead, behind)."""
    tokens = porcelain.split("\x00")
    files: list[dict[str, str]] = []
    published = False
    ahead = behind = 0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if not token:
            continue
        if token.startswith("# branch.upstream "):
            published = True
        elif token.startswith("# branch.ab "):
            plus, minus = token[len("# branch.ab ") :].split()
            ahead, behind = int(plus), -int(minus)
        elif token[0] in "12u":
            splits = {"1": 8, "2": 9, "u": 10}[token[0]]
            fields = token.split(" ", splits)
            xy, path = fields[1], fields[-1]
            if token[0] == "2":
                index += 1  # the original path of a rename (renames are off; kept for safety)
            files.append({"name": path, "extra": "", "staging": status_name(xy[0]), "worktree": status_name(xy[1])})
        elif token.startswith("? "):
            files.append({"name": token[2:], "extra": "", "staging": "Untracked", "worktree": "Untracked"})
    return files, published, ahead, behind


_STATUS_NAMES = {
    ".": "Unmodified",
    "M": "Modified",
    "T": "Modified",
    "A": "Added",
    "D": "Deleted",
    "R": "Renamed",
    "C": "Copied",
    "U": "Updated but unmerged",
    "?": "Untracked",
}


def status_name(code: str) -> str:
    return _STATUS_NAMES.get(code, "")


@dataclass
class Signature:
    name: str
    email: str
    when: datetime


def parse_signature(value: str) -> Signature:
    """``Name <email> 1714557600 +0200`` as go-git decodes it."""
    open_at = value.find("<")
    close_at = value.find(">", open_at)
    name = value[:open_at].strip() if open_at >= 0 else value.strip()
    email = value[open_at + 1 : close_at] if open_at >= 0 and close_at > open_at else ""
    rest = value[close_at + 1 :].split() if close_at >= 0 else []
    seconds = int(rest[0]) if rest and rest[0].lstrip("-").isdigit() else 0
    offset = timedelta(0)
    if len(rest) > 1 and len(rest[1]) == 5 and rest[1][0] in "+-" and rest[1][1:].isdigit():
        minutes = int(rest[1][1:3]) * 60 + int(rest[1][3:5])
        offset = timedelta(minutes=minutes if rest[1][0] == "+" else -minutes)
    return Signature(name, email, datetime.fromtimestamp(seconds, tz=timezone(offset)))


def go_time_json(moment: datetime) -> str:
    """A Go ``time.Time`` with a fixed zone as JSON: ``2024-05-01T12:00:00+02:00`` (``Z`` for a zero offset)."""
    offset = moment.utcoffset() or timedelta(0)
    base = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if offset == timedelta(0):
        return base + "Z"
    sign = "+" if offset > timedelta(0) else "-"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{base}{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def parse_commit(raw: bytes) -> tuple[dict[str, str], str]:
    """A raw commit object: (headers, message exactly as stored)."""
    head, _, message = raw.partition(b"\n\n")
    headers: dict[str, str] = {}
    for line in head.decode("utf-8", "replace").split("\n"):
        key, _, value = line.partition(" ")
        if key and key not in headers:
            headers[key] = value
    return headers, message.decode("utf-8", "replace")


def encode_commit(tree: str, parents: list[str], name: str, email: str, when: datetime, message: str) -> bytes:
    """A commit object as go-git encodes it (author and committer alike, the message verbatim)."""
    stamp = f"{int(when.timestamp())} {when.strftime('%z') or '+0000'}"
    lines = [f"tree {tree}", *(f"parent {p}" for p in parents)]
    lines.append(f"author {name} <{email}> {stamp}")
    lines.append(f"committer {name} <{email}> {stamp}")
    return ("\n".join(lines) + "\n\n" + message).encode()


def now_utc() -> datetime:
    return datetime.now(UTC)
