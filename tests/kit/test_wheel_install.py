"""The testing kit works from the built wheel, installed with its ``testing`` extra into a fresh virtual
environment outside the repository: the README's test of a user's service passes there, records a cassette
without secrets, and replays it offline.

Installing the dependencies needs the package index (or pip's cache): when the index cannot be reached the
test is skipped, saying so; any other install failure fails it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.kit._user_project import REPO_ROOT, cassette_problems, readme_blocks, run_pytest, user_env, write_user_tests

# What pip prints when it cannot reach an index (no network, no name resolution, a proxy refusing).
_UNREACHABLE = re.compile(
    r"NewConnectionError|Failed to establish a new connection|Temporary failure in name resolution|"
    r"Name or service not known|Network is unreachable|ConnectTimeout|Connection refused|ProxyError|"
    r"No route to host|Read timed out",
    re.IGNORECASE,
)


def _run(command: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=user_env(), capture_output=True, text=True, timeout=timeout)


def _skip_if_unreachable(step: str, result: subprocess.CompletedProcess[str]) -> None:
    output = result.stdout + result.stderr
    if result.returncode != 0 and _UNREACHABLE.search(output):
        pytest.skip(f"{step} needs the package index, which cannot be reached here: {output.strip()[-300:]}")
    assert result.returncode == 0, f"{step} failed:\n{output[-4000:]}"


def test_the_wheel_with_its_testing_extra_runs_a_users_tests_in_a_fresh_venv(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(REPO_ROOT)], tmp_path)
    _skip_if_unreachable("building the wheel", built)
    (wheel,) = dist.glob("daytona_facade-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for expected in ("facade/py.typed", "daytona_emulator/py.typed", "daytona_emulator/pytest_plugin.py"):
        assert expected in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert not any(n.startswith(("tests/", "scripts/")) for n in names)

    # A bare environment (no pip of its own: this pip installs into it, which is quicker than ensurepip).
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-compile"]
    install += ["--retries", "1", "--timeout", "30", f"{wheel}[testing]"]
    _skip_if_unreachable("installing the wheel", _run(install, tmp_path))

    where = _run([str(python), "-c", "import daytona_emulator, facade; print(daytona_emulator.__file__)"], tmp_path)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(env_dir), where.stdout  # the wheel's copy, not the repository
    help_text = _run([str(env_dir / "bin" / "daytona-emulator"), "--help"], tmp_path)
    assert help_text.returncode == 0 and "--api-key" in help_text.stdout, help_text.stderr

    project = tmp_path / "user-project"
    write_user_tests(project, readme_blocks())
    first = run_pytest(python, project)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "2 passed" in first.stdout
    assert "SETUP    S daytona_emulator" in first.stdout
    cassette = project / "cassettes" / "test_service" / "test_count_words.yaml"
    text = cassette.read_text()
    assert cassette_problems(text) == []
    assert "http://daytona.test/api/sandbox" in text

    replay = run_pytest(python, project, "-k", "count_words")
    assert replay.returncode == 0, replay.stdout + replay.stderr
    assert "1 passed" in replay.stdout and "daytona_emulator" not in replay.stdout
    assert cassette.read_text() == text
