"""The call path is typed: a wrong keyword to a generated operation, a wrong attribute of its result, or a table
entry (``_body``) whose body model does not fit its operation, in a facade call makes ``make lint`` (mypy --strict on
facade/) fail; the unchanged code passes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (file, text that is there, the same call with a deliberate mistake)
MISTAKES = [
    ("_sandbox.py", "api.get_sandbox.request(self.id)", "api.get_sandbox.request(self.id, verbos=True)"),
    (
        "_sandbox.py",
        "return SignedPortPreviewUrl(sandbox_id=r.sandbox_id,",
        "return SignedPortPreviewUrl(sandbox_id=r.sandbox,",
    ),
    ("_toolbox.py", "git_api.git_commit.request(body=body)", "git_api.git_commit.request(bodyy=body)"),
    # a table entry whose body model is not its operation's
    ("_toolbox.py", 'm.GitBranchRequest, "Failed to create branch', 'm.GitCheckoutRequest, "Failed to create branch'),
]


def _mypy(package: Path, tmp: Path) -> subprocess.CompletedProcess[str]:
    config = tmp / "mypy.ini"
    config.write_text(
        f"[mypy]\npython_version = 3.11\nmypy_path = {ROOT / 'generated'}\ncache_dir = {tmp / 'cache'}\n"
        "[mypy-facade.*]\nstrict = True\n[mypy-daytona_openapi.*]\nignore_errors = True\n"
    )
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(config), "-p", "facade"],
        cwd=package.parent,
        capture_output=True,
        text=True,
        check=False,
    )


def test_mypy_catches_a_wrong_keyword_or_attribute_in_a_facade_call(tmp_path: Path) -> None:
    package = tmp_path / "src" / "facade"
    shutil.copytree(ROOT / "facade", package, ignore=shutil.ignore_patterns("__pycache__"))
    clean = _mypy(package, tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    for name, good, bad in MISTAKES:
        path = package / name
        text = path.read_text()
        assert good in text, f"{name} no longer contains {good!r}: update this test"
        path.write_text(text.replace(good, bad, 1))
    broken = _mypy(package, tmp_path)
    assert broken.returncode != 0
    assert 'Unexpected keyword argument "verbos"' in broken.stdout, broken.stdout
    assert 'has no attribute "sandbox"' in broken.stdout, broken.stdout
    assert 'Unexpected keyword argument "bodyy"' in broken.stdout, broken.stdout
    assert 'Argument 2 to "_body" has incompatible type "type[GitCheckoutRequest]"' in broken.stdout, broken.stdout
