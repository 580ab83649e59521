"""An example service built on the facade: one sandbox's whole life, step by step.

    python scripts/demo.py

Without ``DAYTONA_API_KEY`` in the environment it starts the local emulator (``python -m daytona_emulator``, a
child process on a free port: :mod:`daytona_emulator.process`) and points the client at it; with it, it talks to
the real service (``DAYTONA_API_URL`` optional). It creates a sandbox and waits for it, labels it, gets a preview
link, lists sandboxes, runs Python code in it, uploads a file and downloads it back (checking the bytes), runs a
session command while streaming its logs, clones a git repository, then stops and deletes the sandbox. Every step
is printed; the exit status is non-zero if any step fails.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack, ExitStack
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from daytona_emulator.process import emulator_process

LABEL = {"app": "facade-demo"}
PUBLIC_REPO = "https://github.com/octocat/Hello-World.git"


class Skipped(Exception):
    """A step that cannot run here (the reason is printed)."""


class Demo:
    def __init__(self) -> None:
        self.failures: list[str] = []
        self.skipped: list[str] = []
        self.number = 0

    async def step(self, title: str, action: Callable[[], Awaitable[str | None]]) -> bool:
        self.number += 1
        print(f"\n[{self.number}] {title}", flush=True)
        start = time.perf_counter()
        try:
            detail = await action()
        except Skipped as reason:
            self.skipped.append(title)
            print(f"    skipped: {reason}")
            return False
        except Exception as exc:
            self.failures.append(title)
            print(f"    FAILED: {type(exc).__name__}: {exc}")
            traceback.print_exc(limit=4, file=sys.stdout)
            return False
        for line in (detail or "").splitlines():
            print(f"    {line}")
        print(f"    ok ({(time.perf_counter() - start) * 1000:.0f} ms)", flush=True)
        return True


def require(obj: Any, *names: str) -> None:
    """Skip the step when the facade does not have one of these methods yet."""
    missing = [n for n in names if not callable(getattr(obj, n, None))]
    if missing:
        raise Skipped(f"not implemented yet ({type(obj).__name__}.{', '.join(missing)})")


def mask(secret: str | None) -> str:
    if not secret:
        return "(none)"
    return f"(hidden, {len(secret)} characters)"


def make_local_repo(root: Path) -> Path:
    """A small git repository (two commits, two branches) in ``root/demo-repo``."""
    git = shutil.which("git")
    if git is None:
        raise Skipped("git is not installed on this machine")
    repo = root / "demo-repo"
    repo.mkdir()
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Demo",
        "GIT_AUTHOR_EMAIL": "demo@example.com",
        "GIT_COMMITTER_NAME": "Demo",
        "GIT_COMMITTER_EMAIL": "demo@example.com",
    }

    def run(*args: str) -> None:
        subprocess.run([git, *args], cwd=repo, env=env, check=True, capture_output=True)

    run("init", "-q", "-b", "main")
    (repo / "README.md").write_text("# Demo repository\n\nCloned into a Daytona sandbox by scripts/demo.py.\n")
    run("add", "README.md")
    run("commit", "-q", "-m", "Add README")
    (repo / "hello.py").write_text('print("hello from the cloned repository")\n')
    run("add", "hello.py")
    run("commit", "-q", "-m", "Add hello.py")
    run("branch", "feature")
    return repo


async def run_demo(api_url: str, api_key: str, local: bool) -> int:
    from facade import AsyncDaytona, CreateSandboxFromSnapshotParams, DaytonaConfig

    demo = Demo()
    print(f"Daytona API: {api_url} ({'local emulator' if local else 'real service'})")
    async with AsyncExitStack() as stack:
        daytona = await stack.enter_async_context(AsyncDaytona(DaytonaConfig(api_key=api_key, api_url=api_url)))
        sandbox: Any = None

        async def create() -> str:
            nonlocal sandbox
            params = CreateSandboxFromSnapshotParams(language="python", labels=dict(LABEL), env_vars={"DEMO": "1"})
            sandbox = await daytona.create(params, timeout=120)
            return f"sandbox {sandbox.id} created, state {sandbox.state}"

        if not await demo.step("Create a Python sandbox", create):
            return finish(demo)

        async def wait() -> str:
            await sandbox.wait_for_sandbox_start(timeout=60)
            return f"state {sandbox.state}; {sandbox.cpu} CPU, {sandbox.memory} GiB memory, {sandbox.disk} GiB disk"

        async def labels() -> str:
            new = await sandbox.set_labels({**LABEL, "stage": "demo", "owner": "scripts-demo"})
            return f"labels now {new}"

        async def preview() -> str:
            link = await sandbox.get_preview_link(3000)
            return f"port 3000 is served at {link.url} (token {mask(link.token)})"

        async def listing() -> str:
            found = await daytona.list(dict(LABEL))
            ids = [s.id for s in found]
            if sandbox.id not in ids:
                raise AssertionError(f"{sandbox.id} is not in the list {ids}")
            return f"{len(found)} sandbox(es) labelled {LABEL}: {', '.join(ids)}"

        async def code() -> str:
            process = sandbox.process
            require(process, "code_run")
            response = await process.code_run(
                "import sys\nprint(f'sum={sum(range(10))} on Python {sys.version_info[0]}')"
            )
            if response.exit_code != 0 or "sum=45" not in response.result:
                raise AssertionError(f"unexpected result: exit {response.exit_code}, output {response.result!r}")
            return f"exit code {response.exit_code}, output {response.result.strip()!r}"

        async def files() -> str:
            fs = sandbox.fs
            require(fs, "upload_file", "download_file")
            payload = (b"Daytona demo file\n" + bytes(range(256))) * 64
            await fs.upload_file(payload, "demo/data.bin")
            back = await fs.download_file("demo/data.bin")
            if back != payload:
                raise AssertionError(f"downloaded {len(back)} bytes differ from the {len(payload)} uploaded")
            return f"uploaded and downloaded {len(payload)} bytes: identical"

        async def session() -> str:
            process = sandbox.process
            require(process, "create_session", "execute_session_command", "get_session_command_logs_async")
            try:
                from facade import SessionExecuteRequest
            except ImportError:  # not exported at the top level (yet)
                from facade._process import SessionExecuteRequest

            session_id = "demo-session"
            await process.create_session(session_id)
            command = "for i in 1 2 3; do echo line $i; sleep 0.2; done; echo done >&2"
            started = await process.execute_session_command(
                session_id, SessionExecuteRequest(command=command, run_async=True)
            )
            out: list[str] = []
            err: list[str] = []

            def on_stdout(chunk: str) -> None:
                out.append(chunk)
                print(f"    | stdout: {chunk.rstrip()}", flush=True)

            def on_stderr(chunk: str) -> None:
                err.append(chunk)
                print(f"    | stderr: {chunk.rstrip()}", flush=True)

            await asyncio.wait_for(
                process.get_session_command_logs_async(session_id, started.cmd_id, on_stdout, on_stderr), timeout=60
            )
            finished = await process.get_session_command(session_id, started.cmd_id)
            await process.delete_session(session_id)
            if "line 3" not in "".join(out) or "done" not in "".join(err):
                raise AssertionError(f"streamed stdout {''.join(out)!r}, stderr {''.join(err)!r}")
            return f"command {started.cmd_id} exited with {finished.exit_code}"

        async def clone() -> str:
            git = sandbox.git
            require(git, "clone", "status", "branches")
            with ExitStack() as cleanup:
                if local:
                    root = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="demo-git-")))
                    url = str(make_local_repo(root))
                else:
                    url = PUBLIC_REPO
                await git.clone(url, "demo-repo")
            status = await git.status("demo-repo")
            branches = await git.branches("demo-repo")
            listing = (
                await sandbox.fs.list_files("demo-repo") if callable(getattr(sandbox.fs, "list_files", None)) else []
            )
            names = sorted(f.name for f in listing)
            return f"cloned {url}\non branch {status.current_branch}; branches {branches.branches}; files {names}"

        async def stop() -> str:
            await sandbox.stop(timeout=60)
            return f"state {sandbox.state}"

        async def delete() -> str:
            await sandbox.delete(timeout=60)
            return f"sandbox {sandbox.id} deleted"

        for title, action in [
            ("Wait for the sandbox to be started", wait),
            ("Set labels", labels),
            ("Get a preview link", preview),
            ("List sandboxes by label", listing),
            ("Run Python code (process.code_run)", code),
            ("Upload a file and download it back", files),
            ("Run a session command and stream its logs", session),
            ("Clone a git repository", clone),
            ("Stop the sandbox", stop),
        ]:
            await demo.step(title, action)
        await demo.step("Delete the sandbox", delete)
    return finish(demo)


def finish(demo: Demo) -> int:
    print()
    if demo.skipped:
        print(f"skipped {len(demo.skipped)} step(s): {', '.join(demo.skipped)}")
    if demo.failures:
        print(f"FAILED {len(demo.failures)} step(s): {', '.join(demo.failures)}")
        return 1
    print(f"demo finished: {demo.number} steps, all good")
    return 0


def main() -> int:
    api_key = os.environ.get("DAYTONA_API_KEY", "").strip()
    if api_key:
        api_url = os.environ.get("DAYTONA_API_URL", "").strip() or "https://app.daytona.io/api"
        return asyncio.run(run_demo(api_url, api_key, local=False))
    print("DAYTONA_API_KEY is not set: starting the local emulator")
    with emulator_process(api_key="demo-emulator-key") as emulator:
        return asyncio.run(run_demo(emulator.api_url, emulator.api_key, local=True))


if __name__ == "__main__":
    sys.exit(main())
