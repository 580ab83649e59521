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
    # The key /health/ready answers (the API's HEALTH_CHECK_API_KEY); None: no key opens it.
    health_check_api_key: str | None = "emulator-health-check-key"
    # Whether sandboxes have the computer-use plugin (Daytona's sandbox image ships it); without it every
    # /computeruse route but the recordings answers 503, as the daemon does when the plugin failed to load.
    computer_use_plugin: bool = True

    def __post_init__(self) -> None:
        if self.transition_delay < 0 or self.build_duration < 0:
            raise ValueError("delays must be non-negative")
        if self.data_dir is not None:
            self.data_dir = Path(self.data_dir)

    def accepts_token(self, token: str) -> bool:
        return token == self.api_key or token in self.extra_api_keys or token == self.health_check_api_key
