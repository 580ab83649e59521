"""The simple toolbox services of a sandbox: ``sandbox.git``, ``sandbox.computer_use`` and LSP servers.

Most methods send one generated operation and return its generated model. Operations whose arguments are
the public ones (path parameters only) come from a table, :func:`_forward`: the method *is* the operation's
typed ``request`` signature (checked by mypy through ``ParamSpec``), with every text argument checked
before sending. Those whose arguments are the fields of the operation's body model come from :func:`_body`: the
method *is* the generated model's constructor, its fields checked by their declared kind or a per-entry rule.
The others build their body in a line or two after checking their arguments.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable, Coroutine, Iterable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Concatenate, ParamSpec, Protocol, TypeAlias, TypeVar, cast
from urllib.parse import quote

import attrs
from daytona_openapi import models as m
from daytona_openapi.api import toolbox_computer_use as cu
from daytona_openapi.api import toolbox_git as git_api
from daytona_openapi.api import toolbox_lsp as lsp_api

from . import _checks as check
from ._errors import DaytonaError
from ._params import Checked, _check, _checked, _field

if TYPE_CHECKING:
    from daytona_openapi.types import Request

    from ._http import Endpoint

P = ParamSpec("P")
T = TypeVar("T")
B = TypeVar("B", bound=attrs.AttrsInstance, contravariant=True)
R = TypeVar("R", covariant=True)
C = TypeVar("C", bound=Checked)
_KINDS = {"int": check.integer, "bool": check.flag, "list[str]": check.strings}
MOUSE_BUTTONS, SCROLL_DIRECTIONS = ("left", "right", "middle"), ("up", "down")
ACCESSIBILITY_SCOPES, NAME_MATCH_MODES = ("focused", "pid", "all"), ("exact", "substring", "regex")


class _Service:
    """A toolbox service: the sandbox's toolbox endpoint."""

    def __init__(self, ctx: Endpoint) -> None:
        self._ctx = ctx

    def __repr__(self) -> str:
        return f"{type(self).__name__}(sandbox_id={self._ctx.base_url.rsplit('/', 1)[-1]!r})"

    async def _send(self, req: Request[T], prefix: str, body: object = None) -> T:
        """Send ``req`` (which carries ``body``, if any)."""
        return await self._ctx.send(req, prefix)


#: A method made from a table entry: its parameters after ``self`` are ``P``; it returns ``T``.
_Method: TypeAlias = Callable[Concatenate[_Service, P], Coroutine[object, object, T]]


def _forward(op: Callable[P, Request[T]], prefix: str) -> _Method[P, T]:
    """A method that checks its text arguments (non-empty strings), sends ``op(*args)`` and returns its result."""

    async def method(self: _Service, /, *args: P.args, **kwargs: P.kwargs) -> T:
        for name, value in [*zip(op.__code__.co_varnames, args, strict=False), *kwargs.items()]:
            check.text(value, name)
        return await self._ctx.send(op(*args, **kwargs), prefix)

    method.__doc__ = (op.__doc__ or "").split("\n\n    Returns the request")[0]  # what it does, not how
    return method


def _at_least(minimum: int) -> int:
    """A required ``int`` field of a :class:`Checked` class, at least ``minimum``."""
    return cast(int, field(metadata=_check(check.integer, minimum=minimum)))  # field() is typed Any


class _Sends(Protocol[B, R]):
    """An operation that sends a body model ``B`` and parses ``R`` from the answer."""

    def __call__(self, *, body: B) -> Request[R]: ...


def _fields(body: attrs.AttrsInstance, *, empty: Iterable[str] = ()) -> None:
    """Check every field of a generated body model by its declared kind (optional when it may be unset): text not
    empty (unless named in ``empty``), integers, flags, lists of text."""
    specs: tuple[attrs.Attribute[object], ...] = attrs.fields(type(body))
    for spec in filter(lambda spec: spec.init, specs):  # not additional_properties
        (kind, unset, _), value = str(spec.type).partition(" | Unset"), _field(body, spec.name)
        if kind == "str":
            check.text(value, spec.name, optional=bool(unset), empty=spec.name in empty)
        else:
            _KINDS[kind](value, spec.name, optional=bool(unset))


def _body(op: _Sends[B, T], model: Callable[P, B], prefix: str, rule: Callable[[B], object] = _fields) -> _Method[P, T]:
    """A method whose parameters are body model ``model``'s (its generated constructor, so mypy checks them): it
    builds the body, checks it with ``rule`` (default :func:`_fields`), sends ``op(body=...)`` and returns the
    result."""

    async def method(self: _Service, /, *args: P.args, **kwargs: P.kwargs) -> T:
        rule(body := model(*args, **kwargs))
        return await self._send(op(body=body), prefix, body)

    method.__doc__ = (op.__doc__ or "").split("\n\n    Returns the request")[0]  # what it does, not how
    return method


# ---- git ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GitCommitResponse:
    """The commit :meth:`AsyncGit.commit` created (own class: the official SDK names the field ``sha``)."""

    sha: str


_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^/\s@'\"]+@")


def _credentials(body: m.GitRepoRequest | m.GitCloneRequest) -> None:
    """Every field checked; a password (or token) needs a username."""
    _fields(body)
    if body.password is not None and body.username is None:
        raise check.bad("password", "(or token) needs a username too")


def _files(body: m.GitAddRequest) -> None:
    """Every field checked; ``files`` names at least one file."""
    _fields(body)
    if not body.files:
        raise check.bad("files", "must name at least one file (use ['.'] for everything)")


class AsyncGit(_Service):
    """Git repositories in one sandbox (``sandbox.git``); ``path`` is the repository directory. Credentials go in
    the request body only, are never kept, and any echo of them in an error message is replaced by ``***``."""

    async def _send(self, req: Request[T], prefix: str, body: object = None) -> T:
        """Send ``req``; an error's message has URL credentials and ``body``'s password (plain or URL-encoded)
        replaced by ``***``."""
        try:
            return await self._ctx.send(req, prefix)
        except DaytonaError as exc:
            password = body.password if isinstance(body, m.GitRepoRequest | m.GitCloneRequest) else None
            cleaned = _URL_CREDENTIALS.sub(r"\1***@", exc.message)
            for form in {password, quote(password, safe=""), quote(password)} if password else ():
                cleaned = cleaned.replace(form, "***")
            if cleaned == exc.message:
                raise
            error = exc.with_message(cleaned)
        raise error from None  # outside the except block, so the unscrubbed error is not chained

    clone = _body(git_api.git_clone.request, m.GitCloneRequest, "Failed to clone repository: ", _credentials)

    async def status(self, path: str) -> m.GitStatus:
        """The current branch, its distance to the upstream and the changed files (``GET /git/status``)."""
        return await self._send(git_api.git_status.request(path=check.text(path, "path")), "Failed to get status: ")

    async def branches(self, path: str) -> m.ListBranchResponse:
        """The local branches (``GET /git/branches``)."""
        req = git_api.git_list_branches.request(path=check.text(path, "path"))
        result = await self._send(req, "Failed to list branches: ")
        result.branches = result.branches or []  # null when the repository has no commit yet
        return result

    create_branch = _body(git_api.git_create_branch.request, m.GitBranchRequest, "Failed to create branch: ")
    delete_branch = _body(git_api.git_delete_branch.request, m.GitDeleteBranchRequest, "Failed to delete branch: ")
    checkout_branch = _body(git_api.git_checkout.request, m.GitCheckoutRequest, "Failed to checkout branch: ")
    add = _body(git_api.git_add.request, m.GitAddRequest, "Failed to add files: ", _files)

    async def commit(
        self, path: str, message: str, author: str, email: str, allow_empty: bool = False
    ) -> GitCommitResponse:
        """Commit the staged changes as ``author <email>`` (``POST /git/commit``)."""
        _fields(body := m.GitCommitRequest(path, message, author, email, allow_empty))  # public order; texts first
        check.flag(allow_empty, "allow_empty")  # a bool, not None (the model allows unset)
        result = await self._send(git_api.git_commit.request(body=body), "Failed to commit changes: ")
        return GitCommitResponse(sha=result.hash_)

    push = _body(git_api.git_push.request, m.GitRepoRequest, "Failed to push changes: ", _credentials)
    pull = _body(git_api.git_pull.request, m.GitRepoRequest, "Failed to pull changes: ", _credentials)


# ---- LSP ------------------------------------------------------------------------------------------


class LspLanguageId(StrEnum):
    """Languages a sandbox can run a language server for (members are strings)."""

    PYTHON = "python"
    TYPESCRIPT = "typescript"
    JAVASCRIPT = "javascript"


@dataclass(slots=True)
class LspCompletionPosition(Checked):
    """A place in a text file: ``line`` and ``character``, both counted from zero."""

    _prefix = "LspCompletionPosition."
    line: int = _at_least(0)
    character: int = _at_least(0)


class AsyncLspServer(_Service):
    """One language server in a sandbox, for ``language_id`` working on ``path_to_project`` (from
    ``sandbox.create_lsp_server``; nothing is sent until :meth:`start`). Files are sent as ``file://<path>``
    URIs (relative paths resolve against the sandbox's working directory; a ``file://`` URI is kept)."""

    def __init__(self, ctx: Endpoint, language_id: LspLanguageId | str, path_to_project: str) -> None:
        super().__init__(ctx)
        name = check.instance(language_id, "language_id", str).strip().lower()
        self.language_id = LspLanguageId(check.choice(name, "language_id", [*map(str, LspLanguageId)]))
        self.path_to_project = check.text(path_to_project, "path_to_project")

    def _doc(self, path: str) -> m.LspDocumentRequest:
        uri = path if (path := check.text(path, "path")).startswith("file://") else f"file://{path}"
        return m.LspDocumentRequest(language_id=self.language_id.value, path_to_project=self.path_to_project, uri=uri)

    def _server(self) -> m.LspServerRequest:
        return m.LspServerRequest(language_id=self.language_id.value, path_to_project=self.path_to_project)

    async def start(self) -> None:
        """Start the language server (``POST /lsp/start``; a no-op if it runs)."""
        await self._ctx.send(lsp_api.lsp_start.request(body=self._server()), "Failed to start LSP server: ")

    async def stop(self) -> None:
        """Stop the language server (``POST /lsp/stop``)."""
        await self._ctx.send(lsp_api.lsp_stop.request(body=self._server()), "Failed to stop LSP server: ")

    async def did_open(self, path: str) -> None:
        """Tell the server that file ``path`` is open (``POST /lsp/did-open``)."""
        await self._ctx.send(lsp_api.lsp_did_open.request(body=self._doc(path)), "Failed to open file: ")

    async def did_close(self, path: str) -> None:
        """Tell the server that file ``path`` is closed (``POST /lsp/did-close``)."""
        await self._ctx.send(lsp_api.lsp_did_close.request(body=self._doc(path)), "Failed to close file: ")

    async def document_symbols(self, path: str) -> list[m.LspSymbol]:
        """The symbols defined in file ``path`` (``GET /lsp/document-symbols``)."""
        req = lsp_api.lsp_document_symbols.request(
            language_id=self.language_id.value, path_to_project=self.path_to_project, uri=self._doc(path).uri
        )
        return await self._ctx.send(req, "Failed to get symbols from document: ")

    async def sandbox_symbols(self, query: str) -> list[m.LspSymbol]:
        """The symbols across the project whose names match ``query`` (``GET /lsp/workspacesymbols``)."""
        req = lsp_api.lsp_workspace_symbols.request(
            query=check.text(query, "query", empty=True), language_id=self.language_id.value,
            path_to_project=self.path_to_project,
        )  # fmt: skip
        return await self._ctx.send(req, "Failed to get symbols from sandbox: ")

    async def workspace_symbols(self, query: str) -> list[m.LspSymbol]:
        """Deprecated: use :meth:`sandbox_symbols`."""
        warnings.warn("workspace_symbols is deprecated; use sandbox_symbols instead", DeprecationWarning, 2)
        return await self.sandbox_symbols(query)

    async def completions(self, path: str, position: LspCompletionPosition) -> m.LspCompletionList:
        """What could be inserted at ``position`` in file ``path`` (``POST /lsp/completions``)."""
        check.instance(position, "position", LspCompletionPosition).validate()
        body = m.LspCompletionRequest.from_dict({**self._doc(path).to_dict(), "position": asdict(position)})
        return await self._ctx.send(lsp_api.lsp_completions.request(body=body), "Failed to get completions: ")


# ---- computer use ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScreenshotRegion(Checked):
    """A rectangle of the screen in pixels: ``x``, ``y`` (>= 0), ``width``, ``height`` (> 0)."""

    _prefix = "ScreenshotRegion."
    x: int = _at_least(0)
    y: int = _at_least(0)
    width: int = _at_least(1)
    height: int = _at_least(1)


@dataclass(slots=True, kw_only=True)
class ScreenshotOptions(Checked):
    """How a compressed screenshot is made (fields left None are not sent): ``show_cursor``, ``fmt`` (e.g.
    ``"png"``, sent as ``format``), ``quality`` (0..100), ``scale`` (> 0, sent as a float). Checked again when used."""

    _prefix = "ScreenshotOptions."
    show_cursor: bool | None = _checked(check.flag)
    fmt: str | None = _checked(check.text)
    quality: int | None = _checked(check.integer, minimum=0, maximum=100)
    scale: float | None = _checked(check.number, positive=True)


def _valid(value: object, name: str, cls: type[C]) -> C:
    """``value`` if it is a valid ``cls``: checked again, since a dataclass (even a frozen one) can be changed."""
    (got := check.instance(value, name, cls)).validate()
    return got


def _find(body: m.AccessibilityFindRequest) -> None:
    """The choices, then every field (``name`` may be empty); ``pid`` at least 0, ``limit`` at least 1."""
    check.choice(body.scope, "scope", ACCESSIBILITY_SCOPES, optional=True)
    check.choice(body.name_match, "name_match", NAME_MATCH_MODES, optional=True)
    _fields(body, empty={"name"})
    check.integer(body.pid, "pid", minimum=0, optional=True)
    check.integer(body.limit, "limit", minimum=1, optional=True)


class AsyncMouse(_Service):
    """Mouse operations (``sandbox.computer_use.mouse``)."""

    get_position = _forward(cu.computer_use_get_mouse_position.request, "Failed to get mouse position: ")

    async def move(self, x: int, y: int) -> m.MousePositionResponse:
        """Move the pointer to ``(x, y)`` and return where it ended up (``POST /computeruse/mouse/move``)."""
        body = m.MouseMoveRequest(x=check.integer(x, "x"), y=check.integer(y, "y"))
        return await self._ctx.send(cu.computer_use_mouse_move.request(body=body), "Failed to move mouse: ")

    async def click(self, x: int, y: int, button: str = "left", double: bool = False) -> m.MouseClickResponse:
        """Click ``button`` (``left``, ``right``, ``middle``) at ``(x, y)``, twice if ``double``."""
        (x, y), button = check.integers(x=x, y=y), check.choice(button, "button", MOUSE_BUTTONS)
        body = m.MouseClickRequest(x=x, y=y, button=button, double=check.flag(double, "double"))
        return await self._ctx.send(cu.computer_use_mouse_click.request(body=body), "Failed to click mouse: ")

    async def drag(
        self, start_x: int, start_y: int, end_x: int, end_y: int, button: str = "left"
    ) -> m.MouseDragResponse:
        """Press ``button`` at the start, move to the end and release it (``POST .../drag``)."""
        x1, y1, x2, y2 = check.integers(start_x=start_x, start_y=start_y, end_x=end_x, end_y=end_y)
        body = m.MouseDragRequest(x1, y1, x2, y2, check.choice(button, "button", MOUSE_BUTTONS))
        return await self._ctx.send(cu.computer_use_mouse_drag.request(body=body), "Failed to drag mouse: ")

    async def scroll(self, x: int, y: int, direction: str, amount: int = 1) -> bool:
        """Scroll ``amount`` steps ``up`` or ``down`` at ``(x, y)``; True when the toolbox reports success."""
        (x, y), amount = check.integers(x=x, y=y), check.integer(amount, "amount", minimum=1)
        body = m.MouseScrollRequest(x, y, check.choice(direction, "direction", SCROLL_DIRECTIONS), amount)
        result = await self._ctx.send(cu.computer_use_mouse_scroll.request(body=body), "Failed to scroll mouse: ")
        return result.success is True


class AsyncKeyboard(_Service):
    """Keyboard operations (``sandbox.computer_use.keyboard``)."""

    async def type(self, text: str, delay: int | None = None) -> None:
        """Type ``text``, waiting ``delay`` ms between keystrokes (``POST /computeruse/keyboard/type``)."""
        text, delay = check.text(text, "text", empty=True), check.integer(delay, "delay", minimum=0, optional=True)
        body = m.KeyboardTypeRequest(text=text, delay=delay)
        await self._ctx.send(cu.computer_use_keyboard_type.request(body=body), "Failed to type text: ")

    async def press(self, key: str, modifiers: list[str] | None = None) -> None:
        """Press ``key`` holding ``modifiers`` (``ctrl``, ``alt``, ...) (``POST .../keyboard/key``)."""
        body = m.KeyboardPressRequest(key=check.text(key, "key"), modifiers=check.strings(modifiers or [], "modifiers"))
        await self._ctx.send(cu.computer_use_keyboard_press.request(body=body), "Failed to press key: ")

    async def hotkey(self, keys: str) -> None:
        """Press a combination such as ``"ctrl+shift+t"`` (``POST .../keyboard/hotkey``)."""
        body = m.KeyboardHotkeyRequest(keys=check.text(keys, "keys"))
        await self._ctx.send(cu.computer_use_keyboard_hotkey.request(body=body), "Failed to press hotkey: ")


class AsyncScreenshot(_Service):
    """Screen capture (``sandbox.computer_use.screenshot``): the image comes base64-encoded in ``screenshot``."""

    async def take_full_screen(self, show_cursor: bool = False) -> m.ScreenshotResponse:
        """The whole screen as PNG (``GET /computeruse/screenshot?showCursor=``)."""
        req = cu.computer_use_take_screenshot.request(show_cursor=check.flag(show_cursor, "show_cursor"))
        return await self._ctx.send(req, "Failed to take screenshot: ")

    async def take_region(self, region: ScreenshotRegion, show_cursor: bool = False) -> m.ScreenshotResponse:
        """A region of the screen as PNG (``GET /computeruse/screenshot/region``)."""
        cursor, r = check.flag(show_cursor, "show_cursor"), _valid(region, "region", ScreenshotRegion)
        req = cu.computer_use_take_region_screenshot.request(
            x=r.x, y=r.y, width=r.width, height=r.height, show_cursor=cursor
        )
        return await self._ctx.send(req, "Failed to take region screenshot: ")

    async def take_compressed(self, options: ScreenshotOptions | None = None) -> m.ScreenshotResponse:
        """The whole screen with ``options``' encoding, quality and scale (``GET .../screenshot/compressed``)."""
        o = _valid(ScreenshotOptions() if options is None else options, "options", ScreenshotOptions)
        req = cu.computer_use_take_compressed_screenshot.request(
            show_cursor=o.show_cursor, format_=o.fmt, quality=o.quality, scale=o.scale and float(o.scale)
        )
        return await self._ctx.send(req, "Failed to take compressed screenshot: ")

    async def take_compressed_region(
        self, region: ScreenshotRegion, options: ScreenshotOptions | None = None
    ) -> m.ScreenshotResponse:
        """A region with ``options``' encoding, quality and scale (``GET .../screenshot/region/compressed``)."""
        r = _valid(region, "region", ScreenshotRegion)
        o = _valid(ScreenshotOptions() if options is None else options, "options", ScreenshotOptions)
        req = cu.computer_use_take_compressed_region_screenshot.request(
            x=r.x, y=r.y, width=r.width, height=r.height, show_cursor=o.show_cursor, format_=o.fmt, quality=o.quality,
            scale=o.scale and float(o.scale),
        )  # fmt: skip
        return await self._ctx.send(req, "Failed to take compressed region screenshot: ")


class AsyncDisplay(_Service):
    """Display information (``sandbox.computer_use.display``)."""

    get_info = _forward(cu.computer_use_get_display_info.request, "Failed to get display info: ")
    get_windows = _forward(cu.computer_use_list_windows.request, "Failed to get windows: ")


class AsyncRecordingService(_Service):
    """Screen recordings (``sandbox.computer_use.recording``)."""

    list = _forward(cu.computer_use_list_recordings.request, "Failed to list recordings: ")

    async def start(self, label: str | None = None) -> m.Recording:
        """Start recording the screen, tagged with ``label`` (``POST /computeruse/recordings/start``)."""
        body = m.RecordingStartRequest(label=check.text(label, "label", optional=True, empty=True))
        return await self._ctx.send(cu.computer_use_start_recording.request(body=body), "Failed to start recording: ")

    async def stop(self, recording_id: str) -> m.Recording:
        """Stop recording ``recording_id`` and return it (``POST /computeruse/recordings/stop``)."""
        body = m.RecordingStopRequest(id=check.text(recording_id, "recording_id"))
        return await self._ctx.send(cu.computer_use_stop_recording.request(body=body), "Failed to stop recording: ")

    get = _forward(cu.computer_use_get_recording.request, "Failed to get recording: ")
    delete = _forward(cu.computer_use_delete_recording.request, "Failed to delete recording: ")

    async def download(self, recording_id: str, local_path: str | os.PathLike[str]) -> None:
        """Stream recording ``recording_id``'s video to ``local_path`` (``GET .../recordings/{id}/download``): to a
        hidden temporary file beside it, renamed into place only once complete (a failure leaves no partial
        file and an existing one untouched); parent folders are created."""
        from ._transfer import FileSink

        prefix = "Failed to download recording: "
        req = cu.computer_use_download_recording.request(check.text(recording_id, "recording_id"))
        sink = FileSink(check.local_path(local_path, "local_path", directory_ok=False))
        try:
            async with self._ctx.stream(req, prefix) as response:
                async for chunk in response.aiter_bytes(64 * 1024):
                    await sink.write(chunk)
            await sink.commit()
        except OSError as exc:
            raise DaytonaError(f"{prefix}cannot write {local_path}: {exc}") from exc
        finally:
            await sink.abort()


class AsyncAccessibility(_Service):
    """The desktop's accessibility tree (``sandbox.computer_use.accessibility``); node ids come from
    :meth:`get_tree` or :meth:`find_nodes`."""

    async def get_tree(
        self, scope: str | None = None, pid: int | None = None, max_depth: int | None = None
    ) -> m.AccessibilityTreeResponse:
        """The tree of ``scope`` (``focused``, ``pid`` or ``all``) (``GET /computeruse/a11y/tree``)."""
        scope = check.choice(scope, "scope", ACCESSIBILITY_SCOPES, optional=True)
        pid, depth = check.integers(minimum=0, optional=True, pid=pid, max_depth=max_depth)
        req = cu.computer_use_get_accessibility_tree.request(scope=scope, pid=pid, max_depth=depth)
        return await self._ctx.send(req, "Failed to get accessibility tree: ")

    find_nodes = _body(cu.computer_use_find_accessibility_nodes.request, m.AccessibilityFindRequest,
                       "Failed to find accessibility nodes: ", _find)  # fmt: skip

    async def focus_node(self, node_id: str) -> None:
        """Give keyboard focus to node ``node_id`` (``POST /computeruse/a11y/node/focus``)."""
        body = m.AccessibilityNodeRequest(id=check.text(node_id, "node_id"))
        req = cu.computer_use_focus_accessibility_node.request(body=body)
        await self._ctx.send(req, "Failed to focus accessibility node: ")

    async def invoke_node(self, node_id: str, action: str | None = None) -> None:
        """Run ``action`` (default: the first) on node ``node_id`` (``POST /computeruse/a11y/node/invoke``)."""
        node_id, action = check.text(node_id, "node_id"), check.text(action, "action", optional=True, empty=True)
        body = m.AccessibilityInvokeRequest(id=node_id, action=action)
        req = cu.computer_use_invoke_accessibility_node.request(body=body)
        await self._ctx.send(req, "Failed to invoke accessibility node: ")

    async def set_node_value(self, node_id: str, value: str) -> None:
        """Set the text (or a number given as text) of node ``node_id`` (``POST /computeruse/a11y/node/value``)."""
        node_id, value = check.text(node_id, "node_id"), check.text(value, "value", empty=True)
        body = m.AccessibilitySetValueRequest(id=node_id, value=value)
        req = cu.computer_use_set_accessibility_node_value.request(body=body)
        await self._ctx.send(req, "Failed to set accessibility node value: ")


class AsyncComputerUse(_Service):
    """Desktop automation for one sandbox (``sandbox.computer_use``): ``mouse``, ``keyboard``, ``screenshot``,
    ``display``, ``recording``, ``accessibility``. Start the desktop processes with :meth:`start` first."""

    def __init__(self, ctx: Endpoint) -> None:
        super().__init__(ctx)
        self.mouse, self.keyboard, self.screenshot = AsyncMouse(ctx), AsyncKeyboard(ctx), AsyncScreenshot(ctx)
        self.display, self.recording = AsyncDisplay(ctx), AsyncRecordingService(ctx)
        self.accessibility = AsyncAccessibility(ctx)

    start = _forward(cu.computer_use_start.request, "Failed to start computer use: ")
    stop = _forward(cu.computer_use_stop.request, "Failed to stop computer use: ")
    get_status = _forward(cu.computer_use_get_processes_status.request, "Failed to get computer use status: ")
    get_process_status = _forward(cu.computer_use_get_process_status.request, "Failed to get process status: ")
    restart_process = _forward(cu.computer_use_restart_process.request, "Failed to restart process: ")
    get_process_logs = _forward(cu.computer_use_get_process_logs.request, "Failed to get process logs: ")
    get_process_errors = _forward(cu.computer_use_get_process_errors.request, "Failed to get process errors: ")
