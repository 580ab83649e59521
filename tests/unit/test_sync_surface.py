"""The sync client cannot drift from the async one: every public method of every ``Async*`` class of ``facade``
has a sync twin, at run time and in ``facade/_sync.pyi`` (what type checkers see), with the same parameters
(names, kinds, defaults) and the async annotations with ``AsyncX`` read as ``X``; and mypy accepts a sync
program written against the stub and rejects the same program with mistakes in it."""

from __future__ import annotations

import ast
import importlib
import inspect
import os
import pkgutil
import re
import subprocess
import sys
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import facade
from facade import _portal

ROOT = Path(__file__).resolve().parents[2]
STUB = ast.parse((ROOT / "facade" / "_sync.pyi").read_text())
DUNDERS = {"__aenter__": "__enter__", "__aexit__": "__exit__"}


def _async_classes() -> dict[str, type]:
    found = {}
    for info in pkgutil.iter_modules(facade.__path__):
        module = importlib.import_module(f"facade.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, type) and name.startswith("Async") and value.__module__ == module.__name__:
                found[name] = value
    return found


ASYNC = _async_classes()


def _methods(cls: type) -> dict[str, Callable[..., Any]]:
    """Public methods (with ``_experimental_*``, as in the official SDK, and ``async with``), by their sync name."""
    out = {}
    for klass in reversed(cls.__mro__[:-1]):
        for name, value in vars(klass).items():
            public = not name.startswith("_") or name.startswith("_experimental_")
            if inspect.isfunction(value) and (public or name in DUNDERS):
                out[DUNDERS.get(name, name)] = value
    return out


def _sync(text: Any) -> Any:
    """What an async annotation reads as in the sync API (written independently of ``facade._portal``)."""
    if not isinstance(text, str):
        return text
    text = re.sub(r"\bSandboxList\b", "Iterator[Sandbox]", text).replace("AsyncIterator[", "Iterator[")
    for name in sorted(ASYNC, key=len, reverse=True):
        text = re.sub(rf"\b{name}\b", name.removeprefix("Async"), text)
    return ast.unparse(ast.parse(text, mode="eval"))  # one spelling


def test_the_public_async_classes_are_all_found() -> None:
    assert {"AsyncDaytona", "AsyncSandbox", "AsyncFileSystem", "AsyncProcess", "AsyncGit", "AsyncComputerUse"} <= set(
        ASYNC
    )
    assert {name for name in facade.__all__ if name.startswith("Async")} <= set(ASYNC)


@pytest.mark.parametrize("name", sorted(ASYNC))
def test_run_time_sync_class_has_every_async_method_with_the_same_signature(name: str) -> None:
    sync_cls = _portal._sync_class(ASYNC[name])
    assert sync_cls.__name__ == name.removeprefix("Async")
    methods = _methods(ASYNC[name])
    extra = {n for n, v in vars(sync_cls).items() if inspect.isfunction(v) and n[:1] != "_"} - set(methods)
    assert not extra, f"sync methods without an async twin: {extra}"
    for method_name, fn in methods.items():
        sync_fn = getattr(sync_cls, method_name)
        assert not inspect.iscoroutinefunction(sync_fn), method_name
        expected, actual = inspect.signature(fn), inspect.signature(sync_fn)
        assert list(actual.parameters) == list(expected.parameters), method_name
        for param in expected.parameters.values():
            got = actual.parameters[param.name]
            assert (got.kind, got.default) == (param.kind, param.default), f"{name}.{method_name}({param.name})"
            assert _sync(got.annotation) == _sync(param.annotation), f"{name}.{method_name}({param.name})"
        assert _sync(actual.return_annotation) == _sync(expected.return_annotation), method_name


def test_daytona_is_constructed_like_async_daytona() -> None:
    assert inspect.signature(facade.Daytona.__init__) == inspect.signature(facade.AsyncDaytona.__init__)
    assert facade.Daytona is _portal._sync_class(facade.AsyncDaytona)
    assert facade.Sandbox is _portal._sync_class(facade.AsyncSandbox)


# ---- the stub -------------------------------------------------------------------------------------


def _effective(fn: Callable[..., Any]) -> tuple[list[inspect.Parameter], Any]:
    """Parameters and return annotation of an async method; a ``_forward`` method (``*args, **kwargs`` sending a
    generated operation) has its operation's, returning what the ``Request`` parses (a ``_body`` method: its body
    model's constructor parameters)."""
    closure = inspect.getclosurevars(fn).nonlocals
    if (op := closure.get("op")) is None:
        signature = inspect.signature(fn)
        return list(signature.parameters.values()), signature.return_annotation
    node = ast.parse(inspect.getsource(op)).body[0]
    assert isinstance(node, ast.FunctionDef) and node.returns is not None
    annotations = {arg.arg: ast.unparse(arg.annotation) for arg in node.args.args if arg.annotation}
    if (model := closure.get("model")) is None:
        params = [p.replace(annotation=annotations[p.name]) for p in inspect.signature(op).parameters.values()]
    else:  # a _body method: the body model's constructor parameters (unset is None)
        params = [
            p.replace(annotation=p.annotation.replace("Unset", "None"))
            for p in inspect.signature(model).parameters.values()
        ]
    self_param = inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    returns = ast.unparse(node.returns)
    assert returns.startswith("Request[")
    return [self_param, *params], returns.removeprefix("Request[").removesuffix("]")


def _stub_params(node: ast.FunctionDef) -> list[tuple[str, Any, Any, Any]]:
    """(name, kind, default, annotation) per parameter of a stub function; a default of ``...`` is ``...``."""
    a, kinds = node.args, inspect.Parameter
    positional = [(arg, kinds.POSITIONAL_ONLY) for arg in a.posonlyargs] + [
        (arg, kinds.POSITIONAL_OR_KEYWORD) for arg in a.args
    ]
    defaults = [None] * (len(positional) - len(a.defaults)) + list(a.defaults)
    rows = [(arg, kind, default) for (arg, kind), default in zip(positional, defaults, strict=True)]
    rows += [(a.vararg, kinds.VAR_POSITIONAL, None)] if a.vararg else []
    rows += [(arg, kinds.KEYWORD_ONLY, d) for arg, d in zip(a.kwonlyargs, a.kw_defaults, strict=True)]
    rows += [(a.kwarg, kinds.VAR_KEYWORD, None) for _ in [0] if a.kwarg]
    out = []
    for arg, kind, default in rows:
        value = inspect.Parameter.empty if default is None else ast.literal_eval(default)
        annotation = ast.unparse(arg.annotation) if arg.annotation else inspect.Parameter.empty
        out.append((arg.arg, kind, value, annotation))
    return out


def _expected_params(params: list[inspect.Parameter]) -> list[tuple[str, Any, Any, Any]]:
    literal = lambda v: v is None or type(v) in (bool, int, float, str)  # noqa: E731
    return [
        (p.name, p.kind, p.default if p.default is p.empty or literal(p.default) else ..., _sync(p.annotation))
        for p in params
    ]


STUB_CLASSES = {node.name: node for node in STUB.body if isinstance(node, ast.ClassDef)}


def test_the_stub_has_a_class_per_async_class() -> None:
    assert set(STUB_CLASSES) == {name.removeprefix("Async") for name in ASYNC}


@pytest.mark.parametrize("name", sorted(ASYNC))
def test_stub_methods_have_the_async_signatures(name: str) -> None:
    cls = ASYNC[name]
    stub: dict[str, list[ast.FunctionDef]] = {}
    for node in STUB_CLASSES[name.removeprefix("Async")].body:
        if isinstance(node, ast.FunctionDef) and not any(ast.unparse(d) == "property" for d in node.decorator_list):
            stub.setdefault(node.name, []).append(node)
    methods = _methods(cls) | ({"__init__": cls.__init__} if name == "AsyncDaytona" else {})  # type: ignore[misc]
    assert set(stub) == set(methods), name
    for method_name, fn in methods.items():
        variants = typing.get_overloads(fn) or [fn]
        assert len(stub[method_name]) == len(variants), method_name
        for node, variant in zip(stub[method_name], variants, strict=True):
            params, returns = _effective(variant)
            where = f"{name}.{method_name}"
            assert _stub_params(node) == _expected_params(params), where
            got_returns = ast.unparse(node.returns) if node.returns else inspect.Parameter.empty
            assert got_returns == _sync(returns), where


def test_stub_attributes_and_properties_are_the_async_ones() -> None:
    sandbox = STUB_CLASSES["Sandbox"]
    attributes = {
        ast.unparse(n.target): ast.unparse(n.annotation) for n in sandbox.body if isinstance(n, ast.AnnAssign)
    }
    declared = [vars(klass).get("__annotations__", {}) for klass in reversed(facade.AsyncSandbox.__mro__)]
    expected = {k: _sync(v) for own in declared for k, v in own.items() if not k.startswith("_")}  # bases first
    assert attributes == {k: v for k, v in expected.items() if "ClassVar" not in v}
    assert {"fs": "FileSystem", "process": "Process", "git": "Git"}.items() <= attributes.items()
    properties = [n.name for n in sandbox.body if isinstance(n, ast.FunctionDef) and n.decorator_list]
    assert properties == ["language"]
    daytona = STUB_CLASSES["Daytona"]
    attributes = {
        ast.unparse(n.target): ast.unparse(n.annotation) for n in daytona.body if isinstance(n, ast.AnnAssign)
    }
    assert attributes == {"volume": "VolumeService", "snapshot": "SnapshotService", "default_language": "CodeLanguage"}


# ---- what a type checker makes of a sync program ---------------------------------------------------

PROGRAM = """
from collections.abc import Iterator

from facade import (CreateSandboxFromSnapshotParams, Daytona, DaytonaConfig, ExecuteResponse, ListSandboxesQuery,
    Sandbox, SandboxListSortDirection, SandboxListSortField)


def main() -> None:
    with Daytona(DaytonaConfig(api_key="key")) as daytona:
        sandbox: Sandbox = daytona.create(CreateSandboxFromSnapshotParams(language="python"), timeout=30)
        response: ExecuteResponse = sandbox.process.exec("echo hi")
        sandbox.fs.upload_file(b"data", "/tmp/file")
        data: bytes = sandbox.fs.download_file("/tmp/file")
        chunks: Iterator[bytes] = sandbox.fs.download_file_stream("/tmp/file")
        query = ListSandboxesQuery(sort=SandboxListSortField.CREATEDAT, order=SandboxListSortDirection.DESC)
        names: list[str] = [found.name for found in daytona.list(query)]
        daytona.delete(sandbox)
        print(response.exit_code, data, chunks, names, sandbox.state)
"""
MISTAKES = [
    ('sandbox.process.exec("echo hi")', "sandbox.process.exec(42)", 'Argument 1 to "exec" of "Process"'),
    ("data: bytes = sandbox.fs", "data: int = sandbox.fs", "expression has type"),
    ("daytona.delete(sandbox)", "daytona.delete(sandbox.id)", 'Argument 1 to "delete" of "Daytona"'),
    ("found.name for", "found.nam for", '"Sandbox" has no attribute "nam"'),
]


def _mypy(tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "program.py").write_text(text)
    env = dict(os.environ, MYPYPATH=f"{ROOT}{os.pathsep}{ROOT / 'generated'}")
    command = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), "program.py"]
    return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)


def test_mypy_checks_a_sync_program_against_the_stub(tmp_path: Path) -> None:
    clean = _mypy(tmp_path, PROGRAM)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    broken_text = PROGRAM
    for good, bad, _ in MISTAKES:
        assert good in broken_text, good
        broken_text = broken_text.replace(good, bad, 1)
    broken = _mypy(tmp_path, broken_text)
    for _, _, message in MISTAKES:
        assert message in broken.stdout, broken.stdout
