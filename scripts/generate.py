"""Regenerate `generated/daytona_openapi` from `openapi.yaml`, or check that it is up to date.

    python scripts/generate.py          # regenerate in place
    python scripts/generate.py --check  # exit 1 if a fresh generation differs from the committed tree

Generation always runs in a fresh temporary directory outside the repository, with the
pinned openapi-python-client and ruff of the running interpreter's environment, so the
result does not depend on where it runs. Any generator warning is an error.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi.yaml"
CONFIG = ROOT / "generator-config.yaml"
TEMPLATES = ROOT / "generator-templates"  # our overrides of the generator's own templates
TARGET = ROOT / "generated" / "daytona_openapi"
FACADE_INIT = ROOT / "facade" / "__init__.py"
FACADE_STUB = ROOT / "facade" / "__init__.pyi"
SYNC_STUB = ROOT / "facade" / "_sync.pyi"  # the sync client's types, from the async classes (scripts/sync_stub.py)
IGNORED = {"__pycache__", ".ruff_cache", ".mypy_cache"}


def generate_into(out_dir: Path) -> None:
    """Run openapi-python-client into `out_dir`; raise SystemExit on failure or any warning."""
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    cmd = [
        str(bin_dir / "openapi-python-client"),
        "generate",
        "--path",
        str(SPEC),
        "--config",
        str(CONFIG),
        "--custom-template-path",
        str(TEMPLATES),
        "--meta",
        "none",
        "--output-path",
        str(out_dir),
        "--overwrite",
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=out_dir.parent)
    output = proc.stdout + proc.stderr
    if proc.returncode != 0 or "warning" in output.lower() or "error" in output.lower():
        sys.stderr.write(output)
        raise SystemExit(f"openapi-python-client failed or warned (exit {proc.returncode})")


def facade_stub_text(init_source: str) -> str:
    """``facade/__init__.pyi``, written from the ``_TABLE`` of ``facade/__init__.py`` (the one export table): the
    public names as type checkers see them (at run time the package loads each one on first use)."""
    import ast

    table = next(
        ast.literal_eval(node.value)
        for node in ast.parse(init_source).body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "_TABLE"
    )
    lines = ['"""Written by `make generate` from the export table `_TABLE` in __init__.py; do not edit."""', ""]
    names: list[str] = []
    for module in sorted(table, key=lambda name: (not name.startswith("."), name)):
        entries = sorted(table[module].split())
        names += [entry.split("=")[0] for entry in entries]
        imported = ", ".join(f"{e.split('=')[1]} as {e.split('=')[0]}" if "=" in e else e for e in entries)
        lines.append(f"from {module} import {imported}")
    lines += ["", "__all__ = [", *(f'    "{name}",' for name in sorted(names)), "]", ""]
    ruff = [str(Path(sys.executable).parent / "ruff"), "--quiet", "--stdin-filename", str(FACADE_STUB)]
    text = "\n".join(lines)
    for step in (["check", "--fix", "--select", "I"], ["format"]):  # sorted and wrapped as `make lint` wants
        text = subprocess.run([ruff[0], *step, *ruff[1:], "-"], input=text, capture_output=True, text=True).stdout
    return text


def tree_differences(a: Path, b: Path) -> list[str]:
    """Relative paths that differ between two directory trees (missing, extra or changed)."""
    out: list[str] = []

    def walk(cmp: filecmp.dircmp[str], rel: str) -> None:
        for name in cmp.left_only:
            if name not in IGNORED:
                out.append(f"only in committed tree: {rel}{name}")
        for name in cmp.right_only:
            if name not in IGNORED:
                out.append(f"only in fresh generation: {rel}{name}")
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        out.extend(f"differs: {rel}{name}" for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            if name not in IGNORED:
                walk(sub, f"{rel}{name}/")

    walk(filecmp.dircmp(str(a), str(b), ignore=list(IGNORED)), "")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed tree instead of writing it")
    args = parser.parse_args()
    stub = facade_stub_text(FACADE_INIT.read_text())
    if args.check and (not FACADE_STUB.exists() or stub != FACADE_STUB.read_text()):
        print("facade/__init__.pyi differs from the export table (run `make generate`)", file=sys.stderr)
        return 1
    if not args.check:
        FACADE_STUB.write_text(stub)
    with tempfile.TemporaryDirectory(prefix="daytona-gen-") as tmp:
        fresh = Path(tmp) / "daytona_openapi"
        generate_into(fresh)
        if args.check:
            if not TARGET.is_dir():
                print(f"{TARGET.relative_to(ROOT)} is missing; run `make generate`", file=sys.stderr)
                return 1
            diffs = tree_differences(TARGET, fresh)
            if diffs:
                print("generated/ differs from a fresh generation (run `make generate`):", file=sys.stderr)
                for line in diffs[:50]:
                    print("  " + line, file=sys.stderr)
                return 1
            print("generated/ matches a fresh generation")
        else:
            if TARGET.exists():
                shutil.rmtree(TARGET)
            shutil.copytree(fresh, TARGET, ignore=shutil.ignore_patterns(*IGNORED))
            print(f"regenerated {TARGET.relative_to(ROOT)}")
    from sync_stub import sync_stub_text  # this directory; imports facade (and so generated/, written above)

    sync_stub = sync_stub_text(SYNC_STUB)
    if args.check and (not SYNC_STUB.exists() or sync_stub != SYNC_STUB.read_text()):
        print("facade/_sync.pyi differs from the async classes (run `make generate`)", file=sys.stderr)
        return 1
    if not args.check:
        SYNC_STUB.write_text(sync_stub)
    return 0


if __name__ == "__main__":
    sys.exit(main())
