"""`/files/*`: the sandbox's filesystem, on real files under the workspace root."""

from __future__ import annotations

import asyncio
import grp
import os
import pwd
import shutil
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from emulator.errors import EmulatorHTTPError, bad_request, conflict, error_body, not_found
from emulator.toolbox import fs_ops
from emulator.toolbox.common import json_body, query_bool, required, workspace_of
from emulator.toolbox.file_transfer import bulk_download_stream, new_boundary, receive_upload
from emulator.toolbox.paths import SandboxPaths


def _query(request: Request, name: str) -> str:
    value = request.query_params.get(name)
    if not value:
        raise bad_request(f"{name} is required")
    return value


def _existing(paths: SandboxPaths, sandbox_path: str, *, follow: bool = True) -> Path:
    host = paths.host(sandbox_path, follow=follow)
    if not (host.exists() or host.is_symlink()):
        raise not_found(f"file {sandbox_path}")
    return host


def _parse_mode(raw: str) -> int:
    try:
        mode = int(raw, 8)
    except ValueError as exc:
        raise bad_request(f"invalid mode {raw!r}: expected octal digits such as 755") from exc
    if not 0 <= mode <= 0o7777:
        raise bad_request(f"invalid mode {raw!r}")
    return mode


async def list_files(request: Request) -> Response:
    workspace = await workspace_of(request)
    host = _existing(workspace.paths, request.query_params.get("path") or "")
    if not host.is_dir():
        raise bad_request(f"{request.query_params.get('path')} is not a directory")
    return JSONResponse(await asyncio.to_thread(fs_ops.list_directory, host))


async def file_info(request: Request) -> Response:
    workspace = await workspace_of(request)
    host = _existing(workspace.paths, _query(request, "path"))
    return JSONResponse(fs_ops.file_info(host))


async def create_folder(request: Request) -> Response:
    workspace = await workspace_of(request)
    host = workspace.paths.host(_query(request, "path"))
    mode = _parse_mode(request.query_params.get("mode") or "755")
    if host.exists() and not host.is_dir():
        raise conflict(f"{request.query_params['path']} exists and is not a directory")
    host.mkdir(parents=True, exist_ok=True)
    os.chmod(host, mode)
    return Response(status_code=201)


async def delete_file(request: Request) -> Response:
    workspace = await workspace_of(request)
    sandbox_path = _query(request, "path")
    host = _existing(workspace.paths, sandbox_path, follow=False)
    if host == workspace.root:
        raise bad_request("refusing to delete the sandbox's root directory")
    if host.is_dir() and not host.is_symlink():
        if not query_bool(request, "recursive"):
            raise bad_request(f"{sandbox_path} is a directory: set recursive=true to delete it")
        await asyncio.to_thread(shutil.rmtree, host)
    else:
        host.unlink()
    return Response(status_code=204)


async def move_file(request: Request) -> Response:
    workspace = await workspace_of(request)
    source = _existing(workspace.paths, _query(request, "source"), follow=False)
    destination_path = _query(request, "destination")
    destination = workspace.paths.host(destination_path, follow=False)
    if source == workspace.root:
        raise bad_request("refusing to move the sandbox's root directory")
    if not destination.parent.is_dir():
        raise bad_request(f"the parent directory of {destination_path} does not exist")
    if destination.exists() and destination.is_dir() and any(destination.iterdir()):
        raise conflict(f"{destination_path} is a non-empty directory")
    try:
        os.replace(source, destination)
    except OSError as exc:
        raise bad_request(f"cannot move to {destination_path}: {exc.strerror}") from exc
    return Response(status_code=200)


def _resolve_owner(owner: str | None) -> int:
    if not owner or owner == fs_ops.SANDBOX_USER:
        return -1
    if owner.isdigit():
        return int(owner)
    try:
        return pwd.getpwnam(owner).pw_uid
    except KeyError as exc:
        raise bad_request(f"unknown user {owner!r}") from exc


def _resolve_group(group: str | None) -> int:
    if not group or group == fs_ops.SANDBOX_USER:
        return -1
    if group.isdigit():
        return int(group)
    try:
        return grp.getgrnam(group).gr_gid
    except KeyError as exc:
        raise bad_request(f"unknown group {group!r}") from exc


async def set_permissions(request: Request) -> Response:
    """Mode changes are real; ownership changes happen only when the emulator runs as root."""
    workspace = await workspace_of(request)
    host = _existing(workspace.paths, _query(request, "path"))
    mode = request.query_params.get("mode")
    if mode:
        os.chmod(host, _parse_mode(mode))
    uid = _resolve_owner(request.query_params.get("owner"))
    gid = _resolve_group(request.query_params.get("group"))
    if (uid != -1 or gid != -1) and os.geteuid() == 0:
        os.chown(host, uid, gid)
    return Response(status_code=200)


async def find_in_files(request: Request) -> Response:
    workspace = await workspace_of(request)
    host = _existing(workspace.paths, _query(request, "path"))
    pattern = _query(request, "pattern")
    return JSONResponse(await asyncio.to_thread(fs_ops.find_in_files, host, pattern, workspace.paths))


async def search_files(request: Request) -> Response:
    workspace = await workspace_of(request)
    host = _existing(workspace.paths, _query(request, "path"))
    pattern = _query(request, "pattern")
    files = await asyncio.to_thread(fs_ops.search_files, host, pattern, workspace.paths)
    return JSONResponse({"files": files})


async def replace_in_files(request: Request) -> Response:
    workspace = await workspace_of(request)
    body = await json_body(request)
    files = required(body, "files", list)
    pattern = required(body, "pattern", str)
    new_value = body.get("newValue")
    if not isinstance(new_value, str):
        raise bad_request("newValue is required")
    results = []
    for sandbox_path in files:
        result: dict[str, object] = {"file": sandbox_path, "success": True}
        try:
            host = _existing(workspace.paths, str(sandbox_path))
            await asyncio.to_thread(fs_ops.replace_in_file, host, pattern, new_value)
        except EmulatorHTTPError as exc:
            result.update(success=False, error=exc.message)
        except (OSError, UnicodeDecodeError) as exc:
            result.update(success=False, error=str(exc))
        results.append(result)
    return JSONResponse(results)


async def upload_file(request: Request) -> Response:
    workspace = await workspace_of(request)
    destination = _query(request, "path")
    workspace.paths.host(destination)
    errors = await receive_upload(request, workspace.paths, workspace.state_dir, single_destination=destination)
    if errors:
        raise bad_request("; ".join(errors))
    return Response(status_code=200)  # the daemon answers with an empty body (openapi.yaml, uploadFile)


async def upload_files(request: Request) -> Response:
    workspace = await workspace_of(request)
    errors = await receive_upload(request, workspace.paths, workspace.state_dir)
    if errors:
        body = error_body(400, "; ".join(errors), request, code="BAD_REQUEST")
        body["errors"] = errors
        return JSONResponse(body, status_code=400)
    return Response(status_code=200)


async def download_file(request: Request) -> Response:
    workspace = await workspace_of(request)
    sandbox_path = _query(request, "path")
    host = _existing(workspace.paths, sandbox_path)
    if host.is_dir():
        raise bad_request(f"{sandbox_path} is a directory")
    return FileResponse(host, filename=host.name, media_type="application/octet-stream")


async def download_files(request: Request) -> Response:
    workspace = await workspace_of(request)
    body = await json_body(request)
    sources = required(body, "paths", list)
    if not all(isinstance(source, str) for source in sources):
        raise bad_request("paths must be a list of strings")
    boundary = new_boundary()
    return StreamingResponse(
        bulk_download_stream(workspace.paths, sources, boundary),
        media_type=f"multipart/form-data; boundary={boundary}",
    )


def routes() -> list[BaseRoute]:
    return [
        Route("/files", list_files, methods=["GET"]),
        Route("/files", delete_file, methods=["DELETE"]),
        Route("/files/bulk-download", download_files, methods=["POST"]),
        Route("/files/bulk-upload", upload_files, methods=["POST"]),
        Route("/files/download", download_file, methods=["GET"]),
        Route("/files/find", find_in_files, methods=["GET"]),
        Route("/files/folder", create_folder, methods=["POST"]),
        Route("/files/info", file_info, methods=["GET"]),
        Route("/files/move", move_file, methods=["POST"]),
        Route("/files/permissions", set_permissions, methods=["POST"]),
        Route("/files/replace", replace_in_files, methods=["POST"]),
        Route("/files/search", search_files, methods=["GET"]),
        Route("/files/upload", upload_file, methods=["POST"]),
    ]
