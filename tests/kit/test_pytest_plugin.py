"""The testing kit's pytest plugin, as a user's project outside the repository meets it (this environment's install).

The user's test file is the README's example; the plugin comes from the package's ``pytest11`` entry point
(nothing is configured in the user's directory). ``test_wheel_install.py`` does the same from a built wheel in
a fresh virtual environment.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.kit._user_project import cassette_problems, readme_blocks, run_pytest, user_env, write_user_tests

# A user's further tests: a preview token (a secret the service hands out), the sync client, a client made from the
# environment.
EXTRA = """
from pathlib import Path

from facade import AsyncDaytona


@pytest.mark.asyncio
@pytest.mark.daytona_cassette
async def test_preview_token(daytona, daytona_cassette) -> None:
    sandbox = await daytona.create()
    link = await sandbox.get_preview_link(3000)
    if daytona_cassette.recording:
        (Path(__file__).parent / "token.txt").write_text(link.token)
    else:
        assert link.token.startswith("scrubbed-")
    await sandbox.delete()


@pytest.mark.daytona_cassette
def test_sync_client(daytona_sync) -> None:
    sandbox = daytona_sync.create()
    assert sandbox.process.exec("echo synchronous").result.strip() == "synchronous"
    sandbox.delete()


@pytest.mark.asyncio
async def test_client_from_the_environment(daytona_env, daytona_emulator, daytona_fault_proxy) -> None:
    assert daytona_env == (daytona_emulator.api_url, daytona_emulator.api_key)
    assert daytona_fault_proxy.url != daytona_emulator.root_url
    async with AsyncDaytona() as client:
        await client.list()
"""


def test_the_readme_example_records_once_then_replays_offline(tmp_path: Path) -> None:
    blocks = readme_blocks()
    assert len(blocks) == 2, "the README's 'Testing your service' has a service test and a fault test"
    project = tmp_path / "user-project"
    write_user_tests(project, [*blocks, EXTRA])
    cassettes = project / "cassettes" / "test_service"

    first = run_pytest(sys.executable, project)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "5 passed" in first.stdout
    assert "SETUP    S daytona_emulator" in first.stdout  # recorded against the session's emulator
    recorded = {p.name: p.read_text() for p in cassettes.glob("*.yaml")}
    assert set(recorded) == {"test_count_words.yaml", "test_preview_token.yaml", "test_sync_client.yaml"}
    token = (project / "token.txt").read_text()
    assert len(token) >= 6
    for name, text in recorded.items():
        assert cassette_problems(text) == [], name
        assert token not in text, f"{name} holds the preview token"
        assert "http://daytona.test/api/sandbox" in text and "127.0.0.1" not in text, name

    # Replay: no emulator, nothing but loopback reachable, the files untouched.
    cassette_tests = ["-k", "count_words or preview_token or sync_client"]
    second = run_pytest(sys.executable, project, *cassette_tests)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "3 passed" in second.stdout
    assert "daytona_emulator" not in second.stdout
    assert {p.name: p.read_text() for p in cassettes.glob("*.yaml")} == recorded

    # DAYTONA_RECORD=1 records them anew (new sandboxes, new IDs).
    third = run_pytest(sys.executable, project, *cassette_tests, env=user_env(DAYTONA_RECORD="1"))
    assert third.returncode == 0, third.stdout + third.stderr
    assert "SETUP    S daytona_emulator" in third.stdout
    assert (cassettes / "test_count_words.yaml").read_text() != recorded["test_count_words.yaml"]


def test_a_failing_test_leaves_no_cassette(tmp_path: Path) -> None:
    project = tmp_path / "user-project"
    write_user_tests(
        project,
        [
            "import pytest\n\n\n@pytest.mark.asyncio\n@pytest.mark.daytona_cassette\n"
            "async def test_fails(daytona) -> None:\n    await daytona.list()\n    assert False, 'on purpose'\n"
        ],
    )
    result = run_pytest(sys.executable, project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "on purpose" in result.stdout
    assert not (project / "cassettes" / "test_service" / "test_fails.yaml").exists()
