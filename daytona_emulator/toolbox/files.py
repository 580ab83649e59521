"""`/files/*`: the daemon's file handlers (``apps/daemon/pkg/toolbox/fs``) on the sandbox's files.

Every error of these handlers is gin's ``AbortWithError``: the status with an empty body
(:class:`~daytona_emulator.toolbox.daemon_http.DaemonAbort`). Relative paths are taken from the daemon's working
directory (the sandbox user's home); ``~`` is an ordinary name here.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import grp
import os
import pwd
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from daytona_emulator.toolbox import fs_ops
from daytona_emulator.toolbox.common import workspace_of
from daytona_emulator.toolbox.daemon_http import DaemonAbort, go_json
from daytona_emulator.toolbox.file_transfer import (
    BULK_BOUNDARY,
    bulk_download_stream,
    content_disposition,
    receive_bulk_upload,
    receive_single_upload,
)
from daytona_emulator.toolbox.gin_binding import go_decode
from daytona_emulator.toolbox.paths import HOME, SandboxPaths


def _query(request: Request, name: str) -> str:
    """gin's ``c.Query(name)``: the first value, or "" when absent."""
    return request.query_params.get(name) or ""


def _stat_or_abort(host: Path) -> os.stat_result:
    """``os.Stat`` with the daemon's error statuses: 404 not found, 403 permission denied, else 400."""
    try:
        return os.stat(host)
    except OSError as exc:
        raise DaemonAbort(fs_ops.status_for(exc), str(exc)) from exc


def _resolve_or_abort(paths: SandboxPaths, given: str, *, follow: bool = True) -> Path:
    try:
        return fs_ops.resolve(paths, given, follow=follow)
    except OSError as exc:
        raise DaemonAbort(fs_ops.status_for(exc), str(exc)) from exc


def _parse_mode(raw: str) -> int:
    """``strconv.ParseUint(mode, 8, 32)``; a bad value is a 400 ("invalid mode format")."""
    if not raw or any(ch not in "01234567" for ch in raw) or int(raw, 8) >= 1 << 32:
        raise DaemonAbort(400, "invalid mode format")
    return int(raw, 8)


async def list_files(request: Request) -> Response:
    workspace = await workspace_of(request)
    given = _query(request, "path") or "."
    host = _resolve_or_abort(workspace.paths, given)
    try:
        entries = await asyncio.to_thread(fs_ops.list_directory, workspace.paths, given, host)
    except OSError as exc:
        raise DaemonAbort(fs_ops.status_for(exc), str(exc)) from exc
    return go_json(entries)


async def file_info(request: Request) -> Response:
    workspace = await workspace_of(request)
    given = _query(request, "path")
    if not given:
        raise DaemonAbort(400, "path is required")
    host = _resolve_or_abort(workspace.paths, given)
    try:
        info = fs_ops.file_info(host, fs_ops.go_base(given))
    except OSError as exc:
        raise DaemonAbort(fs_ops.status_for(exc), str(exc)) from exc
    return go_json(info)


async def create_folder(request: Request) -> Response:
    """``os.MkdirAll(path, mode)``: missing parents too, under the umask; an existing directory is fine."""
    workspace = await workspace_of(request)
    given = _query(request, "path")
    if not given:
        raise DaemonAbort(400, "path is required")
    raw_mode = _query(request, "mode")
    perm = _parse_mode(raw_mode) if raw_mode else 0o755
    try:
        await asyncio.to_thread(fs_ops.mkdir_all, workspace.paths, given, perm)
    except OSError as exc:
        raise DaemonAbort(400, str(exc)) from exc
    return Response(status_code=201)


async def delete_file(request: Request) -> Response:
    """A directory needs ``recursive=true`` (exactly); the path is stat'ed through symlinks, removed without."""
    workspace = await workspace_of(request)
    given = _query(request, "path")
    if not given:
        raise DaemonAbort(400, "path is required")
    recursive = _query(request, "recursive") == "true"
    host = _resolve_or_abort(workspace.paths, given, follow=False)
    info = _stat_or_abort(host)
    if stat.S_ISDIR(info.st_mode) and not recursive:
        raise DaemonAbort(400, "cannot delete directory without recursive flag")
    try:
        await asyncio.to_thread(_remove, workspace.paths, host, recursive)
    except OSError as exc:
        raise DaemonAbort(400, str(exc)) from exc
    return Response(status_code=204)


def _remove(paths: SandboxPaths, host: Path, recursive: bool) -> None:
    """``os.RemoveAll`` (recursive) or ``os.Remove`` of the path itself (a symlink is removed, not followed)."""
    if host in (paths.root, paths.root / "home"):
        # root owns these and their parents: the sandbox user may not remove them
        raise PermissionError(errno.EACCES, "permission denied", str(host))
    if host == paths.home:
        # RemoveAll empties the home, then fails to remove it (its parent belongs to root)
        for child in list(host.iterdir()):
            _remove(paths, child, True)
        raise PermissionError(errno.EACCES, "permission denied", str(host))
    if recursive and host.is_dir() and not host.is_symlink():
        shutil.rmtree(host)
    else:
        os.remove(host)


async def move_file(request: Request) -> Response:
    """Source must exist (404), the destination's parent too (404), the destination must not (409)."""
    workspace = await workspace_of(request)
    source_given = _query(request, "source")
    destination_given = _query(request, "destination")
    if not source_given or not destination_given:
        raise DaemonAbort(400, "source and destination paths are required")
    source = _resolve_or_abort(workspace.paths, source_given, follow=False)
    _stat_or_abort(source)
    destination = _resolve_or_abort(workspace.paths, destination_given, follow=False)
    parent_given = fs_ops.go_dir(fs_ops.sandbox_abs(destination_given))
    _stat_or_abort(_resolve_or_abort(workspace.paths, parent_given))
    with contextlib.suppress(OSError):
        os.stat(destination)
        raise DaemonAbort(409, "destination already exists")
    if source == workspace.paths.root or source in destination.parents:
        raise DaemonAbort(400, "failed to move file: invalid argument")
    try:
        await asyncio.to_thread(os.rename, source, destination)
    except OSError as exc:
        raise DaemonAbort(400, f"failed to move file: {exc}") from exc
    return Response(status_code=200)


def _lookup_user(name: str) -> int | None:
    if name == fs_ops.SANDBOX_USER:
        return fs_ops.SANDBOX_UID
    try:
        return pwd.getpwnam(name).pw_uid
    except KeyError:
        return None


def _lookup_group(name: str) -> int | None:
    if name == fs_ops.SANDBOX_USER:
        return fs_ops.SANDBOX_GID
    try:
        return grp.getgrnam(name).gr_gid
    except KeyError:
        return None


def _resolve_id(raw: str, lookup: Callable[[str], int | None], what: str) -> int:
    """A numeric id as it is, else the id of that name (an unknown name is a 400)."""
    number = _go_atoi(raw)
    if number is not None:
        return number
    found = lookup(raw)
    if found is None:
        raise DaemonAbort(400, f"{what} not found")
    return found


def _go_atoi(raw: str) -> int | None:
    """``strconv.Atoi``: optional sign and decimal digits, else None."""
    digits = raw[1:] if raw[:1] in "+-" else raw
    return int(raw) if digits.isdigit() and digits.isascii() else None


async def set_permissions(request: Request) -> Response:
    """The mode first (only its permission bits count), then owner and group: numeric ids or names. The daemon
    runs as the sandbox user, so only that user and its group can be named (anything else: 400, not root)."""
    workspace = await workspace_of(request)
    given = _query(request, "path")
    owner, group, mode = _query(request, "owner"), _query(request, "group"), _query(request, "mode")
    if not given:
        raise DaemonAbort(400, "path is required")
    host = _resolve_or_abort(workspace.paths, given)
    _stat_or_abort(host)
    if mode:
        value = _parse_mode(mode)
        try:
            os.chmod(host, value & 0o777)
        except OSError as exc:
            raise DaemonAbort(400, f"failed to change mode: {exc}") from exc
    if owner or group:
        uid = _resolve_id(owner, _lookup_user, "user") if owner else -1
        gid = _resolve_id(group, _lookup_group, "group") if group else -1
        if uid not in (-1, fs_ops.SANDBOX_UID) or gid not in (-1, fs_ops.SANDBOX_GID):
            raise DaemonAbort(400, "failed to change ownership: operation not permitted")
    return Response(status_code=200)


async def find_in_files(request: Request) -> Response:
    workspace = await workspace_of(request)
    given, pattern = _query(request, "path"), _query(request, "pattern")
    if not given or not pattern:
        raise DaemonAbort(400, "path and pattern are required")
    return go_json(await asyncio.to_thread(fs_ops.find_in_files, workspace.paths, given, pattern))


async def search_files(request: Request) -> Response:
    workspace = await workspace_of(request)
    given, pattern = _query(request, "path"), _query(request, "pattern")
    if not given or not pattern:
        raise DaemonAbort(400, "path and pattern are required")
    files = await asyncio.to_thread(fs_ops.search_files, workspace.paths, given, pattern)
    return go_json({"files": files})


def _replace_request(raw: bytes) -> tuple[list[str], str, str]:
    """ReplaceRequest as gin binds it: ``files`` (a list, not null), ``pattern`` (non-empty) and ``newValue``
    (present, may be empty) are required; any problem is a 400 with an empty body."""
    try:
        body = go_decode(raw.decode("utf-8", "replace"))
    except ValueError as exc:
        raise DaemonAbort(400, f"invalid request body: {exc}") from exc
    if not isinstance(body, dict):
        raise DaemonAbort(400, "invalid request body")
    fields = _fold_keys(body, ("files", "pattern", "newValue"))
    files, pattern, new_value = fields.get("files"), fields.get("pattern"), fields.get("newValue")
    if files is not None and not (isinstance(files, list) and all(isinstance(f, str | None) for f in files)):
        raise DaemonAbort(400, "invalid request body: files")
    if pattern is not None and not isinstance(pattern, str):
        raise DaemonAbort(400, "invalid request body: pattern")
    if new_value is not None and not isinstance(new_value, str):
        raise DaemonAbort(400, "invalid request body: newValue")
    if files is None or not pattern or new_value is None:
        raise DaemonAbort(400, "invalid request body: validation failed")
    return [f or "" for f in files], pattern, new_value


def _fold_keys(body: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """Go's encoding/json key matching: exact name, else case-insensitive; a later key wins."""
    found: dict[str, Any] = {}
    for key, value in body.items():
        for name in names:
            if key == name or key.lower() == name.lower():
                found[name] = value
    return found


def _replace_one(paths: SandboxPaths, given: str, pattern: str, new_value: str) -> dict[str, Any]:
    try:
        host = fs_ops.resolve(paths, given)
        with open(host, "rb") as handle:
            content = handle.read()
    except IsADirectoryError:
        return {"file": given, "success": False, "error": f"read {given}: is a directory"}
    except OSError as exc:
        return {"file": given, "success": False, "error": fs_ops.path_error("open", given, exc)}
    replaced = content.replace(pattern.encode(), new_value.encode())
    try:
        with open(host, "wb") as handle:
            handle.write(replaced)
    except OSError as exc:
        return {"file": given, "success": False, "error": fs_ops.path_error("open", given, exc)}
    return {"file": given, "success": True}


async def replace_in_files(request: Request) -> Response:
    """Every file is rewritten with every occurrence replaced; per-file failures are results, not errors."""
    workspace = await workspace_of(request)
    files, pattern, new_value = _replace_request(await request.body())
    results = [await asyncio.to_thread(_replace_one, workspace.paths, f, pattern, new_value) for f in files]
    return go_json(results)


async def upload_file(request: Request) -> Response:
    workspace = await workspace_of(request)
    given = _query(request, "path")
    if not given:
        raise DaemonAbort(400, "path is required")
    await receive_single_upload(request, workspace.paths, workspace.state_dir, given)
    return Response(status_code=200)


async def upload_files(request: Request) -> Response:
    """``{"files": [{path, bytes}]}`` (null when none); with any error a 400 ``{"errors": [...], "files": ...}``."""
    workspace = await workspace_of(request)
    files, errors = await receive_bulk_upload(request, workspace.paths)
    if errors is None:
        return go_json({"errors": ["invalid multipart form"]}, 400)
    if errors:
        return go_json({"errors": errors, "files": files or None}, 400)
    return go_json({"files": files or None})


async def download_file(request: Request) -> Response:
    workspace = await workspace_of(request)
    given = _query(request, "path")
    if not given:
        raise DaemonAbort(400, "path is required")
    host = _resolve_or_abort(workspace.paths, given)
    info = _stat_or_abort(host)
    if stat.S_ISDIR(info.st_mode):
        raise DaemonAbort(400, "path must be a file")
    headers = {
        "Content-Description": "File Transfer",
        "Content-Disposition": "attachment; " + content_disposition(fs_ops.go_base(fs_ops.sandbox_abs(given))),
        "Content-Transfer-Encoding": "binary",
        "Expires": "0",
        "Cache-Control": "must-revalidate",
        "Pragma": "public",
    }
    return FileResponse(host, headers=headers, media_type="application/octet-stream")


async def download_files(request: Request) -> Response:
    """A multipart body (boundary ``DAYTONA-FILE-BOUNDARY``): a ``file`` part per readable path, an ``error``
    part (JSON) per failing one; a body without a non-empty ``paths`` list is a 400 ``{"error": ...}``."""
    workspace = await workspace_of(request)
    sources = _download_request(await request.body())
    if sources is None:
        return go_json({"error": 'request body must be {"paths": [ ... ]} and non-empty'}, 400)
    return StreamingResponse(
        bulk_download_stream(workspace.paths, sources, HOME),
        media_type=f"multipart/form-data; boundary={BULK_BOUNDARY}",
    )


def _download_request(raw: bytes) -> list[str] | None:
    try:
        body = go_decode(raw.decode("utf-8", "replace"))
    except ValueError:
        return None
    if body is None:
        return None
    if not isinstance(body, dict):
        return None
    sources = _fold_keys(body, ("paths",)).get("paths")
    if not isinstance(sources, list) or not sources or not all(isinstance(s, str | None) for s in sources):
        return None
    return [s or "" for s in sources]


def routes() -> list[BaseRoute]:
    return [
        Route("/files", list_files, methods=["GET"]),
        Route("/files/", list_files, methods=["GET"]),
        Route("/files", delete_file, methods=["DELETE"]),
        Route("/files/", delete_file, methods=["DELETE"]),
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
