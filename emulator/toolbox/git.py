"""`/git/*`: repositories in the sandbox, driven through the real `git` binary."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from emulator.errors import bad_request, conflict, not_found
from emulator.toolbox.common import json_body, optional, required, workspace_of
from emulator.toolbox.git_cli import Credentials, Git, log_format, parse_log, parse_status
from emulator.toolbox.paths import SandboxPaths
from emulator.toolbox.workspace import SandboxWorkspace

_URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_COMMITTER = {"user.name": "Daytona Emulator", "user.email": "emulator@daytona.local"}


def _repo(workspace: SandboxWorkspace, sandbox_path: str) -> Path:
    host = workspace.paths.host(sandbox_path)
    if not host.is_dir():
        raise not_found(f"repository {sandbox_path}")
    return host


def _credentials(body: dict[str, Any]) -> Credentials:
    return Credentials(optional(body, "username", str), optional(body, "password", str))


def _identity(name: str, email: str) -> list[str]:
    return ["-c", f"user.name={name}", "-c", f"user.email={email}"]


def clone_source(paths: SandboxPaths, url: str) -> str:
    """What to hand `git clone`: network URLs as they are; local paths inside the sandbox are mapped to the
    host, and a `file://` URL or absolute path that is not in the sandbox is read from the host itself."""
    if url.startswith("file://"):
        local = url[len("file://") :]
    elif _URL_SCHEME.match(url) or re.match(r"^[\w.-]+@[\w.-]+:", url):
        return url
    else:
        local = url
    inside = paths.host(local)
    if inside.exists():
        return str(inside)
    if local.startswith("/") and Path(local).exists():
        return local
    raise not_found(f"repository {url}")


async def clone(request: Request) -> Response:
    workspace = await workspace_of(request)
    body = await json_body(request)
    url = required(body, "url", str)
    target = workspace.paths.host(required(body, "path", str))
    branch = optional(body, "branch", str)
    commit_id = optional(body, "commit_id", str)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise conflict(f"{body['path']} already exists and is not an empty directory")
    target.parent.mkdir(parents=True, exist_ok=True)
    args = ["clone"]
    if optional(body, "insecure_skip_tls", bool):
        args = ["-c", "http.sslVerify=false", *args]
    if branch:
        args += ["--branch", branch]
    git = Git(workspace)
    await git.run(
        *args, "--", clone_source(workspace.paths, url), str(target), cwd=workspace.home, credentials=_credentials(body)
    )
    if commit_id:
        await git.run("checkout", "--detach", commit_id, cwd=target)
    return Response(status_code=200)


async def status(request: Request) -> Response:
    workspace = await workspace_of(request)
    repo = _repo(workspace, request.query_params.get("path") or "")
    output = await Git(workspace).run("status", "--porcelain=v2", "--branch", "-z", "--untracked-files=all", cwd=repo)
    return JSONResponse(parse_status(output))


async def list_branches(request: Request) -> Response:
    workspace = await workspace_of(request)
    repo = _repo(workspace, request.query_params.get("path") or "")
    output = await Git(workspace).run("branch", "--list", "--format=%(refname:short)", cwd=repo)
    return JSONResponse({"branches": [line for line in output.splitlines() if line.strip()]})


async def create_branch(request: Request) -> Response:
    """Creates the branch and checks it out, as the real toolbox does."""
    workspace = await workspace_of(request)
    body = await json_body(request)
    repo = _repo(workspace, required(body, "path", str))
    await Git(workspace).run("checkout", "-b", required(body, "name", str), cwd=repo)
    return Response(status_code=201)


async def delete_branch(request: Request) -> Response:
    workspace = await workspace_of(request)
    body = await json_body(request)
    repo = _repo(workspace, required(body, "path", str))
    name = required(body, "name", str)
    await Git(workspace).run("update-ref", "-d", f"refs/heads/{name}", cwd=repo)
    return Response(status_code=204)


async def checkout(request: Request) -> Response:
    workspace = await workspace_of(request)
    body = await json_body(request)
    repo = _repo(workspace, required(body, "path", str))
    await Git(workspace).run("checkout", required(body, "branch", str), cwd=repo)
    return Response(status_code=200)


async def add(request: Request) -> Response:
    workspace = await workspace_of(request)
    body = await json_body(request)
    repo = _repo(workspace, required(body, "path", str))
    files = required(body, "files", list)
    if not files or not all(isinstance(name, str) for name in files):
        raise bad_request("files must be a non-empty list of paths")
    await Git(workspace).run("add", "--", *files, cwd=repo)
    return Response(status_code=200)


async def commit(request: Request) -> Response:
    workspace = await workspace_of(request)
    body = await json_body(request)
    repo = _repo(workspace, required(body, "path", str))
    message = required(body, "message", str)
    author = required(body, "author", str)
    email = required(body, "email", str)
    args = [*_identity(author, email), "commit", "--no-verify", "-m", message]
    if optional(body, "allow_empty", bool) or optional(body, "allowEmpty", bool):
        args.append("--allow-empty")
    git = Git(workspace)
    await git.run(*args, cwd=repo)
    commit_hash = (await git.run("rev-parse", "HEAD", cwd=repo)).strip()
    return JSONResponse({"hash": commit_hash})


async def history(request: Request) -> Response:
    workspace = await workspace_of(request)
    repo = _repo(workspace, request.query_params.get("path") or "")
    output = await Git(workspace).run("log", log_format(), cwd=repo)
    return JSONResponse(parse_log(output))


async def push(request: Request) -> Response:
    """Pushes the current branch to the same name on `origin`, as the real toolbox does."""
    workspace = await workspace_of(request)
    body = await json_body(request)
    repo = _repo(workspace, required(body, "path", str))
    git = Git(workspace)
    branch_ref = (await git.run("symbolic-ref", "HEAD", cwd=repo)).strip()
    await git.run(
        "-c",
        "credential.helper=",
        "push",
        "origin",
        f"{branch_ref}:{branch_ref}",
        cwd=repo,
        credentials=_credentials(body),
    )
    return Response(status_code=200)


async def pull(request: Request) -> Response:
    """Fast-forward pull of the current branch from `origin`."""
    workspace = await workspace_of(request)
    body = await json_body(request)
    repo = _repo(workspace, required(body, "path", str))
    git = Git(workspace)
    branch = (await git.run("symbolic-ref", "--short", "HEAD", cwd=repo)).strip()
    pull_args = [*_identity(*_COMMITTER.values()), "-c", "credential.helper=", "pull", "--ff-only", "origin", branch]
    await git.run(*pull_args, cwd=repo, credentials=_credentials(body))
    return Response(status_code=200)


def routes() -> list[BaseRoute]:
    return [
        Route("/git/add", add, methods=["POST"]),
        Route("/git/branches", list_branches, methods=["GET"]),
        Route("/git/branches", create_branch, methods=["POST"]),
        Route("/git/branches", delete_branch, methods=["DELETE"]),
        Route("/git/checkout", checkout, methods=["POST"]),
        Route("/git/clone", clone, methods=["POST"]),
        Route("/git/commit", commit, methods=["POST"]),
        Route("/git/history", history, methods=["GET"]),
        Route("/git/pull", pull, methods=["POST"]),
        Route("/git/push", push, methods=["POST"]),
        Route("/git/status", status, methods=["GET"]),
    ]
