"""Configuration of one emulator instance."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class EmulatorSettings:
    """Knobs of the emulator. Every field has a default suited to tests.

    ``transition_delay`` is how long each intermediate lifecycle state lasts (``creating``,
    ``starting``, ``stopping``, ``archiving``, ``resizing``, ...). ``build_duration`` is how long an
    image build (``building_snapshot`` of a sandbox, ``building``/``pulling`` of a snapshot) lasts;
    the official SDK only looks at a snapshot's state once a second, so a build shorter than that
    is never seen in progress. Both may be 0, which makes every transition immediate.
    ``sandbox_isolation`` gives each sandbox its own mount and PID namespaces where the machine allows
    it (Linux, root, util-linux ``unshare``); False (or ``DAYTONA_EMULATOR_ISOLATION=off``) runs sandbox
    processes on the host instead.
    """

    api_key: str = "emulator-api-key"
    transition_delay: float = 0.2
    build_duration: float = 1.2
    host: str = "127.0.0.1"
    port: int = 0
    data_dir: Path | None = None
    organization_id: str = "0e6b2ec8-6f4a-4c8e-9a55-1f6f0f0e0001"
    default_region: str = "us"
    regions: tuple[str, ...] = ("us", "eu")
    default_snapshot: str = "daytonaio/sandbox:0.5.0"
    default_user: str = "daytona"
    default_cpu: int = 1
    default_memory_gib: int = 1
    default_disk_gib: int = 3
    build_fail_marker: str = "emulator-fail-build"
    version: str = "0.190.0-emulator"
    extra_api_keys: tuple[str, ...] = field(default_factory=tuple)
    sandbox_isolation: bool = True

    def __post_init__(self) -> None:
        if self.transition_delay < 0 or self.build_duration < 0:
            raise ValueError("delays must be non-negative")
        if self.data_dir is not None:
            self.data_dir = Path(self.data_dir)

    def accepts_token(self, token: str) -> bool:
        return token == self.api_key or token in self.extra_api_keys
