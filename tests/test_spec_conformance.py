"""openapi.yaml matches Daytona's published descriptions (shared/tools/spec_check.py decides)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CHECKER = ROOT.parent / "shared" / "tools" / "spec_check.py"
SPEC = ROOT / "openapi.yaml"
METHODS = ("get", "put", "post", "delete", "patch")


def _operations() -> list[tuple[str, str, dict]]:
    doc = yaml.safe_load(SPEC.read_text())
    return [(m, p, item[m]) for p, item in doc["paths"].items() for m in METHODS if m in item]


@pytest.mark.skipif(not CHECKER.exists(), reason="../shared/tools/spec_check.py is not beside the project")
def test_spec_check_reports_full_coverage_and_no_mismatch() -> None:
    args = [sys.executable, str(CHECKER), str(SPEC), "--allow", str(ROOT / "spec-deviations.yaml")]
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    summary = proc.stdout.strip().splitlines()[-1]
    match = re.search(r"RESULT: (\d+)/(\d+) in-scope operations .*; (\d+) mismatches; (\d+) invented", summary)
    assert match, proc.stdout + proc.stderr
    have, total, mismatches, invented = map(int, match.groups())
    assert (have, mismatches, invented) == (total, 0, 0), proc.stdout
    assert "stale allow entry" not in proc.stdout, proc.stdout
    assert proc.returncode == 0


def test_every_operation_has_tag_id_and_shared_error_responses() -> None:
    ids = set()
    for method, path, op in _operations():
        where = f"{method.upper()} {path}"
        assert op.get("operationId"), where
        assert op["operationId"] not in ids, f"duplicate operationId at {where}"
        ids.add(op["operationId"])
        assert len(op.get("tags", [])) == 1, where
        responses = op["responses"]
        assert responses.get("4XX") == {"$ref": "#/components/responses/ClientError"}, where
        assert responses.get("5XX") == {"$ref": "#/components/responses/ServerError"}, where


def test_toolbox_operations_are_served_from_the_sandbox_toolbox_proxy() -> None:
    doc = yaml.safe_load(SPEC.read_text())
    for path, item in doc["paths"].items():
        tags = {t for m in METHODS if m in item for t in item[m]["tags"]}
        is_toolbox = any(t.startswith("toolbox-") for t in tags)
        servers = [s["url"] for s in item.get("servers", [])]
        if is_toolbox:
            assert servers == ["{toolboxProxyUrl}/{sandboxId}"], path
        else:
            assert not servers, path
