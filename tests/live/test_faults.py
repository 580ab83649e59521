"""Faults that reach a user: none raw, duplicated or leaked (issue #10), each against the emulator.

The emulator's fault hooks (``daytona_emulator.control.faults``) answer a planned status, cut an answer
mid-body or redirect, before or *after* the server acted, on the Nth matching request.
"""

from __future__ import annotations

import contextlib
import logging

import pytest
from _live_support import Journal, Sent

from daytona_emulator.server import RunningEmulator
from facade import (
    AsyncDaytona,
    AsyncSandbox,
    CreateSandboxFromSnapshotParams,
    DaytonaAuthorizationError,
    DaytonaError,
    DaytonaServerError,
    DaytonaValidationError,
)

SANDBOX_PATH = r"/api/sandbox/[0-9a-f-]{36}$"


async def test_no_token_reaches_any_log_record_at_any_level(
    sandbox: AsyncSandbox, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, ours and the libraries' (httpx logs URLs at INFO)
    ssh = await sandbox.create_ssh_access(expires_in_minutes=5)
    with contextlib.suppress(DaytonaAuthorizationError):  # the SSH gateway's call: a user key is refused
        await sandbox.validate_ssh_access(ssh.token)
    await sandbox.revoke_ssh_access(ssh.token)
    signed = await sandbox.create_signed_preview_url(8080, expires_in_seconds=60)
    await sandbox.expire_signed_preview_url(8080, signed.token)
    assert caplog.records, "the libraries log requests at INFO: something must have been logged"
    for record in caplog.records:
        text = f"{record.getMessage()} {record.args!r} {getattr(record, 'url', '')}"
        assert ssh.token not in text and signed.token not in text, f"{record.name}: {record.getMessage()}"


async def test_a_get_cut_mid_body_is_retried(
    daytona: AsyncDaytona, sandbox: AsyncSandbox, emulator: RunningEmulator, journal: Journal
) -> None:
    emulator.state.faults.add("GET", rf"/api/sandbox/{sandbox.id}$", kind="cut", cut_after=40, after=True)
    again = await daytona.get(sandbox.id)
    assert again.id == sandbox.id and again.state == "started"
    assert len(journal.matching("GET", f"/sandbox/{sandbox.id}")) == 2, "one cut answer, one retry"


async def test_create_failing_after_the_server_accepted_carries_the_sandbox(
    daytona: AsyncDaytona, emulator: RunningEmulator, slow_transitions: object
) -> None:
    slow_transitions(1.0)  # type: ignore[operator]  # create answers before the sandbox is started
    emulator.state.faults.add("GET", SANDBOX_PATH, status=500, times=None)
    with pytest.raises(DaytonaServerError) as caught:
        await daytona.create(timeout=120)
    emulator.state.faults.clear()
    left = caught.value.sandbox
    assert isinstance(left, AsyncSandbox) and left.id and left.name, "the error names the sandbox to clean up"
    assert left.id in str(caught.value)
    assert (await daytona.get(left.id)).id == left.id, "it exists on the server"
    await left.delete(timeout=120)


async def test_errors_of_plain_calls_carry_no_sandbox(daytona: AsyncDaytona) -> None:
    with pytest.raises(DaytonaError) as caught:
        await daytona.get("no-such-sandbox")
    assert caught.value.sandbox is None


async def test_a_redirect_is_a_typed_error_naming_where_it_pointed(
    daytona: AsyncDaytona, emulator: RunningEmulator
) -> None:
    location = "https://elsewhere.invalid/api/sandbox?token=do-not-show"
    emulator.state.faults.add("GET", r"/api/sandbox$", kind="redirect", status=301, location=location)
    with pytest.raises(DaytonaError) as caught:
        await daytona.list()
    assert caught.value.status_code == 301
    assert "https://elsewhere.invalid/api/sandbox" in str(caught.value) and "do-not-show" not in str(caught.value)


async def test_a_corrupt_gzip_body_is_a_typed_error(daytona: AsyncDaytona, emulator: RunningEmulator) -> None:
    emulator.state.faults.add("GET", r"/api/sandbox$", kind="gzip", times=None)
    with pytest.raises(DaytonaError) as caught:
        await daytona.list()
    assert str(caught.value).startswith("Failed to list sandboxes: "), str(caught.value)


UNDECODABLE = "caf\udce9.txt"  # what os.listdir returns for a name that is not valid UTF-8


async def test_text_that_is_not_utf8_is_refused_before_sending(sandbox: AsyncSandbox, sent: Sent) -> None:
    before = len(sent.requests)
    for call in (
        sandbox.fs.upload_file(b"x", UNDECODABLE),
        sandbox.fs.download_file(UNDECODABLE),
        sandbox.process.exec(f"cat {UNDECODABLE}"),
    ):
        with pytest.raises(DaytonaValidationError, match="not valid UTF-8"):
            await call
    assert len(sent.requests) == before, "nothing was sent"


async def test_an_empty_name_is_refused_before_sending(daytona: AsyncDaytona, sent: Sent) -> None:
    with pytest.raises(DaytonaValidationError, match=r"^name must not be empty"):
        await daytona.create(CreateSandboxFromSnapshotParams(name=""))
    assert not sent.requests
