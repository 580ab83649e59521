"""Checks an HTTP answer against what ``openapi.yaml`` documents for its operation.

Shared by the spec-conformance tests (which call every operation) and the session-wide check of every
answer an emulator sent during the test run (``tests/conftest.py``). For one answer it checks that

* the request matches an operation of openapi.yaml (control plane under ``/api``, toolbox operations
  under ``/toolbox/{sandboxId}``);
* the status code is one the operation documents (exactly, or through ``4XX``/``5XX``/``default``);
* the Content-Type is one documented for that status (a status documented without content must come
  with an empty body);
* a JSON body validates against the documented schema.

Schemas are OpenAPI 3.0: they are converted to JSON Schema 2020-12 (``$ref`` resolved through
``$defs``, ``nullable: true`` turned into ``type: [T, "null"]``) and ``format: date-time`` is checked
loosely (an ISO 8601 date and time that Python parses).
"""

from __future__ import annotations

import base64
import contextlib
import functools
import json
import re
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import yaml
from httpx_ws import AsyncWebSocketSession
from jsonschema import Draft202012Validator, FormatChecker

from daytona_emulator.recording import RecordedResponse

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi.yaml"
CONTROL_PREFIX = "/api"
TOOLBOX_PREFIX = re.compile(r"^/toolbox/[^/]+")
ADMIN_PREFIX = "/api/_emulator"
# Served at the emulator's root where Daytona's proxy serves them (the URLs build-logs-url answers);
# they belong to the proxy, not to the API that openapi.yaml describes.
PROXY_PATHS = re.compile(r"^/(snapshots|sandboxes)/[\w-]+/build-logs$")
# The notification gateway (Socket.IO, Engine.IO's path prefix): a WebSocket protocol, not a REST operation.
SOCKETIO_PATHS = re.compile(r"^/api/socket\.io/")
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
WEBSOCKET_STATUS = 101

# Schema keywords whose value is one schema, a list of schemas, or a map of name -> schema.
_ONE_SCHEMA = ("items", "additionalProperties", "not", "additionalItems", "contains", "propertyNames")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SCHEMA_MAPS = ("properties", "patternProperties")
# OpenAPI-only annotations that JSON Schema does not know (or that must not be checked).
_DROPPED = ("nullable", "discriminator", "xml", "externalDocs", "example", "deprecated")

_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}")


def to_json_schema(node: Any) -> Any:
    """One OpenAPI 3.0 schema object as JSON Schema 2020-12 (``#/components/schemas/X`` -> ``#/$defs/X``)."""
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        ref = node["$ref"]
        prefix = "#/components/schemas/"
        if not ref.startswith(prefix):
            raise ValueError(f"unsupported $ref {ref}")
        converted: dict[str, Any] = {"$ref": "#/$defs/" + ref[len(prefix) :]}
    else:
        converted = {}
        for key, value in node.items():
            if key in _DROPPED or key.startswith("x-"):
                continue
            if key in _ONE_SCHEMA and isinstance(value, dict):
                converted[key] = to_json_schema(value)
            elif key in _SCHEMA_LISTS:
                converted[key] = [to_json_schema(v) for v in value]
            elif key in _SCHEMA_MAPS:
                converted[key] = {name: to_json_schema(v) for name, v in value.items()}
            elif key in ("exclusiveMinimum", "exclusiveMaximum") and isinstance(value, bool):
                bound = "minimum" if key == "exclusiveMinimum" else "maximum"
                if value and bound in node:
                    converted[key] = node[bound]
            else:
                converted[key] = value
        for key in ("exclusiveMinimum", "exclusiveMaximum"):  # the 3.0 boolean form replaces the bound
            if node.get(key) is True:
                converted.pop("minimum" if key == "exclusiveMinimum" else "maximum", None)
    if node.get("nullable") is True:
        if "type" in converted and "$ref" not in converted:
            types = converted["type"] if isinstance(converted["type"], list) else [converted["type"]]
            converted["type"] = [*types, "null"] if "null" not in types else types
            if "enum" in converted and None not in converted["enum"]:
                converted["enum"] = [*converted["enum"], None]
        else:
            converted = {"anyOf": [converted, {"type": "null"}]}
    return converted


def _loose_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE_TIME.match(value):
        return False
    try:
        datetime.fromisoformat(value[:-1] + "+00:00" if value[-1:] in "Zz" else value)
    except ValueError:
        return False
    return True


def format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    checker.checks("date-time")(_loose_date_time)
    return checker


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def is_json(content_type: str | None) -> bool:
    kind = media_type(content_type)
    return kind == "application/json" or kind.endswith("+json")


@dataclass(frozen=True)
class Operation:
    method: str  # upper case
    template: str  # as in openapi.yaml, e.g. /sandbox/{sandboxIdOrName}
    operation_id: str
    toolbox: bool
    responses: dict[str, Any] = field(repr=False, compare=False, hash=False)
    pattern: re.Pattern[str] = field(repr=False, compare=False, hash=False)

    @property
    def label(self) -> str:
        return f"{self.operation_id} ({self.method} {self.template})"


@dataclass
class Answer:
    """What the server sent (``body`` is the raw bytes, or None when not kept: only its type is known)."""

    status: int
    content_type: str | None
    body: bytes | None
    websocket: bool = False


class SpecValidator:
    def __init__(self, spec_path: Path = SPEC_PATH) -> None:
        self.doc: dict[str, Any] = yaml.safe_load(spec_path.read_text())
        self.defs = {name: to_json_schema(s) for name, s in self.doc["components"]["schemas"].items()}
        self.operations: list[Operation] = []
        for template, item in self.doc["paths"].items():
            toolbox = bool(item.get("servers"))
            regex = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$")
            for method in METHODS:
                if method in item:
                    op = item[method]
                    self.operations.append(
                        Operation(method.upper(), template, op["operationId"], toolbox, op["responses"], regex)
                    )
        self.by_id = {op.operation_id: op for op in self.operations}
        self._format_checker = format_checker()
        self._validators: dict[tuple[str, str, str], Draft202012Validator] = {}
        Draft202012Validator.check_schema({"$defs": self.defs})

    # ---- which operation -----------------------------------------------------------------------

    @staticmethod
    def split(path: str) -> tuple[bool, str] | None:
        """(is toolbox, path relative to the side's base URL) for a path as the emulator serves it."""
        match = TOOLBOX_PREFIX.match(path)
        if match:
            return True, path[match.end() :] or "/"
        if path == CONTROL_PREFIX or path.startswith(CONTROL_PREFIX + "/"):
            return False, path[len(CONTROL_PREFIX) :] or "/"
        return None

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one validator per session, paths repeat a lot
    def find(self, method: str, path: str) -> Operation | None:
        """The operation a request went to (``path`` as served, e.g. ``/api/sandbox/x``), or None."""
        where = self.split(path)
        if where is None:
            return None
        toolbox, relative = where
        if toolbox and len(relative) > 1:
            relative = relative.rstrip("/")  # the daemon registers `/files` and `/files/` alike
        candidates = [
            op
            for op in self.operations
            if op.toolbox == toolbox and op.method == method.upper() and op.pattern.match(relative)
        ]
        # a fixed segment beats a parameter (/sandbox/paginated over /sandbox/{sandboxIdOrName})
        return min(candidates, key=lambda op: op.template.count("{"), default=None)

    # ---- checks ----------------------------------------------------------------------------------

    def _response(self, op: Operation, status: int) -> tuple[str, dict[str, Any]] | None:
        for key in (str(status), f"{status // 100}XX", "default"):
            if key in op.responses:
                return key, self._deref(op.responses[key])
        return None

    def _deref(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            parts = node["$ref"].removeprefix("#/").split("/")
            target: Any = self.doc
            for part in parts:
                target = target[part]
            node = target
        return node

    def _validator(self, cache_key: tuple[str, str, str], schema: dict[str, Any]) -> Draft202012Validator:
        validator = self._validators.get(cache_key)
        if validator is None:
            root = {"$defs": self.defs, **to_json_schema(schema)}
            validator = Draft202012Validator(root, format_checker=self._format_checker)
            self._validators[cache_key] = validator
        return validator

    def _schema_errors(self, cache_key: tuple[str, str, str], schema: dict[str, Any], body: Any) -> list[str]:
        errors = sorted(self._validator(cache_key, schema).iter_errors(body), key=lambda e: list(e.absolute_path))
        found = [f"{_clip(e.message)} at /{'/'.join(map(str, e.absolute_path))}" for e in errors[:5]]
        if len(errors) > 5:
            found.append(f"... and {len(errors) - 5} more schema errors")
        return found

    def check(self, op: Operation, answer: Answer) -> list[str]:
        """Everything wrong with ``answer`` as an answer of ``op`` (empty when it conforms)."""
        if answer.websocket and answer.status == WEBSOCKET_STATUS:
            if "101" in op.responses:
                return []
            return ["answered a WebSocket upgrade (101), which openapi.yaml does not document"]
        documented = self._response(op, answer.status)
        if documented is None:
            return [f"status {answer.status} is not documented (documented: {sorted(op.responses)})"]
        key, response = documented
        content: dict[str, Any] = response.get("content") or {}
        kind = media_type(answer.content_type)
        if not content:
            if answer.body or (answer.body is None and kind):
                return [f"status {answer.status} is documented without a body, got a body ({kind or 'no type'})"]
            return []
        if not kind:
            # An empty body without a type is an empty text, fine where a text/plain answer is documented.
            if answer.body == b"" and ("text/plain" in content or "*/*" in content):
                return []
            return [f"status {answer.status}: no Content-Type (documented: {sorted(content)})"]
        entry = content.get(kind) or next(
            (v for k, v in content.items() if k.endswith("/*") and kind.startswith(k[:-1])), None
        )
        if entry is None and "*/*" in content:
            entry = content["*/*"]
        if entry is None:
            return [f"status {answer.status}: Content-Type {kind} is not documented (documented: {sorted(content)})"]
        if not is_json(kind) or answer.body is None:
            return []
        try:
            body = json.loads(answer.body)
        except ValueError as exc:
            return [f"status {answer.status}: the {kind} body is not JSON ({exc})"]
        schema = entry.get("schema")
        if schema is None:
            return []
        return [f"status {answer.status}: {e}" for e in self._schema_errors((op.operation_id, key, kind), schema, body)]

    def check_exchange(self, method: str, path: str, answer: Answer) -> tuple[str, list[str]]:
        """(what it was, problems) for an answer to ``method path`` where the operation is not known yet.

        Answers to paths openapi.yaml does not describe are fine only as JSON errors (an unknown route's
        404, a 405) whose body is an ApiError; the emulator's own ``/api/_emulator`` routes, the proxy's
        build-log streams and the Socket.IO notification gateway (``/api/socket.io/...``) are skipped.
        """
        if path.startswith(ADMIN_PREFIX):
            return "emulator administration", []
        if PROXY_PATHS.match(path):
            return "proxy build-log stream", []
        if SOCKETIO_PATHS.match(path):
            return "notification gateway (Socket.IO)", []
        if TOOLBOX_PREFIX.match(path) and _go_router_answer(answer):
            return f"{method} {path} (the daemon's router)", []
        op = self.find(method, path)
        if op is not None:
            return op.label, self.check(op, answer)
        label = f"{method} {path} (not in openapi.yaml)"
        if answer.status < 400:
            return label, [f"status {answer.status} for a request no operation of openapi.yaml describes"]
        if not is_json(answer.content_type):
            return label, [f"error status {answer.status} without a JSON body ({media_type(answer.content_type)})"]
        if answer.body is None:
            return label, []
        try:
            body = json.loads(answer.body)
        except ValueError as exc:
            return label, [f"error body is not JSON ({exc})"]
        api_error = {"$ref": "#/components/schemas/ApiError"}
        return label, self._schema_errors(("", "ApiError", ""), api_error, body)


def _go_router_answer(answer: Answer) -> bool:
    """The daemon's router (gin) for a path it has no route for: ``404 page not found`` as text/plain, or a
    trailing-slash redirect (301 for GET, 307 otherwise) to the route it does have."""
    if answer.status == 404 and media_type(answer.content_type) == "text/plain":
        return answer.body is None or answer.body == b"404 page not found"
    return answer.status in (301, 307)


def _clip(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


@functools.cache
def spec_validator() -> SpecValidator:
    """The validator for the project's openapi.yaml (built once per process)."""
    return SpecValidator()


def format_problems(problems: Iterable[tuple[str, str]], per_label: int = 8) -> str:
    """``label: problem`` lines, grouped by label (at most ``per_label`` each), for a failure message."""
    grouped: dict[str, list[str]] = {}
    for label, problem in problems:
        grouped.setdefault(label, [])
        if problem not in grouped[label]:
            grouped[label].append(problem)
    lines = []
    for label, items in grouped.items():
        lines.append(f"  {label}:")
        lines.extend(f"    - {p}" for p in items[:per_label])
        if len(items) > per_label:
            lines.append(f"    - ... and {len(items) - per_label} more")
    return "\n".join(lines)


# ---- driving operations over HTTP (the spec-conformance tests) -----------------------------------------


class ConformanceRun:
    """Calls operations through ``client``, checks every answer, and remembers what was exercised.

    Problems are collected instead of raised, so one run reports every operation that does not conform;
    ``report`` turns them (and the operations never answered with success) into one assertion message.
    """

    def __init__(self, client: httpx.AsyncClient, validator: SpecValidator | None = None) -> None:
        self.client = client
        self.validator = validator or spec_validator()
        self.statuses: dict[str, set[int]] = {}
        self.problems: list[tuple[str, str]] = []

    def _observe(self, method: str, path: str, answer: Answer, expect: str | int, text: str) -> Operation | None:
        op = self.validator.find(method, path)
        if op is None:
            self.problems.append((f"{method} {path}", "no operation of openapi.yaml matches this request"))
            return None
        self.statuses.setdefault(op.operation_id, set()).add(answer.status)
        if not _status_matches(answer.status, expect):
            self.problems.append((op.label, f"expected status {expect}, got {answer.status}: {_clip(text, 200)}"))
        self.problems.extend((op.label, problem) for problem in self.validator.check(op, answer))
        return op

    async def call(self, method: str, url: str, expect: str | int = "2XX", **kwargs: Any) -> httpx.Response:
        """Send one request; ``expect`` is the status wanted (a code or ``2XX``/``4XX``)."""
        response = await self.client.request(method, url, **kwargs)
        answer = Answer(response.status_code, response.headers.get("content-type"), response.content)
        self._observe(response.request.method, response.request.url.path, answer, expect, response.text)
        return response

    async def json(self, method: str, url: str, expect: str | int = "2XX", **kwargs: Any) -> Any:
        """``call``, then the JSON body (None when the answer is not JSON)."""
        response = await self.call(method, url, expect, **kwargs)
        try:
            return response.json()
        except ValueError:
            return None

    async def websocket(
        self,
        url: str,
        expect: int = WEBSOCKET_STATUS,
        converse: Callable[[AsyncWebSocketSession], Awaitable[None]] | None = None,
        headers: dict[str, str] | None = None,
        **params: Any,
    ) -> None:
        """Open the WebSocket at ``url`` (then ``converse`` over it, and close it); checks the handshake."""
        upgrade = {
            "Connection": "Upgrade",
            "Upgrade": "websocket",
            "Sec-WebSocket-Key": base64.b64encode(secrets.token_bytes(16)).decode("ascii"),
            "Sec-WebSocket-Version": "13",
            **(headers or {}),
        }
        async with self.client.stream("GET", url, params=params or None, headers=upgrade) as response:
            path = response.request.url.path
            if response.status_code != WEBSOCKET_STATUS:
                body = await response.aread()
                answer = Answer(response.status_code, response.headers.get("content-type"), body, websocket=True)
                self._observe("GET", path, answer, expect, body.decode(errors="replace"))
                return
            self._observe("GET", path, Answer(WEBSOCKET_STATUS, None, None, websocket=True), expect, "")
            async with AsyncWebSocketSession(response.extensions["network_stream"], response=response) as ws:
                if converse is not None:
                    await converse(ws)

    @contextlib.asynccontextmanager
    async def area(self, name: str) -> AsyncIterator[None]:
        """A group of calls; an exception inside is reported as a problem and the run goes on."""
        try:
            yield
        except Exception as exc:
            self.problems.append((f"[{name}]", f"stopped early: {_clip(repr(exc))}"))

    def report(self, toolbox: bool) -> str:
        """Empty when every operation of that side was answered with success and every answer conformed."""
        lines: list[tuple[str, str]] = []
        for op in self.validator.operations:
            if op.toolbox != toolbox:
                continue
            seen = self.statuses.get(op.operation_id)
            if not seen:
                lines.append((op.label, "never exercised"))
            elif not any(200 <= s < 300 or s == WEBSOCKET_STATUS for s in seen):
                lines.append((op.label, f"never answered with success (statuses: {sorted(seen)})"))
        lines.extend(self.problems)
        return format_problems(lines)


def _status_matches(status: int, expect: str | int) -> bool:
    if isinstance(expect, int):
        return status == expect
    return str(status)[0] == expect[0]


# ---- every answer an emulator sent during the run (see tests/conftest.py) -------------------------------


def check_recorded(
    responses: Iterable[RecordedResponse], validator: SpecValidator | None = None
) -> list[tuple[str, str]]:
    """(operation, problem) for every recorded answer that does not match openapi.yaml."""
    validator = validator or spec_validator()
    problems: list[tuple[str, str]] = []
    for recorded in responses:
        answer = Answer(recorded.status, recorded.content_type, recorded.body, websocket=recorded.websocket)
        label, found = validator.check_exchange(recorded.method, recorded.path, answer)
        problems.extend((label, f"{problem} [{recorded.method} {recorded.path}]") for problem in found)
    return problems
