"""Contains all the data models used in inputs/outputs.

Each model is imported on first use (PEP 562), so a call loads only the models it needs. A schema marked
``x-fields: true`` also gets a ``<Model>Fields`` class here (below).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .accessibility_bounds import AccessibilityBounds
    from .accessibility_find_request import AccessibilityFindRequest
    from .accessibility_find_response import AccessibilityFindResponse
    from .accessibility_invoke_request import AccessibilityInvokeRequest
    from .accessibility_node import AccessibilityNode
    from .accessibility_node_request import AccessibilityNodeRequest
    from .accessibility_set_value_request import AccessibilitySetValueRequest
    from .accessibility_tree_response import AccessibilityTreeResponse
    from .announcement import Announcement
    from .api_error import ApiError
    from .build_info import BuildInfo
    from .chart import Chart
    from .chart_element import ChartElement
    from .chart_type import ChartType
    from .code_run_artifacts import CodeRunArtifacts
    from .code_run_request import CodeRunRequest
    from .code_run_request_envs import CodeRunRequestEnvs
    from .code_run_response import CodeRunResponse
    from .computer_use_empty_response import ComputerUseEmptyResponse
    from .computer_use_process_errors_response import ComputerUseProcessErrorsResponse
    from .computer_use_process_logs_response import ComputerUseProcessLogsResponse
    from .computer_use_process_restart_response import ComputerUseProcessRestartResponse
    from .computer_use_process_state import ComputerUseProcessState
    from .computer_use_process_status_response import ComputerUseProcessStatusResponse
    from .computer_use_start_response import ComputerUseStartResponse
    from .computer_use_start_response_status import ComputerUseStartResponseStatus
    from .computer_use_status_response import ComputerUseStatusResponse
    from .computer_use_stop_response import ComputerUseStopResponse
    from .computer_use_stop_response_status import ComputerUseStopResponseStatus
    from .create_build_info import CreateBuildInfo
    from .create_sandbox import CreateSandbox
    from .create_sandbox_env import CreateSandboxEnv
    from .create_sandbox_labels import CreateSandboxLabels
    from .create_sandbox_snapshot import CreateSandboxSnapshot
    from .create_session_request import CreateSessionRequest
    from .create_snapshot import CreateSnapshot
    from .create_snapshot_gpu_type_item import CreateSnapshotGpuTypeItem
    from .create_snapshot_sandbox_class import CreateSnapshotSandboxClass
    from .create_volume import CreateVolume
    from .daytona_config import DaytonaConfig
    from .daytona_config_announcements import DaytonaConfigAnnouncements
    from .display_info import DisplayInfo
    from .display_info_response import DisplayInfoResponse
    from .display_window import DisplayWindow
    from .display_windows_response import DisplayWindowsResponse
    from .execute_request import ExecuteRequest
    from .execute_request_envs import ExecuteRequestEnvs
    from .execute_response import ExecuteResponse
    from .file_info import FileInfo
    from .file_status import FileStatus
    from .files_download_request import FilesDownloadRequest
    from .fork_sandbox import ForkSandbox
    from .get_health_response_200 import GetHealthResponse200
    from .git_add_request import GitAddRequest
    from .git_branch_request import GitBranchRequest
    from .git_checkout_request import GitCheckoutRequest
    from .git_clone_request import GitCloneRequest
    from .git_commit_info import GitCommitInfo
    from .git_commit_request import GitCommitRequest
    from .git_commit_response import GitCommitResponse
    from .git_delete_branch_request import GitDeleteBranchRequest
    from .git_file_change import GitFileChange
    from .git_repo_request import GitRepoRequest
    from .git_status import GitStatus
    from .gpu_type import GpuType
    from .health_check_result import HealthCheckResult
    from .health_check_result_details import HealthCheckResultDetails
    from .health_check_result_error_type_0 import HealthCheckResultErrorType0
    from .health_check_result_info_type_0 import HealthCheckResultInfoType0
    from .health_indicator import HealthIndicator
    from .interpreter_context import InterpreterContext
    from .interpreter_context_list import InterpreterContextList
    from .interpreter_create_context_request import InterpreterCreateContextRequest
    from .interpreter_delete_context_response import InterpreterDeleteContextResponse
    from .keyboard_hotkey_request import KeyboardHotkeyRequest
    from .keyboard_press_request import KeyboardPressRequest
    from .keyboard_type_request import KeyboardTypeRequest
    from .list_branch_response import ListBranchResponse
    from .list_sandboxes_paginated_sort import ListSandboxesPaginatedSort
    from .list_sandboxes_paginated_states_item import ListSandboxesPaginatedStatesItem
    from .list_snapshots_order import ListSnapshotsOrder
    from .list_snapshots_sort import ListSnapshotsSort
    from .lsp_completion_context import LspCompletionContext
    from .lsp_completion_item import LspCompletionItem
    from .lsp_completion_item_documentation_type_1 import (
        LspCompletionItemDocumentationType1,
    )
    from .lsp_completion_list import LspCompletionList
    from .lsp_completion_request import LspCompletionRequest
    from .lsp_document_request import LspDocumentRequest
    from .lsp_location import LspLocation
    from .lsp_position import LspPosition
    from .lsp_range import LspRange
    from .lsp_server_request import LspServerRequest
    from .lsp_symbol import LspSymbol
    from .match import Match
    from .mouse_click_request import MouseClickRequest
    from .mouse_click_response import MouseClickResponse
    from .mouse_drag_request import MouseDragRequest
    from .mouse_drag_response import MouseDragResponse
    from .mouse_move_request import MouseMoveRequest
    from .mouse_position_response import MousePositionResponse
    from .mouse_scroll_request import MouseScrollRequest
    from .mouse_scroll_response import MouseScrollResponse
    from .oidc_config import OidcConfig
    from .paginated_sandboxes import PaginatedSandboxes
    from .paginated_snapshots import PaginatedSnapshots
    from .port_in_use_response import PortInUseResponse
    from .port_list import PortList
    from .port_preview_url import PortPreviewUrl
    from .posthog_config import PosthogConfig
    from .pty_create_request import PtyCreateRequest
    from .pty_create_request_envs import PtyCreateRequestEnvs
    from .pty_create_response import PtyCreateResponse
    from .pty_delete_response import PtyDeleteResponse
    from .pty_delete_response_additional_property_type_1 import (
        PtyDeleteResponseAdditionalPropertyType1,
    )
    from .pty_resize_request import PtyResizeRequest
    from .pty_session_info import PtySessionInfo
    from .pty_session_info_envs import PtySessionInfoEnvs
    from .pty_session_list import PtySessionList
    from .rate_limit_config import RateLimitConfig
    from .rate_limit_entry import RateLimitEntry
    from .recording import Recording
    from .recording_list_response import RecordingListResponse
    from .recording_start_request import RecordingStartRequest
    from .recording_stop_request import RecordingStopRequest
    from .region import Region
    from .region_type import RegionType
    from .replace_request import ReplaceRequest
    from .replace_result import ReplaceResult
    from .resize_sandbox import ResizeSandbox
    from .sandbox import Sandbox
    from .sandbox_backup_state import SandboxBackupState
    from .sandbox_build_logs_url import SandboxBuildLogsUrl
    from .sandbox_class import SandboxClass
    from .sandbox_desired_state import SandboxDesiredState
    from .sandbox_env import SandboxEnv
    from .sandbox_label_set import SandboxLabelSet
    from .sandbox_label_set_labels import SandboxLabelSetLabels
    from .sandbox_labels import SandboxLabels
    from .sandbox_list_item import SandboxListItem
    from .sandbox_list_item_labels import SandboxListItemLabels
    from .sandbox_list_page import SandboxListPage
    from .sandbox_list_sort_field import SandboxListSortField
    from .sandbox_list_sort_order import SandboxListSortOrder
    from .sandbox_network_settings import SandboxNetworkSettings
    from .sandbox_state import SandboxState
    from .sandbox_volume import SandboxVolume
    from .screenshot_cursor_position import ScreenshotCursorPosition
    from .screenshot_response import ScreenshotResponse
    from .search_files_response import SearchFilesResponse
    from .session import Session
    from .session_command import SessionCommand
    from .session_command_input import SessionCommandInput
    from .session_command_logs import SessionCommandLogs
    from .session_execute_request import SessionExecuteRequest
    from .session_execute_response import SessionExecuteResponse
    from .signed_port_preview_url import SignedPortPreviewUrl
    from .snapshot import Snapshot
    from .snapshot_build_logs_url import SnapshotBuildLogsUrl
    from .snapshot_gpu_type import SnapshotGpuType
    from .snapshot_sandbox_class import SnapshotSandboxClass
    from .snapshot_state import SnapshotState
    from .ssh_access import SshAccess
    from .ssh_access_validation import SshAccessValidation
    from .storage_access import StorageAccess
    from .telemetry_log_entry import TelemetryLogEntry
    from .telemetry_log_entry_log_attributes import TelemetryLogEntryLogAttributes
    from .telemetry_log_entry_resource_attributes import (
        TelemetryLogEntryResourceAttributes,
    )
    from .telemetry_log_page import TelemetryLogPage
    from .telemetry_metric_point import TelemetryMetricPoint
    from .telemetry_metric_series import TelemetryMetricSeries
    from .telemetry_metrics import TelemetryMetrics
    from .telemetry_trace_page import TelemetryTracePage
    from .telemetry_trace_span import TelemetryTraceSpan
    from .telemetry_trace_span_span_attributes import TelemetryTraceSpanSpanAttributes
    from .telemetry_trace_summary import TelemetryTraceSummary
    from .toolbox_proxy_url import ToolboxProxyUrl
    from .toolbox_version import ToolboxVersion
    from .upload_file_form import UploadFileForm
    from .upload_files_response import UploadFilesResponse
    from .uploaded_file import UploadedFile
    from .user_home_dir_response import UserHomeDirResponse
    from .volume import Volume
    from .volume_state import VolumeState
    from .work_dir_response import WorkDirResponse

_MODULES = {
    "AccessibilityBounds": ".accessibility_bounds",
    "AccessibilityFindRequest": ".accessibility_find_request",
    "AccessibilityFindResponse": ".accessibility_find_response",
    "AccessibilityInvokeRequest": ".accessibility_invoke_request",
    "AccessibilityNode": ".accessibility_node",
    "AccessibilityNodeRequest": ".accessibility_node_request",
    "AccessibilitySetValueRequest": ".accessibility_set_value_request",
    "AccessibilityTreeResponse": ".accessibility_tree_response",
    "Announcement": ".announcement",
    "ApiError": ".api_error",
    "BuildInfo": ".build_info",
    "Chart": ".chart",
    "ChartElement": ".chart_element",
    "ChartType": ".chart_type",
    "CodeRunArtifacts": ".code_run_artifacts",
    "CodeRunRequest": ".code_run_request",
    "CodeRunRequestEnvs": ".code_run_request_envs",
    "CodeRunResponse": ".code_run_response",
    "ComputerUseEmptyResponse": ".computer_use_empty_response",
    "ComputerUseProcessErrorsResponse": ".computer_use_process_errors_response",
    "ComputerUseProcessLogsResponse": ".computer_use_process_logs_response",
    "ComputerUseProcessRestartResponse": ".computer_use_process_restart_response",
    "ComputerUseProcessState": ".computer_use_process_state",
    "ComputerUseProcessStatusResponse": ".computer_use_process_status_response",
    "ComputerUseStartResponse": ".computer_use_start_response",
    "ComputerUseStartResponseStatus": ".computer_use_start_response_status",
    "ComputerUseStatusResponse": ".computer_use_status_response",
    "ComputerUseStopResponse": ".computer_use_stop_response",
    "ComputerUseStopResponseStatus": ".computer_use_stop_response_status",
    "CreateBuildInfo": ".create_build_info",
    "CreateSandbox": ".create_sandbox",
    "CreateSandboxEnv": ".create_sandbox_env",
    "CreateSandboxLabels": ".create_sandbox_labels",
    "CreateSandboxSnapshot": ".create_sandbox_snapshot",
    "CreateSessionRequest": ".create_session_request",
    "CreateSnapshot": ".create_snapshot",
    "CreateSnapshotGpuTypeItem": ".create_snapshot_gpu_type_item",
    "CreateSnapshotSandboxClass": ".create_snapshot_sandbox_class",
    "CreateVolume": ".create_volume",
    "DaytonaConfig": ".daytona_config",
    "DaytonaConfigAnnouncements": ".daytona_config_announcements",
    "DisplayInfo": ".display_info",
    "DisplayInfoResponse": ".display_info_response",
    "DisplayWindow": ".display_window",
    "DisplayWindowsResponse": ".display_windows_response",
    "ExecuteRequest": ".execute_request",
    "ExecuteRequestEnvs": ".execute_request_envs",
    "ExecuteResponse": ".execute_response",
    "FileInfo": ".file_info",
    "FileStatus": ".file_status",
    "FilesDownloadRequest": ".files_download_request",
    "ForkSandbox": ".fork_sandbox",
    "GetHealthResponse200": ".get_health_response_200",
    "GitAddRequest": ".git_add_request",
    "GitBranchRequest": ".git_branch_request",
    "GitCheckoutRequest": ".git_checkout_request",
    "GitCloneRequest": ".git_clone_request",
    "GitCommitInfo": ".git_commit_info",
    "GitCommitRequest": ".git_commit_request",
    "GitCommitResponse": ".git_commit_response",
    "GitDeleteBranchRequest": ".git_delete_branch_request",
    "GitFileChange": ".git_file_change",
    "GitRepoRequest": ".git_repo_request",
    "GitStatus": ".git_status",
    "GpuType": ".gpu_type",
    "HealthCheckResult": ".health_check_result",
    "HealthCheckResultDetails": ".health_check_result_details",
    "HealthCheckResultErrorType0": ".health_check_result_error_type_0",
    "HealthCheckResultInfoType0": ".health_check_result_info_type_0",
    "HealthIndicator": ".health_indicator",
    "InterpreterContext": ".interpreter_context",
    "InterpreterContextList": ".interpreter_context_list",
    "InterpreterCreateContextRequest": ".interpreter_create_context_request",
    "InterpreterDeleteContextResponse": ".interpreter_delete_context_response",
    "KeyboardHotkeyRequest": ".keyboard_hotkey_request",
    "KeyboardPressRequest": ".keyboard_press_request",
    "KeyboardTypeRequest": ".keyboard_type_request",
    "ListBranchResponse": ".list_branch_response",
    "ListSandboxesPaginatedSort": ".list_sandboxes_paginated_sort",
    "ListSandboxesPaginatedStatesItem": ".list_sandboxes_paginated_states_item",
    "ListSnapshotsOrder": ".list_snapshots_order",
    "ListSnapshotsSort": ".list_snapshots_sort",
    "LspCompletionContext": ".lsp_completion_context",
    "LspCompletionItem": ".lsp_completion_item",
    "LspCompletionItemDocumentationType1": ".lsp_completion_item_documentation_type_1",
    "LspCompletionList": ".lsp_completion_list",
    "LspCompletionRequest": ".lsp_completion_request",
    "LspDocumentRequest": ".lsp_document_request",
    "LspLocation": ".lsp_location",
    "LspPosition": ".lsp_position",
    "LspRange": ".lsp_range",
    "LspServerRequest": ".lsp_server_request",
    "LspSymbol": ".lsp_symbol",
    "Match": ".match",
    "MouseClickRequest": ".mouse_click_request",
    "MouseClickResponse": ".mouse_click_response",
    "MouseDragRequest": ".mouse_drag_request",
    "MouseDragResponse": ".mouse_drag_response",
    "MouseMoveRequest": ".mouse_move_request",
    "MousePositionResponse": ".mouse_position_response",
    "MouseScrollRequest": ".mouse_scroll_request",
    "MouseScrollResponse": ".mouse_scroll_response",
    "OidcConfig": ".oidc_config",
    "PaginatedSandboxes": ".paginated_sandboxes",
    "PaginatedSnapshots": ".paginated_snapshots",
    "PortInUseResponse": ".port_in_use_response",
    "PortList": ".port_list",
    "PortPreviewUrl": ".port_preview_url",
    "PosthogConfig": ".posthog_config",
    "PtyCreateRequest": ".pty_create_request",
    "PtyCreateRequestEnvs": ".pty_create_request_envs",
    "PtyCreateResponse": ".pty_create_response",
    "PtyDeleteResponse": ".pty_delete_response",
    "PtyDeleteResponseAdditionalPropertyType1": ".pty_delete_response_additional_property_type_1",
    "PtyResizeRequest": ".pty_resize_request",
    "PtySessionInfo": ".pty_session_info",
    "PtySessionInfoEnvs": ".pty_session_info_envs",
    "PtySessionList": ".pty_session_list",
    "RateLimitConfig": ".rate_limit_config",
    "RateLimitEntry": ".rate_limit_entry",
    "Recording": ".recording",
    "RecordingListResponse": ".recording_list_response",
    "RecordingStartRequest": ".recording_start_request",
    "RecordingStopRequest": ".recording_stop_request",
    "Region": ".region",
    "RegionType": ".region_type",
    "ReplaceRequest": ".replace_request",
    "ReplaceResult": ".replace_result",
    "ResizeSandbox": ".resize_sandbox",
    "Sandbox": ".sandbox",
    "SandboxBackupState": ".sandbox_backup_state",
    "SandboxBuildLogsUrl": ".sandbox_build_logs_url",
    "SandboxClass": ".sandbox_class",
    "SandboxDesiredState": ".sandbox_desired_state",
    "SandboxEnv": ".sandbox_env",
    "SandboxLabelSet": ".sandbox_label_set",
    "SandboxLabelSetLabels": ".sandbox_label_set_labels",
    "SandboxLabels": ".sandbox_labels",
    "SandboxListItem": ".sandbox_list_item",
    "SandboxListItemLabels": ".sandbox_list_item_labels",
    "SandboxListPage": ".sandbox_list_page",
    "SandboxListSortField": ".sandbox_list_sort_field",
    "SandboxListSortOrder": ".sandbox_list_sort_order",
    "SandboxNetworkSettings": ".sandbox_network_settings",
    "SandboxState": ".sandbox_state",
    "SandboxVolume": ".sandbox_volume",
    "ScreenshotCursorPosition": ".screenshot_cursor_position",
    "ScreenshotResponse": ".screenshot_response",
    "SearchFilesResponse": ".search_files_response",
    "Session": ".session",
    "SessionCommand": ".session_command",
    "SessionCommandInput": ".session_command_input",
    "SessionCommandLogs": ".session_command_logs",
    "SessionExecuteRequest": ".session_execute_request",
    "SessionExecuteResponse": ".session_execute_response",
    "SignedPortPreviewUrl": ".signed_port_preview_url",
    "Snapshot": ".snapshot",
    "SnapshotBuildLogsUrl": ".snapshot_build_logs_url",
    "SnapshotGpuType": ".snapshot_gpu_type",
    "SnapshotSandboxClass": ".snapshot_sandbox_class",
    "SnapshotState": ".snapshot_state",
    "SshAccess": ".ssh_access",
    "SshAccessValidation": ".ssh_access_validation",
    "StorageAccess": ".storage_access",
    "TelemetryLogEntry": ".telemetry_log_entry",
    "TelemetryLogEntryLogAttributes": ".telemetry_log_entry_log_attributes",
    "TelemetryLogEntryResourceAttributes": ".telemetry_log_entry_resource_attributes",
    "TelemetryLogPage": ".telemetry_log_page",
    "TelemetryMetricPoint": ".telemetry_metric_point",
    "TelemetryMetricSeries": ".telemetry_metric_series",
    "TelemetryMetrics": ".telemetry_metrics",
    "TelemetryTracePage": ".telemetry_trace_page",
    "TelemetryTraceSpan": ".telemetry_trace_span",
    "TelemetryTraceSpanSpanAttributes": ".telemetry_trace_span_span_attributes",
    "TelemetryTraceSummary": ".telemetry_trace_summary",
    "ToolboxProxyUrl": ".toolbox_proxy_url",
    "ToolboxVersion": ".toolbox_version",
    "UploadFileForm": ".upload_file_form",
    "UploadFilesResponse": ".upload_files_response",
    "UploadedFile": ".uploaded_file",
    "UserHomeDirResponse": ".user_home_dir_response",
    "Volume": ".volume",
    "VolumeState": ".volume_state",
    "WorkDirResponse": ".work_dir_response",
}

__all__ = (
    "AccessibilityBounds",
    "AccessibilityFindRequest",
    "AccessibilityFindResponse",
    "AccessibilityInvokeRequest",
    "AccessibilityNode",
    "AccessibilityNodeRequest",
    "AccessibilitySetValueRequest",
    "AccessibilityTreeResponse",
    "Announcement",
    "ApiError",
    "BuildInfo",
    "Chart",
    "ChartElement",
    "ChartType",
    "CodeRunArtifacts",
    "CodeRunRequest",
    "CodeRunRequestEnvs",
    "CodeRunResponse",
    "ComputerUseEmptyResponse",
    "ComputerUseProcessErrorsResponse",
    "ComputerUseProcessLogsResponse",
    "ComputerUseProcessRestartResponse",
    "ComputerUseProcessState",
    "ComputerUseProcessStatusResponse",
    "ComputerUseStartResponse",
    "ComputerUseStartResponseStatus",
    "ComputerUseStatusResponse",
    "ComputerUseStopResponse",
    "ComputerUseStopResponseStatus",
    "CreateBuildInfo",
    "CreateSandbox",
    "CreateSandboxEnv",
    "CreateSandboxLabels",
    "CreateSandboxSnapshot",
    "CreateSessionRequest",
    "CreateSnapshot",
    "CreateSnapshotGpuTypeItem",
    "CreateSnapshotSandboxClass",
    "CreateVolume",
    "DaytonaConfig",
    "DaytonaConfigAnnouncements",
    "DisplayInfo",
    "DisplayInfoResponse",
    "DisplayWindow",
    "DisplayWindowsResponse",
    "ExecuteRequest",
    "ExecuteRequestEnvs",
    "ExecuteResponse",
    "FileInfo",
    "FileStatus",
    "FilesDownloadRequest",
    "ForkSandbox",
    "GetHealthResponse200",
    "GitAddRequest",
    "GitBranchRequest",
    "GitCheckoutRequest",
    "GitCloneRequest",
    "GitCommitInfo",
    "GitCommitRequest",
    "GitCommitResponse",
    "GitDeleteBranchRequest",
    "GitFileChange",
    "GitRepoRequest",
    "GitStatus",
    "GpuType",
    "HealthCheckResult",
    "HealthCheckResultDetails",
    "HealthCheckResultErrorType0",
    "HealthCheckResultInfoType0",
    "HealthIndicator",
    "InterpreterContext",
    "InterpreterContextList",
    "InterpreterCreateContextRequest",
    "InterpreterDeleteContextResponse",
    "KeyboardHotkeyRequest",
    "KeyboardPressRequest",
    "KeyboardTypeRequest",
    "ListBranchResponse",
    "ListSandboxesPaginatedSort",
    "ListSandboxesPaginatedStatesItem",
    "ListSnapshotsOrder",
    "ListSnapshotsSort",
    "LspCompletionContext",
    "LspCompletionItem",
    "LspCompletionItemDocumentationType1",
    "LspCompletionList",
    "LspCompletionRequest",
    "LspDocumentRequest",
    "LspLocation",
    "LspPosition",
    "LspRange",
    "LspServerRequest",
    "LspSymbol",
    "Match",
    "MouseClickRequest",
    "MouseClickResponse",
    "MouseDragRequest",
    "MouseDragResponse",
    "MouseMoveRequest",
    "MousePositionResponse",
    "MouseScrollRequest",
    "MouseScrollResponse",
    "OidcConfig",
    "PaginatedSandboxes",
    "PaginatedSnapshots",
    "PortInUseResponse",
    "PortList",
    "PortPreviewUrl",
    "PosthogConfig",
    "PtyCreateRequest",
    "PtyCreateRequestEnvs",
    "PtyCreateResponse",
    "PtyDeleteResponse",
    "PtyDeleteResponseAdditionalPropertyType1",
    "PtyResizeRequest",
    "PtySessionInfo",
    "PtySessionInfoEnvs",
    "PtySessionList",
    "RateLimitConfig",
    "RateLimitEntry",
    "Recording",
    "RecordingListResponse",
    "RecordingStartRequest",
    "RecordingStopRequest",
    "Region",
    "RegionType",
    "ReplaceRequest",
    "ReplaceResult",
    "ResizeSandbox",
    "Sandbox",
    "SandboxBackupState",
    "SandboxBuildLogsUrl",
    "SandboxClass",
    "SandboxDesiredState",
    "SandboxEnv",
    "SandboxLabelSet",
    "SandboxLabelSetLabels",
    "SandboxLabels",
    "SandboxListItem",
    "SandboxListItemLabels",
    "SandboxListPage",
    "SandboxListSortField",
    "SandboxListSortOrder",
    "SandboxNetworkSettings",
    "SandboxState",
    "SandboxVolume",
    "ScreenshotCursorPosition",
    "ScreenshotResponse",
    "SearchFilesResponse",
    "Session",
    "SessionCommand",
    "SessionCommandInput",
    "SessionCommandLogs",
    "SessionExecuteRequest",
    "SessionExecuteResponse",
    "SignedPortPreviewUrl",
    "Snapshot",
    "SnapshotBuildLogsUrl",
    "SnapshotGpuType",
    "SnapshotSandboxClass",
    "SnapshotState",
    "SshAccess",
    "SshAccessValidation",
    "StorageAccess",
    "TelemetryLogEntry",
    "TelemetryLogEntryLogAttributes",
    "TelemetryLogEntryResourceAttributes",
    "TelemetryLogPage",
    "TelemetryMetricPoint",
    "TelemetryMetricSeries",
    "TelemetryMetrics",
    "TelemetryTracePage",
    "TelemetryTraceSpan",
    "TelemetryTraceSpanSpanAttributes",
    "TelemetryTraceSummary",
    "ToolboxProxyUrl",
    "ToolboxVersion",
    "UploadFileForm",
    "UploadFilesResponse",
    "UploadedFile",
    "UserHomeDirResponse",
    "Volume",
    "VolumeState",
    "WorkDirResponse",
)


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return list(__all__)


class SandboxFields:
    """The fields of :class:`Sandbox` as annotations only (no model is imported): an optional
    field is None when unset, and a literal enum is typed as its text (the parser keeps values the spec does not
    list yet). A base for classes that present such a record's fields as their own attributes."""

    id: str
    organization_id: str
    name: str
    user: str
    env: SandboxEnv
    labels: SandboxLabels
    public: bool
    network_block_all: bool
    target: str
    cpu: float
    gpu: float
    memory: float
    disk: float
    toolbox_proxy_url: str
    snapshot: str | None
    network_allow_list: str | None
    domain_allow_list: str | None
    gpu_type: str | None
    state: str | None
    desired_state: str | None
    error_reason: str | None
    recoverable: bool | None
    backup_state: str | None
    backup_created_at: str | None
    auto_stop_interval: float | None
    auto_archive_interval: float | None
    auto_delete_interval: float | None
    volumes: list[SandboxVolume] | None
    build_info: BuildInfo | None
    created_at: str | None
    updated_at: str | None
    last_activity_at: str | None
    sandbox_class: str | None
    daemon_version: str | None
    runner_id: str | None
    linked_sandbox_id: str | None
