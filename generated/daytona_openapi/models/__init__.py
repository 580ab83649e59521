"""Contains all the data models used in inputs/outputs"""

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
from .telemetry_log_entry_resource_attributes import TelemetryLogEntryResourceAttributes
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
