"""Async Python SDK for Daytona sandboxes.

Usage::

    from facade import AsyncDaytona

    async with AsyncDaytona() as daytona:
        sandbox = await daytona.create()

Public names are loaded on first use (PEP 562), so ``import facade`` stays cheap: the generated
client and the toolbox modules are imported only when a call needs them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .config import DaytonaConfig
    from .daytona import AsyncDaytona, SandboxList
    from .errors import (
        DaytonaAuthenticationError,
        DaytonaAuthorizationError,
        DaytonaConflictError,
        DaytonaConnectionError,
        DaytonaError,
        DaytonaNotFoundError,
        DaytonaRateLimitError,
        DaytonaServerError,
        DaytonaStateError,
        DaytonaTimeoutError,
        DaytonaValidationError,
    )
    from .image import Image
    from .language import CodeLanguage
    from .params import (
        CreateSandboxBaseParams,
        CreateSandboxFromImageParams,
        CreateSandboxFromSnapshotParams,
        CreateSnapshotParams,
        ListSandboxesQuery,
        Resources,
        VolumeMount,
    )
    from .polling import FakeClock
    from .sandbox import (
        AsyncSandbox,
        BuildInfo,
        PortPreviewUrl,
        SandboxState,
        SignedPortPreviewUrl,
        SshAccessDto,
        SshAccessValidationDto,
    )
    from .services.snapshot import AsyncSnapshotService, PaginatedSnapshots, Snapshot
    from .services.volume import AsyncVolumeService, Volume
    from .toolbox.charts import (
        BarChart,
        BoxAndWhiskerChart,
        Chart,
        ChartType,
        CompositeChart,
        LineChart,
        PieChart,
        ScatterChart,
    )
    from .toolbox.code_interpreter import (
        AsyncCodeInterpreter,
        ExecutionError,
        ExecutionResult,
        InterpreterContext,
        OutputMessage,
    )
    from .toolbox.computer_use import AsyncComputerUse, AsyncDisplay, AsyncKeyboard, AsyncMouse, AsyncScreenshot
    from .toolbox.computer_use_types import ScreenshotOptions, ScreenshotRegion
    from .toolbox.files_types import (
        CancelEvent,
        DownloadProgress,
        FileDownloadErrorDetails,
        FileDownloadRequest,
        FileDownloadResponse,
        FileInfo,
        FileUpload,
        Match,
        ReplaceResult,
        SearchFilesResponse,
        UploadProgress,
    )

    # ---- toolbox public types (added by the toolbox modules' authors) ----
    from .toolbox.fs import AsyncFileSystem
    from .toolbox.git import AsyncGit
    from .toolbox.git_types import FileStatus, GitCommitResponse, GitStatus, ListBranchResponse
    from .toolbox.lsp import AsyncLspServer, LspCompletionPosition, LspLanguageId
    from .toolbox.process import AsyncProcess
    from .toolbox.process_types import (
        CodeRunParams,
        Command,
        ExecuteResponse,
        ExecutionArtifacts,
        OutputHandler,
        PtyResult,
        PtySessionInfo,
        PtySize,
        Session,
        SessionCommandLogsResponse,
        SessionExecuteRequest,
        SessionExecuteResponse,
    )
    from .toolbox.pty import AsyncPtyHandle

# Public name -> module (relative to this package) that defines it.
_EXPORTS: dict[str, str] = {
    # client and sandbox
    "AsyncDaytona": ".daytona",
    "SandboxList": ".daytona",
    "AsyncSandbox": ".sandbox",
    "SandboxState": ".sandbox",
    "BuildInfo": ".sandbox",
    "PortPreviewUrl": ".sandbox",
    "SignedPortPreviewUrl": ".sandbox",
    "SshAccessDto": ".sandbox",
    "SshAccessValidationDto": ".sandbox",
    # configuration, parameters, images
    "DaytonaConfig": ".config",
    "CodeLanguage": ".language",
    "CreateSandboxBaseParams": ".params",
    "CreateSandboxFromSnapshotParams": ".params",
    "CreateSandboxFromImageParams": ".params",
    "CreateSnapshotParams": ".params",
    "Resources": ".params",
    "VolumeMount": ".params",
    "ListSandboxesQuery": ".params",
    "Image": ".image",
    "FakeClock": ".polling",
    # services
    "AsyncVolumeService": ".services.volume",
    "Volume": ".services.volume",
    "AsyncSnapshotService": ".services.snapshot",
    "Snapshot": ".services.snapshot",
    "PaginatedSnapshots": ".services.snapshot",
    # errors
    "DaytonaError": ".errors",
    "DaytonaAuthenticationError": ".errors",
    "DaytonaAuthorizationError": ".errors",
    "DaytonaConflictError": ".errors",
    "DaytonaConnectionError": ".errors",
    "DaytonaNotFoundError": ".errors",
    "DaytonaRateLimitError": ".errors",
    "DaytonaServerError": ".errors",
    "DaytonaStateError": ".errors",
    "DaytonaTimeoutError": ".errors",
    "DaytonaValidationError": ".errors",
    # ---- toolbox public types (added by the toolbox modules' authors) ----
    "AsyncFileSystem": ".toolbox.fs",
    "FileInfo": ".toolbox.files_types",
    "Match": ".toolbox.files_types",
    "SearchFilesResponse": ".toolbox.files_types",
    "ReplaceResult": ".toolbox.files_types",
    "FileUpload": ".toolbox.files_types",
    "FileDownloadRequest": ".toolbox.files_types",
    "FileDownloadResponse": ".toolbox.files_types",
    "FileDownloadErrorDetails": ".toolbox.files_types",
    "DownloadProgress": ".toolbox.files_types",
    "UploadProgress": ".toolbox.files_types",
    "CancelEvent": ".toolbox.files_types",
    "AsyncGit": ".toolbox.git",
    "GitStatus": ".toolbox.git_types",
    "FileStatus": ".toolbox.git_types",
    "ListBranchResponse": ".toolbox.git_types",
    "GitCommitResponse": ".toolbox.git_types",
    "AsyncProcess": ".toolbox.process",
    "AsyncPtyHandle": ".toolbox.pty",
    "CodeRunParams": ".toolbox.process_types",
    "ExecuteResponse": ".toolbox.process_types",
    "ExecutionArtifacts": ".toolbox.process_types",
    "SessionExecuteRequest": ".toolbox.process_types",
    "SessionExecuteResponse": ".toolbox.process_types",
    "SessionCommandLogsResponse": ".toolbox.process_types",
    "Session": ".toolbox.process_types",
    "Command": ".toolbox.process_types",
    "PtySize": ".toolbox.process_types",
    "PtyResult": ".toolbox.process_types",
    "PtySessionInfo": ".toolbox.process_types",
    "OutputHandler": ".toolbox.process_types",
    "AsyncCodeInterpreter": ".toolbox.code_interpreter",
    "OutputMessage": ".toolbox.code_interpreter",
    "ExecutionError": ".toolbox.code_interpreter",
    "ExecutionResult": ".toolbox.code_interpreter",
    "InterpreterContext": ".toolbox.code_interpreter",
    "Chart": ".toolbox.charts",
    "ChartType": ".toolbox.charts",
    "LineChart": ".toolbox.charts",
    "ScatterChart": ".toolbox.charts",
    "BarChart": ".toolbox.charts",
    "PieChart": ".toolbox.charts",
    "BoxAndWhiskerChart": ".toolbox.charts",
    "CompositeChart": ".toolbox.charts",
    "AsyncComputerUse": ".toolbox.computer_use",
    "AsyncMouse": ".toolbox.computer_use",
    "AsyncKeyboard": ".toolbox.computer_use",
    "AsyncScreenshot": ".toolbox.computer_use",
    "AsyncDisplay": ".toolbox.computer_use",
    "ScreenshotRegion": ".toolbox.computer_use_types",
    "ScreenshotOptions": ".toolbox.computer_use_types",
    "AsyncLspServer": ".toolbox.lsp",
    "LspCompletionPosition": ".toolbox.lsp",
    "LspLanguageId": ".toolbox.lsp",
}

__all__ = [
    "AsyncCodeInterpreter",
    "AsyncComputerUse",
    "AsyncDaytona",
    "AsyncDisplay",
    "AsyncFileSystem",
    "AsyncGit",
    "AsyncKeyboard",
    "AsyncLspServer",
    "AsyncMouse",
    "AsyncProcess",
    "AsyncPtyHandle",
    "AsyncSandbox",
    "AsyncScreenshot",
    "AsyncSnapshotService",
    "AsyncVolumeService",
    "BarChart",
    "BoxAndWhiskerChart",
    "BuildInfo",
    "CancelEvent",
    "Chart",
    "ChartType",
    "CodeLanguage",
    "CodeRunParams",
    "Command",
    "CompositeChart",
    "CreateSandboxBaseParams",
    "CreateSandboxFromImageParams",
    "CreateSandboxFromSnapshotParams",
    "CreateSnapshotParams",
    "DaytonaAuthenticationError",
    "DaytonaAuthorizationError",
    "DaytonaConfig",
    "DaytonaConflictError",
    "DaytonaConnectionError",
    "DaytonaError",
    "DaytonaNotFoundError",
    "DaytonaRateLimitError",
    "DaytonaServerError",
    "DaytonaStateError",
    "DaytonaTimeoutError",
    "DaytonaValidationError",
    "DownloadProgress",
    "ExecuteResponse",
    "ExecutionArtifacts",
    "ExecutionError",
    "ExecutionResult",
    "FakeClock",
    "FileDownloadErrorDetails",
    "FileDownloadRequest",
    "FileDownloadResponse",
    "FileInfo",
    "FileStatus",
    "FileUpload",
    "GitCommitResponse",
    "GitStatus",
    "Image",
    "InterpreterContext",
    "LineChart",
    "ListBranchResponse",
    "ListSandboxesQuery",
    "LspCompletionPosition",
    "LspLanguageId",
    "Match",
    "OutputHandler",
    "OutputMessage",
    "PaginatedSnapshots",
    "PieChart",
    "PortPreviewUrl",
    "PtyResult",
    "PtySessionInfo",
    "PtySize",
    "ReplaceResult",
    "Resources",
    "SandboxList",
    "SandboxState",
    "ScatterChart",
    "ScreenshotOptions",
    "ScreenshotRegion",
    "SearchFilesResponse",
    "Session",
    "SessionCommandLogsResponse",
    "SessionExecuteRequest",
    "SessionExecuteResponse",
    "SignedPortPreviewUrl",
    "Snapshot",
    "SshAccessDto",
    "SshAccessValidationDto",
    "UploadProgress",
    "Volume",
    "VolumeMount",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
