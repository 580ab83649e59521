"""The AT-SPI accessibility API of the simulated desktop, with the plugin's rules
(``libs/computer-use/pkg/computeruse/accessibility.go``).

The registry root (``org.a11y.atspi.Registry:/org/a11y/atspi/accessible/root``) holds one application: a small
form with a text entry, a button and a label. Invoking the button copies the entry's text into the label's
name, so changes are observable. Node ids are ``<bus-name>:<object-path>``. Failures raise `A11yError` with
the plugin's sentinel message; the daemon maps the sentinel to a status and code (see `status_for`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from daytona_emulator.toolbox.go_json import go_quote, parse_go_float

FAKE_APP_PID = 4242
REGISTRY_BUS = "org.a11y.atspi.Registry"
ROOT_PATH = "/org/a11y/atspi/accessible/root"
APP_BUS = ":1.42"
FIND_DEFAULT_LIMIT = 500
FIND_CEILING_LIMIT = 5000

UNAVAILABLE = "accessibility bus not reachable"
NO_ACCESSIBLE_ROOT = "no accessible root for focused window"
NODE_NOT_FOUND = "accessibility node not found"
ACTION_NOT_SUPPORTED = "action not supported by node"
INVALID_SCOPE = "invalid accessibility scope"
INVALID_REQUEST = "invalid accessibility request"

# (sentinel, HTTP status, code) as the daemon's writeA11yError maps them; anything else is 500 A11Y_INTERNAL.
_STATUSES = (
    (UNAVAILABLE, 503, "A11Y_UNAVAILABLE"),
    (NODE_NOT_FOUND, 404, "A11Y_NODE_NOT_FOUND"),
    (NO_ACCESSIBLE_ROOT, 404, "A11Y_NO_ACCESSIBLE_ROOT"),
    (ACTION_NOT_SUPPORTED, 400, "A11Y_ACTION_NOT_SUPPORTED"),
    (INVALID_SCOPE, 400, "A11Y_INVALID_SCOPE"),
    (INVALID_REQUEST, 400, "A11Y_INVALID_REQUEST"),
)

# The AT-SPI StateType enum in bit order: node states are reported in this order.
STATE_ORDER = (
    "invalid active armed busy checked collapsed defunct editable enabled expandable expanded focusable focused "
    "has_tooltip horizontal iconified modal multi_line multiselectable opaque pressed resizable selectable "
    "selected sensitive showing single_line stale transient vertical visible manages_descendants indeterminate "
    "required truncated animated invalid_entry supports_autocompletion selectable_text is_default visited "
    "checkable has_popup read_only"
).split()

COMPONENT, ACTION, EDITABLE_TEXT, VALUE = "Component", "Action", "EditableText", "Value"


class A11yError(Exception):
    """A plugin error; its message starts with one of the sentinels."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def status_for(message: str) -> tuple[int, str]:
    """writeA11yError: the status and code for an error message (by its leading sentinel)."""
    for sentinel, status, code in _STATUSES:
        if message == sentinel or message.startswith(sentinel + ":"):
            return status, code
    return 500, "A11Y_INTERNAL"


@dataclass
class Node:
    path: str
    role: str
    name: str
    bounds: tuple[int, int, int, int]
    states: set[str] = field(default_factory=lambda: {"enabled", "sensitive", "showing", "visible"})
    actions: list[str] = field(default_factory=list)
    interfaces: set[str] = field(default_factory=lambda: {COMPONENT})
    description: str = ""
    children: list[Node] = field(default_factory=list)
    bus: str = APP_BUS
    text: str = ""

    @property
    def id(self) -> str:
        return f"{self.bus}:{self.path}"

    def wire(self, max_depth: int | None = None) -> dict[str, Any]:
        """The node as the daemon's AccessibilityNode; children down to max_depth (negative: all; None: none)."""
        x, y, width, height = self.bounds
        data: dict[str, Any] = {"id": self.id, "role": self.role, "name": self.name}
        if self.description:
            data["description"] = self.description
        data["bounds"] = {"x": x, "y": y, "width": width, "height": height}
        data["states"] = [state for state in STATE_ORDER if state in self.states] or None
        if self.actions:
            data["actions"] = list(self.actions)
        if max_depth is not None and max_depth != 0 and self.children:
            data["children"] = [child.wire(max_depth - 1 if max_depth > 0 else -1) for child in self.children]
        return data

    def walk(self) -> list[Node]:
        nodes = [self]
        for child in self.children:
            nodes.extend(child.walk())
        return nodes


def _build() -> Node:
    entry = Node(
        "/org/a11y/atspi/accessible/5",
        "entry",
        "Name",
        (120, 140, 300, 28),
        states={"enabled", "sensitive", "showing", "visible", "focusable", "editable", "single_line"},
        actions=["activate"],
        interfaces={COMPONENT, ACTION, EDITABLE_TEXT},
    )
    button = Node(
        "/org/a11y/atspi/accessible/6",
        "push button",
        "Submit",
        (120, 190, 100, 32),
        states={"enabled", "sensitive", "showing", "visible", "focusable"},
        actions=["click", "press"],
        interfaces={COMPONENT, ACTION},
    )
    label = Node("/org/a11y/atspi/accessible/7", "label", "Status: idle", (120, 240, 300, 24))
    panel = Node("/org/a11y/atspi/accessible/4", "panel", "Form", (100, 120, 500, 200), children=[entry, button, label])
    frame = Node(
        "/org/a11y/atspi/accessible/3",
        "frame",
        "Emulated Form",
        (80, 60, 640, 420),
        states={"enabled", "sensitive", "showing", "visible", "active", "resizable"},
        children=[panel],
    )
    app = Node(ROOT_PATH, "application", "emulated-app", (0, 0, 0, 0), interfaces=set(), children=[frame])
    return Node(
        ROOT_PATH, "desktop frame", "main", (0, 0, 1024, 768), bus=REGISTRY_BUS, interfaces={COMPONENT}, children=[app]
    )


def parse_scope(raw: str) -> str:
    """parseWireScope: focused (also the empty default), pid or all, case- and space-insensitive."""
    scope = raw.strip().lower()
    if scope in ("", "focused"):
        return "focused"
    if scope in ("pid", "all"):
        return scope
    raise A11yError(f"{INVALID_SCOPE}: got {go_quote(raw)}, expected focused|pid|all")


_OBJECT_PATH = re.compile(r"/|(/[A-Za-z0-9_]+)+")


def parse_node_id(node_id: str) -> tuple[str, str]:
    """parseNodeID: ``<bus-name>:<object-path>``, split at the ':' before the first '/'."""
    slash = node_id.find("/")
    if slash <= 1:
        raise A11yError(f"{INVALID_REQUEST}: invalid node id {go_quote(node_id)}: missing object path")
    if node_id[slash - 1] != ":":
        raise A11yError(
            f"{INVALID_REQUEST}: invalid node id {go_quote(node_id)}: missing ':' separator before object path"
        )
    bus, path = node_id[: slash - 1], node_id[slash:]
    if not _OBJECT_PATH.fullmatch(path):
        raise A11yError(f"{INVALID_REQUEST}: invalid node id {go_quote(node_id)}: malformed object path")
    return bus, path


class AccessibilityTree:
    """The registry and its one application; `available` says whether the AT-SPI bus is up."""

    def __init__(self) -> None:
        self.root = _build()
        self.available = False

    def reset(self) -> None:
        self.root = _build()

    def _connect(self) -> None:
        if not self.available:
            raise A11yError(f"{UNAVAILABLE}: GetAddress: The name org.a11y.Bus was not provided by any .service files")

    def _node(self, node_id: str) -> Node:
        bus, path = parse_node_id(node_id)
        self._connect()
        for node in self.root.walk():
            if node.bus == bus and node.path == path:
                return node
        raise A11yError(NODE_NOT_FOUND)

    def _scope_root(self, scope: str, pid: int) -> Node:
        if scope == "all":
            return self.root
        apps = self.root.children
        if scope == "focused":
            if not apps:
                raise A11yError(NO_ACCESSIBLE_ROOT)
            return next((app for app in apps if any("active" in w.states for w in app.children)), apps[0])
        if pid <= 0:
            raise A11yError(f"{INVALID_REQUEST}: pid must be positive")
        if pid == FAKE_APP_PID and apps:
            return apps[0]
        raise A11yError(NO_ACCESSIBLE_ROOT)

    def tree(self, scope: str, pid: int, max_depth: int) -> dict[str, Any]:
        wire_scope = parse_scope(scope)
        self._connect()
        root = self._scope_root(wire_scope, pid)
        return {"root": root.wire(max_depth), "truncated": False}

    def find(self, request: dict[str, Any]) -> dict[str, Any]:
        wire_scope = parse_scope(request["scope"])
        limit = request["limit"] if request["limit"] > 0 else FIND_DEFAULT_LIMIT
        limit = min(limit, FIND_CEILING_LIMIT)
        name, name_match = request["name"], request["nameMatch"] or "substring"
        if name_match not in ("exact", "substring", "regex"):
            mode = go_quote(name_match)
            raise A11yError(f"{INVALID_REQUEST}: unknown nameMatch mode {mode}, want exact|substring|regex")
        pattern = None
        if name and name_match == "regex":
            try:
                pattern = re.compile(name)
            except re.error as exc:
                reason = f"invalid regex for name filter: error parsing regexp: {exc}"
                raise A11yError(f"{INVALID_REQUEST}: {reason}") from exc
        self._connect()
        root = self._scope_root(wire_scope, request["pid"])
        role = request["role"].lower()
        wanted = request["states"] or []
        matches: list[dict[str, Any]] = []
        for node in root.walk():
            if role and node.role.lower() != role:
                continue
            if name and (
                (name_match == "exact" and node.name != name)
                or (name_match == "substring" and name not in node.name)
                or (pattern is not None and not pattern.search(node.name))
            ):
                continue
            if not all(state in node.states for state in wanted):
                continue
            matches.append(node.wire())
            if len(matches) >= limit:
                return {"matches": matches, "truncated": True}
        return {"matches": matches, "truncated": False}

    def focus(self, node_id: str) -> None:
        node = self._node(node_id)
        if COMPONENT not in node.interfaces or "focusable" not in node.states:
            raise A11yError(ACTION_NOT_SUPPORTED)
        for other in self.root.walk():
            other.states.discard("focused")
        node.states.add("focused")

    def focused(self) -> Node | None:
        return next((node for node in self.root.walk() if "focused" in node.states), None)

    def invoke(self, node_id: str, action: str) -> None:
        node = self._node(node_id)
        if ACTION not in node.interfaces or not node.actions:
            raise A11yError(ACTION_NOT_SUPPORTED)
        if action and not any(name.lower() == action.lower() for name in node.actions):
            raise A11yError(ACTION_NOT_SUPPORTED)
        if node.role == "push button":
            entry = next(n for n in self.root.walk() if n.role == "entry")
            label = next(n for n in self.root.walk() if n.role == "label")
            label.name = f"Status: submitted {entry.text!r}"

    def set_value(self, node_id: str, value: str) -> None:
        node = self._node(node_id)
        if EDITABLE_TEXT in node.interfaces:
            node.text = value
            return
        if parse_go_float(value) is None:
            raise A11yError(
                f"{ACTION_NOT_SUPPORTED}: node has no EditableText and {go_quote(value)} is not numeric: "
                f"strconv.ParseFloat: parsing {go_quote(value)}: invalid syntax"
            )
        raise A11yError(ACTION_NOT_SUPPORTED)  # no Value interface either

    def type_text(self, text: str) -> None:
        node = self.focused()
        if node is not None and EDITABLE_TEXT in node.interfaces:
            node.text += text
