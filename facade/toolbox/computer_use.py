"""``sandbox.computer_use``: drive a sandbox's desktop (mouse, keyboard, screen, recordings, accessibility).

Every call goes to the sandbox's toolbox (``{toolbox_proxy_url}/{sandbox_id}/computeruse/...``) on the
client's shared connection pool. Input is checked before anything is sent: bad values raise
:class:`~facade.errors.DaytonaValidationError`, values of the wrong type raise ``TypeError``. HTTP
errors become the matching :class:`~facade.errors.DaytonaError` subclass, with a ``"Failed to ...: "``
prefix naming the action.

Calls return the generated client's response models (``daytona_openapi.models``), or ``None`` where
the service answers with an empty body. The generated modules are imported when a call is first made,
so importing this module is cheap.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import DaytonaError, DaytonaValidationError
from .computer_use_types import (
    ScreenshotOptions,
    ScreenshotRegion,
    check_bool,
    check_choice,
    check_int,
    check_str,
    check_str_list,
)

if TYPE_CHECKING:
    from daytona_openapi.models import (
        AccessibilityFindResponse,
        AccessibilityTreeResponse,
        ComputerUseProcessErrorsResponse,
        ComputerUseProcessLogsResponse,
        ComputerUseProcessRestartResponse,
        ComputerUseProcessStatusResponse,
        ComputerUseStartResponse,
        ComputerUseStatusResponse,
        ComputerUseStopResponse,
        DisplayInfoResponse,
        DisplayWindowsResponse,
        MouseClickResponse,
        MouseDragResponse,
        MousePositionResponse,
        Recording,
        RecordingListResponse,
        ScreenshotResponse,
    )

    from .._api import ToolboxContext

__all__ = [
    "MOUSE_BUTTONS",
    "SCROLL_DIRECTIONS",
    "AsyncAccessibility",
    "AsyncComputerUse",
    "AsyncDisplay",
    "AsyncKeyboard",
    "AsyncMouse",
    "AsyncRecordingService",
    "AsyncScreenshot",
    "ScreenshotOptions",
    "ScreenshotRegion",
]

T = TypeVar("T")

#: Mouse buttons the toolbox understands.
MOUSE_BUTTONS = ("left", "right", "middle")
#: Scroll directions the toolbox understands.
SCROLL_DIRECTIONS = ("up", "down")
#: Which applications an accessibility query covers.
ACCESSIBILITY_SCOPES = ("focused", "pid", "all")
#: How an accessibility ``name`` is compared.
NAME_MATCH_MODES = ("exact", "substring", "regex")

#: Size of the chunks read from a recording download.
DOWNLOAD_CHUNK_SIZE = 64 * 1024
#: Bytes gathered before they are handed to a worker thread to be written.
_WRITE_BATCH_SIZE = 1024 * 1024


def _op(name: str) -> ModuleType:
    """Generated operation module ``daytona_openapi.api.toolbox_computer_use.<name>``, imported on first use."""
    import importlib

    return importlib.import_module(f"daytona_openapi.api.toolbox_computer_use.{name}")


async def _call_expect(
    ctx: ToolboxContext, op: ModuleType, expected: type[T], *args: Any, error_prefix: str, **kwargs: Any
) -> T:
    """Send ``op`` and return its parsed body, which must be an ``expected`` instance."""
    result = await ctx.call(op, *args, error_prefix=error_prefix, **kwargs)
    if not isinstance(result, expected):
        raise DaytonaError(f"{error_prefix}unexpected response from the toolbox (expected {expected.__name__})")
    return result


def _unset_if_none(value: T | None) -> Any:
    from daytona_openapi.types import UNSET

    return UNSET if value is None else value


class AsyncMouse:
    """Mouse operations (``sandbox.computer_use.mouse``)."""

    def __init__(self, ctx: ToolboxContext) -> None:
        self._ctx = ctx

    async def get_position(self) -> MousePositionResponse:
        """Return the pointer's position.

        Sends ``GET /computeruse/mouse/position``. Raises a :class:`DaytonaError` on failure.
        """
        from daytona_openapi.models import MousePositionResponse

        return await _call_expect(
            self._ctx,
            _op("computer_use_get_mouse_position"),
            MousePositionResponse,
            error_prefix="Failed to get mouse position: ",
        )

    async def move(self, x: int, y: int) -> MousePositionResponse:
        """Move the pointer to ``(x, y)`` and return where it ended up.

        Sends ``POST /computeruse/mouse/move`` with ``{"x", "y"}``.

        Raises:
            TypeError: If ``x`` or ``y`` is not an int.
            DaytonaError: If the toolbox refuses or cannot be reached.
        """
        from daytona_openapi.models import MouseMoveRequest, MousePositionResponse

        body = MouseMoveRequest(x=check_int("x", x), y=check_int("y", y))
        return await _call_expect(
            self._ctx,
            _op("computer_use_mouse_move"),
            MousePositionResponse,
            body=body,
            error_prefix="Failed to move mouse: ",
        )

    async def click(self, x: int, y: int, button: str = "left", double: bool = False) -> MouseClickResponse:
        """Click ``button`` (``left``, ``right`` or ``middle``) at ``(x, y)``, twice if ``double``.

        Sends ``POST /computeruse/mouse/click`` with ``{"x", "y", "button", "double"}`` and returns
        the pointer position after the click.

        Raises:
            TypeError: If an argument has the wrong type.
            DaytonaValidationError: If ``button`` is not a known button.
            DaytonaError: If the toolbox refuses or cannot be reached.
        """
        from daytona_openapi.models import MouseClickRequest, MouseClickResponse

        body = MouseClickRequest(
            x=check_int("x", x),
            y=check_int("y", y),
            button=check_choice("button", button, MOUSE_BUTTONS),
            double=check_bool("double", double),
        )
        return await _call_expect(
            self._ctx,
            _op("computer_use_mouse_click"),
            MouseClickResponse,
            body=body,
            error_prefix="Failed to click mouse: ",
        )

    async def drag(self, start_x: int, start_y: int, end_x: int, end_y: int, button: str = "left") -> MouseDragResponse:
        """Press ``button`` at ``(start_x, start_y)``, move to ``(end_x, end_y)`` and release it.

        Sends ``POST /computeruse/mouse/drag`` with ``{"startX", "startY", "endX", "endY", "button"}``
        and returns the pointer position after the drag.

        Raises:
            TypeError: If an argument has the wrong type.
            DaytonaValidationError: If ``button`` is not a known button.
            DaytonaError: If the toolbox refuses or cannot be reached.
        """
        from daytona_openapi.models import MouseDragRequest, MouseDragResponse

        body = MouseDragRequest(
            start_x=check_int("start_x", start_x),
            start_y=check_int("start_y", start_y),
            end_x=check_int("end_x", end_x),
            end_y=check_int("end_y", end_y),
            button=check_choice("button", button, MOUSE_BUTTONS),
        )
        return await _call_expect(
            self._ctx,
            _op("computer_use_mouse_drag"),
            MouseDragResponse,
            body=body,
            error_prefix="Failed to drag mouse: ",
        )

    async def scroll(self, x: int, y: int, direction: str, amount: int = 1) -> bool:
        """Scroll the wheel ``amount`` steps ``direction`` (``up`` or ``down``) at ``(x, y)``.

        Sends ``POST /computeruse/mouse/scroll`` with ``{"x", "y", "direction", "amount"}``.
        Returns True when the toolbox reports success.

        Raises:
            TypeError: If an argument has the wrong type.
            DaytonaValidationError: If ``direction`` is unknown or ``amount`` is not > 0.
            DaytonaError: If the toolbox refuses or cannot be reached.
        """
        from daytona_openapi.models import MouseScrollRequest, MouseScrollResponse

        body = MouseScrollRequest(
            x=check_int("x", x),
            y=check_int("y", y),
            direction=check_choice("direction", direction, SCROLL_DIRECTIONS),
            amount=check_int("amount", amount, positive=True),
        )
        response = await _call_expect(
            self._ctx,
            _op("computer_use_mouse_scroll"),
            MouseScrollResponse,
            body=body,
            error_prefix="Failed to scroll mouse: ",
        )
        return response.success is True


class AsyncKeyboard:
    """Keyboard operations (``sandbox.computer_use.keyboard``)."""

    def __init__(self, ctx: ToolboxContext) -> None:
        self._ctx = ctx

    async def type(self, text: str, delay: int | None = None) -> None:
        """Type ``text``, waiting ``delay`` milliseconds between keystrokes if given.

        Sends ``POST /computeruse/keyboard/type`` with ``{"text", "delay"?}``.

        Raises:
            TypeError: If ``text`` is not a str or ``delay`` not an int.
            DaytonaValidationError: If ``delay`` is negative.
            DaytonaError: If the toolbox refuses or cannot be reached.
        """
        from daytona_openapi.models import KeyboardTypeRequest

        check_str("text", text, allow_empty=True)
        if delay is not None:
            check_int("delay", delay, minimum=0)
        body = KeyboardTypeRequest(text=text, delay=_unset_if_none(delay))
        await self._ctx.call(_op("computer_use_keyboard_type"), body=body, error_prefix="Failed to type text: ")

    async def press(self, key: str, modifiers: list[str] | None = None) -> None:
        """Press ``key`` (e.g. ``"Return"``, ``"a"``) while holding ``modifiers`` (``ctrl``, ``alt``, ...).

        Sends ``POST /computeruse/keyboard/key`` with ``{"key", "modifiers"}`` (an empty list when
        no modifiers are given). The caller's list is not kept or changed.

        Raises:
            TypeError: If ``key`` is not a str or ``modifiers`` not a list of str.
            DaytonaValidationError: If ``key`` or a modifier is empty.
            DaytonaError: If the toolbox refuses or cannot be reached.
        """
        from daytona_openapi.models import KeyboardPressRequest

        body = KeyboardPressRequest(
            key=check_str("key", key),
            modifiers=[] if modifiers is None else check_str_list("modifiers", modifiers),
        )
        await self._ctx.call(_op("computer_use_keyboard_press"), body=body, error_prefix="Failed to press key: ")

    async def hotkey(self, keys: str) -> None:
        """Press a key combination given as keys joined with ``+`` (e.g. ``"ctrl+shift+t"``).

        Sends ``POST /computeruse/keyboard/hotkey`` with ``{"keys"}``.

        Raises:
            TypeError: If ``keys`` is not a str.
            DaytonaValidationError: If ``keys`` is empty.
            DaytonaError: If the toolbox refuses or cannot be reached.
        """
        from daytona_openapi.models import KeyboardHotkeyRequest

        body = KeyboardHotkeyRequest(keys=check_str("keys", keys))
        await self._ctx.call(_op("computer_use_keyboard_hotkey"), body=body, error_prefix="Failed to press hotkey: ")


def _check_region(region: Any) -> ScreenshotRegion:
    if not isinstance(region, ScreenshotRegion):
        raise TypeError(f"region must be a ScreenshotRegion, not {type(region).__name__}")
    # Re-check: a frozen dataclass can still be changed with object.__setattr__.
    region.__post_init__()
    return region


def _options_query(options: Any) -> dict[str, Any]:
    """The query arguments (generated names) for ``options``; fields left as None are omitted."""
    if options is None:
        return {}
    if not isinstance(options, ScreenshotOptions):
        raise TypeError(f"options must be a ScreenshotOptions or None, not {type(options).__name__}")
    options.validate()
    query: dict[str, Any] = {}
    if options.show_cursor is not None:
        query["show_cursor"] = options.show_cursor
    if options.fmt is not None:
        query["format_"] = options.fmt
    if options.quality is not None:
        query["quality"] = options.quality
    if options.scale is not None:
        query["scale"] = float(options.scale)
    return query


class AsyncScreenshot:
    """Screen capture (``sandbox.computer_use.screenshot``).

    Every method returns a ``ScreenshotResponse`` whose ``screenshot`` holds the image, base64
    encoded, with ``cursor_position`` and ``size_bytes`` when the toolbox gives them.
    """

    def __init__(self, ctx: ToolboxContext) -> None:
        self._ctx = ctx

    async def take_full_screen(self, show_cursor: bool = False) -> ScreenshotResponse:
        """Capture the whole screen as PNG.

        Sends ``GET /computeruse/screenshot?showCursor=``.

        Raises:
            TypeError: If ``show_cursor`` is not a bool.
            DaytonaError: If the toolbox refuses or cannot be reached.
        """
        from daytona_openapi.models import ScreenshotResponse

        return await _call_expect(
            self._ctx,
            _op("computer_use_take_screenshot"),
            ScreenshotResponse,
            show_cursor=check_bool("show_cursor", show_cursor),
            error_prefix="Failed to take screenshot: ",
        )

    async def take_region(self, region: ScreenshotRegion, show_cursor: bool = False) -> ScreenshotResponse:
        """Capture ``region`` of the screen as PNG.

        Sends ``GET /computeruse/screenshot/region?x=&y=&width=&height=&showCursor=``.

        Raises:
            TypeError: If ``region`` is not a :class:`ScreenshotRegion` or ``show_cursor`` not a bool.
            DaytonaValidationError: If the region's fields are out of range.
            DaytonaError: If the toolbox refuses or cannot be reached.
        """
        from daytona_openapi.models import ScreenshotResponse

        r = _check_region(region)
        return await _call_expect(
            self._ctx,
            _op("computer_use_take_region_screenshot"),
            ScreenshotResponse,
            x=r.x,
            y=r.y,
            width=r.width,
            height=r.height,
            show_cursor=check_bool("show_cursor", show_cursor),
            error_prefix="Failed to take region screenshot: ",
        )

    async def take_compressed(self, options: ScreenshotOptions | None = None) -> ScreenshotResponse:
        """Capture the whole screen with the encoding, quality and scale of ``options``.

        Sends ``GET /computeruse/screenshot/compressed?showCursor=&format=&quality=&scale=`` (options
        left as None are not sent).

        Raises:
            TypeError: If ``options`` is not a :class:`ScreenshotOptions` or None.
            DaytonaValidationError: If an option is out of range.
            DaytonaError: If the toolbox refuses or cannot be reached.
        """
        from daytona_openapi.models import ScreenshotResponse

        query = _options_query(options)
        return await _call_expect(
            self._ctx,
            _op("computer_use_take_compressed_screenshot"),
            ScreenshotResponse,
            error_prefix="Failed to take compressed screenshot: ",
            **query,
        )

    async def take_compressed_region(
        self, region: ScreenshotRegion, options: ScreenshotOptions | None = None
    ) -> ScreenshotResponse:
        """Capture ``region`` with the encoding, quality and scale of ``options``.

        Sends ``GET /computeruse/screenshot/region/compressed?x=&y=&width=&height=&showCursor=&format=
        &quality=&scale=`` (options left as None are not sent).

        Raises:
            TypeError: If ``region`` or ``options`` has the wrong type.
            DaytonaValidationError: If the region or an option is out of range.
            DaytonaError: If the toolbox refuses or cannot be reached.
        """
        from daytona_openapi.models import ScreenshotResponse

        r = _check_region(region)
        query = _options_query(options)
        return await _call_expect(
            self._ctx,
            _op("computer_use_take_compressed_region_screenshot"),
            ScreenshotResponse,
            x=r.x,
            y=r.y,
            width=r.width,
            height=r.height,
            error_prefix="Failed to take compressed region screenshot: ",
            **query,
        )


class AsyncDisplay:
    """Display information (``sandbox.computer_use.display``)."""

    def __init__(self, ctx: ToolboxContext) -> None:
        self._ctx = ctx

    async def get_info(self) -> DisplayInfoResponse:
        """Return the displays (position, size, which is primary).

        Sends ``GET /computeruse/display/info``. Raises a :class:`DaytonaError` on failure.
        """
        from daytona_openapi.models import DisplayInfoResponse

        return await _call_expect(
            self._ctx,
            _op("computer_use_get_display_info"),
            DisplayInfoResponse,
            error_prefix="Failed to get display info: ",
        )

    async def get_windows(self) -> DisplayWindowsResponse:
        """Return the open windows.

        Sends ``GET /computeruse/display/windows``. Raises a :class:`DaytonaError` on failure.
        """
        from daytona_openapi.models import DisplayWindowsResponse

        return await _call_expect(
            self._ctx,
            _op("computer_use_list_windows"),
            DisplayWindowsResponse,
            error_prefix="Failed to get windows: ",
        )


def _check_local_path(local_path: Any) -> str:
    if isinstance(local_path, os.PathLike):
        local_path = os.fspath(local_path)
    if not isinstance(local_path, str):
        raise TypeError(f"local_path must be a str or os.PathLike[str], not {type(local_path).__name__}")
    if not local_path.strip():
        raise DaytonaValidationError("local_path must not be empty")
    if os.path.isdir(local_path):
        raise DaytonaValidationError(f"local_path is a directory: {local_path}")
    return os.path.abspath(local_path)


def _open_new_file(path: str) -> int:
    """Create ``path`` for writing; it must not exist. Permissions follow the umask, like ``open()``."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


class AsyncRecordingService:
    """Screen recordings (``sandbox.computer_use.recording``)."""

    def __init__(self, ctx: ToolboxContext) -> None:
        self._ctx = ctx

    async def start(self, label: str | None = None) -> Recording:
        """Start recording the screen, tagged with ``label`` if given.

        Sends ``POST /computeruse/recordings/start`` with ``{"label"?}`` and returns the new
        recording (status ``recording``).

        Raises:
            TypeError: If ``label`` is not a str or None.
            DaytonaError: If the toolbox refuses (e.g. a recording is already running) or cannot be reached.
        """
        from daytona_openapi.models import Recording, RecordingStartRequest

        if label is not None:
            check_str("label", label, allow_empty=True)
        body = RecordingStartRequest(label=_unset_if_none(label))
        return await _call_expect(
            self._ctx,
            _op("computer_use_start_recording"),
            Recording,
            body=body,
            error_prefix="Failed to start recording: ",
        )

    async def stop(self, recording_id: str) -> Recording:
        """Stop recording ``recording_id`` and return it (with end time, duration and size).

        Sends ``POST /computeruse/recordings/stop`` with ``{"id"}``.

        Raises:
            TypeError: If ``recording_id`` is not a str.
            DaytonaValidationError: If ``recording_id`` is empty.
            DaytonaError: If the toolbox refuses (``DaytonaNotFoundError`` for an unknown id).
        """
        from daytona_openapi.models import Recording, RecordingStopRequest

        body = RecordingStopRequest(id=check_str("recording_id", recording_id))
        return await _call_expect(
            self._ctx,
            _op("computer_use_stop_recording"),
            Recording,
            body=body,
            error_prefix="Failed to stop recording: ",
        )

    async def list(self) -> RecordingListResponse:
        """Return every recording of the sandbox (``.recordings``).

        Sends ``GET /computeruse/recordings``. Raises a :class:`DaytonaError` on failure.
        """
        from daytona_openapi.models import RecordingListResponse

        return await _call_expect(
            self._ctx,
            _op("computer_use_list_recordings"),
            RecordingListResponse,
            error_prefix="Failed to list recordings: ",
        )

    async def get(self, recording_id: str) -> Recording:
        """Return recording ``recording_id``.

        Sends ``GET /computeruse/recordings/{id}``.

        Raises:
            TypeError: If ``recording_id`` is not a str.
            DaytonaValidationError: If ``recording_id`` is empty.
            DaytonaNotFoundError: If there is no such recording.
        """
        from daytona_openapi.models import Recording

        return await _call_expect(
            self._ctx,
            _op("computer_use_get_recording"),
            Recording,
            check_str("recording_id", recording_id),
            error_prefix="Failed to get recording: ",
        )

    async def delete(self, recording_id: str) -> None:
        """Delete recording ``recording_id`` and its file.

        Sends ``DELETE /computeruse/recordings/{id}``.

        Raises:
            TypeError: If ``recording_id`` is not a str.
            DaytonaValidationError: If ``recording_id`` is empty.
            DaytonaNotFoundError: If there is no such recording.
        """
        await self._ctx.call(
            _op("computer_use_delete_recording"),
            check_str("recording_id", recording_id),
            error_prefix="Failed to delete recording: ",
        )

    async def download(self, recording_id: str, local_path: str | os.PathLike[str]) -> None:
        """Download recording ``recording_id``'s video file to ``local_path``.

        Sends ``GET /computeruse/recordings/{id}/download`` and streams the body to disk in
        64 KiB chunks (never holding the file in memory). Parent directories are created. The
        data goes to a hidden temporary file next to ``local_path``, which is renamed over
        ``local_path`` only once the whole body has arrived; on any failure (or cancellation)
        the temporary file is removed and an existing ``local_path`` is left untouched.

        Raises:
            TypeError: If an argument has the wrong type.
            DaytonaValidationError: If ``recording_id`` or ``local_path`` is empty, or
                ``local_path`` is a directory.
            DaytonaNotFoundError: If there is no such recording.
            DaytonaError: If the transfer fails or the file cannot be written.
        """
        prefix = "Failed to download recording: "
        rec_id = check_str("recording_id", recording_id)
        target = _check_local_path(local_path)
        op = _op("computer_use_download_recording")

        parent = os.path.dirname(target)
        temp = os.path.join(parent, f".{os.path.basename(target)}.{secrets.token_hex(6)}.part")
        try:
            await asyncio.to_thread(os.makedirs, parent, exist_ok=True)
            fd = await asyncio.to_thread(_open_new_file, temp)
        except OSError as exc:
            raise DaytonaError(f"{prefix}cannot write {target}: {exc}") from exc

        renamed = False
        try:
            try:
                async with self._ctx.stream(op, rec_id, error_prefix=prefix) as response:
                    batch = bytearray()
                    async for chunk in response.aiter_bytes(DOWNLOAD_CHUNK_SIZE):
                        batch += chunk
                        if len(batch) >= _WRITE_BATCH_SIZE:
                            await asyncio.to_thread(_write_all, fd, bytes(batch))
                            batch.clear()
                    if batch:
                        await asyncio.to_thread(_write_all, fd, bytes(batch))
            finally:
                os.close(fd)
            await asyncio.to_thread(os.replace, temp, target)
            renamed = True
        except OSError as exc:
            raise DaytonaError(f"{prefix}cannot write {target}: {exc}") from exc
        finally:
            if not renamed:
                with contextlib.suppress(OSError):
                    os.unlink(temp)


def _optional_str(name: str, value: Any) -> Any:
    return _unset_if_none(None if value is None else check_str(name, value))


class AsyncAccessibility:
    """The desktop's accessibility tree (``sandbox.computer_use.accessibility``).

    Node ids look like ``bus-name:object-path``; get them from :meth:`get_tree` or :meth:`find_nodes`.
    """

    def __init__(self, ctx: ToolboxContext) -> None:
        self._ctx = ctx

    async def get_tree(
        self, scope: str | None = None, pid: int | None = None, max_depth: int | None = None
    ) -> AccessibilityTreeResponse:
        """Return the accessibility tree of ``scope`` (``focused``, ``pid`` or ``all``).

        Sends ``GET /computeruse/a11y/tree?scope=&pid=&maxDepth=`` (None values are not sent).

        Raises:
            TypeError: If an argument has the wrong type.
            DaytonaValidationError: If ``scope`` is unknown, or ``pid``/``max_depth`` is negative.
            DaytonaError: If the toolbox refuses or cannot be reached.
        """
        from daytona_openapi.models import AccessibilityTreeResponse

        query: dict[str, Any] = {}
        if scope is not None:
            query["scope"] = check_choice("scope", scope, ACCESSIBILITY_SCOPES)
        if pid is not None:
            query["pid"] = check_int("pid", pid, minimum=0)
        if max_depth is not None:
            query["max_depth"] = check_int("max_depth", max_depth, minimum=0)
        return await _call_expect(
            self._ctx,
            _op("computer_use_get_accessibility_tree"),
            AccessibilityTreeResponse,
            error_prefix="Failed to get accessibility tree: ",
            **query,
        )

    async def find_nodes(
        self,
        scope: str | None = None,
        pid: int | None = None,
        role: str | None = None,
        name: str | None = None,
        name_match: str | None = None,
        states: list[str] | None = None,
        limit: int | None = None,
    ) -> AccessibilityFindResponse:
        """Return the nodes matching every given filter (``.matches``, ``.truncated``).

        ``name_match`` says how ``name`` is compared: ``exact``, ``substring`` or ``regex``.
        Sends ``POST /computeruse/a11y/find`` with ``{scope?, pid?, role?, name?, nameMatch?,
        states?, limit?}``. The caller's ``states`` list is not kept or changed.

        Raises:
            TypeError: If an argument has the wrong type.
            DaytonaValidationError: If ``scope``/``name_match`` is unknown, ``pid`` negative or
                ``limit`` not > 0.
            DaytonaError: If the toolbox refuses or cannot be reached.
        """
        from daytona_openapi.models import AccessibilityFindRequest, AccessibilityFindResponse

        body = AccessibilityFindRequest(
            scope=_unset_if_none(None if scope is None else check_choice("scope", scope, ACCESSIBILITY_SCOPES)),
            pid=_unset_if_none(None if pid is None else check_int("pid", pid, minimum=0)),
            role=_optional_str("role", role),
            name=_unset_if_none(None if name is None else check_str("name", name, allow_empty=True)),
            name_match=_unset_if_none(
                None if name_match is None else check_choice("name_match", name_match, NAME_MATCH_MODES)
            ),
            states=_unset_if_none(None if states is None else check_str_list("states", states)),
            limit=_unset_if_none(None if limit is None else check_int("limit", limit, positive=True)),
        )
        return await _call_expect(
            self._ctx,
            _op("computer_use_find_accessibility_nodes"),
            AccessibilityFindResponse,
            body=body,
            error_prefix="Failed to find accessibility nodes: ",
        )

    async def focus_node(self, node_id: str) -> None:
        """Give keyboard focus to node ``node_id``.

        Sends ``POST /computeruse/a11y/node/focus`` with ``{"id"}``.

        Raises:
            TypeError: If ``node_id`` is not a str.
            DaytonaValidationError: If ``node_id`` is empty.
            DaytonaError: If the toolbox refuses (``DaytonaNotFoundError`` for an unknown node).
        """
        from daytona_openapi.models import AccessibilityNodeRequest

        body = AccessibilityNodeRequest(id=check_str("node_id", node_id))
        await self._ctx.call(
            _op("computer_use_focus_accessibility_node"),
            body=body,
            error_prefix="Failed to focus accessibility node: ",
        )

    async def invoke_node(self, node_id: str, action: str | None = None) -> None:
        """Run ``action`` on node ``node_id`` (its first action when ``action`` is None).

        Sends ``POST /computeruse/a11y/node/invoke`` with ``{"id", "action"?}``.

        Raises:
            TypeError: If an argument has the wrong type.
            DaytonaValidationError: If ``node_id`` is empty.
            DaytonaError: If the toolbox refuses (``DaytonaNotFoundError`` for an unknown node).
        """
        from daytona_openapi.models import AccessibilityInvokeRequest

        body = AccessibilityInvokeRequest(
            id=check_str("node_id", node_id),
            action=_unset_if_none(None if action is None else check_str("action", action, allow_empty=True)),
        )
        await self._ctx.call(
            _op("computer_use_invoke_accessibility_node"),
            body=body,
            error_prefix="Failed to invoke accessibility node: ",
        )

    async def set_node_value(self, node_id: str, value: str) -> None:
        """Set the text (or, for numeric controls, the number given as text) of node ``node_id``.

        Sends ``POST /computeruse/a11y/node/value`` with ``{"id", "value"}``.

        Raises:
            TypeError: If an argument is not a str.
            DaytonaValidationError: If ``node_id`` is empty.
            DaytonaError: If the toolbox refuses (``DaytonaNotFoundError`` for an unknown node).
        """
        from daytona_openapi.models import AccessibilitySetValueRequest

        body = AccessibilitySetValueRequest(
            id=check_str("node_id", node_id), value=check_str("value", value, allow_empty=True)
        )
        await self._ctx.call(
            _op("computer_use_set_accessibility_node_value"),
            body=body,
            error_prefix="Failed to set accessibility node value: ",
        )


class AsyncComputerUse:
    """Desktop automation for one sandbox (``sandbox.computer_use``).

    Attributes:
        mouse: :class:`AsyncMouse`.
        keyboard: :class:`AsyncKeyboard`.
        screenshot: :class:`AsyncScreenshot`.
        display: :class:`AsyncDisplay`.
        recording: :class:`AsyncRecordingService`.
        accessibility: :class:`AsyncAccessibility`.

    The desktop processes (Xvfb, xfce4, x11vnc, novnc) must be started with :meth:`start` before
    the other calls work.
    """

    def __init__(self, ctx: ToolboxContext) -> None:
        self._ctx = ctx
        self.mouse = AsyncMouse(ctx)
        self.keyboard = AsyncKeyboard(ctx)
        self.screenshot = AsyncScreenshot(ctx)
        self.display = AsyncDisplay(ctx)
        self.recording = AsyncRecordingService(ctx)
        self.accessibility = AsyncAccessibility(ctx)

    def __repr__(self) -> str:
        return f"AsyncComputerUse(sandbox_id={self._ctx.sandbox_id!r})"

    async def start(self) -> ComputerUseStartResponse:
        """Start the desktop processes.

        Sends ``POST /computeruse/start``. Raises a :class:`DaytonaError` on failure.
        """
        from daytona_openapi.models import ComputerUseStartResponse

        return await _call_expect(
            self._ctx,
            _op("computer_use_start"),
            ComputerUseStartResponse,
            error_prefix="Failed to start computer use: ",
        )

    async def stop(self) -> ComputerUseStopResponse:
        """Stop the desktop processes.

        Sends ``POST /computeruse/stop``. Raises a :class:`DaytonaError` on failure.
        """
        from daytona_openapi.models import ComputerUseStopResponse

        return await _call_expect(
            self._ctx,
            _op("computer_use_stop"),
            ComputerUseStopResponse,
            error_prefix="Failed to stop computer use: ",
        )

    async def get_status(self) -> ComputerUseStatusResponse:
        """Return the overall status of the desktop processes (``active``, ``partial``, ``inactive``, ...).

        Sends ``GET /computeruse/process-status``. Raises a :class:`DaytonaError` on failure.
        """
        from daytona_openapi.models import ComputerUseStatusResponse

        return await _call_expect(
            self._ctx,
            _op("computer_use_get_processes_status"),
            ComputerUseStatusResponse,
            error_prefix="Failed to get computer use status: ",
        )

    async def get_process_status(self, process_name: str) -> ComputerUseProcessStatusResponse:
        """Return whether desktop process ``process_name`` (e.g. ``xvfb``) is running.

        Sends ``GET /computeruse/process/{processName}/status``.

        Raises:
            TypeError: If ``process_name`` is not a str.
            DaytonaValidationError: If ``process_name`` is empty.
            DaytonaError: If the toolbox refuses (``DaytonaNotFoundError`` for an unknown process).
        """
        from daytona_openapi.models import ComputerUseProcessStatusResponse

        return await _call_expect(
            self._ctx,
            _op("computer_use_get_process_status"),
            ComputerUseProcessStatusResponse,
            check_str("process_name", process_name),
            error_prefix="Failed to get process status: ",
        )

    async def restart_process(self, process_name: str) -> ComputerUseProcessRestartResponse:
        """Restart desktop process ``process_name``.

        Sends ``POST /computeruse/process/{processName}/restart``.

        Raises:
            TypeError: If ``process_name`` is not a str.
            DaytonaValidationError: If ``process_name`` is empty.
            DaytonaError: If the toolbox refuses (``DaytonaNotFoundError`` for an unknown process).
        """
        from daytona_openapi.models import ComputerUseProcessRestartResponse

        return await _call_expect(
            self._ctx,
            _op("computer_use_restart_process"),
            ComputerUseProcessRestartResponse,
            check_str("process_name", process_name),
            error_prefix="Failed to restart process: ",
        )

    async def get_process_logs(self, process_name: str) -> ComputerUseProcessLogsResponse:
        """Return the output log of desktop process ``process_name``.

        Sends ``GET /computeruse/process/{processName}/logs``.

        Raises:
            TypeError: If ``process_name`` is not a str.
            DaytonaValidationError: If ``process_name`` is empty.
            DaytonaError: If the toolbox refuses (``DaytonaNotFoundError`` for an unknown process).
        """
        from daytona_openapi.models import ComputerUseProcessLogsResponse

        return await _call_expect(
            self._ctx,
            _op("computer_use_get_process_logs"),
            ComputerUseProcessLogsResponse,
            check_str("process_name", process_name),
            error_prefix="Failed to get process logs: ",
        )

    async def get_process_errors(self, process_name: str) -> ComputerUseProcessErrorsResponse:
        """Return the error log of desktop process ``process_name``.

        Sends ``GET /computeruse/process/{processName}/errors``.

        Raises:
            TypeError: If ``process_name`` is not a str.
            DaytonaValidationError: If ``process_name`` is empty.
            DaytonaError: If the toolbox refuses (``DaytonaNotFoundError`` for an unknown process).
        """
        from daytona_openapi.models import ComputerUseProcessErrorsResponse

        return await _call_expect(
            self._ctx,
            _op("computer_use_get_process_errors"),
            ComputerUseProcessErrorsResponse,
            check_str("process_name", process_name),
            error_prefix="Failed to get process errors: ",
        )
