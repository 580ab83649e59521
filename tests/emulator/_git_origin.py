"""A bare git repository on the host, for clone/push/pull tests against the emulator."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def make_origin(tmp_path: Path) -> Path:
    """A bare repository on the host with one commit on `main`."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@e",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@e",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(tmp_path),
    }
    seed, origin = tmp_path / "seed", tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "-b", "main", str(seed)], check=True, env=env)
    (seed / "README.md").write_text("# demo\n")
    subprocess.run(["git", "-C", str(seed), "add", "."], check=True, env=env)
    subprocess.run(["git", "-C", str(seed), "commit", "-q", "-m", "initial"], check=True, env=env)
    subprocess.run(["git", "clone", "-q", "--bare", str(seed), str(origin)], check=True, env=env)
    return origin
