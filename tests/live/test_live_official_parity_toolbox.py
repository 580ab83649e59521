"""Code written for the official SDK's toolbox runs unchanged on the facade.

One coroutine body uses only names both packages export; it runs once with ``import daytona`` and
once with ``import facade`` against the same emulator, and the results must be equal. Only the module
passed in differs, as only the import line would in a user's service.
"""

from __future__ import annotations

import base64
import subprocess
import types
from pathlib import Path
from typing import Any

import daytona
import pytest

import facade
from daytona_emulator.server import RunningEmulator


def _local_repo(tmp_path: Path) -> str:
    repo = tmp_path / "origin"
    repo.mkdir(parents=True)
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e"}
    for args in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "first"]):
        if args[0] == "add":
            (repo / "app.py").write_text("def greet():\n    return 'hi'\n")
        subprocess.run(["git", *args], cwd=repo, check=True, env={**env, "PATH": "/usr/bin:/bin"})
    return f"file://{repo}"


async def toolbox_session(sdk: types.ModuleType, api_key: str, api_url: str, repo_url: str) -> dict[str, Any]:
    """Typical toolbox code, as a user of the official SDK writes it."""
    async with sdk.AsyncDaytona(sdk.DaytonaConfig(api_key=api_key, api_url=api_url)) as client:
        sandbox = await client.create(sdk.CreateSandboxFromSnapshotParams(language="python"), timeout=60)
        try:
            fs, git, process = sandbox.fs, sandbox.git, sandbox.process
            await fs.create_folder("work", "755")
            await fs.upload_file(b"alpha\nbeta\n", "work/notes.txt")
            await fs.upload_files([sdk.FileUpload(source=b"x = 1\n", destination="work/mod.py")])
            listed = sorted(f.name for f in await fs.list_files("work"))
            found = [(m.line, m.content) for m in await fs.find_files("work", "beta")]
            searched = sorted(Path(p).name for p in (await fs.search_files("work", "*.py")).files)
            await fs.replace_in_files(["work/notes.txt"], "beta", "gamma")
            downloaded = await fs.download_file("work/notes.txt")
            info = await fs.get_file_info("work/notes.txt")

            await git.clone(repo_url, "repo")
            status = await git.status("repo")
            await fs.upload_file(b"print('new')\n", "repo/new.py")
            await git.add("repo", ["new.py"])
            commit = await git.commit("repo", "add new", "Dev", "dev@example.com")
            branches = (await git.branches("repo")).branches

            executed = await process.exec("echo parity")
            ran = await process.code_run("print(6 * 7)")
            await process.create_session("s1")
            command = await process.execute_session_command(
                "s1", sdk.SessionExecuteRequest(command="echo out; echo err >&2", run_async=True)
            )
            out: list[str] = []
            err: list[str] = []
            await process.get_session_command_logs_async("s1", command.cmd_id, out.append, err.append)
            await process.delete_session("s1")

            await sandbox.code_interpreter.run_code("counter = 41")
            interpreted = await sandbox.code_interpreter.run_code("counter += 1\nprint(counter)")

            await sandbox.computer_use.start()  # no X display (so no screenshot) before the desktop starts
            shot = await sandbox.computer_use.screenshot.take_full_screen()

            lsp = sandbox.create_lsp_server("python", "repo")
            await lsp.start()
            await lsp.did_open("repo/app.py")
            symbols = sorted(s.name for s in await lsp.document_symbols("repo/app.py"))
            await lsp.stop()
            return {
                "listed": listed,
                "found": found,
                "searched": searched,
                "downloaded": downloaded,
                "size": info.size,
                "branch": status.current_branch,
                "sha_len": len(commit.sha),
                "branches": branches,
                "exec": (executed.exit_code, executed.result.strip()),
                "code_run": (ran.exit_code, ran.result.strip()),
                "logs": ("".join(out).strip(), "".join(err).strip()),
                "interpreter": interpreted.stdout.strip(),
                "png": base64.b64decode(shot.screenshot)[:8] == b"\x89PNG\r\n\x1a\n",
                "symbols": symbols,
            }
        finally:
            await client.delete(sandbox)


@pytest.mark.parametrize("sdk", [daytona, facade], ids=["official", "facade"])
async def test_official_toolbox_code_runs_on_both(
    sdk: types.ModuleType, emulator: RunningEmulator, tmp_path: Path
) -> None:
    repo_url = _local_repo(tmp_path)
    result = await toolbox_session(sdk, emulator.api_key, emulator.base_url, repo_url)
    assert result == {
        "listed": ["mod.py", "notes.txt"],
        "found": [(2, "beta")],
        "searched": ["mod.py"],
        "downloaded": b"alpha\ngamma\n",
        "size": len(b"alpha\ngamma\n"),
        "branch": "main",
        "sha_len": 40,
        "branches": ["main"],
        "exec": (0, "parity"),
        "code_run": (0, "42"),
        "logs": ("out", "err"),
        "interpreter": "42",
        "png": True,
        "symbols": ["greet"],
    }
