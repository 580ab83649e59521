"""Write ``facade/_sync.pyi``: the synchronous client's classes as type checkers see them, from the async classes.

At run time ``facade._portal`` makes ``Daytona``, ``Sandbox`` and the sync services from the async classes (every
``Async*`` class of ``facade``); this writes the same surface as a stub: every public method of each async class
(and ``__aenter__``/``__aexit__`` as ``__enter__``/``__exit__``) with its own parameters and ``async def f(...) ->
T`` turned into ``def f(...) -> T`` with the annotations mapped by ``facade._portal.sync_annotation``
(``AsyncSandbox`` -> ``Sandbox``, ``AsyncIterator`` -> ``Iterator``, ``SandboxList`` -> ``Iterator[Sandbox]``),
overloads kept, methods made by ``_forward`` given their operation's signature, properties and public
attributes (class annotations, and ``self.x = ...`` assignments in the class's methods) typed the same way.
Names the annotations use are imported from the module that defines them. Used by ``scripts/generate.py``.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import importlib.util
import inspect
import pkgutil
import re
import subprocess
import sys
import textwrap
import typing
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

HEADER = '"""Written by `make generate` from the async classes (scripts/sync_stub.py); do not edit."""'
IDENTIFIER = re.compile(r"(?<![\w.])([A-Za-z_]\w*)")


def async_classes() -> list[type]:
    """Every class named ``Async*`` defined in a module of ``facade``, ``AsyncDaytona`` and ``AsyncSandbox`` first."""
    import facade

    found: dict[str, type] = {}
    for info in pkgutil.iter_modules(facade.__path__):
        module = importlib.import_module(f"facade.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, type) and name.startswith("Async") and value.__module__ == module.__name__:
                found[name] = value
    first = ["AsyncDaytona", "AsyncSandbox"]
    return [found[name] for name in first] + [found[name] for name in sorted(found) if name not in first]


def public_functions(cls: type) -> dict[str, Callable[..., Any]]:
    """The methods the sync class gets (as ``facade._portal._sync_class`` picks them), by async name."""
    from facade._portal import forwarded

    out: dict[str, Callable[..., Any]] = {}
    for klass in reversed(cls.__mro__[:-1]):
        for name, value in vars(klass).items():
            if inspect.isfunction(value) and forwarded(name):
                out[name] = value
    return out


def effective(fn: Callable[..., Any]) -> tuple[inspect.Signature, dict[str, Any]]:
    """``fn``'s signature and the globals its annotations are written in; for a ``_forward`` method (``*args,
    **kwargs`` sending an operation) the operation's parameters after ``self``, returning what it parses (for a
    ``_body`` method, the parameters of the body model it builds)."""
    signature = inspect.signature(fn)
    closure = inspect.getclosurevars(fn).nonlocals
    if (op := closure.get("op")) is None:
        return signature, fn.__globals__
    node = ast.parse(inspect.getsource(op)).body[0]  # generated code: annotations as written, not objects
    assert isinstance(node, ast.FunctionDef) and node.returns is not None, op
    written = {arg.arg: ast.unparse(arg.annotation) for arg in node.args.args + node.args.kwonlyargs if arg.annotation}
    op_signature = inspect.signature(op)
    if (model := closure.get("model")) is not None:  # a ``_body`` method: the body model's constructor parameters
        op_signature = inspect.signature(model)  # attrs keeps the fields' annotations as written; unset is None
        written = {p.name: re.sub(r"\bUnset\b", "None", p.annotation) for p in op_signature.parameters.values()}
    self_param = inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    result = re.fullmatch(r"Request\[(.*)\]", ast.unparse(node.returns))
    assert result, f"{fn.__qualname__}: {ast.unparse(node.returns)}"
    params = [self_param, *(p.replace(annotation=written[p.name]) for p in op_signature.parameters.values())]
    return op_signature.replace(parameters=params, return_annotation=result[1]), op.__globals__


class Stub:
    """The stub's text, and the imports its annotations need."""

    def __init__(self, mirrored: set[str]) -> None:
        self.mirrored = mirrored  # names of the stub's own classes
        self.imports: dict[str, str] = {}  # local name -> import line

    def annotation(self, text: Any, namespace: dict[str, Any]) -> str:
        from facade._portal import sync_annotation

        if text is inspect.Parameter.empty:
            return ""
        text = sync_annotation(text)
        for name in IDENTIFIER.findall(text):
            if name not in self.mirrored:
                self.need(name, namespace)
        return text

    def need(self, name: str, namespace: dict[str, Any]) -> None:
        if name == "Iterator":
            line = "from collections.abc import Iterator"
        elif name in namespace:
            line = import_line(name, namespace[name], namespace)
        elif hasattr(builtins, name):
            return
        else:
            line = checking_import(name, namespace["__name__"])
        if self.imports.setdefault(name, line) != line:
            raise SystemExit(f"sync stub: {name!r} means two things: {self.imports[name]!r} and {line!r}")

    def function(self, name: str, fn: Callable[..., Any], decorator: str = "") -> list[str]:
        signature, namespace = effective(fn)
        parts: list[str] = []
        params = list(signature.parameters.values())
        star = False  # a bare `*` or a `*args` came already
        for index, param in enumerate(params):
            if param.kind == param.KEYWORD_ONLY and not star:
                parts.append("*")
            star = star or param.kind in (param.KEYWORD_ONLY, param.VAR_POSITIONAL)
            text = {param.VAR_POSITIONAL: "*", param.VAR_KEYWORD: "**"}.get(param.kind, "") + param.name
            if annotation := self.annotation(param.annotation, namespace):
                text += f": {annotation}"
            if param.default is not param.empty:
                text += " = " + default_text(param.default)
            parts.append(text)
            if param.kind == param.POSITIONAL_ONLY and (
                index + 1 == len(params) or params[index + 1].kind != param.kind
            ):
                parts.append("/")
        returns = self.annotation(signature.return_annotation, namespace)
        lines = [decorator] if decorator else []
        return [*lines, f"def {name}({', '.join(parts)})" + (f" -> {returns}" if returns else "") + ": ..."]

    def cls(self, cls: type) -> list[str]:
        from facade._portal import _DUNDERS

        body: list[str] = []
        for name, (annotation, namespace) in attributes(cls).items():
            body.append(f"{name}: {self.annotation(annotation, namespace)}")
        for name, value in inspect.getmembers(cls, lambda v: isinstance(v, property)):
            if not name.startswith("_"):
                body += self.function(name, value.fget, "@property")
        if cls.__name__ == "AsyncDaytona":
            body += self.function("__init__", cls.__init__)  # type: ignore[misc]
        for name, fn in public_functions(cls).items():
            overloads = typing.get_overloads(fn)
            for variant in overloads:
                body += self.function(_DUNDERS.get(name, name), variant, "@overload")
            if not overloads:
                body += self.function(_DUNDERS.get(name, name), fn)
        self.need("overload", {"overload": typing.overload}) if any("@overload" in b for b in body) else None
        return [f"class {cls.__name__.removeprefix('Async')}:", *(textwrap.indent(b, "    ") for b in body or ["..."])]


def default_text(value: object) -> str:
    """A literal default as written; anything else as ``...``."""
    literal = value is None or type(value) in (bool, int, float, str)
    return repr(value) if literal else "..."


def import_line(name: str, value: object, namespace: dict[str, Any]) -> str:
    """How the stub imports ``name`` (``value`` in ``namespace``) from where it is defined."""
    if inspect.ismodule(value):
        return f"import {value.__name__}" + (f" as {name}" if name != value.__name__ else "")
    module, qualname = getattr(value, "__module__", None), getattr(value, "__qualname__", None)
    if module and qualname and getattr(sys.modules.get(module), qualname, None) is value:
        return f"from {module} import {qualname}" + (f" as {name}" if name != qualname else "")
    import facade

    # a type alias: the facade module whose source assigns it
    for info in pkgutil.iter_modules(facade.__path__):
        source_module = sys.modules.get(f"facade.{info.name}")
        if source_module is not None and getattr(source_module, name, None) is value:
            if re.search(rf"^{name}\b\s*(:[^=\n]*)?=", inspect.getsource(source_module), re.M):
                return f"from {source_module.__name__} import {name}"
    raise SystemExit(f"sync stub: cannot find where {name!r} is defined")


def checking_import(name: str, module: str) -> str:
    """The import of ``name`` that ``module`` makes only for type checkers (``if TYPE_CHECKING:``)."""
    for node in ast.walk(ast.parse(inspect.getsource(sys.modules[module]))):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if (alias.asname or alias.name) == name:
                    package = module if hasattr(sys.modules[module], "__path__") else module.rpartition(".")[0]
                    source = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
                    return f"from {source} import {alias.name}" + (f" as {name}" if alias.asname else "")
    raise SystemExit(f"sync stub: cannot resolve the annotation name {name!r} of {module}")


def attributes(cls: type) -> dict[str, tuple[Any, dict[str, Any]]]:
    """Public attributes: class annotations, then ``self.x = ...`` assignments in the class's methods."""
    out: dict[str, tuple[Any, dict[str, Any]]] = {}
    for klass in reversed(cls.__mro__[:-1]):
        namespace = vars(sys.modules[klass.__module__])
        for name, annotation in vars(klass).get("__annotations__", {}).items():
            if not name.startswith("_") and "ClassVar" not in str(annotation):
                out[name] = (annotation, namespace)
    for klass in reversed(cls.__mro__[:-1]):
        namespace = vars(sys.modules[klass.__module__])
        for fn in vars(klass).values():
            if inspect.isfunction(fn):
                for name, annotation in assigned(fn, namespace, set(out)).items():
                    out.setdefault(name, (annotation, namespace))
    return out


def assigned(fn: Callable[..., Any], namespace: dict[str, Any], known: set[str]) -> dict[str, str]:
    """The public ``self.x`` that ``fn`` assigns, with their types (from an annotation, a constructor call, an
    enum member, or the parameter assigned)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    params = {name: p.annotation for name, p in inspect.signature(fn).parameters.items()}
    out: dict[str, str] = {}

    def add(target: ast.expr, value: ast.expr | None, annotation: ast.expr | None) -> None:
        if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple):
            for t, v in zip(target.elts, value.elts, strict=True):
                add(t, v, None)
            return
        if not (isinstance(target, ast.Attribute) and getattr(target.value, "id", "") == "self"):
            return
        if target.attr.startswith("_") or target.attr in known:
            return
        if annotation is not None:
            out[target.attr] = ast.unparse(annotation)
        elif isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
            out[target.attr] = value.func.id
        elif isinstance(value, ast.Attribute) and isinstance(namespace.get(getattr(value.value, "id", "")), type):
            assert issubclass(namespace[value.value.id], Enum), ast.unparse(value)  # type: ignore[attr-defined]
            out[target.attr] = value.value.id  # type: ignore[attr-defined]
        elif isinstance(value, ast.Name) and value.id in params:
            out[target.attr] = params[value.id]
        elif checked_param(value) in params:  # `check.text(arg, ...)` returns its argument's type
            out[target.attr] = params[checked_param(value)]
        else:
            raise SystemExit(f"sync stub: cannot type self.{target.attr} in {fn.__qualname__}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                add(target, node.value, None)
        elif isinstance(node, ast.AnnAssign):
            add(node.target, node.value, node.annotation)
    return out


def checked_param(value: ast.expr | None) -> str:
    """The parameter a ``check.text``-style call (``facade._checks``: same type out as in) is given, or ``""``."""
    call = value if isinstance(value, ast.Call) and ast.unparse(value.func) in ("check.text", "check.number") else None
    return getattr(call.args[0], "id", "") if call and call.args else ""


def sync_stub_text(stub_path: Path) -> str:
    """The text of ``facade/_sync.pyi``, sorted and formatted as ``make lint`` wants."""
    classes = async_classes()
    stub = Stub({cls.__name__.removeprefix("Async") for cls in classes})
    bodies = [line for cls in classes for line in ["", "", *stub.cls(cls)]]
    lines = [HEADER, "", *sorted(set(stub.imports.values())), *bodies, "", '__all__ = ["Daytona", "Sandbox"]', ""]
    text = "\n".join(lines)
    ruff = str(Path(sys.executable).parent / "ruff")
    for step in (["check", "--fix", "--select", "I"], ["format"]):
        command = [ruff, *step, "--quiet", "--stdin-filename", str(stub_path), "-"]
        text = subprocess.run(command, input=text, capture_output=True, text=True, check=True).stdout
    return text
