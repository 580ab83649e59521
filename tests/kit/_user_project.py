"""A user's project outside the repository: the README's test of a service, run by pytest in a temporary directory.

The test file is the README's own example ("Testing your service": its Python blocks, in order), so what the
README shows is what these tests prove.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
README = REPO_ROOT / "README.md"
#: The key the user's session emulator accepts (``DAYTONA_EMULATOR_API_KEY``); no cassette may hold it.
EMULATOR_KEY = "user-emulator-key-7f3a91c2"
#: Environment variables that would send the user's run elsewhere (a developer's real credentials).
_FOREIGN = ("DAYTONA_API_KEY", "DAYTONA_API_URL", "DAYTONA_SERVER_URL", "DAYTONA_JWT_TOKEN", "DAYTONA_RECORD")


def readme_blocks() -> list[str]:
    """The Python blocks of the README's "Testing your service" section, in order."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Testing your service\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.DOTALL)


def write_user_tests(directory: Path, blocks: list[str]) -> Path:
    """Write ``blocks`` as ``directory/test_service.py`` (nothing else: no conftest, no configuration)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "test_service.py"
    path.write_text("\n\n".join(blocks), encoding="utf-8")
    return path


def user_env(**extra: str) -> dict[str, str]:
    """This environment without Daytona credentials or recording requests, Python unbuffered."""
    env = {k: v for k, v in os.environ.items() if k not in _FOREIGN and not k.startswith("PYTEST_")}
    env.pop("PYTHONPATH", None)
    env.update({"PYTHONUNBUFFERED": "1", "DAYTONA_EMULATOR_API_KEY": EMULATOR_KEY, **extra})
    return env


def run_pytest(
    python: Path | str, directory: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 300
):
    """``python -m pytest`` in ``directory`` (its own rootdir); returns the finished process (text output)."""
    return subprocess.run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "--setup-show", *args],
        cwd=directory,
        env=env or user_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def cassette_problems(text: str) -> list[str]:
    """What in a cassette's text is a credential or a token."""
    problems = []
    if EMULATOR_KEY in text:
        problems.append("the emulator's API key")
    if re.search(r"bearer", text, re.IGNORECASE):
        problems.append("a Bearer credential")
    if re.search(r"^\s*authorization:", text, re.IGNORECASE | re.MULTILINE):
        problems.append("an Authorization header")
    if re.search(r"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.", text):
        problems.append("a JWT")
    return problems
