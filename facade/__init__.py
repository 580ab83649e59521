"""Async Python SDK for Daytona sandboxes.

Usage::

    from facade import AsyncDaytona

    async with AsyncDaytona() as daytona:
        sandbox = await daytona.create()

Public names are loaded on first use (PEP 562), so ``import facade`` stays cheap: the generated client and
the toolbox modules are imported only when a call needs them. ``_EXPORTS`` is the one table of public names:
``__all__``, the lazy loader and the type checkers' view (``__init__.pyi``, written from the table by
``make generate`` and checked by its ``--check``) all come from it. Some names are the generated client's
own models, reused as they are.
"""

from importlib import import_module
from typing import Any

# module -> the public names it defines ("." starts a module of this package; "Name=Other" exports Other as Name)
_TABLE = {
    "._client": "AsyncDaytona SandboxList", "._sandbox": "AsyncSandbox", "._sync": "Daytona Sandbox",
    "._config": "DaytonaConfig", "._image": "Image", "._polling": "FakeClock",
    "._secrets": "PortPreviewUrl SignedPortPreviewUrl SshAccessDto", "._pty": "AsyncPtyHandle PtySize PtyResult",
    "._services": "AsyncVolumeService AsyncSnapshotService",
    "._interpreter": "AsyncCodeInterpreter OutputMessage ExecutionError ExecutionResult",
    "._params": "CodeLanguage CreateSandboxBaseParams CreateSandboxFromSnapshotParams CreateSandboxFromImageParams "
    "CreateSnapshotParams Resources VolumeMount ListSandboxesQuery",
    "._errors": "DaytonaError DaytonaAuthenticationError DaytonaAuthorizationError DaytonaConflictError "
    "DaytonaConnectionError DaytonaNotFoundError DaytonaRateLimitError DaytonaServerError DaytonaStateError "
    "DaytonaTimeoutError DaytonaValidationError",
    "._transfer": "AsyncFileSystem FileUpload FileDownloadRequest FileDownloadResponse FileDownloadErrorDetails "
    "DownloadProgress UploadProgress CancelEvent",
    "._toolbox": "AsyncGit GitCommitResponse AsyncComputerUse AsyncMouse AsyncKeyboard AsyncScreenshot AsyncDisplay "
    "ScreenshotRegion ScreenshotOptions AsyncLspServer LspCompletionPosition LspLanguageId",
    "._process": "AsyncProcess CodeRunParams ExecuteResponse ExecutionArtifacts SessionExecuteRequest OutputHandler "
    "Chart LineChart ScatterChart BarChart PieChart BoxAndWhiskerChart CompositeChart",
    "daytona_openapi.models.sandbox_state": "SandboxState=SandboxStateEnum",
    "daytona_openapi.models.chart_type": "ChartType=ChartTypeEnum",
    "daytona_openapi.models.gpu_type": "GpuType=GpuTypeEnum",
    "daytona_openapi.models.sandbox_class": "SandboxClass=SandboxClassEnum",
    "daytona_openapi.models.sandbox_list_sort_field": "SandboxListSortField=SandboxListSortFieldEnum",
    "daytona_openapi.models.sandbox_list_sort_order": "SandboxListSortDirection=SandboxListSortOrderEnum",
    "daytona_openapi.models": "SshAccessValidationDto=SshAccessValidation Command=SessionCommand "
    "SessionCommandLogsResponse=SessionCommandLogs BuildInfo Volume Snapshot PaginatedSnapshots FileInfo Match "
    "SearchFilesResponse ReplaceResult GitStatus FileStatus ListBranchResponse Session SessionExecuteResponse "
    "PtySessionInfo InterpreterContext",
}  # fmt: skip
_EXPORTS = {n.split("=")[0]: (module, n.split("=")[-1]) for module, names in _TABLE.items() for n in names.split()}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = _EXPORTS[name]
    value = getattr(import_module(module, __name__), attribute)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return list(__all__)
