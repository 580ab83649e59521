"""The plain file calls of ``sandbox.fs``: one request each, answered by a generated model (``FileInfo``,
``Match``, ``ReplaceResult``, ``SearchFilesResponse``) or by nothing. The streamed transfers are in
``facade._transfer``, whose ``AsyncFileSystem`` adds them to these calls.

Calls whose arguments are the operation's own required text parameters (positional in the generated
signature) come from the forwarding table (``facade._toolbox._forward``); the others check more than text.
"""

from __future__ import annotations

from daytona_openapi import models as m
from daytona_openapi.api import toolbox_files as api

from . import _checks as check
from ._toolbox import _forward, _Service


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

    get_file_info = _forward(api.get_file_info.request, "Failed to get file info: ")
    move_files = _forward(api.move_file.request, "Failed to move files: ")

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

    find_files = _forward(api.find_in_files.request, "Failed to find files: ")
    search_files = _forward(api.search_files.request, "Failed to search files: ")

    async def replace_in_files(self, files: list[str], pattern: str, new_value: str) -> list[m.ReplaceResult]:
        """Replace the text ``pattern`` with ``new_value`` in each file (``POST /files/replace``); failures are in
        the results, not raised. An empty list sends nothing."""
        paths, pattern = check.strings(files, "files"), check.text(pattern, "pattern")
        body = m.ReplaceRequest(files=paths, pattern=pattern, new_value=check.text(new_value, "new_value", empty=True))
        req = api.replace_in_files.request(body=body)
        return await self._ctx.send(req, "Failed to replace in files: ") if paths else []
