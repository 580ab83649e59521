"""The object storage behind ``/object-storage/push-access``: where SDKs upload image build contexts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from emulator.control.records import new_token

if TYPE_CHECKING:
    from emulator.state import EmulatorState

BUCKET = "daytona"


class ObjectStorage:
    """Temporary credentials for the organization's prefix of the build-context bucket."""

    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    def push_access(self, organization_id: str) -> dict[str, Any]:
        return {
            "accessKey": "ASIA" + new_token(12).upper()[:16],
            "secret": new_token(30),
            "sessionToken": new_token(48),
            "storageUrl": "http://127.0.0.1:9000",
            "organizationId": organization_id,
            "bucket": BUCKET,
        }

    def context_problem(self, organization_id: str, hashes: list[str]) -> str | None:
        """Why a build cannot fetch these context objects, or None when it can."""
        return None
