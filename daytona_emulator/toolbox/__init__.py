"""The in-sandbox toolbox API of the emulator: files, git, processes, sessions, PTYs, interpreter, LSP,
computer use and info, at the paths of Daytona's toolbox (mounted by the control plane per sandbox)."""

from __future__ import annotations

from starlette.routing import BaseRoute


def toolbox_routes() -> list[BaseRoute]:
    """Every toolbox operation except `POST /init`, relative to the mount (e.g. `/files/info`).

    Handlers find their sandbox with `request.app.state.emulator.workspace_for(path_params["sandboxId"])`.
    """
    from daytona_emulator.toolbox import computer_use, files, git, info, interpreter, lsp, process, pty, sessions

    return [
        *files.routes(),
        *git.routes(),
        *process.routes(),
        *sessions.routes(),
        *pty.routes(),
        *interpreter.routes(),
        *lsp.routes(),
        *computer_use.routes(),
        *info.routes(),
    ]
