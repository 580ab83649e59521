"""A small fixed accessibility tree for the simulated desktop: a form with a text entry, a button, a label.

Invoking the button copies the entry's value into the label's name, so changes are observable.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from emulator.errors import EmulatorHTTPError, bad_request, not_found

FAKE_APP_PID = 4242
_PREFIX = ":1.42:/org/a11y/atspi/accessible/"


@dataclass
class Node:
    id: str
    role: str
    name: str
    bounds: tuple[int, int, int, int]
    states: list[str] = field(default_factory=lambda: ["enabled", "visible", "showing"])
    actions: list[str] = field(default_factory=list)
    description: str = ""
    children: list[Node] = field(default_factory=list)
    value: str = ""

    def to_json(self, depth: int, max_depth: int) -> tuple[dict[str, Any], bool]:
        """The node with children down to max_depth (-1: unbounded); also whether anything was cut."""
        x, y, width, height = self.bounds
        data: dict[str, Any] = {
            "id": self.id,
            "role": self.role,
            "name": self.name,
            "description": self.description,
            "states": list(self.states),
            "actions": list(self.actions),
            "bounds": {"x": x, "y": y, "width": width, "height": height},
            "children": [],
        }
        truncated = False
        if max_depth >= 0 and depth >= max_depth:
            return data, bool(self.children)
        for child in self.children:
            child_json, child_cut = child.to_json(depth + 1, max_depth)
            data["children"].append(child_json)
            truncated = truncated or child_cut
        return data, truncated

    def walk(self) -> list[Node]:
        nodes = [self]
        for child in self.children:
            nodes.extend(child.walk())
        return nodes


def _build() -> Node:
    entry = Node(
        _PREFIX + "5",
        "entry",
        "Name",
        (120, 140, 300, 28),
        states=["enabled", "visible", "showing", "focusable", "editable"],
        actions=["activate"],
    )
    button = Node(
        _PREFIX + "6",
        "push button",
        "Submit",
        (120, 190, 100, 32),
        states=["enabled", "visible", "showing", "focusable"],
        actions=["click", "press"],
    )
    label = Node(_PREFIX + "7", "label", "Status: idle", (120, 240, 300, 24))
    panel = Node(_PREFIX + "4", "panel", "Form", (100, 120, 500, 200), children=[entry, button, label])
    frame = Node(
        _PREFIX + "3",
        "frame",
        "Emulated Form",
        (80, 60, 640, 420),
        states=["enabled", "visible", "showing", "active"],
        children=[panel],
    )
    app = Node(_PREFIX + "2", "application", "emulated-app", (0, 0, 1024, 768), children=[frame])
    return Node(_PREFIX + "root", "desktop frame", "main", (0, 0, 1024, 768), children=[app])


class AccessibilityTree:
    def __init__(self) -> None:
        self.root = _build()

    def reset(self) -> None:
        self.root = _build()

    def _node(self, node_id: str) -> Node:
        for node in self.root.walk():
            if node.id == node_id:
                return node
        raise not_found(f"accessibility node {node_id}")

    def _scope_root(self, scope: str | None, pid: int | None) -> Node:
        scope = scope or "focused"
        if scope == "all":
            return self.root
        if scope == "focused":
            return self.root.children[0]
        if scope == "pid":
            if pid is None:
                raise bad_request("pid is required when scope=pid")
            if pid != FAKE_APP_PID:
                raise not_found(f"no accessible application with pid {pid}")
            return self.root.children[0]
        raise bad_request(f"invalid scope {scope!r}: expected focused, pid or all")

    def tree(self, scope: str | None, pid: int | None, max_depth: int | None) -> dict[str, Any]:
        root_json, truncated = self._scope_root(scope, pid).to_json(0, -1 if max_depth is None else max_depth)
        return {"root": root_json, "truncated": truncated}

    def find(self, body: dict[str, Any]) -> dict[str, Any]:
        role, name = body.get("role"), body.get("name")
        name_match = body.get("nameMatch") or "substring"
        wanted_states = body.get("states") or []
        limit = body.get("limit") or 100
        if name_match not in ("exact", "substring", "regex"):
            raise bad_request("nameMatch must be exact, substring or regex")
        try:
            pattern = re.compile(name) if name and name_match == "regex" else None
        except re.error as exc:
            raise bad_request(f"invalid name regex: {exc}") from exc
        matches = []
        for node in self._scope_root(body.get("scope"), body.get("pid")).walk():
            if role and node.role.lower() != str(role).lower():
                continue
            if name:
                if name_match == "exact" and node.name != name:
                    continue
                if name_match == "substring" and str(name).lower() not in node.name.lower():
                    continue
                if pattern is not None and not pattern.search(node.name):
                    continue
            if not all(state in node.states for state in wanted_states):
                continue
            matches.append(node.to_json(0, 0)[0])
        return {"matches": copy.deepcopy(matches[:limit]), "truncated": len(matches) > limit}

    def focus(self, node_id: str) -> None:
        node = self._node(node_id)
        if "focusable" not in node.states:
            raise bad_request(f"node {node_id} cannot take focus")
        for other in self.root.walk():
            if "focused" in other.states:
                other.states.remove("focused")
        node.states.append("focused")

    def focused(self) -> Node | None:
        return next((node for node in self.root.walk() if "focused" in node.states), None)

    def invoke(self, node_id: str, action: str | None) -> None:
        node = self._node(node_id)
        if not node.actions:
            raise bad_request(f"node {node_id} has no actions")
        chosen = action or node.actions[0]
        if chosen not in node.actions:
            raise bad_request(f"node {node_id} has no action {chosen!r}; it has {node.actions}")
        if node.role == "push button":
            entry, label = self._node(_PREFIX + "5"), self._node(_PREFIX + "7")
            label.name = f"Status: submitted {entry.value!r}"

    def set_value(self, node_id: str, value: str) -> None:
        node = self._node(node_id)
        if "editable" not in node.states:
            raise EmulatorHTTPError(400, f"node {node_id} is not editable", code="BAD_REQUEST")
        node.value = value

    def type_text(self, text: str) -> None:
        node = self.focused()
        if node is not None and "editable" in node.states:
            node.value += text
