"""``docs/emulator-fidelity.md`` covers every operation of openapi.yaml once, and every upstream source file it
cites is named by at least one test's ``@pytest.mark.upstream(...)``."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
RECORD = ROOT / "docs" / "emulator-fidelity.md"
METHODS = ("get", "put", "post", "delete", "patch")
ROW = re.compile(r"^\|\s*`(GET|PUT|POST|DELETE|PATCH) (/[^`]*)`\s*\|(.*)$")
SOURCE = re.compile(r"`(apps/[^`\s]+)`")


def _operations() -> set[str]:
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    return {f"{m.upper()} {path}" for path, item in spec["paths"].items() for m in item if m in METHODS}


def _rows() -> list[tuple[str, str]]:
    rows = []
    for line in RECORD.read_text().splitlines():
        match = ROW.match(line)
        if match:
            rows.append((f"{match[1]} {match[2]}", match[3]))
    return rows


def _cited_by_tests() -> set[str]:
    cited: set[str] = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "upstream"
                and isinstance(node.func.value, ast.Attribute)
                and node.func.value.attr == "mark"
            ):
                cited.update(a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
    return cited


def test_every_operation_has_exactly_one_row() -> None:
    keys = [key for key, _ in _rows()]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    assert duplicates == []
    assert set(keys) == _operations(), {
        "missing": sorted(_operations() - set(keys)),
        "unknown": sorted(set(keys) - _operations()),
    }


def test_every_row_names_its_upstream_source() -> None:
    without = [key for key, rest in _rows() if not SOURCE.search(rest)]
    assert without == []


def test_every_cited_source_file_has_a_test_naming_it() -> None:
    cited_in_record = {source for _, rest in _rows() for source in SOURCE.findall(rest)}
    untested = sorted(cited_in_record - _cited_by_tests())
    assert untested == []
