"""Running the real `git` binary for a sandbox, and reading its machine-readable output."""

from __future__ import annotations

import asyncio
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from emulator.errors import EmulatorHTTPError

if TYPE_CHECKING:
    from emulator.toolbox.workspace import SandboxWorkspace

GIT_TIMEOUT_SECONDS = 300.0

_ASKPASS = """#!/bin/sh
case "$1" in
  Username*|username*) printf '%s\\n' "$DAYTONA_GIT_USERNAME" ;;
  *) printf '%s\\n' "$DAYTONA_GIT_PASSWORD" ;;
esac
"""

# (substring of git's output, HTTP status, error code): the first match decides how a failure is reported.
_FAILURES: tuple[tuple[str, int, str], ...] = (
    ("authentication failed", 401, "UNAUTHORIZED"),
    ("could not read username", 401, "UNAUTHORIZED"),
    ("could not read password", 401, "UNAUTHORIZED"),
    ("terminal prompts disabled", 401, "UNAUTHORIZED"),
    ("the requested url returned error: 403", 403, "FORBIDDEN"),
    ("repository not found", 404, "NOT_FOUND"),
    ("does not appear to be a git repository", 404, "NOT_FOUND"),
    ("not a git repository", 404, "NOT_FOUND"),
    ("the requested url returned error: 404", 404, "NOT_FOUND"),
    ("does not match any", 404, "NOT_FOUND"),
    ("you are not currently on a branch", 404, "NOT_FOUND"),
    ("did not match any file(s) known to git", 404, "NOT_FOUND"),
    ("unknown revision", 404, "NOT_FOUND"),
    ("already exists", 409, "CONFLICT"),
    ("non-fast-forward", 409, "CONFLICT"),
    ("fetch first", 409, "CONFLICT"),
    ("updates were rejected", 409, "CONFLICT"),
    ("not possible to fast-forward", 409, "CONFLICT"),
    ("would be overwritten", 409, "CONFLICT"),
    ("please commit your changes or stash them", 409, "CONFLICT"),
)

# go-git's one-letter status codes, as the toolbox names them.
STATUS_NAMES = {
    ".": "Unmodified",
    " ": "Unmodified",
    "?": "Untracked",
    "M": "Modified",
    "T": "Modified",
    "A": "Added",
    "D": "Deleted",
    "R": "Renamed",
    "C": "Copied",
    "U": "Updated but unmerged",
}


@dataclass
class Credentials:
    username: str | None = None
    password: str | None = None


def _failure(command: str, output: str) -> EmulatorHTTPError:
    lowered = output.lower()
    for needle, status, code in _FAILURES:
        if needle in lowered:
            return EmulatorHTTPError(status, f"{command} failed: {output.strip()}", code=code)
    return EmulatorHTTPError(400, f"{command} failed: {output.strip() or 'unknown error'}", code="BAD_REQUEST")


class Git:
    def __init__(self, workspace: SandboxWorkspace) -> None:
        self.workspace = workspace

    def _askpass(self) -> Path:
        script = self.workspace.state_dir / "git-askpass.sh"
        if not script.exists():
            script.write_text(_ASKPASS)
            script.chmod(0o700)
        return script

    async def run(self, *args: str, cwd: Path, credentials: Credentials | None = None, check: bool = True) -> str:
        """Run `git args...` in `cwd`; a failure becomes an EmulatorHTTPError classified from git's output."""
        if shutil.which("git") is None:
            raise EmulatorHTTPError(500, "git is not installed on the emulator's host", code="INTERNAL_ERROR")
        creds = credentials or Credentials()
        env = self.workspace.env(
            {
                "GIT_TERMINAL_PROMPT": "0",
                "GIT_ASKPASS": str(self._askpass()),
                "DAYTONA_GIT_USERNAME": creds.username or "",
                "DAYTONA_GIT_PASSWORD": creds.password or "",
                "GIT_CONFIG_NOSYSTEM": "1",
            }
        )
        proc = await self.workspace.children.spawn("git", *args, cwd=cwd, env=env, in_sandbox=False)
        try:
            out, err = await asyncio.wait_for(proc.communicate(), GIT_TIMEOUT_SECONDS)
        except TimeoutError as exc:
            await self.workspace.children.kill(proc)
            raise EmulatorHTTPError(408, f"git {args[0]} timed out", code="TIMEOUT") from exc
        self.workspace.children.forget(proc)
        stdout = out.decode("utf-8", "replace")
        if check and proc.returncode != 0:
            text = err.decode("utf-8", "replace") + stdout
            for secret in (creds.username, creds.password):
                if secret:
                    text = text.replace(secret, "***")
            raise _failure(f"git {args[0]}", text)
        return stdout


def parse_status(porcelain: str) -> dict[str, Any]:
    """`git status --porcelain=v2 --branch -z` → the toolbox's GitStatus."""
    tokens = porcelain.split("\x00")
    status: dict[str, Any] = {
        "currentBranch": "",
        "ahead": 0,
        "behind": 0,
        "branchPublished": False,
        "fileStatus": [],
    }
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if not token:
            continue
        if token.startswith("# branch.head "):
            head = token[len("# branch.head ") :]
            status["currentBranch"] = "HEAD" if head == "(detached)" else head
        elif token.startswith("# branch.upstream "):
            status["branchPublished"] = True
        elif token.startswith("# branch.ab "):
            ahead, behind = token[len("# branch.ab ") :].split()
            status["ahead"], status["behind"] = int(ahead), -int(behind)
        elif token[0] in "12u":
            fields = token.split(" ", 10 if token[0] == "u" else (9 if token[0] == "2" else 8))
            xy, path = fields[1], fields[-1]
            extra = ""
            if token[0] == "2":
                extra = tokens[index]
                index += 1
            status["fileStatus"].append(
                {
                    "name": path,
                    "staging": STATUS_NAMES.get(xy[0], "Modified"),
                    "worktree": STATUS_NAMES.get(xy[1], "Modified"),
                    "extra": extra,
                }
            )
        elif token.startswith("? "):
            status["fileStatus"].append(
                {"name": token[2:], "staging": "Untracked", "worktree": "Untracked", "extra": ""}
            )
    return status


_LOG_FORMAT = "%H%x1f%an%x1f%ae%x1f%aI%x1f%B%x1e"


def log_format() -> str:
    return f"--format={_LOG_FORMAT}"


def parse_log(output: str) -> list[dict[str, str]]:
    commits = []
    for record in output.split("\x1e"):
        record = record.strip("\n")
        if not record:
            continue
        commit_hash, author, email, timestamp, message = record.split("\x1f", 4)
        commits.append(
            {"hash": commit_hash, "author": author, "email": email, "timestamp": timestamp, "message": message.strip()}
        )
    return commits
