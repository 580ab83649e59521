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
BLOCK_START = "if TYPE_CHECKING:  # written from _TABLE by `make generate`\n"
BLOCK_END = "# fmt: on\n"
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


def facade_init_text(current: str) -> str:
    """``facade/__init__.py`` with its TYPE_CHECKING import block written from its ``_TABLE`` (the one export
    table): one ``from module import ...`` statement per line of at most 120 characters, sorted."""
    import ast

    tree = ast.parse(current)
    table = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "_TABLE"
    )
    lines = ["    # isort: off\n"]
    for module in sorted(table, key=lambda name: (not name.startswith("."), name)):
        names = sorted(f"{n.split('=')[1]} as {n.split('=')[0]}" if "=" in n else n for n in table[module].split())
        line = ""
        for name in names:
            start = f"    from {module} import "
            if line and len(line) + len(name) + 2 > 120:
                lines.append(line + "\n")
                line = ""
            line = f"{line}, {name}" if line else start + name
        lines.append(line + "\n")
    lines.append("    # isort: on\n")
    head, rest = current.split(BLOCK_START, 1)
    return head + BLOCK_START + "".join(lines) + BLOCK_END + rest.split(BLOCK_END, 1)[1]


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
    init_now = FACADE_INIT.read_text()
    init_fresh = facade_init_text(init_now)
    if args.check and init_fresh != init_now:
        print("facade/__init__.py: the TYPE_CHECKING imports differ from _TABLE (run `make generate`)", file=sys.stderr)
        return 1
    if not args.check and init_fresh != init_now:
        FACADE_INIT.write_text(init_fresh)
        print("rewrote the TYPE_CHECKING imports of facade/__init__.py")
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
            return 0
        if TARGET.exists():
            shutil.rmtree(TARGET)
        shutil.copytree(fresh, TARGET, ignore=shutil.ignore_patterns(*IGNORED))
        print(f"regenerated {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
