"""generated/ is exactly what the pinned generator makes from openapi.yaml, and covers every operation."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
METHODS = ("get", "put", "post", "delete", "patch")


def test_generated_client_equals_a_fresh_generation() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate.py"), "--check"], capture_output=True, text=True, cwd=ROOT
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def test_every_operation_has_a_typed_request_that_parses_each_documented_success() -> None:
    doc = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    missing = []
    for path, item in doc["paths"].items():
        for method in METHODS:
            if method not in item:
                continue
            op = item[method]
            tag = op["tags"][0].replace("-", "_")
            module = importlib.import_module(f"daytona_openapi.api.{tag}.{_snake(op['operationId'])}")
            assert callable(getattr(module, "request", None)), f"{method} {path}"
            source = Path(module.__file__).read_text()
            success = [c for c in op["responses"] if c.startswith("2") and op["responses"][c].get("content")]
            for code in success:
                if f"response_{code} = " not in source:
                    missing.append(f"{method.upper()} {path} -> {code}")
    assert not missing, missing
