"""`/lsp/*` as the daemon answers it (apps/daemon/pkg/toolbox/lsp).

Failures are bare statuses with an empty body (the handlers' ``AbortWithError`` writes the status before the
error middleware runs); servers are keyed by the exact (languageId, pathToProject); URIs go to the language
server and come back verbatim.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

ERRORS = "libs/common-go/pkg/errors/middleware.go"

PROJECT = "/home/daytona/proj"
MAIN = f"{PROJECT}/main.py"
SOURCE = """\
import os


class Greeter:
    def greet(self, name):
        return "hello " + name


def shout(text):
    return text.upper()


os.path.
"""
PY = {"languageId": "python", "pathToProject": PROJECT}


@pytest.fixture
def box(new_sandbox: Callable[..., dict[str, Any]], toolbox: Callable[[dict[str, Any]], httpx.Client]) -> httpx.Client:
    client = toolbox(new_sandbox())
    client.post("/files/upload", params={"path": MAIN}, files={"file": ("main.py", SOURCE.encode())}).raise_for_status()
    return client


@pytest.fixture
def python_server(box: httpx.Client) -> Iterator[httpx.Client]:
    assert box.post("/lsp/start", json=PY).status_code == 200
    yield box
    box.post("/lsp/stop", json=PY)


def assert_bare(response: httpx.Response, status: int) -> None:
    """The daemon's AbortWithError answer: the status, nothing else."""
    assert response.status_code == status, response.text
    assert response.content == b""


# --- start / stop ------------------------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/lsp/lsp.go",
    "apps/daemon/pkg/toolbox/validator.go",
    "libs/common-go/pkg/errors/middleware.go",
)
@pytest.mark.parametrize(
    "body",
    [
        {"pathToProject": PROJECT},
        {"languageId": "python"},
        {"languageId": "", "pathToProject": PROJECT},
        {"languageId": 3, "pathToProject": PROJECT},
    ],
)
def test_start_without_a_language_or_project_is_a_bare_400(box: httpx.Client, body: dict[str, Any]) -> None:
    assert_bare(box.post("/lsp/start", json=body), 400)


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/lsp/lsp.go",
    "apps/daemon/pkg/toolbox/server.go",
    "apps/daemon/pkg/toolbox/middlewares/error.go",
    "libs/common-go/pkg/errors/middleware.go",
)
def test_start_with_an_empty_body_is_a_bare_400(box: httpx.Client) -> None:
    assert_bare(box.post("/lsp/start", content=b""), 400)


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/lsp/lsp.go",
    "apps/daemon/pkg/toolbox/lsp/service.go",
    "apps/daemon/pkg/toolbox/lsp/python_lsp.go",
)
def test_start_answers_200_with_no_body_and_a_second_start_is_a_no_op(box: httpx.Client) -> None:
    first = box.post("/lsp/start", json=PY)
    assert first.status_code == 200 and first.content == b""
    assert box.post("/lsp/start", json=PY).status_code == 200
    assert box.post("/lsp/stop", json=PY).status_code == 200


@pytest.mark.upstream("apps/daemon/pkg/toolbox/lsp/service.go")
def test_start_does_not_check_that_the_project_exists(box: httpx.Client) -> None:
    body = {"languageId": "python", "pathToProject": "/home/daytona/no/such/project"}
    assert box.post("/lsp/start", json=body).status_code == 200
    assert box.post("/lsp/stop", json=body).status_code == 200


@pytest.mark.upstream("apps/daemon/pkg/toolbox/lsp/service.go", "apps/daemon/pkg/toolbox/lsp/typescript_lsp.go")
def test_start_of_another_language_runs_a_typescript_server_and_fails_500_without_one(box: httpx.Client) -> None:
    # LSPService.Start makes a TypeScript server for a new key whatever its language; with no
    # typescript-language-server on PATH (as here) initialising fails: a bare 500.
    assert_bare(box.post("/lsp/start", json={"languageId": "rust", "pathToProject": PROJECT}), 500)


@pytest.mark.upstream("apps/daemon/pkg/toolbox/lsp/service.go")
def test_stop_of_a_key_never_seen_is_a_bare_500(box: httpx.Client) -> None:
    assert_bare(box.post("/lsp/stop", json=PY), 500)


@pytest.mark.upstream("apps/daemon/pkg/toolbox/lsp/service.go", "apps/daemon/pkg/toolbox/lsp/lsp.go")
def test_stop_of_a_server_registered_by_an_early_call_but_never_started_is_a_bare_500(box: httpx.Client) -> None:
    # did-open before start registers an uninitialised python server (service.Get); its Shutdown panics.
    assert_bare(box.post("/lsp/did-open", json=PY | {"uri": f"file://{MAIN}"}), 400)
    assert_bare(box.post("/lsp/stop", json=PY), 500)


@pytest.mark.upstream("apps/daemon/pkg/toolbox/lsp/service.go")
def test_stop_forgets_the_server_so_calls_after_it_are_400(python_server: httpx.Client) -> None:
    assert python_server.post("/lsp/stop", json=PY).status_code == 200
    assert_bare(python_server.post("/lsp/did-open", json=PY | {"uri": f"file://{MAIN}"}), 400)
    assert_bare(python_server.post("/lsp/stop", json=PY), 500)


@pytest.mark.upstream("apps/daemon/pkg/toolbox/lsp/service.go")
def test_servers_are_keyed_by_the_exact_project_path(python_server: httpx.Client) -> None:
    other = {"languageId": "python", "pathToProject": PROJECT + "/"}
    assert_bare(python_server.post("/lsp/did-open", json=other | {"uri": f"file://{MAIN}"}), 400)
    assert python_server.post("/lsp/did-open", json=PY | {"uri": f"file://{MAIN}"}).status_code == 200


# --- calls before start ------------------------------------------------------------------------------------


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/lsp/lsp.go",
    "apps/daemon/pkg/toolbox/lsp/service.go",
    "apps/daemon/pkg/toolbox/lsp/server.go",
)
@pytest.mark.parametrize("language", ["python", "typescript", "javascript", "rust"])
def test_document_calls_before_start_are_bare_400s(box: httpx.Client, language: str) -> None:
    key = {"languageId": language, "pathToProject": PROJECT}
    document = key | {"uri": f"file://{MAIN}"}
    assert_bare(box.post("/lsp/did-open", json=document), 400)
    assert_bare(box.post("/lsp/did-close", json=document), 400)
    assert_bare(box.post("/lsp/completions", json=document | {"position": {"line": 1, "character": 1}}), 400)
    assert_bare(box.get("/lsp/document-symbols", params=document), 400)
    assert_bare(box.get("/lsp/workspacesymbols", params=key | {"query": "x"}), 400)


# --- did-open / did-close ------------------------------------------------------------------------------------


@pytest.mark.upstream("apps/daemon/pkg/toolbox/lsp/lsp.go", "apps/daemon/pkg/toolbox/lsp/client.go")
def test_did_open_of_a_missing_file_is_a_bare_400(python_server: httpx.Client) -> None:
    assert_bare(python_server.post("/lsp/did-open", json=PY | {"uri": "file:///home/daytona/nope.py"}), 400)


@pytest.mark.upstream("apps/daemon/pkg/toolbox/lsp/lsp.go", "apps/daemon/pkg/toolbox/lsp/types.go")
def test_did_open_without_a_uri_is_a_bare_400(python_server: httpx.Client) -> None:
    assert_bare(python_server.post("/lsp/did-open", json=PY), 400)


@pytest.mark.upstream("apps/daemon/pkg/toolbox/lsp/lsp.go", "apps/daemon/pkg/toolbox/lsp/client.go")
def test_did_open_and_did_close_answer_200_with_no_body(python_server: httpx.Client) -> None:
    opened = python_server.post("/lsp/did-open", json=PY | {"uri": f"file://{MAIN}"})
    assert opened.status_code == 200 and opened.content == b""
    closed = python_server.post("/lsp/did-close", json=PY | {"uri": f"file://{MAIN}"})
    assert closed.status_code == 200 and closed.content == b""


@pytest.mark.upstream("apps/daemon/pkg/toolbox/lsp/client.go")
def test_did_close_of_a_document_never_opened_is_200(python_server: httpx.Client) -> None:
    assert python_server.post("/lsp/did-close", json=PY | {"uri": "file:///home/daytona/other.py"}).status_code == 200


# --- document symbols ------------------------------------------------------------------------------------------


@pytest.mark.upstream("apps/daemon/pkg/toolbox/lsp/lsp.go")
@pytest.mark.parametrize("missing", ["languageId", "pathToProject", "uri"])
def test_document_symbols_require_each_query_parameter(python_server: httpx.Client, missing: str) -> None:
    params = {k: v for k, v in (PY | {"uri": f"file://{MAIN}"}).items() if k != missing}
    assert_bare(python_server.get("/lsp/document-symbols", params=params), 400)


@pytest.mark.upstream("apps/daemon/pkg/toolbox/lsp/client.go", "apps/daemon/pkg/toolbox/lsp/lsp.go")
def test_document_symbols_have_exactly_kind_location_and_name(python_server: httpx.Client) -> None:
    python_server.post("/lsp/did-open", json=PY | {"uri": f"file://{MAIN}"}).raise_for_status()
    symbols = python_server.get("/lsp/document-symbols", params=PY | {"uri": f"file://{MAIN}"}).json()
    by_name = {symbol["name"]: symbol for symbol in symbols}
    assert {"Greeter", "shout"} <= set(by_name)
    for symbol in symbols:
        assert set(symbol) == {"kind", "location", "name"}
        assert set(symbol["location"]) == {"range", "uri"}
        assert set(symbol["location"]["range"]) == {"start", "end"}
    assert by_name["Greeter"]["kind"] == 5
    assert by_name["shout"]["location"]["uri"] == f"file://{MAIN}"
    assert by_name["shout"]["location"]["range"]["start"]["line"] == 8


@pytest.mark.upstream("apps/daemon/pkg/toolbox/lsp/client.go")
def test_uris_go_to_the_server_and_come_back_verbatim(python_server: httpx.Client) -> None:
    relative = "file://proj/main.py"  # the daemon reads "proj/main.py" from its working directory
    python_server.post("/lsp/did-open", json=PY | {"uri": relative}).raise_for_status()
    symbols = python_server.get("/lsp/document-symbols", params=PY | {"uri": relative}).json()
    assert symbols and {symbol["location"]["uri"] for symbol in symbols} == {relative}


@pytest.mark.upstream("apps/daemon/pkg/toolbox/lsp/client.go")
def test_symbols_of_a_document_never_opened_are_read_from_its_path(python_server: httpx.Client) -> None:
    symbols = python_server.get("/lsp/document-symbols", params=PY | {"uri": f"file://{MAIN}"})
    assert symbols.status_code == 200
    assert "Greeter" in {symbol["name"] for symbol in symbols.json()}


@pytest.mark.upstream("apps/daemon/pkg/toolbox/lsp/client.go", "apps/daemon/pkg/toolbox/lsp/lsp.go")
def test_symbols_of_a_document_that_is_nowhere_are_a_bare_400(python_server: httpx.Client) -> None:
    assert_bare(python_server.get("/lsp/document-symbols", params=PY | {"uri": "file:///home/daytona/gone.py"}), 400)


# --- workspace symbols -----------------------------------------------------------------------------------------


@pytest.mark.upstream("apps/daemon/pkg/toolbox/lsp/lsp.go")
@pytest.mark.parametrize("missing", ["query", "languageId", "pathToProject"])
def test_workspace_symbols_require_each_query_parameter(python_server: httpx.Client, missing: str) -> None:
    params = PY | {"query": "Greeter"}
    assert_bare(
        python_server.get("/lsp/workspacesymbols", params={k: v for k, v in params.items() if k != missing}), 400
    )


@pytest.mark.upstream("apps/daemon/pkg/toolbox/lsp/lsp.go", "apps/daemon/pkg/toolbox/lsp/client.go")
def test_workspace_symbols_answer_a_list_of_symbols(python_server: httpx.Client) -> None:
    symbols = python_server.get("/lsp/workspacesymbols", params=PY | {"query": "greet"}).json()
    assert {"Greeter", "greet"} <= {symbol["name"] for symbol in symbols}
    assert all(set(symbol) == {"kind", "location", "name"} for symbol in symbols)


# --- completions ---------------------------------------------------------------------------------------------------


def _complete(box: httpx.Client, **extra: Any) -> httpx.Response:
    return box.post("/lsp/completions", json=PY | {"uri": f"file://{MAIN}"} | extra)


@pytest.mark.upstream(
    "apps/daemon/pkg/toolbox/lsp/types.go",
    "apps/daemon/pkg/toolbox/validator.go",
    "apps/daemon/pkg/toolbox/lsp/client.go",
)
@pytest.mark.parametrize(
    "position",
    [None, {}, {"line": 0, "character": 8}, {"line": 12, "character": 0}, {"line": "12", "character": 8}],
)
def test_completion_positions_on_line_or_character_zero_fail_the_required_rule(
    python_server: httpx.Client, position: Any
) -> None:
    body: dict[str, Any] = {} if position is None else {"position": position}
    assert_bare(_complete(python_server, **body), 400)


@pytest.mark.upstream("apps/daemon/pkg/toolbox/lsp/client.go", "apps/daemon/pkg/toolbox/validator.go")
def test_a_completion_context_needs_a_trigger_kind(python_server: httpx.Client) -> None:
    position = {"line": 12, "character": 8}
    assert_bare(_complete(python_server, position=position, context={}), 400)
    assert _complete(python_server, position=position, context={"triggerKind": 1}).status_code == 200


@pytest.mark.upstream("apps/daemon/pkg/toolbox/lsp/client.go", "apps/daemon/pkg/toolbox/lsp/lsp.go")
def test_completions_answer_is_incomplete_and_items_with_the_daemons_fields(python_server: httpx.Client) -> None:
    python_server.post("/lsp/did-open", json=PY | {"uri": f"file://{MAIN}"}).raise_for_status()
    answer = _complete(python_server, position={"line": 12, "character": 8})
    assert answer.status_code == 200
    body = answer.json()
    assert list(body) == ["isIncomplete", "items"] and body["isIncomplete"] is False
    labels = {item["label"] for item in body["items"]}
    assert any(label.startswith("join") for label in labels)
    allowed = {"label", "kind", "detail", "documentation", "sortText", "filterText", "insertText"}
    assert all(set(item) <= allowed for item in body["items"])
