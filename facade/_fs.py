"""The plain file calls of ``sandbox.fs``: one request each, answered by a generated model (``FileInfo``,
``Match``, ``ReplaceResult``, ``SearchFilesResponse``) or by nothing. The streamed transfers are in
``facade._transfer``, whose ``AsyncFileSystem`` adds them to these calls.

The public arguments are positional, while the generated operations take keyword-only query parameters,
so these calls are written out rather than forwarded (``facade._toolbox._forward``).
"""

from __future__ import annotations

from daytona_openapi import models as m
from daytona_openapi.api import toolbox_files as api

from . import _checks as check
from ._toolbox import _Service


def _mode(mode: str, example: str) -> str:
    if len(check.text(mode, "mode")) not in (3, 4) or not set(mode) <= set("01234567"):
        raise check.bad("mode", f"must be 3 or 4 octal digits such as '{example}', got {mode!r}")
    return mode


class FileCalls(_Service):
    """The file and folder calls of ``sandbox.fs`` (paths are sandbox paths; relative ones resolve from the
    sandbox's working directory)."""

    async def create_folder(self, path: str, mode: str = "755") -> None:
        """Create a folder (and missing parents) with octal permissions ``mode`` (``POST /files/folder``)."""
        req = api.create_folder.request(mode=_mode(mode, "755"), path=check.text(path, "path"))
        await self._ctx.send(req, "Failed to create folder: ")

    async def delete_file(self, path: str, recursive: bool = False) -> None:
        """Delete a file, or a directory with everything in it when ``recursive`` (``DELETE /files``)."""
        req = api.delete_file.request(path=check.text(path, "path"), recursive=check.flag(recursive, "recursive"))
        await self._ctx.send(req, "Failed to delete file: ")

    async def list_files(self, path: str) -> list[m.FileInfo]:
        """A directory's entries (``GET /files?path=``; an empty path lists the working directory)."""
        req = api.list_files.request(path=check.text(path, "path", empty=True) or None)
        return await self._ctx.send(req, "Failed to list files: ")

    async def get_file_info(self, path: str) -> m.FileInfo:
        """One file's or directory's metadata (``GET /files/info``)."""
        req = api.get_file_info.request(path=check.text(path, "path"))
        return await self._ctx.send(req, "Failed to get file info: ")

    async def move_files(self, source: str, destination: str) -> None:
        """Move or rename a file or directory (``POST /files/move``)."""
        source, destination = check.texts(source=source, destination=destination)
        await self._ctx.send(api.move_file.request(source=source, destination=destination), "Failed to move files: ")

    async def set_file_permissions(
        self, path: str, mode: str | None = None, owner: str | None = None, group: str | None = None
    ) -> None:
        """Change a file's octal mode, owner and/or group (``POST /files/permissions``; unset values are left out)."""
        mode = None if mode is None else _mode(mode, "644")
        owner, group = check.texts(optional=True, owner=owner, group=group)
        if mode is None and owner is None and group is None:
            raise check.bad("set_file_permissions", "needs at least one of mode, owner or group")
        req = api.set_file_permissions.request(path=check.text(path, "path"), mode=mode, owner=owner, group=group)
        await self._ctx.send(req, "Failed to set file permissions: ")

    async def find_files(self, path: str, pattern: str) -> list[m.Match]:
        """The lines containing ``pattern`` in the files under ``path``, like ``grep -rn`` (``GET /files/find``)."""
        path, pattern = check.texts(path=path, pattern=pattern)
        return await self._ctx.send(api.find_in_files.request(path=path, pattern=pattern), "Failed to find files: ")

    async def search_files(self, path: str, pattern: str) -> m.SearchFilesResponse:
        """The files under ``path`` whose names match the glob ``pattern`` (``GET /files/search``)."""
        path, pattern = check.texts(path=path, pattern=pattern)
        return await self._ctx.send(api.search_files.request(path=path, pattern=pattern), "Failed to search files: ")

    async def replace_in_files(self, files: list[str], pattern: str, new_value: str) -> list[m.ReplaceResult]:
        """Replace the text ``pattern`` with ``new_value`` in each file (``POST /files/replace``); failures are in
        the results, not raised. An empty list sends nothing."""
        paths, pattern = check.strings(files, "files"), check.text(pattern, "pattern")
        body = m.ReplaceRequest(files=paths, pattern=pattern, new_value=check.text(new_value, "new_value", empty=True))
        req = api.replace_in_files.request(body=body)
        return await self._ctx.send(req, "Failed to replace in files: ") if paths else []
